// Jekyll (Liquid) and Hexo (Nunjucks) tags in post bodies, translated into Markdown
// before rendering. Nothing is ever evaluated: the few tags that have a fixed meaning
// are rewritten, everything else stays literal text with one warning each.
import type { Code, InlineCode, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { warning, type Diagnostic } from '../diagnostics.js';
import { escapeHtml } from '../escape.js';

export interface TagContext {
  /** The post's file and the file line where its body starts, for warnings. */
  readonly file: string;
  readonly bodyLine: number;
  /** Site base path (`/` or `/blog/`) and origin (`https://x.org`). */
  readonly basePath: string;
  readonly origin: string;
  /** This post's URL (with the base path), for `asset_img`. */
  readonly postUrl: string;
  /** The URL (with the base path) and title of the post a `post_url` / `post_link` names. */
  readonly findPost: (name: string) => { readonly url: string; readonly title: string } | undefined;
}

export interface TagResult {
  readonly markdown: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses Markdown to find its code; loaded by {@link prepareTemplateTags} (unified costs ~100 ms to load). */
let parse: ((markdown: string) => Root) | undefined;

/** True when a body has template tags to convert (and so needs {@link prepareTemplateTags}). */
export function hasTemplateTags(markdown: string): boolean {
  return markdown.includes('{%') || markdown.includes('{{');
}

/** Loads the Markdown parser {@link convertTemplateTags} needs for bodies with tags. */
export async function prepareTemplateTags(): Promise<void> {
  if (parse !== undefined) return;
  const [{ unified }, { default: remarkParse }, { default: remarkGfm }] = await Promise.all([import('unified'), import('remark-parse'), import('remark-gfm')]);
  const parser = unified().use(remarkParse).use(remarkGfm).freeze();
  parse = (markdown) => parser.parse(markdown);
}
const OPENING = /\{%-?\s*([^\n]*?)\s*-?%\}|\{\{-?\s*([^\n]*?)\s*-?\}\}|\{%|\{\{/g;
const BLOCKS: Readonly<Record<string, string>> = { raw: 'endraw', comment: 'endcomment', highlight: 'endhighlight', codeblock: 'endcodeblock', code: 'endcode', blockquote: 'endblockquote' };

/**
 * Rewrites the template tags of one post body (pure); code spans and fenced code are left
 * alone. A body with tags needs {@link prepareTemplateTags} to have run.
 */
export function convertTemplateTags(markdown: string, context: TagContext): TagResult {
  if (!hasTemplateTags(markdown)) return { markdown, diagnostics: [] };
  const code = codeRanges(markdown);
  const diagnostics: Diagnostic[] = [];
  const lineAt = (index: number): number => context.bodyLine + countNewlines(markdown, index);
  const warn = (code: string, message: string, index: number, hint: string): void => {
    diagnostics.push(warning(code, message, { file: context.file, line: lineAt(index), hint }));
  };
  // An unknown block (`{% note %}…{% endnote %}`) is one construct: one warning, at its start.
  const openBlocks = new Map<string, number>();
  let out = '';
  let last = 0;
  OPENING.lastIndex = 0;
  for (let match = OPENING.exec(markdown); match !== null; match = OPENING.exec(markdown)) {
    const start = match.index;
    const inCode = code.find(([from, to]) => start >= from && start < to);
    if (inCode !== undefined) {
      OPENING.lastIndex = inCode[1];
      continue;
    }
    const whole = match[0];
    let replacement: string;
    let end = start + whole.length;
    if (match[1] !== undefined) {
      const [name = '', ...args] = splitArgs(match[1]);
      const endName = BLOCKS[name];
      if (endName !== undefined) {
        const close = new RegExp(`\\{%-?\\s*${endName}\\s*-?%\\}`, 'g');
        close.lastIndex = end;
        const found = close.exec(markdown);
        if (found === null) {
          warn('template-unclosed', `\`{% ${name} %}\` is never closed by \`{% ${endName} %}\`; left as text`, start, `add \`{% ${endName} %}\` where the block ends`);
          replacement = whole;
        } else {
          replacement = convertBlock(name, args, markdown.slice(end, found.index));
          end = found.index + found[0].length;
        }
      } else {
        const converted = convertTag(name, args, context);
        const opened = name.startsWith('end') ? (openBlocks.get(name.slice(3)) ?? 0) : 0;
        if (typeof converted === 'string') replacement = converted;
        else if (opened > 0) {
          openBlocks.set(name.slice(3), opened - 1);
          replacement = whole;
        } else {
          if (converted.code === 'template-tag-unknown' && new RegExp(`\\{%-?\\s*end${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*-?%\\}`).test(markdown.slice(end))) openBlocks.set(name, (openBlocks.get(name) ?? 0) + 1);
          warn(converted.code, converted.message, start, converted.hint);
          replacement = whole;
        }
      }
    } else if (match[2] !== undefined) {
      const value = convertVariable(match[2], context);
      if (value === undefined) warn('template-variable', `\`${whole}\` is not evaluated; left as text`, start, 'Lanyard never runs templates in posts; replace it with the text it stood for');
      replacement = value ?? whole;
    } else {
      warn('template-stray', `a stray \`${whole}\` is left as text`, start, `write it inside backticks (\`${whole}\`) if it is code`);
      replacement = whole;
    }
    out += markdown.slice(last, start) + replacement;
    last = end;
    OPENING.lastIndex = end;
  }
  return { markdown: out + markdown.slice(last), diagnostics };
}

type Conversion = string | { readonly code: string; readonly message: string; readonly hint: string };

function convertTag(name: string, args: readonly string[], context: TagContext): Conversion {
  const first = args[0] ?? '';
  if (name === 'post_url' || name === 'post_link') {
    const post = context.findPost(first);
    if (post === undefined) return { code: 'post-link-missing', message: `\`{% ${name} ${first} %}\`: no post named \`${first}\`; left as text`, hint: 'name the post by its file name without the extension, e.g. 2014-10-22-beijing' };
    if (name === 'post_url') return `/${post.url.slice(context.basePath.length)}`;
    const title = args.slice(1).filter((arg) => arg !== 'true' && arg !== 'false').join(' ') || post.title;
    return `<a href="${escapeHtml(post.url)}" title="${escapeHtml(post.title)}">${escapeHtml(title)}</a>`;
  }
  if (name === 'asset_img' || name === 'asset_path' || name === 'asset_link') {
    const index = args.findIndex((arg) => /\.[a-z0-9]+$/i.test(arg));
    const asset = args[index] ?? first;
    const url = context.postUrl + encodeURI(asset);
    if (name === 'asset_path') return url;
    const rest = args.slice(index + 1);
    if (name === 'asset_link') return `<a href="${escapeHtml(url)}">${escapeHtml(rest.join(' ') || asset)}</a>`;
    const sizes = rest.filter((arg) => /^\d+$/.test(arg));
    const texts = rest.filter((arg) => !/^\d+$/.test(arg));
    const classes = args.slice(0, Math.max(0, index));
    const attributes = [
      `src="${escapeHtml(url)}"`,
      classes.length > 0 ? `class="${escapeHtml(classes.join(' '))}"` : '',
      sizes[0] === undefined ? '' : `width="${sizes[0]}"`,
      sizes[1] === undefined ? '' : `height="${sizes[1]}"`,
      texts[0] === undefined ? '' : `title="${escapeHtml(texts[0])}"`,
      `alt="${escapeHtml(texts[1] ?? texts[0] ?? '')}"`,
    ].filter(Boolean);
    return `<img ${attributes.join(' ')}>`;
  }
  if (name === 'youtube') {
    if (!/^[\w-]+$/.test(first)) return { code: 'template-tag-unknown', message: `\`{% youtube ${first} %}\` does not name a video id; left as text`, hint: 'write the id from the video URL, e.g. {% youtube dQw4w9WgXcQ %}' };
    return `<div class="video"><iframe src="https://www.youtube.com/embed/${first}" title="YouTube video" loading="lazy" allowfullscreen></iframe></div>`;
  }
  return { code: 'template-tag-unknown', message: `\`{% ${[name, ...args].join(' ')} %}\` is not supported; left as text`, hint: 'Lanyard never runs templates in posts; replace the tag with Markdown or HTML, or wrap it in {% raw %}…{% endraw %}' };
}

function convertBlock(name: string, args: readonly string[], content: string): string {
  if (name === 'raw') return content;
  if (name === 'comment') return '';
  if (name === 'blockquote') return blockquote(args, content);
  const lang = name === 'highlight' ? (args[0] ?? '') : (args.find((arg) => arg.startsWith('lang:'))?.slice('lang:'.length) ?? '');
  const body = content.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `\n${fence}${lang}\n${body}\n${fence}\n`;
}

/** Hexo `{% blockquote [author[, source]] [link] [link title] %}`. */
function blockquote(args: readonly string[], content: string): string {
  const linkIndex = args.findIndex((arg) => /^https?:\/\//.test(arg));
  const link = linkIndex === -1 ? undefined : args[linkIndex];
  const words = linkIndex === -1 ? args : args.slice(0, linkIndex);
  const [author = '', source = ''] = words.join(' ').split(/,\s*/, 2);
  const linkText = linkIndex === -1 ? '' : args.slice(linkIndex + 1).join(' ');
  const cite = link === undefined ? source : `[${source || linkText || link}](${link})`;
  const footer = [author, cite].filter((part) => part !== '').join(', ');
  const lines = content.trim().split('\n').map((line) => `> ${line}`.trimEnd());
  return `\n${lines.join('\n')}${footer === '' ? '' : `\n>\n> — ${footer}`}\n`;
}

function convertVariable(expression: string, context: TagContext): string | undefined {
  const name = expression.trim();
  if (name === 'site.baseurl') return context.basePath.replace(/\/$/, '');
  if (name === 'site.url') return context.origin;
  if (name === 'root' || name === 'config.root') return context.basePath;
  return undefined;
}

/** Tag arguments split at spaces, keeping quoted ones (`"a title"`) together without quotes. */
function splitArgs(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

/** [start, end) offsets of code blocks and code spans, which are never rewritten. */
function codeRanges(markdown: string): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  if (parse === undefined) throw new Error('convertTemplateTags: call prepareTemplateTags() first');
  visit(parse(markdown), (node) => {
    if ((node.type === 'code' || node.type === 'inlineCode') && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
      const code = node as Code | InlineCode;
      if (code.position !== undefined) ranges.push([code.position.start.offset ?? 0, code.position.end.offset ?? 0]);
    }
  });
  return ranges;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) count++;
  return count;
}
