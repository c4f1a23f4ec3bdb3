// Fixes every document's URL before any Markdown is rendered.
import type { SiteConfig } from '../config/schema.js';
import { error, fail, ok, type Result } from '../diagnostics.js';
import { slugify } from '../content/slug.js';
import type { Location, ParsedPage } from '../types.js';
import { expandPermalink, locatePath } from './permalink.js';

/** Finds the URL and output file of a post or page from its `permalink` or the site pattern. */
export function locateDocument(document: ParsedPage, config: SiteConfig): Result<Location> {
  const file = document.source.path;
  const line = document.keyLines['permalink'] ?? document.keyLines['url'];
  let sitePath = document.permalink;
  if (sitePath === undefined) {
    const expanded = document.source.kind === 'post'
      ? expandPermalink(config.permalink, document, config.dialect)
      : { ok: true as const, value: config.dialect === undefined ? pagePath(file) : legacyPagePath(file, document.source.folder ?? '', config.dialect.layout === 'jekyll' && config.permalink.endsWith('/')) };
    if (!expanded.ok) return fail(error('permalink-invalid', `site \`permalink\`: ${expanded.message}`, { file: config.dialect === undefined ? 'lanyard.yml' : '_config.yml' }));
    sitePath = expanded.value;
  }
  const located = locatePath(sitePath, config.basePath);
  if (!located.ok) return fail(error('permalink-invalid', `permalink ${located.message}`, { file, line, hint: 'use a path inside the site such as /2015/08/notes/ or /notes.html' }));
  return ok(located.value);
}

/** `pages/about.md` → `/about/`; `pages/talks/index.md` → `/talks/`. */
function pagePath(file: string): string {
  const withoutFolder = file.replace(/^pages\//, '').replace(/\.[^./]+$/, '');
  const segments = withoutFolder.split('/').map((segment) => slugify(segment)).filter((segment) => segment !== '');
  if (segments.at(-1) === 'index') segments.pop();
  return `/${segments.map((segment) => `${segment}/`).join('')}`;
}

/**
 * Jekyll and Hexo page URLs: `about.md` → `/about.html` (`/about/` under Jekyll's pretty
 * style), `about/index.md` → `/about/`; `folder` is the part of the path that is not in the URL.
 */
function legacyPagePath(file: string, folder: string, pretty: boolean): string {
  const inner = (folder === '' ? file : file.slice(folder.length + 1)).replace(/\.[^./]+$/, '');
  const segments = inner.split('/');
  if (segments.at(-1) === 'index') return `/${segments.slice(0, -1).map((segment) => `${segment}/`).join('')}`;
  return pretty ? `/${inner}/` : `/${inner}.html`;
}
