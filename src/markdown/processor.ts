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
import { countScripts } from '../render/language.js';
import type { Heading, RenderedMarkdown } from '../types.js';
import { remarkAutolinkLiteralsWhenNeeded } from './autolink-literals.js';
import { makeExcerpt } from './excerpt.js';
import { leanParser } from './lean-parse.js';
import { rehypeHighlightOnPre, rehypeSlugOnHeadings } from './narrow.js';
import { rehypeImages } from './rehype-images.js';
import { SANITIZE_SCHEMA } from './sanitize.js';
import { buildToc } from './toc.js';
import { countWords } from './words.js';

export interface MarkdownOptions {
  readonly basePath: string;
  /** Deepest heading level in the TOC (default 3). */
  readonly tocDepth?: number;
  /** Always run rehype-raw, even without raw HTML (to prove skipping it changes nothing). */
  readonly alwaysRaw?: boolean;
  /**
   * Run every plugin in full: all of remark-gfm's syntax on every text (lean-parse.ts), its
   * literal-autolink transform on every tree, and rehype-slug and rehype-highlight on the
   * whole tree (to prove the shortcuts change nothing).
   */
  readonly fullPlugins?: boolean;
  /** Clean raw HTML with rehype-sanitize (see sanitize.ts). Default false: raw HTML is kept. */
  readonly sanitize?: boolean;
}

export type MarkdownRenderer = (markdown: string) => RenderedMarkdown;

const HEADING = /^h([1-6])$/;
const HIGHLIGHT = { detect: false } as const;

/** Builds the unified processor once and returns a function that renders one post. */
export function createMarkdownRenderer(options: MarkdownOptions): MarkdownRenderer {
  const chain = (raw: boolean) =>
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(options.fullPlugins === true ? [] : [remarkAutolinkLiteralsWhenNeeded])
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(raw ? [rehypeRaw] : [rehypeDataAttributesAsText])
      .use(options.sanitize === true ? [[rehypeSanitize, SANITIZE_SCHEMA]] : [])
      .use(options.fullPlugins === true ? [rehypeSlug, [rehypeHighlight, HIGHLIGHT]] : [rehypeSlugOnHeadings, [rehypeHighlightOnPre, HIGHLIGHT]])
      .use(rehypeImages, { basePath: options.basePath })
      .use(rehypeStringify, { allowDangerousHtml: true })
      .freeze();
  // rehype-raw re-parses the whole tree with parse5; posts without raw HTML skip it
  // (never when sanitizing: the sanitizer must see every raw node parsed).
  const withRaw = chain(true);
  const withoutRaw = chain(false);

  // Both chains parse alike (rehype plugins differ), so either's parser is the full one.
  const parse = options.fullPlugins === true ? (markdown: string) => withRaw.parse(markdown) : leanParser((markdown) => withRaw.parse(markdown));

  return (markdown) => {
    const processor = options.alwaysRaw === true || options.sanitize === true || hasRawHtml(markdown) ? withRaw : withoutRaw;
    const tree = processor.runSync(parse(markdown)) as Root;
    const { headings, headingElements, images } = inspect(tree);
    demoteHeadings(headingElements, headings);
    const text = toString(tree).replace(/\s+/g, ' ').trim();
    return {
      html: processor.stringify(tree),
      headings,
      toc: buildToc(headings, options.tocDepth ?? 3),
      more: contentBeforeMore(tree),
      autoExcerpt: makeExcerpt(excerptSource(tree)),
      ...countWords(text),
      images,
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
    dataAttributesAsText(tree);
    return undefined;
  };
}

function dataAttributesAsText(parent: Root | Element): void {
  for (const node of parent.children) {
    if (node.type !== 'element') continue;
    for (const [key, value] of Object.entries(node.properties)) if (value === true && key.startsWith('data')) node.properties[key] = '';
    dataAttributesAsText(node);
  }
}

const MORE = /<!--\s*more\s*-->/gi;

/** True when the Markdown holds raw HTML other than `<!-- more -->` markers. */
export function hasRawHtml(markdown: string): boolean {
  return /<[a-z/!?]/i.test(markdown.replace(MORE, ''));
}

interface Inspection {
  /** The headings for the TOC: outermost ones with an id, outside the footnotes. */
  readonly headings: Heading[];
  /** Every `h1`–`h6` element, for demoting. */
  readonly headingElements: Element[];
  /** `src` of every image, in order. */
  readonly images: string[];
}

/** Collects headings and images in one plain walk of the finished tree. */
function inspect(tree: Root): Inspection {
  const found: Inspection = { headings: [], headingElements: [], images: [] };
  const walk = (nodes: readonly (RootContent | ElementContent)[], inFootnotes: boolean, inHeading: boolean): void => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      const src = node.properties['src'];
      if (node.tagName === 'img' && typeof src === 'string' && src !== '') found.images.push(src);
      const depth = HEADING.exec(node.tagName)?.[1];
      if (depth !== undefined) found.headingElements.push(node);
      // Skip remark-gfm's footnote section and its screen-reader "Footnotes" heading.
      const footnotes = inFootnotes || node.properties['dataFootnotes'] !== undefined;
      const listed = !footnotes && !inHeading && depth !== undefined && typeof node.properties['id'] === 'string';
      if (listed) found.headings.push({ depth: Number(depth), id: String(node.properties['id']), text: toString(node).trim() });
      walk(node.children, footnotes, inHeading || listed);
    }
  };
  walk(tree.children, false, false);
  return found;
}

/**
 * The page's only `<h1>` is the post title, so a post that uses `#` headings has every
 * heading moved down one level (h1 → h2 … h5 → h6). `Heading.depth` keeps the level as
 * written, which the TOC uses.
 */
function demoteHeadings(elements: readonly Element[], headings: readonly Heading[]): void {
  if (!headings.some((heading) => heading.depth === 1)) return;
  for (const element of elements) element.tagName = `h${Math.min(6, Number(HEADING.exec(element.tagName)?.[1]) + 1)}`;
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
