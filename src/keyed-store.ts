// A big map of cache entries kept as two checked files (cache-files.ts `writeChecked`):
// `<name>` holds all entries; `<name>.delta` the few added or changed since, tied to
// the sha256 of that base. A build that changes a few entries rewrites only the small
// delta, not megabytes of base; the base is rewritten when the delta or the entries
// no longer used grow past a tenth of the map. A delta whose base is not the one on
// disk, or any damaged file, is ignored (those entries are rebuilt, never trusted).
import { rm } from 'node:fs/promises';
import { readCheckedWithHash, writeChecked } from './cache-files.js';

export interface KeyedStore<T> {
  /** Every entry stored: the base, with the delta applied. */
  readonly entries: ReadonlyMap<string, T>;
  /**
   * Stores `used` as the map (entries not in it may be dropped). `changed` names keys
   * whose value differs from the one stored; other keys already stored are not written again.
   */
  save(used: ReadonlyMap<string, T>, changed?: ReadonlySet<string>): Promise<void>;
}

/** Up to this many entries (or a tenth of the map, if more) are written as a delta. */
const MIN_DELTA = 64;

/**
 * Opens the store in `file` (and `file.delta`). `parse` turns the stored JSON of an
 * entry list into entries, throwing on anything unexpected; `stored` is what
 * `JSON.stringify` writes for an entry (default: the entry itself).
 */
export async function openKeyedStore<T>(file: string, parse: (json: unknown) => [string, T][], stored: (value: T) => unknown = (value) => value): Promise<KeyedStore<T>> {
  const deltaFile = `${file}.delta`;
  // The files' texts (megabytes) are read and parsed in functions of their own: a variable
  // that any closure here used would live in this function's context, which `save` keeps.
  const base = await readBase(file, parse);
  const baseEntries = new Map<string, T>(base?.list ?? []);
  // A delta applies only to the base it was written against.
  const baseHash = base?.sha256;
  const deltaEntries = new Map<string, T>((baseHash === undefined ? undefined : await readDelta(deltaFile, baseHash, parse)) ?? []);
  const entries = new Map([...baseEntries, ...deltaEntries]);
  const serialize = (list: Iterable<[string, T]>): string => JSON.stringify([...list].map(([key, value]) => [key, stored(value)]));
  return {
    entries,
    async save(used, changed = new Set()) {
      const added = [...used].filter(([key]) => !baseEntries.has(key) || changed.has(key));
      let unused = 0;
      for (const key of baseEntries.keys()) if (!used.has(key)) unused++;
      const limit = Math.max(MIN_DELTA, used.size / 10);
      if (baseHash !== undefined && added.length <= limit && unused <= limit) {
        const sameDelta = added.length === deltaEntries.size && added.every(([key]) => deltaEntries.has(key) && !changed.has(key));
        if (!sameDelta) await writeChecked(deltaFile, `{"base":${JSON.stringify(baseHash)},"entries":${serialize(added)}}`);
        return;
      }
      await rm(deltaFile, { force: true });
      await writeChecked(file, serialize(used));
    },
  };
}

async function readBase<T>(file: string, parse: (json: unknown) => [string, T][]): Promise<{ list: [string, T][]; sha256: string } | undefined> {
  const base = await readCheckedWithHash(file);
  const list = base === undefined ? undefined : safely(() => parse(JSON.parse(base.entries)));
  return list === undefined || base === undefined ? undefined : { list, sha256: base.sha256 };
}

async function readDelta<T>(deltaFile: string, baseHash: string, parse: (json: unknown) => [string, T][]): Promise<[string, T][] | undefined> {
  const delta = await readCheckedWithHash(deltaFile);
  return delta === undefined ? undefined : safely(() => {
    const value = JSON.parse(delta.entries) as { base?: unknown; entries?: unknown };
    return value.base === baseHash ? parse(value.entries) : undefined;
  });
}

/** What `read` returns, or undefined when it throws (a damaged or unexpected file). */
function safely<T>(read: () => T[] | undefined): T[] | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
