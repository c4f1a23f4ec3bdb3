// Skips a build whose inputs are byte-for-byte those of the last successful build and
// whose output is still exactly as that build wrote it ("warm build, nothing changed").
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hashParts } from './hash.js';
import { mapConcurrent } from './concurrency.js';
import { readChecked, writeCacheFile, writeChecked } from './cache-files.js';
import { CACHE_DIR } from './disk-cache.js';
import type { Diagnostic } from './diagnostics.js';
import type { Discovered } from './discover.js';
import type { WrittenFiles } from './output/write.js';
import { LANYARD_VERSION } from './version.js';

const CONCURRENCY = 64;

export interface LastBuild {
  readonly inputKey: string;
  readonly outDir: string;
  /** Counts for the summary line. */
  readonly stats: Readonly<Record<string, number>>;
  /** Warnings of that build (errors never get here: a failed build is not recorded). */
  readonly diagnostics: readonly Diagnostic[];
  /** Texts of the files the warnings point into. */
  readonly sources: readonly (readonly [string, string])[];
}

const lastBuild = z.object({
  lanyard: z.literal(LANYARD_VERSION),
  inputKey: z.string(),
  outDir: z.string(),
  stats: z.record(z.string(), z.number()),
  diagnostics: z.array(z.object({ severity: z.enum(['error', 'warning']), code: z.string(), message: z.string(), file: z.string().optional(), line: z.number().optional(), column: z.number().optional(), hint: z.string().optional() })),
  sources: z.array(z.tuple([z.string(), z.string()])),
});

/** What the last build knew of a post or page: its file's identity (size, times, inode) and the sha256 of its bytes. */
export interface InputRecord {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  readonly hash: string;
}

/** Records of the posts and pages, by absolute path, and when their files were looked at. */
export interface InputRecords {
  readonly checkedAt: number;
  readonly files: ReadonlyMap<string, InputRecord>;
}

/**
 * A file changed within this many milliseconds before it was recorded may change again
 * without its times changing (filesystems with coarse times): its record is not trusted.
 */
const RACY_MS = 2_000;

/** What {@link readInputs} found: each post's and page's hash (and bytes, when read), by absolute path. */
export interface ReadInputs {
  /** Bytes of the files read; a file whose record still held was not read. */
  readonly bytes: Map<string, Buffer>;
  readonly hashes: ReadonlyMap<string, string>;
  /** This build's records, for the next one ({@link saveInputRecords}). */
  readonly records: InputRecords;
  /** How many posts and pages were read (their record was missing or no longer held). */
  readonly read: number;
}

/** {@link ReadInputs} and the key of everything a build reads. */
export interface HashedInputs extends ReadInputs {
  readonly key: string;
}

// Synchronous reads: several times faster than thousands of promises for small files.
function readBytes(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Hashes every post and page. A file that is as `known` recorded it (size, times,
 * inode; not changed just before) is not read again: its recorded hash stands for its
 * bytes. The bytes read, and every file's hash, are handed on, so the build reads and
 * hashes a post at most once.
 */
export function readInputs(found: Discovered, known?: InputRecords): ReadInputs {
  const checkedAt = Date.now();
  const bytes = new Map<string, Buffer>();
  const hashes = new Map<string, string>();
  const records = new Map<string, InputRecord>();
  for (const { absolutePath: file } of [...found.posts, ...found.pages]) {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (stats === undefined) continue;
    const identity = { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
    const record = known?.files.get(file);
    if (record !== undefined && known !== undefined && sameFile(record, identity) && stats.mtimeMs < known.checkedAt - RACY_MS) {
      hashes.set(file, record.hash);
      records.set(file, record);
      continue;
    }
    const text = readBytes(file);
    if (text === undefined) continue;
    const hash = hashParts(text);
    bytes.set(file, text);
    hashes.set(file, hash);
    records.set(file, { ...identity, hash });
  }
  return { bytes, hashes, records: { checkedAt, files: records }, read: bytes.size };
}

/**
 * {@link readInputs}, and the key of everything a build reads: Lanyard's version, the
 * resolved config and options, every post, page and template byte, and each static
 * file's size and modification time (for "nothing changed since the last build").
 */
export function hashInputs(found: Discovered, settings: unknown, known?: InputRecords): HashedInputs {
  const inputs = readInputs(found, known);
  const documents = [...found.posts, ...found.pages].map((source) => source.absolutePath);
  const templates = found.templateFiles.map((file) => hashParts(readBytes(file) ?? '\0missing'));
  const statics = found.staticFiles.map((file) => {
    const stats = statSync(file.sourcePath, { throwIfNoEntry: false });
    return `${file.outputPath}\0${file.sourcePath}\0${stats?.size ?? -1}\0${stats?.mtimeMs ?? -1}`;
  });
  const parts = [...documents.flatMap((file) => [file, inputs.hashes.get(file) ?? '\0missing']), ...found.templateFiles.flatMap((file, index) => [file, templates[index] ?? ''])];
  return { ...inputs, key: hashParts(LANYARD_VERSION, JSON.stringify(settings), ...parts, ...statics) };
}

function sameFile(record: InputRecord, stats: Omit<InputRecord, 'hash'>): boolean {
  return record.size === stats.size && record.mtimeMs === stats.mtimeMs && record.ctimeMs === stats.ctimeMs && record.ino === stats.ino;
}

const INPUTS_FILE = 'inputs.json';

/** The records the last build saved (none when missing, foreign or damaged). */
export async function loadInputRecords(sourceDir: string): Promise<InputRecords | undefined> {
  const text = await readChecked(path.join(sourceDir, CACHE_DIR, INPUTS_FILE));
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as { checkedAt?: unknown; files?: unknown };
    if (typeof value.checkedAt !== 'number' || !Array.isArray(value.files)) return undefined;
    const files = new Map<string, InputRecord>();
    for (const item of value.files as unknown[]) {
      if (!Array.isArray(item) || typeof item[0] !== 'string' || !isRecord(item[1])) return undefined;
      files.set(item[0], item[1]);
    }
    return { checkedAt: value.checkedAt, files };
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is InputRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['size', 'mtimeMs', 'ctimeMs', 'ino'].every((key) => typeof record[key] === 'number') && typeof record['hash'] === 'string';
}

/** Saves this build's records when they differ from the last build's (atomically, checked). */
export async function saveInputRecords(sourceDir: string, inputs: ReadInputs, known: InputRecords | undefined): Promise<void> {
  if (known !== undefined && inputs.read === 0 && known.files.size === inputs.records.files.size) return;
  await writeChecked(path.join(sourceDir, CACHE_DIR, INPUTS_FILE), JSON.stringify({ checkedAt: inputs.records.checkedAt, files: [...inputs.records.files] }));
}

/** True when every file of `written` is still in `outDir` with its size and modification time. */
export async function outputIntact(outDir: string, written: WrittenFiles): Promise<boolean> {
  if (written.size === 0) return false;
  const checks = await mapConcurrent([...written], CONCURRENCY, async ([outputPath, file]) => {
    const stats = await stat(path.join(outDir, outputPath)).catch(() => undefined);
    return stats !== undefined && stats.size === file.size && stats.mtimeMs === file.mtimeMs;
  });
  return checks.every(Boolean);
}

/** The last successful build of `outDir`, when recorded and readable. */
export async function loadLastBuild(sourceDir: string, outDir: string): Promise<LastBuild | undefined> {
  try {
    const parsed = lastBuild.safeParse(JSON.parse(await readFile(path.join(sourceDir, CACHE_DIR, 'last-build.json'), 'utf8')));
    return parsed.success && parsed.data.outDir === outDir ? (parsed.data as LastBuild) : undefined;
  } catch {
    return undefined;
  }
}

/** Records a successful build (atomically). */
export async function saveLastBuild(sourceDir: string, record: LastBuild): Promise<void> {
  const diagnostics = record.diagnostics.map(({ cause: _cause, ...rest }) => rest);
  await writeCacheFile(path.join(sourceDir, CACHE_DIR, 'last-build.json'), { lanyard: LANYARD_VERSION, ...record, diagnostics });
}
