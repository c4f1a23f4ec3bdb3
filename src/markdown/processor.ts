// The unified chain, built once per build and applied to each post: a pure
// function of the Markdown text and the options, so it can be cached and run in workers.
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import rehypeHighlight from 'rehype-highlight';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { countScripts } from '../render/language.js';
import type { Heading, RenderedMarkdown } from '../types.js';
import { makeExcerpt } from './excerpt.js';
import { rehypeImages } from './rehype-images.js';
import { SANITIZE_SCHEMA } from './sanitize.js';
import { buildToc } from './toc.js';

export interface MarkdownOptions {
  readonly basePath: string;
  /** Deepest heading level in the TOC (default 3). */
  readonly tocDepth?: number;
  /** Always run rehype-raw, even without raw HTML (to prove skipping it changes nothing). */
  readonly alwaysRaw?: boolean;
  /** Clean raw HTML with rehype-sanitize (see sanitize.ts). Default false: raw HTML is kept. */
  readonly sanitize?: boolean;
}

export type MarkdownRenderer = (markdown: string) => RenderedMarkdown;

const HEADING = /^h([1-6])$/;

/** Builds the unified processor once and returns a function that renders one post. */
export function createMarkdownRenderer(options: MarkdownOptions): MarkdownRenderer {
  const chain = (raw: boolean) =>
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(raw ? [rehypeRaw] : [rehypeDataAttributesAsText])
      .use(options.sanitize === true ? [[rehypeSanitize, SANITIZE_SCHEMA]] : [])
      .use(rehypeSlug)
      .use(rehypeHighlight, { detect: false })
      .use(rehypeImages, { basePath: options.basePath })
      .use(rehypeStringify, { allowDangerousHtml: true })
      .freeze();
  // rehype-raw re-parses the whole tree with parse5; posts without raw HTML skip it
  // (never when sanitizing: the sanitizer must see every raw node parsed).
  const withRaw = chain(true);
  const withoutRaw = chain(false);

  return (markdown) => {
    const processor = options.alwaysRaw === true || options.sanitize === true || hasRawHtml(markdown) ? withRaw : withoutRaw;
    const tree = processor.runSync(processor.parse(markdown)) as Root;
    const headings = collectHeadings(tree);
    demoteHeadings(tree, headings);
    const text = toString(tree).replace(/\s+/g, ' ').trim();
    return {
      html: processor.stringify(tree),
      headings,
      toc: buildToc(headings, options.tocDepth ?? 3),
      more: contentBeforeMore(tree),
      autoExcerpt: makeExcerpt(excerptSource(tree)),
      ...countWords(text),
      images: collectImages(tree),
      scripts: countScripts(text),
    };
  };
}

/**
 * Without rehype-raw, remark-gfm's boolean `data-*` attributes (`data-footnote-ref`)
 * stay `true` and serialize bare; parse5 would have made them `""`. Matching that keeps
 * the output byte-identical whichever path a post takes.
 */
function rehypeDataAttributesAsText() {
  return (tree: Root): undefined => {
    visit(tree, 'element', (node: Element) => {
      for (const [key, value] of Object.entries(node.properties)) if (value === true && key.startsWith('data')) node.properties[key] = '';
    });
    return undefined;
  };
}

const MORE = /<!--\s*more\s*-->/gi;

/** True when the Markdown holds raw HTML other than `<!-- more -->` markers. */
export function hasRawHtml(markdown: string): boolean {
  return /<[a-z/!?]/i.test(markdown.replace(MORE, ''));
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Counts CJK characters and the remaining space-separated words separately. */
export function countWords(text: string): { cjkCharacters: number; words: number } {
  const cjkCharacters = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, ' ').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return { cjkCharacters, words };
}

function collectImages(tree: Root): string[] {
  const images: string[] = [];
  visit(tree, 'element', (node: Element) => {
    const src = node.properties['src'];
    if (node.tagName === 'img' && typeof src === 'string' && src !== '') images.push(src);
  });
  return images;
}

function collectHeadings(tree: Root): Heading[] {
  const headings: Heading[] = [];
  const walk = (nodes: readonly (RootContent | ElementContent)[]): void => {
    for (const node of nodes) {
      // Skip remark-gfm's footnote section and its screen-reader "Footnotes" heading.
      if (node.type !== 'element' || node.properties['dataFootnotes'] !== undefined) continue;
      const depth = HEADING.exec(node.tagName)?.[1];
      if (depth !== undefined && typeof node.properties['id'] === 'string') {
        headings.push({ depth: Number(depth), id: node.properties['id'], text: toString(node).trim() });
      } else {
        walk(node.children);
      }
    }
  };
  walk(tree.children);
  return headings;
}

/**
 * The page's only `<h1>` is the post title, so a post that uses `#` headings has every
 * heading moved down one level (h1 → h2 … h5 → h6). `Heading.depth` keeps the level as
 * written, which the TOC uses.
 */
function demoteHeadings(tree: Root, headings: readonly Heading[]): void {
  if (!headings.some((heading) => heading.depth === 1)) return;
  visit(tree, 'element', (node: Element) => {
    const depth = HEADING.exec(node.tagName)?.[1];
    if (depth !== undefined) node.tagName = `h${Math.min(6, Number(depth) + 1)}`;
  });
}

/** The top-level nodes before a `<!-- more -->` comment (any case and spacing), if there is one. */
function contentBeforeMore(tree: Root): RenderedMarkdown['more'] {
  // A comment node after rehype-raw; the raw marker itself when rehype-raw was skipped.
  const index = tree.children.findIndex((node) => (node.type === 'comment' && node.value.trim().toLowerCase() === 'more') || (node.type === 'raw' && /^<!--\s*more\s*-->$/i.test(node.value.trim())));
  if (index === -1) return undefined;
  const before: Root = { type: 'root', children: tree.children.slice(0, index) };
  return { html: toHtml(before).trim(), text: toString(before).replace(/\s+/g, ' ').trim() };
}

/** Paragraph texts for the automatic excerpt; falls back to any non-heading text. */
function excerptSource(tree: Root): string[] {
  const elements = tree.children.filter((node): node is Element => node.type === 'element');
  const paragraphs = elements.filter((node) => node.tagName === 'p').map((node) => toString(node));
  if (paragraphs.some((p) => p.trim() !== '')) return paragraphs;
  const blocks = elements.filter((node) => !HEADING.test(node.tagName)).map((node) => toString(node));
  if (blocks.some((b) => b.trim() !== '')) return blocks;
  return elements.map((node) => toString(node));
}
