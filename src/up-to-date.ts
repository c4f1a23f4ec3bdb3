// Skips a build whose inputs are byte-for-byte those of the last successful build and
// whose output is still exactly as that build wrote it ("warm build, nothing changed").
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hashParts } from './cache.js';
import { mapConcurrent } from './concurrency.js';
import { CACHE_DIR, writeCacheFile } from './disk-cache.js';
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

/** What {@link hashInputs} found: the key of all inputs, and each post's and page's bytes and their hash, by absolute path. */
export interface HashedInputs {
  readonly key: string;
  readonly bytes: Map<string, Buffer>;
  readonly hashes: ReadonlyMap<string, string>;
}

/**
 * Hashes everything a build reads: Lanyard's version, the resolved config and options,
 * every post, page and template byte, and each static file's size and modification time.
 * The posts' and pages' bytes, and the hash of each, are handed on, so the build reads
 * and hashes every post once.
 */
export function hashInputs(found: Discovered, settings: unknown): HashedInputs {
  const documents = [...found.posts, ...found.pages].map((source) => source.absolutePath);
  // Synchronous reads: several times faster than thousands of promises for small files.
  const read = (file: string): Buffer | undefined => {
    try {
      return readFileSync(file);
    } catch {
      return undefined;
    }
  };
  const bytes = new Map<string, Buffer>();
  const hashes = new Map<string, string>();
  for (const file of documents) {
    const text = read(file);
    if (text === undefined) continue;
    bytes.set(file, text);
    hashes.set(file, hashParts(text));
  }
  const templates = found.templateFiles.map((file) => hashParts(read(file) ?? '\0missing'));
  const statics = found.staticFiles.map((file) => {
    const stats = statSync(file.sourcePath, { throwIfNoEntry: false });
    return `${file.outputPath}\0${file.sourcePath}\0${stats?.size ?? -1}\0${stats?.mtimeMs ?? -1}`;
  });
  const parts = [...documents.flatMap((file) => [file, hashes.get(file) ?? '\0missing']), ...found.templateFiles.flatMap((file, index) => [file, templates[index] ?? ''])];
  return { key: hashParts(LANYARD_VERSION, JSON.stringify(settings), ...parts, ...statics), bytes, hashes };
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
