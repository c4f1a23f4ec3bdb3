// Parsing with fewer of remark-gfm's syntax extensions when they could not change the tree.
// micromark tries each extension's constructs at every character that could start them:
// literal autolinks at every letter and digit (an e-mail address starts anywhere), so on
// conference notes they cost about a third of parsing; tables, strikethrough, footnotes and
// task lists cost about as much again. Most posts need few of them or none.
import type { Nodes, Root } from 'mdast';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { AUTOLINK_CANDIDATE } from './autolink-literals.js';

/**
 * Characters without which no GFM table, strikethrough, footnote or task-list item can
 * occur. A table's delimiter row holds a `|`, or a `:` next to a `-` (`:-`, `-:`: a
 * one-column table needs no pipe); strikethrough needs `~`; a footnote definition starts
 * `[^`, and a call needs a definition; a task's check is `[` then one space, tab, line
 * ending, `x` or `X`, then `]`, where container prefixes (indentation, `>`) may stand
 * after a line ending. Any match sends the text to a parser with these constructs.
 */
const GFM_BLOCKS_AND_SPANS = /\||:-|-:|~|\[\^|\[[\s>]*\]|\[[xX]\]/;

/** remark-gfm without literal autolinks: its syntax and tree extensions but those. */
function remarkGfmWithoutLiterals(this: Processor): undefined {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()];
  // Literal autolinks' tree extension is the one that handles their tokens (and adds the transform).
  const others = gfmFromMarkdown().filter((extension) => extension.enter?.['literalAutolink'] === undefined);
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), ...others];
  return undefined;
}

const commonmark = unified().use(remarkParse).freeze();
const gfmWithoutLiterals = unified().use(remarkParse).use(remarkGfmWithoutLiterals).freeze();

/**
 * Wraps the full parser (remark-parse with remark-gfm): the text is parsed first without
 * the GFM constructs it cannot hold, and without literal autolinks. Only if that tree has
 * text where a literal autolink could be found is it parsed again in full.
 *
 * Why the lean tree is then the full one. A literal autolink begins with `www.`, `http://`
 * or `https://` (any case), or holds an `@`. None of those characters starts a construct,
 * so in the lean tree they lie in a text node, unless a construct that began earlier holds
 * them (a code span, raw HTML, an `<autolink>`, a link destination or title), and that
 * construct begins and holds them the same way in the full parse, where no literal can
 * begin inside it. (An image's label becomes the same plain `alt` either way; it is
 * checked too, at no cost.) Without literal autolinks, the other extensions' constructs
 * need the characters above.
 * The tests compare both parsers, positions included, on generated Markdown.
 */
export function leanParser(full: (markdown: string) => Root): (markdown: string) => Root {
  return (markdown) => {
    const lean = (GFM_BLOCKS_AND_SPANS.test(markdown) ? gfmWithoutLiterals : commonmark).parse(markdown);
    return mayHoldLiteralAutolink(lean) ? full(markdown) : lean;
  };
}

function mayHoldLiteralAutolink(node: Nodes): boolean {
  if (node.type === 'text') return AUTOLINK_CANDIDATE.test(node.value);
  if (node.type === 'image' || node.type === 'imageReference') return AUTOLINK_CANDIDATE.test(node.alt ?? '');
  return 'children' in node && node.children.some(mayHoldLiteralAutolink);
}
