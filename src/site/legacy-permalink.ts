// Permalink tokens as Jekyll 4 and Hexo 8 compute them, so an old site keeps its URLs.
// One deliberate difference: a percent-encoded slug (`%e5%8c%97…`) is decoded once.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Dialect } from '../config/schema.js';
import { decodePercentOnce } from '../content/slug.js';
import type { ParsedPage, PostDate } from '../types.js';

/** Tokens every dialect has, beyond Lanyard's own (Jekyll's date names). */
export function dateTokens(date: PostDate | undefined): Record<string, string> {
  if (date === undefined) return {};
  const local = DateTime.fromISO(date.iso, { setZone: true }).setLocale('en');
  return {
    short_year: local.toFormat('yy'),
    y_day: local.toFormat('ooo'),
    short_month: local.toFormat('LLL'),
    long_month: local.toFormat('LLLL'),
    week: local.toFormat('WW'),
    w_year: local.toFormat('kkkk'),
    w_day: local.toFormat('E'),
    short_day: local.toFormat('ccc'),
    long_day: local.toFormat('cccc'),
    timestamp: String(Math.floor(date.epochMs / 1000)),
    output_ext: '.html',
  };
}

/** The tokens whose meaning differs in a Jekyll or Hexo site. */
export function legacyTokens(document: ParsedPage, dialect: Dialect): Record<string, string> {
  return dialect.layout === 'jekyll' ? jekyllTokens(document) : hexoTokens(document, dialect.newPostName, dialect.defaultCategory);
}

/** Jekyll's `Utils.slugify` in `default` and `pretty` modes (lowercased unless `cased`). */
export function jekyllSlugify(text: string, mode: 'default' | 'pretty', cased = false): string {
  const pattern = mode === 'pretty' ? /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu : /[^\p{M}\p{L}\p{Nd}]+/gu;
  const slug = decodePercentOnce(text).normalize('NFC').replace(pattern, '-').replace(/^-+|-+$/g, '');
  return cased ? slug : slug.toLowerCase();
}

/** hexo-util `slugize`: diacritics dropped, ASCII punctuation and spaces → `-`, case kept unless `lowercase`. */
export function hexoSlugize(text: string, lowercase = false): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f]/g, '')
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return lowercase ? slug.toLowerCase() : slug;
}

function jekyllTokens(document: ParsedPage): Record<string, string> {
  const base = path.posix.basename(document.source.path).replace(/\.[^.]+$/, '');
  const fileSlug = (/^\d{2,4}-\d{1,2}-\d{1,2}-(.+)$/.exec(base)?.[1] ?? base).replace(/\.+$/, '');
  const slugValue = document.data['slug'];
  const source = typeof slugValue === 'string' && slugValue.trim() !== '' ? slugValue : typeof slugValue === 'number' ? String(slugValue) : fileSlug;
  return {
    title: jekyllSlugify(source, 'pretty', true),
    slug: jekyllSlugify(source, 'default'),
    categories: [...new Set(document.categories.map((category) => category.toLowerCase()))].join('/'),
    slugified_categories: document.categories.map((category) => jekyllSlugify(category, 'default')).filter((c) => c !== '').join('/'),
  };
}

function hexoTokens(document: ParsedPage, newPostName: string, defaultCategory: string): Record<string, string> {
  const slug = hexoPostSlug(document.source.path, document.source.folder, newPostName);
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(document.data)) if (typeof value === 'string' || typeof value === 'number') extra[key] = String(value);
  const id = document.data['id'];
  return {
    ...extra,
    title: slug,
    name: path.posix.basename(slug),
    post_title: hexoSlugize(document.title, true),
    category: hexoCategory(document.data['categories'] ?? document.data['category'], defaultCategory),
    id: typeof id === 'string' || typeof id === 'number' ? String(id) : '',
    hash: document.date === undefined ? '' : createHash('sha1').update(slug + String(Math.floor(document.date.epochMs / 1000))).digest('hex').slice(0, 12),
  };
}

/**
 * Hexo's post slug: the path under `_posts/` without its extension, or the `:title` part
 * when the path matches `new_post_name` (`:year-:month-:day-:title.md`).
 */
export function hexoPostSlug(file: string, folder: string | undefined, newPostName: string): string {
  const inner = decodePercentOnce(folder === undefined || folder === '' ? file : file.slice(folder.length + 1)).replace(/\.[^./]+$/, '');
  const rule = newPostName.replace(/\.[^./]+$/, '');
  const segments: Record<string, string> = { year: '(\\d{4})', month: '(\\d{2})', day: '(\\d{2})', i_month: '(\\d{1,2})', i_day: '(\\d{1,2})', hash: '([0-9a-f]{12})' };
  const names: string[] = [];
  const source = rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w*[^_\W])/g, (_whole, name: string) => {
    names.push(name);
    return segments[name] ?? '(.+?)';
  });
  const match = new RegExp(`^${source}$`).exec(inner);
  const titleIndex = names.indexOf('title');
  if (match !== null && titleIndex !== -1) return match[titleIndex + 1] ?? inner;
  return hexoSlugize(inner);
}

/** Hexo's `:category`: the slug path of the post's last category chain, or `default_category`. */
function hexoCategory(value: unknown, defaultCategory: string): string {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const chains = items.some(Array.isArray) ? items.map((item) => (Array.isArray(item) ? item : [item])) : [items];
  const last = chains.filter((chain) => chain.length > 0).at(-1);
  const names = (last ?? []).filter((name): name is string | number => typeof name === 'string' || typeof name === 'number').map((name) => hexoSlugize(String(name)));
  return names.length === 0 ? defaultCategory : names.join('/');
}
