// Normalizes Jekyll, Hexo, Hugo and WordPress-export front matter into one post shape.
import path from 'node:path';
import type { SiteConfig } from '../config/schema.js';
import { error, fail, ok, warning, type Diagnostic, type Result } from '../diagnostics.js';
import type { ParsedPage, ParsedPost, PostDate, RawPost } from '../types.js';
import { dateFromFileName, parseDate } from './dates.js';
import { readEvent, readTalks } from './event.js';
import { decodePercentOnce, fileNameStem, slugify } from './slug.js';

/** Front-matter keys per field, highest priority first (Hugo's and Hexo's aliases included). */
export const FIELD_ALIASES = {
  title: ['title'],
  date: ['date'],
  updated: ['updated', 'lastmod', 'last_modified_at', 'modified'],
  slug: ['slug'],
  permalink: ['permalink', 'url'],
  tags: ['tags', 'tag'],
  categories: ['categories', 'category'],
  excerpt: ['excerpt', 'summary'],
  description: ['description'],
  toc: ['toc'],
  layout: ['layout'],
  author: ['author'],
  lang: ['lang', 'language'],
} as const satisfies Record<string, readonly string[]>;

type Field = keyof typeof FIELD_ALIASES;

interface Picked {
  readonly key: string;
  readonly value: unknown;
}

/** True for documents that have a date (every post; pages that set one). */
export function isDated(document: ParsedPage): document is ParsedPost {
  return document.date !== undefined;
}

/**
 * Turns raw front matter into a typed document; errors name the file and the key's line.
 * Posts need a date (front matter or file name); pages may go without one.
 */
export function normalizePost(raw: RawPost, config: SiteConfig): Result<ParsedPage> {
  const file = raw.source.path;
  const diagnostics: Diagnostic[] = [];
  const pick = (field: Field): Picked | undefined => pickField(raw.data, FIELD_ALIASES[field]);
  const lineOf = (picked: Picked | undefined): number | undefined => (picked === undefined ? undefined : raw.keyLines[picked.key]);
  const fileName = path.posix.basename(file);

  const titleField = pick('title');
  let title = readText(titleField?.value);
  if (title === undefined || title.trim() === '') {
    title = fileNameStem(fileName) || fileName;
    diagnostics.push(warning('title-missing', `no \`title\`; using \`${title}\` from the file name`, { file, line: lineOf(titleField) ?? 1, hint: 'add `title: …` to the front matter' }));
  }

  const dateField = pick('date');
  let date: PostDate | undefined;
  if (dateField === undefined) {
    date = dateFromFileName(fileName, config.timezone);
    if (date === undefined && raw.source.kind === 'post') {
      diagnostics.push(error('date-missing', 'no `date` in the front matter and no YYYY-MM-DD at the start of the file name', { file, line: 1, hint: 'add `date: 2015-08-30 19:22` to the front matter, or name the file `2015-08-30-title.md`' }));
    }
  } else {
    const parsed = parseDate(dateField.value, config.timezone);
    if (parsed.ok) date = parsed.value;
    else diagnostics.push(error('date-invalid', `\`${dateField.key}\`: ${parsed.message}`, { file, line: lineOf(dateField), hint: 'fix the date; Lanyard never guesses one' }));
  }

  const updatedField = pick('updated');
  let updated = date;
  if (updatedField !== undefined && updatedField.value !== null) {
    const parsed = parseDate(updatedField.value, config.timezone);
    if (parsed.ok) updated = parsed.value;
    else diagnostics.push(error('date-invalid', `\`${updatedField.key}\`: ${parsed.message}`, { file, line: lineOf(updatedField), hint: 'fix the date, or remove the key to use `date`' }));
  }

  const slugField = pick('slug');
  const slugText = readText(slugField?.value);
  const slugProblem = slugText === undefined ? undefined : unsafeSlugReason(slugText);
  if (slugProblem !== undefined) {
    diagnostics.push(error('slug-invalid', `\`slug\` ${slugProblem}`, { file, line: lineOf(slugField), hint: 'a slug is one part of a URL, such as my-notes; use `permalink` to choose folders' }));
  }
  const slugSource = [slugText, fileNameStem(fileName), title].find((candidate) => candidate !== undefined && slugify(candidate) !== '') ?? '';
  const slug = slugify(slugSource) || 'post';

  const permalinkField = pick('permalink');
  const permalink = readText(permalinkField?.value);
  if (permalinkField !== undefined && permalinkField.value !== null && permalink === undefined) {
    diagnostics.push(error('permalink-invalid', `\`${permalinkField.key}\` must be text such as /2015/notes.html`, { file, line: lineOf(permalinkField) }));
  }

  const event = readEvent(raw.data['event'], { file, line: raw.keyLines['event'], timezone: config.timezone });
  const talks = readTalks(raw.data['talks'], { file, line: raw.keyLines['talks'], timezone: config.timezone });
  diagnostics.push(...event.diagnostics, ...talks.diagnostics);

  if (diagnostics.some((d) => d.severity === 'error')) return fail(...diagnostics);
  return ok({
    source: raw.source,
    title,
    date,
    updated,
    slug,
    titleSlug: slugify(slugSource, { lowercase: false }) || slug,
    permalink: permalink === undefined ? undefined : rootPath(permalink),
    tags: readTerms(pick('tags')?.value, true, splitsSpaces(config, pick('tags')?.key)),
    categories: readTerms(pick('categories')?.value, false, splitsSpaces(config, pick('categories')?.key)),
    excerpt: readText(pick('excerpt')?.value),
    description: readText(pick('description')?.value),
    toc: readBoolean(pick('toc')?.value),
    layout: readText(pick('layout')?.value),
    author: readAuthor(pick('author')?.value),
    lang: readLanguage(pick('lang'), (picked) => diagnostics.push(warning('lang-invalid', `\`${picked.key}\` is not a language tag such as en or zh-CN; using the site language`, { file, line: lineOf(picked) }))),
    draft: raw.source.draft === true || raw.data['draft'] === true || raw.data['published'] === false,
    body: raw.body,
    bodyLine: raw.bodyLine,
    data: raw.data,
    keyLines: raw.keyLines,
    event: event.event,
    talks: talks.talks,
  }, diagnostics);
}

/** Jekyll splits a `tags:` or `categories:` string at spaces (not the singular `tag:` / `category:`). */
function splitsSpaces(config: SiteConfig, key: string | undefined): boolean {
  return config.dialect?.layout === 'jekyll' && (key === 'tags' || key === 'categories');
}

/** Why an explicit slug is refused: it reads as a path (percent-escapes decoded once). */
function unsafeSlugReason(slug: string): string | undefined {
  const decoded = decodePercentOnce(slug);
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return 'contains a control character';
  if (/[/\\]/.test(decoded)) return `\`${slug}\` contains a slash, which would make it a path`;
  if (/^[a-z]:/i.test(decoded)) return `\`${slug}\` looks like a drive letter`;
  if (decoded.includes('..')) return `\`${slug}\` contains \`..\``;
  return undefined;
}

function pickField(data: Readonly<Record<string, unknown>>, keys: readonly string[]): Picked | undefined {
  for (const key of keys) {
    if (Object.hasOwn(data, key) && data[key] !== undefined) return { key, value: data[key] };
  }
  return undefined;
}

/**
 * Reads tags or categories: a list (nested Hexo lists are flattened), or one string.
 * A tag string may be comma-separated (`,` or `，`); a category string is one category.
 */
export function readTerms(value: unknown, splitCommas: boolean, splitSpaces = false): string[] {
  const items = Array.isArray(value) ? value.flat(Infinity) : [value];
  const names: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const text = readText(item);
    if (text === undefined) continue;
    const separator = splitSpaces ? /[,，\s]+/ : splitCommas ? /[,，]/ : undefined;
    const parts = separator !== undefined && !Array.isArray(value) ? text.split(separator) : [text];
    for (const part of parts) {
      const name = part.trim();
      const key = slugify(name) || name.toLowerCase();
      if (name === '' || seen.has(key)) continue;
      seen.add(key);
      names.push(name);
    }
  }
  return names;
}

function readText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

function readLanguage(picked: Picked | undefined, warn: (picked: Picked) => void): string | undefined {
  const text = readText(picked?.value);
  if (picked === undefined || text === undefined) return undefined;
  try {
    if (Intl.getCanonicalLocales(text).length === 1) return text;
  } catch {
    // Reported below.
  }
  warn(picked);
  return undefined;
}

function readBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function readAuthor(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && 'name' in value) return readText(value.name);
  return readText(value);
}

function rootPath(permalink: string): string {
  return `/${permalink.trim().replace(/^\/+/, '')}`;
}
