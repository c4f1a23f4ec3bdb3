// The persistent cache in `<source>/.lanyard-cache/`: one JSON file per entry, written
// atomically (temporary file + rename). An entry that fails to parse or validate, or
// that belongs to another key, is ignored and rebuilt, never trusted.
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readChecked, writeCacheFile, writeChecked } from './cache-files.js';
import { mapConcurrent } from './concurrency.js';
import { openKeyedStore, type KeyedStore } from './keyed-store.js';
import { buildToc } from './markdown/toc.js';
import type { WrittenFiles } from './output/write.js';
import type { RenderedMarkdown, TocEntry, WrittenFile } from './types.js';
import { LANYARD_VERSION } from './version.js';

export const CACHE_DIR = '.lanyard-cache';
const CONCURRENCY = 64;

const toc: z.ZodType<TocEntry> = z.lazy(() => z.object({ depth: z.number(), id: z.string(), text: z.string(), children: z.array(toc) }).readonly());

const renderedMarkdown = z
  .object({
    html: z.string(),
    headings: z.array(z.object({ depth: z.number(), id: z.string(), text: z.string() }).readonly()),
    toc: z.array(toc),
    more: z.object({ html: z.string(), text: z.string() }).optional(),
    autoExcerpt: z.string(),
    cjkCharacters: z.number(),
    words: z.number(),
    images: z.array(z.string()),
    scripts: z.object({ han: z.number(), kana: z.number(), hangul: z.number(), latinWords: z.number() }).strict(),
  })
  .strict();

const entry = z.object({ lanyard: z.literal(LANYARD_VERSION), key: z.string(), value: renderedMarkdown }).strict();

/** A rendered body without its HTML, which is read from its entry only when used. */
export type MarkdownSummary = Omit<RenderedMarkdown, 'html'>;


export interface DiskCache {
  /** Reads the entries that exist and are valid; missing or bad ones are left out. */
  loadMany(keys: readonly string[]): Promise<Map<string, RenderedMarkdown>>;
  /** One entry, read synchronously; undefined when missing or bad. */
  loadSync(key: string): RenderedMarkdown | undefined;
  /** Writes entries atomically; failures are ignored (the cache is an optimization). */
  saveMany(entries: ReadonlyMap<string, RenderedMarkdown>): Promise<void>;
  /**
   * The summaries of the last build's bodies, in one file: enough to build the site model
   * and list pages without reading every entry (empty when missing or bad).
   */
  loadSummaries(): Promise<Map<string, MarkdownSummary>>;
  saveSummaries(entries: ReadonlyMap<string, MarkdownSummary>): Promise<void>;
}

/** Opens the rendered-Markdown cache under `<sourceDir>/.lanyard-cache/markdown/`. */
export function openDiskCache(sourceDir: string): DiskCache {
  const root = path.join(sourceDir, CACHE_DIR, 'markdown');
  const fileOf = (key: string): string => path.join(root, key.slice(0, 2), `${key}.json`);
  const summaryFile = path.join(root, 'summaries.json');
  let summaries: Promise<KeyedStore<MarkdownSummary>> | undefined;
  return {
    async loadMany(keys) {
      const found = new Map<string, RenderedMarkdown>();
      await mapConcurrent(keys, CONCURRENCY, async (key) => {
        const value = await readEntry(fileOf(key), key);
        if (value !== undefined) found.set(key, value);
      });
      return found;
    },
    loadSync(key) {
      try {
        return parseEntry(readFileSync(fileOf(key), 'utf8'), key);
      } catch {
        return undefined;
      }
    },
    async saveMany(entries) {
      await mapConcurrent([...entries], CONCURRENCY, ([key, value]) => writeCacheFile(fileOf(key), { lanyard: LANYARD_VERSION, key, value }));
    },
    loadSummaries: async () => new Map((await (summaries ??= openSummaries(summaryFile))).entries),
    async saveSummaries(entries) {
      await (await (summaries ??= openSummaries(summaryFile))).save(entries);
    },
  };
}

/** The summaries' store: a table of contents is stored only when the headings do not give it (about half the bytes). */
function openSummaries(file: string): Promise<KeyedStore<MarkdownSummary>> {
  const parse = (json: unknown): [string, MarkdownSummary][] => (json as [string, StoredSummary][]).map(([key, { more, toc, ...rest }]) => [key, { ...rest, toc: toc ?? buildToc(rest.headings), more }]);
  return openKeyedStore(file, parse, storedSummary);
}

/** A summary as stored. */
type StoredSummary = Omit<MarkdownSummary, 'toc'> & { readonly toc?: MarkdownSummary['toc'] };

function storedSummary(summary: MarkdownSummary): StoredSummary {
  const { toc, ...rest } = summary;
  return JSON.stringify(toc) === JSON.stringify(buildToc(summary.headings)) ? rest : summary;
}

async function readEntry(file: string, key: string): Promise<RenderedMarkdown | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  return parseEntry(text, key);
}

function parseEntry(text: string, key: string): RenderedMarkdown | undefined {
  try {
    const parsed = entry.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.key !== key) return undefined;
    const { more, ...rest } = parsed.data.value;
    return { ...rest, more };
  } catch {
    return undefined;
  }
}

/** Deletes the cache folder (`lanyard clean`). */
export async function clearDiskCache(sourceDir: string): Promise<void> {
  await rm(path.join(sourceDir, CACHE_DIR), { recursive: true, force: true });
}

/**
 * What the last build wrote into `outDir`, or an empty map when unknown or unreadable.
 * A checked file (cache-files.ts): its sha256 stands for a schema, which for 6,000 files
 * took 40 ms to validate on every build.
 */
export async function loadWrittenFiles(sourceDir: string, outDir: string): Promise<WrittenFiles> {
  return new Map(await loadOutputRecord<WrittenFile>(path.join(sourceDir, CACHE_DIR, 'output.json'), outDir));
}

/**
 * Forgets what the last build wrote, before the output changes: a build killed after
 * writing but before recording leaves no stale record for the next build to trust.
 */
export async function forgetWrittenFiles(sourceDir: string): Promise<void> {
  await rm(path.join(sourceDir, CACHE_DIR, 'output.json'), { force: true });
}

/** Records what this build wrote (atomically), for the next build to reuse unchanged files. */
export async function saveWrittenFiles(sourceDir: string, outDir: string, files: WrittenFiles): Promise<void> {
  await writeChecked(path.join(sourceDir, CACHE_DIR, 'output.json'), JSON.stringify({ outDir, entries: [...files] }));
}

/** Output path → the fingerprint of the page the last build wrote there (render/fingerprint.ts). */
export async function loadPageFingerprints(sourceDir: string, outDir: string): Promise<Map<string, string>> {
  return new Map(await loadOutputRecord<string>(path.join(sourceDir, CACHE_DIR, 'pages.json'), outDir));
}

/** Records the fingerprint of every page written, for the next build to keep unchanged pages. */
export async function savePageFingerprints(sourceDir: string, outDir: string, pages: ReadonlyMap<string, string>): Promise<void> {
  await writeChecked(path.join(sourceDir, CACHE_DIR, 'pages.json'), JSON.stringify({ outDir, entries: [...pages] }));
}

/** The entries of a record of the output folder `outDir` (written by this module), or none. */
async function loadOutputRecord<T>(file: string, outDir: string): Promise<[string, T][]> {
  const text = await readChecked(file);
  try {
    const record = text === undefined ? undefined : (JSON.parse(text) as { outDir?: unknown; entries?: unknown });
    return record?.outDir === outDir && Array.isArray(record.entries) ? (record.entries as [string, T][]) : [];
  } catch {
    return [];
  }
}
