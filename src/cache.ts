// Memos for the expensive work, keyed by content hashes so they never go stale:
// rendered Markdown (per post body and options) and, in dev mode, rendered pages
// (per template set, config and the page's full template context).
import { createHash } from 'node:crypto';
import type { MarkdownOptions, MarkdownRenderer } from './markdown/processor.js';
import type { LocatedDocument, RenderedMarkdown } from './types.js';

export interface Memo<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

export interface BuildCache {
  readonly markdown: Memo<RenderedMarkdown>;
  /** Parsed and located documents, per config, path and text (dev mode). */
  readonly documents?: Memo<LocatedDocument>;
  /** Rendered HTML of a route; only worth it across rebuilds in one process. */
  readonly pages?: Memo<string>;
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
export function createMemoryCache(): BuildCache & { sweep(): void } {
  const markdown = createMemo<RenderedMarkdown>();
  const documents = createMemo<LocatedDocument>();
  const pages = createMemo<string>();
  return {
    markdown,
    documents,
    pages,
    sweep: () => {
      markdown.sweep();
      documents.sweep();
      pages.sweep();
    },
  };
}

/** sha256 of the given parts, separated so that ('ab','c') ≠ ('a','bc'). */
export function hashParts(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/** Wraps a renderer so each distinct (body, options) pair is rendered once. */
export function cachedRenderer(render: MarkdownRenderer, options: MarkdownOptions, memo: Memo<RenderedMarkdown> | undefined): MarkdownRenderer {
  if (memo === undefined) return render;
  const optionsKey = JSON.stringify(options);
  return (markdown) => {
    const key = hashParts(optionsKey, markdown);
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const rendered = render(markdown);
    memo.set(key, rendered);
    return rendered;
  };
}
