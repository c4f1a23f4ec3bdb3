// The full-text search index: Pagefind's Node API run over the written output, so the
// browser can search the site with no server. Pagefind reports problems as arrays of
// strings; they become diagnostics here.
import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { close, createIndex } from 'pagefind';
import { error, type Diagnostic } from '../diagnostics.js';

/** The folder of the search index and Pagefind's browser code, relative to the output root. */
export const SEARCH_FOLDER = 'pagefind';
const NEW_INDEX = '.lanyard-pagefind-new';
const OLD_INDEX = '.lanyard-pagefind-old';

/** Languages whose queries Pagefind splits into words in the browser (no spaces between words). */
const SEGMENTED = new Set(['zh', 'ja', 'th']);

export interface SearchIndexResult {
  readonly diagnostics: readonly Diagnostic[];
  /** Pages Pagefind indexed. */
  readonly pages: number;
  readonly milliseconds: number;
}

/**
 * The one language the whole index is built in. Pagefind keeps one index per language
 * and a search page loads only one, so a mixed site is indexed as a single language:
 * the most common language needing word segmentation (Chinese, Japanese, Thai) when any
 * page has one, else the most common language; ties go to the site language.
 */
export function chooseSearchLanguage(languages: readonly string[], siteLanguage: string): string {
  const counts = new Map<string, number>();
  for (const language of languages) counts.set(language.toLowerCase(), (counts.get(language.toLowerCase()) ?? 0) + 1);
  const segmented = [...counts.keys()].filter((language) => SEGMENTED.has(primary(language)));
  const candidates = segmented.length > 0 ? segmented : [...counts.keys()];
  const site = siteLanguage.toLowerCase();
  let best = candidates.includes(site) || candidates.length === 0 ? site : (candidates[0] as string);
  for (const language of candidates) if ((counts.get(language) ?? 0) > (counts.get(best) ?? 0)) best = language;
  return best;
}

/**
 * Indexes every HTML file under `siteDir` and writes the index to `siteDir/pagefind/`.
 * With `replace` (dev mode, output already served) the new index is written beside the
 * old one and swapped in, so readers never see half an index.
 */
export async function writeSearchIndex(siteDir: string, options: { readonly language: string; readonly replace?: boolean }): Promise<SearchIndexResult> {
  const started = performance.now();
  const diagnostics: Diagnostic[] = [];
  const done = (pages: number): SearchIndexResult => ({ diagnostics, pages, milliseconds: Math.round(performance.now() - started) });
  const target = path.join(siteDir, SEARCH_FOLDER);
  const writeTo = options.replace === true ? path.join(siteDir, NEW_INDEX) : target;
  try {
    const created = await createIndex({ forceLanguage: options.language });
    diagnostics.push(...created.errors.map((message) => searchError(message)));
    if (created.index === undefined) return done(0);
    const added = await created.index.addDirectory({ path: siteDir });
    diagnostics.push(...added.errors.map((message) => searchError(message)));
    if (added.errors.length > 0) return done(0);
    await rm(writeTo, { recursive: true, force: true });
    const written = await created.index.writeFiles({ outputPath: writeTo });
    diagnostics.push(...written.errors.map((message) => searchError(message)));
    if (written.errors.length > 0) return done(0);
    const pages = await countIndexedPages(writeTo);
    if (options.replace === true) await swapFolder(writeTo, target, path.join(siteDir, OLD_INDEX));
    return done(pages);
  } catch (cause) {
    diagnostics.push(searchError(cause instanceof Error ? cause.message : String(cause), cause));
    return done(0);
  } finally {
    await close();
  }
}

/** Pages in the written index (Pagefind's `page_count` from `addDirectory` counts every HTML file it read). */
async function countIndexedPages(indexDir: string): Promise<number> {
  const entry: unknown = JSON.parse(await readFile(path.join(indexDir, 'pagefind-entry.json'), 'utf8'));
  const languages = typeof entry === 'object' && entry !== null && 'languages' in entry && typeof entry.languages === 'object' && entry.languages !== null ? Object.values(entry.languages) : [];
  return languages.reduce((sum: number, language: unknown) => sum + (typeof language === 'object' && language !== null && 'page_count' in language && typeof language.page_count === 'number' ? language.page_count : 0), 0);
}

async function swapFolder(next: string, target: string, old: string): Promise<void> {
  await rm(old, { recursive: true, force: true });
  await rename(target, old).catch(() => undefined);
  await rename(next, target);
  await rm(old, { recursive: true, force: true });
}

function searchError(message: string, cause?: unknown): Diagnostic {
  return error('search-index', `building the search index failed: ${message}`, {
    file: SEARCH_FOLDER,
    hint: 'build with --no-search (or `search: false` in lanyard.yml) to skip the index; reinstall with `npm ci` if the Pagefind binary is missing',
    cause,
  });
}

function primary(language: string): string {
  return language.split('-')[0] ?? language;
}
