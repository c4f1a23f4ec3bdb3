import type { Root } from 'mdast';
import type { Data } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { remarkAutolinkLiteralsWhenNeeded } from '../../src/markdown/autolink-literals.js';

function transforms(data: Data): number {
  return (data.fromMarkdownExtensions ?? []).flat().reduce((sum, extension) => sum + (extension.transforms ?? []).length, 0);
}

describe('remarkAutolinkLiteralsWhenNeeded', () => {
  const full = unified().use(remarkParse).use(remarkGfm).freeze();
  const lazy = unified().use(remarkParse).use(remarkGfm).use(remarkAutolinkLiteralsWhenNeeded).freeze();
  const tree = (processor: { parse(markdown: string): Root; runSync(node: Root): unknown }, markdown: string): unknown => processor.runSync(processor.parse(markdown));

  it('takes remark-gfm’s literal-autolink transform out of the parser', () => {
    expect(transforms(full.data())).toBe(1);
    expect(transforms(lazy.data())).toBe(0);
  });

  it('gives the same tree with and without candidate text, links only the transform finds included', () => {
    for (const markdown of ['plain text only\n', 'see www.example.org and a@b.co\n', '![i](https://x.org/i.png) no link in text\n', 'mailto:a@b.co xmpp:a@b.co/x HTTPS://X.ORG\n', '&#x77;ww.example.com\n', '_a@b.co_\n', 'h&#116;tp://x.org\n']) {
      expect(tree(lazy, markdown)).toEqual(tree(full, markdown));
    }
  });
});
