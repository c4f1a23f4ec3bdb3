// Memos for the expensive work, keyed by content hashes so they never go stale:
// rendered Markdown (per post body and options) and, in dev mode, rendered pages
// (per template set, config and the page's full template context).
import { hashParts } from './hash.js';
import type { DiskCache, MarkdownSummary } from './disk-cache.js';
import { renderOutcome, type RenderOutcome } from './markdown/outcome.js';
import { inProcessRendererSync, renderAll, type WarmWorker } from './markdown/pool.js';
import type { MarkdownOptions, MarkdownRenderer } from './markdown/processor.js';
import { createMemoryDocuments, type MemoryDocuments } from './document-cache.js';
import type { Liquid } from 'liquidjs';
import type { SiteConfig } from './config/schema.js';
import type { LegacyMarkdownOptions } from './markdown/legacy-markdown.js';
import type { RenderedMarkdown, Route, Site, WrittenFile } from './types.js';
import type { InputRecords } from './up-to-date.js';
import { LANYARD_VERSION } from './version.js';

export interface Memo<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

export interface BuildCache {
  readonly markdown: Memo<RenderedMarkdown>;
  /** Parsed and located documents, per config, path and bytes (dev mode). */
  readonly documents?: MemoryDocuments;
  /** Dev mode: what the last build knew of each post's file, so unchanged files are not read again. */
  readonly inputs?: { records?: InputRecords };
  /** Rendered HTML of a route; only worth it across rebuilds in one process. */
  readonly pages?: Memo<Uint8Array>;
  /**
   * Dev mode: what the previous build wrote and its pages' fingerprints, so pages whose
   * fingerprint is unchanged are left as they are (the CLI keeps these in the cache folder).
   */
  readonly lastOutput?: { written: ReadonlyMap<string, WrittenFile>; pages: ReadonlyMap<string, string> };
  /** Dev mode: the site model of the last build written without errors (dev/fast-render.ts). */
  readonly model?: { current?: SiteModel | undefined };
}

/** What dev mode keeps of the last good build to render one edited post at once. */
export interface SiteModel {
  readonly config: SiteConfig;
  /** Hash of the config, part of every document key. */
  readonly configKey: string;
  readonly markdownOptions: MarkdownOptions;
  readonly legacyOptions: LegacyMarkdownOptions;
  readonly site: Site;
  readonly routes: readonly Route[];
  /** The template engine, its templates already parsed. */
  readonly engine: Liquid;
  readonly templateNames: ReadonlySet<string>;
}

export interface MemoryMemo<T> extends Memo<T> {
  readonly size: number;
  /** Drops every entry not read or written since the previous sweep. */
  sweep(): void;
}

/** A memo in memory. Sweeping after each build keeps it the size of one site. */
export function createMemo<T>(): MemoryMemo<T> {
  const entries = new Map<string, T>();
  let used = new Set<string>();
  return {
    get: (key) => {
      used.add(key);
      return entries.get(key);
    },
    set: (key, value) => {
      used.add(key);
      entries.set(key, value);
    },
    get size() {
      return entries.size;
    },
    sweep: () => {
      for (const key of entries.keys()) if (!used.has(key)) entries.delete(key);
      used = new Set();
    },
  };
}

/** An in-memory cache for `lanyard dev`, kept across rebuilds; `sweep` after each build. */
export function createMemoryCache(): BuildCache & { readonly model: { current?: SiteModel | undefined }; sweep(): void } {
  const markdown = createMemo<RenderedMarkdown>();
  const documents = createMemoryDocuments();
  const pages = createMemo<Uint8Array>();
  return {
    markdown,
    documents,
    inputs: {},
    pages,
    lastOutput: { written: new Map(), pages: new Map() },
    model: {},
    sweep: () => {
      markdown.sweep();
      pages.sweep();
    },
  };
}

export { hashParts } from './hash.js';

export interface RenderSources {
  /** In-memory memo (dev mode, across rebuilds). */
  readonly memo?: Memo<RenderedMarkdown> | undefined;
  /** The persistent cache in `.lanyard-cache/`. */
  readonly disk?: DiskCache | undefined;
  /** Worker threads for the bodies no cache holds. */
  readonly jobs: number;
  /** A worker started early (markdown/pool), used first and always closed. */
  readonly warm?: WarmWorker | undefined;
  /** Characters of new HTML kept in memory (default {@link HTML_KEPT_IN_MEMORY}). */
  readonly keepHtmlUpTo?: number;
  /** Told as bodies are rendered (cache hits count at once). */
  readonly onRendered?: ((done: number, total: number) => void) | undefined;
}

/**
 * A body to render: its Markdown, or its render key with a way to get its Markdown (read
 * again from its file, for a post the build did not keep in memory or one unchanged since
 * a build that rendered it) should no cache hold the result. `load` gives `undefined` when
 * the Markdown is no longer what the key stands for (the file changed while building).
 */
export type MarkdownBody = string | KeyedBody;

/** A body known by its render key, its Markdown got when asked for ({@link MarkdownBody}). */
export interface KeyedBody {
  readonly key: string;
  readonly load: () => string | undefined;
}

/** The cache key of a body's rendering with these options (what {@link renderBodies} calls a body's key). */
export function renderKey(optionsKey: string, markdown: string): string {
  return hashParts(optionsKey, markdown);
}

/** The part of every render key that stands for Lanyard's version and the Markdown options. */
export function renderOptionsKey(options: MarkdownOptions): string {
  return hashParts(LANYARD_VERSION, JSON.stringify(options));
}

/** Every body's result, in order, and the cache key of each (a body's identity for page reuse). */
export interface RenderedBodies {
  readonly outcomes: RenderOutcome[];
  readonly keys: string[];
}

/**
 * Renders every body, in order: from the memo, else the disk cache, else on the worker
 * pool (each distinct body once). New results go back into both caches. A body the disk's
 * summaries know is not read at all: its HTML is read when first used.
 */
export async function renderBodies(bodies: readonly MarkdownBody[], options: MarkdownOptions, sources: RenderSources): Promise<RenderedBodies> {
  const optionsKey = renderOptionsKey(options);
  const keys = bodies.map((body) => (typeof body === 'string' ? renderKey(optionsKey, body) : body.key));
  const found = new Map<string, RenderedMarkdown>();
  for (const key of keys) {
    const hit = sources.memo?.get(key);
    if (hit !== undefined) found.set(key, hit);
  }
  const disk = sources.disk;
  // The summaries (megabytes) are read only for more than a few bodies the memo lacks:
  // dev's rebuilds read the entry of an edited body, if any, and leave the summaries alone.
  const unknown = new Set(keys.filter((key) => !found.has(key))).size;
  const summarized = disk !== undefined && unknown > FEW_BODIES;
  const summaries = summarized ? await disk.loadSummaries() : new Map<string, MarkdownSummary>();
  if (disk !== undefined) {
    keys.forEach((key, index) => {
      const summary = summaries.get(key);
      // Should the entry have gone missing since, the body is rendered again, here.
      if (!found.has(key) && summary !== undefined) found.set(key, lazyMarkdown(summary, reloader(disk, key, options, bodies[index])));
    });
    const fromDisk = await disk.loadMany([...new Set(keys.filter((key) => !found.has(key)))]);
    for (const [key, value] of fromDisk) found.set(key, value);
  }
  // Each body no cache holds, once: its index. Its Markdown is asked for only when sent to
  // be rendered, so that a caller can let each go then (`MarkdownBody.load`).
  const missing = new Map<string, number>();
  keys.forEach((key, index) => {
    if (!found.has(key) && !missing.has(key)) missing.set(key, index);
  });
  const missingKeys = [...missing.keys()];
  const missingBodies = [...missing.values()].map((index) => bodies[index]);
  const hits = keys.length - missing.size;
  sources.onRendered?.(hits, keys.length);
  // On a big site, once the new HTML passes a limit, each new body is written to the cache
  // as it arrives and its HTML let go (read back when a page needs it), so the rendered HTML
  // is never all in memory at once. Those before it are let go after the stage.
  const limit = sources.keepHtmlUpTo ?? HTML_KEPT_IN_MEMORY;
  let htmlSize = 0;
  const writes: Promise<void>[] = [];
  const streamed = new Set<string>();
  const stream = (index: number, outcome: RenderOutcome): RenderOutcome => {
    const key = missingKeys[index];
    if (!outcome.ok || key === undefined || disk === undefined) return outcome;
    const value = outcome.value;
    htmlSize += value.html.length;
    if (htmlSize <= limit) return outcome;
    writes.push(disk.saveMany(new Map([[key, value]])));
    streamed.add(key);
    return { ok: true, value: lazyMarkdown(summaryOf(value), reloader(disk, key, options, missingBodies[index], value)) };
  };
  const take = (index: number): string | undefined => loadBody(missingBodies[index]);
  const rendered = await renderAll({ length: missingBodies.length, take }, options, sources.jobs, { onProgress: (done) => sources.onRendered?.(hits + done, keys.length), warm: sources.warm, onResult: stream });
  await Promise.all(writes);
  const fresh = new Map<string, RenderedMarkdown>();
  const failed = new Map<string, RenderOutcome>();
  missingKeys.forEach((key, index) => {
    const outcome = rendered[index] as RenderOutcome;
    if (!outcome.ok) failed.set(key, outcome);
    else if (streamed.has(key)) found.set(key, outcome.value);
    else {
      fresh.set(key, outcome.value);
      // Past the limit, the bodies kept in memory are let go too, once saved below.
      found.set(key, disk === undefined || htmlSize <= limit ? outcome.value : lazyMarkdown(summaryOf(outcome.value), reloader(disk, key, options, missingBodies[index], outcome.value)));
    }
  });
  // Nothing made below may keep these: each would hold every result (or Markdown) of the build.
  rendered.length = 0;
  missing.clear();
  if (disk !== undefined) {
    await disk.saveMany(fresh);
    const renderedAny = missingKeys.length > failed.size;
    fresh.clear();
    const used = new Map([...new Set(keys)].flatMap((key) => {
      const value = found.get(key);
      return value === undefined ? [] : [[key, summaryOf(value)] as const];
    }));
    if (summarized && (renderedAny || used.size !== summaries.size)) await disk.saveSummaries(used);
  }
  const outcomes = keys.map((key): RenderOutcome => {
    const value = found.get(key);
    if (value === undefined) return failed.get(key) as RenderOutcome;
    sources.memo?.set(key, value);
    return { ok: true, value };
  });
  return { outcomes, keys };
}

/**
 * How a body whose HTML was let go gets it back: the rendered value while the collector has
 * not taken it, else its cache entry, else a new rendering of its Markdown. Made here, not
 * in {@link renderBodies}, so that the closure holds none of that function's locals (all
 * the build's Markdown and results).
 */
function reloader(disk: DiskCache, key: string, options: MarkdownOptions, body: MarkdownBody | undefined, value?: RenderedMarkdown): () => RenderedMarkdown {
  const held = value === undefined ? undefined : new WeakRef(value);
  return () => held?.deref() ?? disk.loadSync(key) ?? renderInline(inProcessRendererSync(options), markdownOf(body));
}

function markdownOf(body: MarkdownBody | undefined): string {
  const markdown = loadBody(body);
  if (markdown === undefined) throw new Error('a post changed while Lanyard was building; build again');
  return markdown;
}

/** A body's Markdown; undefined when it is no longer what its key stands for ({@link MarkdownBody}). */
function loadBody(body: MarkdownBody | undefined): string | undefined {
  return typeof body === 'string' ? body : body?.load();
}

/** Up to this many bodies missing from the memo are looked up one by one, not in the summaries. */
const FEW_BODIES = 16;

/** Above this many characters of new HTML, it is dropped from memory once in the cache and read back when used (each page reads it once; a small site keeps it all). */
export const HTML_KEPT_IN_MEMORY = 4_000_000;

/**
 * A rendered body whose `html` is loaded when used. The loaded body is held weakly: the
 * site model lives as long as the build, and a big site's HTML would not fit in memory.
 */
export function lazyMarkdown(summary: MarkdownSummary, load: () => RenderedMarkdown): RenderedMarkdown {
  let held: WeakRef<RenderedMarkdown> | undefined;
  return {
    ...summary,
    get html() {
      const full = held?.deref() ?? load();
      held = new WeakRef(full);
      return full.html;
    },
  };
}

function summaryOf(value: RenderedMarkdown): MarkdownSummary {
  return { headings: value.headings, toc: value.toc, more: value.more, autoExcerpt: value.autoExcerpt, cjkCharacters: value.cjkCharacters, words: value.words, images: value.images, scripts: value.scripts };
}

function renderInline(render: MarkdownRenderer, body: string): RenderedMarkdown {
  const outcome = renderOutcome(render, body);
  if (!outcome.ok) throw new Error(`Markdown failed on a second rendering: ${outcome.message}`);
  return outcome.value;
}
