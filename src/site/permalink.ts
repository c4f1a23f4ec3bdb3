// The one place that turns a site path into a URL (with base path) and an output file path.
import type { SiteConfig } from '../config/schema.js';
import { slugify, decodePercentOnce } from '../content/slug.js';
import type { Dialect } from '../config/schema.js';
import type { Location, ParsedPage } from '../types.js';
import { dateTokens, legacyTokens } from './legacy-permalink.js';

export type PathResult = { readonly ok: true; readonly value: Location } | { readonly ok: false; readonly message: string };

const FILE_EXTENSION = /\.(html?|xml|json|txt|css|js)$/i;

/**
 * Maps a site path (`/2014/10/22/北京/`, `/notes.html`, `/about`) to its URL and file.
 * Paths ending in `/` or without an extension become `…/index.html` (pretty URLs).
 * Rejects anything that could leave the output folder.
 */
export function locatePath(sitePath: string, basePath: string): PathResult {
  const decoded = decodePercentOnce(sitePath);
  const problem = unsafePathReason(decoded);
  if (problem !== undefined) return { ok: false, message: `\`${sitePath.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\` ${problem}` };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  const last = segments.at(-1);
  const isFile = last !== undefined && !decoded.endsWith('/') && FILE_EXTENSION.test(last);
  const urlPath = segments.length === 0 ? '' : isFile ? segments.join('/') : `${segments.join('/')}/`;
  const outputPath = isFile ? segments.join('/') : [...segments, 'index.html'].join('/');
  return { ok: true, value: { url: encodeURI(basePath + urlPath), outputPath } };
}

function unsafePathReason(decoded: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return 'contains a control character';
  if (decoded.includes('\\')) return 'contains a backslash; use / between folders';
  if (/[?#]/.test(decoded)) return 'contains `?` or `#`, which cannot be part of a file path';
  if (/^\/*[a-z]:/i.test(decoded)) return 'looks like a drive letter; permalinks are paths inside the site';
  if (/^\/*(?:[a-z][a-z0-9+.-]*:\/\/|(?:file|javascript|data|vbscript):)/i.test(decoded)) return 'looks like a URL with a scheme; permalinks are paths inside the site';
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return 'contains `.` or `..`, which would leave its folder';
  return undefined;
}

/** Absolute URL (`https://x.org/blog/a/`) of a URL that already carries the base path. */
export function absoluteUrl(config: Pick<SiteConfig, 'origin'>, url: string): string {
  return config.origin + url;
}

const TOKEN = /:([a-z_]+)/g;

/**
 * Expands a permalink pattern such as `/:year/:month/:day/:slug/` for one document; in a
 * Jekyll or Hexo site, `:title`, `:slug`, `:categories` and `:category` mean what they meant there.
 */
export function expandPermalink(pattern: string, document: ParsedPage, dialect?: Dialect): { ok: true; value: string } | { ok: false; message: string } {
  const tokens = { ...dateTokens(document.date), ...permalinkTokens(document), ...(dialect === undefined ? {} : legacyTokens(document, dialect)) };
  const unknown: string[] = [];
  const expanded = pattern.replace(TOKEN, (whole, name: string) => {
    const value = tokens[name];
    if (value === undefined) unknown.push(whole);
    return value ?? '';
  });
  if (unknown.length > 0) return { ok: false, message: `unknown permalink token ${unknown.join(', ')}; known tokens: ${Object.keys({ ...dateTokens(document.date), ...permalinkTokens(document) }).map((t) => `:${t}`).join(' ')}` };
  return { ok: true, value: `/${expanded.replace(/\/{2,}/g, '/').replace(/^\//, '')}` };
}

function permalinkTokens(document: ParsedPage): Record<string, string> {
  const date = document.date;
  const categories = document.categories.map((c) => slugify(c)).filter((c) => c !== '');
  return {
    year: date?.year ?? '',
    month: date?.month ?? '',
    day: date?.day ?? '',
    i_month: date === undefined ? '' : String(Number(date.month)),
    i_day: date === undefined ? '' : String(Number(date.day)),
    hour: date?.hour ?? '',
    minute: date?.minute ?? '',
    second: date?.second ?? '',
    slug: document.slug,
    title: document.titleSlug,
    categories: categories.join('/'),
    category: categories[0] ?? '',
  };
}
