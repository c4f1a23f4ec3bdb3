import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { leanParser } from '../../src/markdown/lean-parse.js';

const fullProcessor = unified().use(remarkParse).use(remarkGfm).freeze();
const full = (markdown: string): Root => fullProcessor.runSync(fullProcessor.parse(markdown)) as Root;

/** The lean parser, and how many texts it handed to the full one. */
function counted(): { parse: (markdown: string) => Root; fullParses: () => number } {
  let calls = 0;
  const parse = leanParser((markdown) => {
    calls += 1;
    return full(markdown);
  });
  return { parse, fullParses: () => calls };
}

// Pieces of Markdown that start, end or look like GFM constructs, and ones that do not.
const PIECES = [
  '|', ' | ', '| a | b |', '|---|---|', ':-', '-:', ':--:', '---', '-', ':', '~', '~~', '~~gone~~', '[^1]', '[^1]: note', '[^', '^', '[', ']', '[ ]', '[x]', '[X]', '[\t]',
  '- ', '* ', '1. ', '> ', '  ', '    ', '#', '## ', '`', '```', '\\', '*', '_', '**', '(', ')', '<', '>', '<b>', '<!-- more -->', '&#64;', '&amp;', '!',
  '[a](https://x.org/p)', '![alt](https://x.org/i.png "t")', '<https://x.org>', 'www.x.org', 'WWW.X.ORG', 'http://x.org/a', 'HTTPS://x.org', 'a@b.co', 'mailto:a@b.co', 'xmpp:a@b.co',
  'www', 'http', 'w', 'h', 'x', 'text', '容器 网络', '。', ' ', '\n', '\n', '\n\n', '\t',
];
const markdown = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('leanParser', () => {
  it('gives the full parser’s tree, positions included, on generated Markdown (3,000 cases)', () => {
    const { parse } = counted();
    fc.assert(
      fc.property(markdown, (text) => {
        expect(parse(text)).toEqual(full(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a one-column table without a pipe', 'a\n:-\nb\n'],
    ['a right-aligned one', 'head\n-:\ncell\n'],
    ['a task whose check spans lines', '- [\n  ] done\n'],
    ['a task inside a quote', '> - [\n> ] quoted\n'],
    ['a checked task', '- [X] done\n'],
    ['a footnote', 'Text[^n].\n\n[^n]: The note.\n'],
    ['strikethrough', 'a ~b~ and ~~c~~\n'],
    ['a literal only the transform finds', '&#x77;ww.example.com and _a@b.co_\n'],
    ['a literal in an image’s label', '![see www.x.org](/i.png)\n'],
    ['a literal next to emphasis', 'http://x.org/*a*_b_\n'],
  ])('gives the full tree for %s', (_name, text) => {
    expect(counted().parse(text)).toEqual(full(text));
  });

  it('parses in full only texts where a literal autolink could be', () => {
    const { parse, fullParses } = counted();
    parse('# 会议笔记\n\n![slide](https://example.org/s.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[link](http://x.org)\n');
    expect(fullParses()).toBe(0);
    parse('Slides at www.example.org.\n');
    parse('Ask @speaker.\n');
    expect(fullParses()).toBe(2);
  });

  it('gives the full tree on the sample posts', async () => {
    const dir = path.join(import.meta.dirname, '..', '..', 'posts');
    for (const name of await readdir(dir)) {
      const text = await readFile(path.join(dir, name), 'utf8');
      expect(counted().parse(text)).toEqual(full(text));
    }
  });
});
