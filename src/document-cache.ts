// Parsed and located posts and pages, kept across builds in `.lanyard-cache/documents.json`
// (a keyed store: base and delta, each checked by version and sha256; a file that does
// not match is ignored whole, never trusted): a warm build with one post edited parses
// that post only.
import path from 'node:path';
import { CACHE_DIR } from './disk-cache.js';
import { hashParts } from './hash.js';
import { openKeyedStore } from './keyed-store.js';
import type { LocatedDocument } from './types.js';

/** A memo of parsed documents, by key; `text` is the file's text (bodies are stored as offsets into it). */
export interface DocumentMemo {
  get(key: string, text: string): LocatedDocument | undefined;
  set(key: string, value: LocatedDocument, text: string): void;
}

export interface DocumentCache extends DocumentMemo {
  /** True when an entry is stored under `key`. */
  has(key: string): boolean;
  /**
   * The document stored under `key` with its prepared body's render key, when one was
   * recorded ({@link setBodyKey}): the build then needs neither the file's text nor its body.
   */
  prepared(key: string): PreparedDocument | undefined;
  /** Records the render key of the document's prepared body (a document read with no problem at all). */
  setBodyKey(key: string, bodyKey: string): void;
  /** Writes the entries used by this build, when any is new. */
  save(): Promise<void>;
}

type Document = NonNullable<LocatedDocument['document']>;

/** A stored document, its body left out. */
export interface PreparedDocument {
  /** The document, with an empty body. */
  readonly document: Document;
  /** The render key (cache.ts) of its body as prepared for Markdown. */
  readonly bodyKey: string;
  /** {@link frontKey} of the document, when stored with it. */
  readonly frontKey?: string | undefined;
}

/** An entry: the document without its body, and where the body starts in the text (or the body itself). */
interface Entry {
  /** The parsed document with an empty body: the key keeps its place, so a cached document serializes like a fresh one. */
  readonly parsed: Document['parsed'];
  readonly location: Document['location'];
  readonly body: number | string;
  /** The render key of the prepared body, when the document had no problem at all. */
  readonly bodyKey?: string;
  /** {@link frontKey} of the document (older entries have none). */
  readonly frontKey?: string;
}

/** Opens `<sourceDir>/.lanyard-cache/documents.json` (empty when missing or bad). */
export async function openDocumentCache(sourceDir: string): Promise<DocumentCache> {
  const file = path.join(sourceDir, CACHE_DIR, 'documents.json');
  const store = await openKeyedStore(file, (json) => json as [string, Entry][]);
  return documentCacheOver(store.entries, (used, changed) => store.save(used, changed));
}

/**
 * A document cache in memory, for `lanyard dev`: each build opens it with {@link
 * MemoryDocuments.open}, and its `save` keeps the entries that build used.
 */
export interface MemoryDocuments {
  open(): DocumentCache;
}

export function createMemoryDocuments(): MemoryDocuments {
  let stored = new Map<string, Entry>();
  return {
    open: () =>
      documentCacheOver(stored, async (used) => {
        stored = new Map(used);
      }),
  };
}

/** A document cache over `stored` entries; `save` hands the entries used (and those changed) to `persist`, when any is new. */
function documentCacheOver(stored: ReadonlyMap<string, Entry>, persist: (used: ReadonlyMap<string, Entry>, changed: ReadonlySet<string>) => Promise<void>): DocumentCache {
  const used = new Map<string, Entry>();
  const changed = new Set<string>();
  let added = 0;
  return {
    has: (key) => stored.has(key),
    get(key, text) {
      const entry = stored.get(key);
      if (entry === undefined) return undefined;
      const body = typeof entry.body === 'string' ? entry.body : text.slice(entry.body);
      used.set(key, entry);
      return { document: { parsed: { ...entry.parsed, body }, location: entry.location }, diagnostics: [] };
    },
    prepared(key) {
      const entry = stored.get(key);
      if (entry?.bodyKey === undefined) return undefined;
      used.set(key, entry);
      return { document: { parsed: entry.parsed, location: entry.location }, bodyKey: entry.bodyKey, frontKey: entry.frontKey };
    },
    setBodyKey(key, bodyKey) {
      const entry = used.get(key);
      if (entry === undefined || entry.bodyKey === bodyKey) return;
      used.set(key, { ...entry, bodyKey });
      changed.add(key);
      added++;
    },
    set(key, value, text) {
      const entry = toEntry(value, text);
      if (entry === undefined) return;
      used.set(key, entry);
      changed.add(key);
      added++;
    },
    async save() {
      if (added === 0 && used.size === stored.size) return;
      await persist(used, changed);
    },
  };
}

/**
 * Only documents without diagnostics (warnings carry causes and must be reported
 * again) and whose front matter survives JSON unchanged are stored.
 */
function toEntry(value: LocatedDocument, text: string): Entry | undefined {
  if (value.document === undefined || value.diagnostics.length > 0) return undefined;
  const { body } = value.document.parsed;
  const parsed = { ...value.document.parsed, body: '' };
  if (!survivesJson(parsed.data)) return undefined;
  return { parsed, location: value.document.location, body: text.endsWith(body) ? text.length - body.length : body, frontKey: frontKey({ ...parsed, ...value.document.location }) };
}

/**
 * A hash of a document's parsed and located form but its body (and its rendered content):
 * all of it that does not come from the body. Stored with each entry, so that a build
 * need not serialize thousands of unchanged documents for their light fingerprints
 * (render/fingerprint.ts). A cached document serializes like a fresh one (see Entry).
 */
export function frontKey(document: object): string {
  const { content: _content, body: _body, ...front } = document as { content?: unknown; body?: unknown };
  return hashParts('front', JSON.stringify(front));
}

/** False for values JSON would change: non-finite numbers, `undefined` in lists, non-plain objects. */
function survivesJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((item) => item !== undefined && survivesJson(item));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.entries(value).every(([key, item]) => key !== '__proto__' && item !== undefined && survivesJson(item));
  return false;
}
