// Jekyll and Hexo site folders: which layout a folder uses, and the keys of the old
// `_config.yml` that matter, translated into Lanyard's config keys.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { fromYamlError, warning, type Diagnostic } from '../diagnostics.js';
import type { Dialect, SiteLayout } from './schema.js';

export const LEGACY_CONFIG_FILE = '_config.yml';

/** Jekyll's permalink styles (`permalink: pretty`). */
export const JEKYLL_STYLES: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

const HEXO_DEFAULT_PERMALINK = ':year/:month/:day/:title/';
const HEXO_DEFAULT_NEW_POST_NAME = ':title.md';

/** Hexo when `source/_posts` or `source/_drafts` exists, Jekyll when `_posts` or `_drafts` does, else Lanyard's own. */
export async function detectLayout(sourceDir: string): Promise<SiteLayout> {
  const isDir = async (...parts: string[]): Promise<boolean> => (await stat(path.join(sourceDir, ...parts)).catch(() => undefined))?.isDirectory() === true;
  if ((await isDir('source', '_posts')) || (await isDir('source', '_drafts'))) return 'hexo';
  if ((await isDir('_posts')) || (await isDir('_drafts'))) return 'jekyll';
  return 'lanyard';
}

/** Lanyard config input read from an old `_config.yml`, with the dialect settings and line numbers. */
export interface LegacyConfig {
  readonly file: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly lines: Readonly<Record<string, number>>;
  readonly dialect: Dialect;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Translates the parsed `_config.yml` of a Jekyll or Hexo site (pure). Keys it does not
 * know are ignored silently: those files hold theme and plugin settings too.
 */
export function translateLegacyConfig(data: unknown, layout: 'jekyll' | 'hexo', keyLines: Readonly<Record<string, number>>, file: string = LEGACY_CONFIG_FILE): LegacyConfig {
  const source = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const diagnostics: Diagnostic[] = [];
  const input: Record<string, unknown> = {};
  const lines: Record<string, number> = {};
  const take = (to: string, from: string, value: unknown = source[from]): void => {
    if (value === undefined || value === null || value === '') return;
    input[to] = value;
    const line = keyLines[from];
    if (line !== undefined) lines[to] = line;
  };
  take('title', 'title');
  take('description', 'description');
  take('timezone', 'timezone');
  take('author', 'author', typeof source['author'] === 'object' ? source['author'] : text(source['author']));
  take('url', 'url', text(source['url'])?.replace(/\/+$/, ''));
  take('basePath', layout === 'jekyll' ? 'baseurl' : 'root');
  const language = firstText(source['language'] ?? source['lang']);
  // Hexo's `language: default` means "the theme's default": no language set.
  if (language !== undefined && language !== 'default') {
    if (isLanguageTag(language)) take('language', source['language'] === undefined ? 'lang' : 'language', language);
    else diagnostics.push(warning('legacy-config-language', `\`language: ${language}\` is not a language tag; using the default`, { file, line: keyLines['language'], hint: 'add `language: zh-CN` (or en…) to lanyard.yml' }));
  }
  const perPage = Number(source[layout === 'jekyll' ? 'paginate' : 'per_page']);
  if (Number.isInteger(perPage) && perPage > 0) take('paginate', layout === 'jekyll' ? 'paginate' : 'per_page', perPage);
  const permalink = text(source['permalink']);
  take('permalink', 'permalink', layout === 'jekyll' ? jekyllPermalink(permalink ?? 'date') : hexoPermalink(permalink ?? HEXO_DEFAULT_PERMALINK));
  if (lines['permalink'] === undefined) delete lines['permalink'];
  const dialect: Dialect = layout === 'jekyll'
    ? { layout, exclude: textList(source['exclude']) }
    : { layout, newPostName: text(source['new_post_name']) ?? HEXO_DEFAULT_NEW_POST_NAME, defaultCategory: text(source['default_category']) ?? 'uncategorized', exclude: textList(source['exclude']) };
  return { file, input, lines, dialect, diagnostics };
}

/** Parses `_config.yml` text and translates it; a YAML error is returned as a diagnostic. */
export function parseLegacyConfig(text: string, layout: 'jekyll' | 'hexo', keyLines: Readonly<Record<string, number>>, file: string = LEGACY_CONFIG_FILE): LegacyConfig {
  try {
    return translateLegacyConfig(yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: file }), layout, keyLines, file);
  } catch (cause) {
    const translated = translateLegacyConfig({}, layout, {}, file);
    return { ...translated, diagnostics: [fromYamlError(cause, file, 0, 'config')] };
  }
}

/** A Jekyll style name becomes its pattern; a pattern is kept. */
export function jekyllPermalink(value: string): string {
  return JEKYLL_STYLES[value.trim()] ?? value.trim();
}

/** Hexo patterns are relative to the root (`:year/:title/`). */
export function hexoPermalink(value: string): string {
  return `/${value.trim().replace(/^\/+/, '')}`;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

function firstText(value: unknown): string | undefined {
  return Array.isArray(value) ? text(value[0]) : text(value);
}

function textList(value: unknown): readonly string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map(text).filter((item): item is string => item !== undefined);
}

function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}
