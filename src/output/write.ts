// Writes the site into a staging folder next to the output, then swaps it in.
// A failed build never touches the previous output; nothing is written elsewhere.
import { copyFile, link, lstat, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashParts } from '../cache.js';
import { mapConcurrent } from '../concurrency.js';
import { error, type Diagnostic } from '../diagnostics.js';
import type { OutputFile, WrittenFile } from '../types.js';

const STAGING_PREFIX = '.lanyard-staging-';
const WRITE_CONCURRENCY = 64;
const RETIRED_PREFIX = '.lanyard-old-';

/** Reports every output path claimed by two sources, naming both. */
export function findCollisions(files: readonly OutputFile[]): Diagnostic[] {
  const owners = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const key = file.outputPath.normalize('NFC').toLowerCase();
    const owner = owners.get(key);
    if (owner === undefined) owners.set(key, file.origin);
    else {
      // Name a source file when one of the two is one (a post claiming `/` collides with the home page).
      const blamed = /^(posts|pages)\//.test(file.origin) || !/^(posts|pages)\//.test(owner) ? file.origin : owner;
      diagnostics.push(error('url-collision', `${file.origin} and ${owner} both write ${file.outputPath}`, { file: blamed, hint: 'give one of them a different `permalink` or `slug`' }));
    }
  }
  return diagnostics;
}

/** Resolves an output path inside `root`, or undefined if it would leave it. */
export function resolveInside(root: string, outputPath: string): string | undefined {
  const target = path.resolve(root, outputPath);
  const relative = path.relative(root, target);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return target;
}

/** Output path → fingerprint of what was written there (dev mode's in-place updates). */
export type OutputManifest = Map<string, string>;

/** Work done on the written output before it goes live (the search index). */
export interface WriteHooks {
  /**
   * Runs on the complete staging folder before the swap; `false` abandons the swap and
   * keeps the previous output. In dev mode's in-place updates it runs on the output
   * folder after any HTML file changed (`inPlace` true), and its answer is ignored.
   */
  readonly beforeSwap?: (dir: string, inPlace: boolean) => Promise<boolean>;
}

/**
 * Writes all files to a fresh staging folder and swaps it into `outDir`. With a
 * non-empty `manifest` of the previous build (dev mode) and an existing `outDir`,
 * it writes only the files that changed and deletes the ones that went away.
 * Returns false when a hook stopped the swap.
 */
export async function writeOutput(files: readonly OutputFile[], outDir: string, manifest?: OutputManifest, options: WriteOptions = {}): Promise<WriteResult> {
  const fingerprints = await fingerprintAll(files);
  if (manifest !== undefined && manifest.size > 0 && (await exists(outDir))) {
    const touched = await updateInPlace(files, outDir, manifest, fingerprints);
    if (options.beforeSwap !== undefined && touched.some((outputPath) => outputPath.endsWith('.html'))) await options.beforeSwap(outDir, true);
    return { swapped: true, written: await describeWritten(files, fingerprints, outDir) };
  }
  const swapped = await writeStaged(files, outDir, fingerprints, options.previous ?? new Map(), options);
  if (swapped && manifest !== undefined) {
    manifest.clear();
    files.forEach((file, index) => manifest.set(file.outputPath, fingerprints[index] ?? ''));
  }
  return { swapped, written: swapped ? await describeWritten(files, fingerprints, outDir) : new Map() };
}

export interface WriteResult {
  /** False when a hook stopped the swap (the previous output stays). */
  readonly swapped: boolean;
  /** What is now in the output folder, for the next build's reuse. */
  readonly written: WrittenFiles;
}

export type { WrittenFile } from '../types.js';

/** Output path → the file as written; stored in the cache so the next build can reuse files. */
export type WrittenFiles = Map<string, WrittenFile>;

export interface WriteOptions extends WriteHooks {
  /**
   * The files the previous build wrote. A file whose content is unchanged, and which is
   * still as it was written, is hard-linked into the new output instead of rewritten, so
   * it keeps its modification time and deploy syncs skip it.
   */
  readonly previous?: ReadonlyMap<string, WrittenFile>;
}

async function describeWritten(files: readonly OutputFile[], fingerprints: readonly string[], outDir: string): Promise<WrittenFiles> {
  const written: WrittenFiles = new Map();
  await mapConcurrent(files, WRITE_CONCURRENCY, async (file, index) => {
    const stats = await stat(path.join(outDir, file.outputPath)).catch(() => undefined);
    if (stats !== undefined) written.set(file.outputPath, { hash: fingerprints[index] ?? '', size: stats.size, mtimeMs: stats.mtimeMs });
  });
  return new Map([...written].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Writes changed files, deletes vanished ones; returns the output paths it touched. */
async function updateInPlace(files: readonly OutputFile[], outDir: string, manifest: OutputManifest, fingerprints: readonly string[]): Promise<string[]> {
  const changed = files.flatMap((file, index) => (manifest.get(file.outputPath) === fingerprints[index] ? [] : [index]));
  await writeFiles(changed.map((index) => files[index] as OutputFile), outDir);
  const current = new Set(files.map((file) => file.outputPath));
  const removed = [...manifest.keys()].filter((outputPath) => !current.has(outputPath));
  await mapConcurrent(removed, WRITE_CONCURRENCY, async (outputPath) => {
    const target = resolveInside(outDir, outputPath);
    if (target !== undefined) await rm(target, { force: true });
  });
  for (const outputPath of removed) manifest.delete(outputPath);
  for (const index of changed) manifest.set(files[index]?.outputPath ?? '', fingerprints[index] ?? '');
  return [...changed.map((index) => files[index]?.outputPath ?? ''), ...removed];
}

async function fingerprintAll(files: readonly OutputFile[]): Promise<string[]> {
  return mapConcurrent(files, WRITE_CONCURRENCY, async (file) => {
    if ('contents' in file) return hashParts(file.contents);
    if ('reuse' in file) return file.reuse.hash;
    const stats = await stat(file.copyFrom);
    return hashParts(file.copyFrom, String(stats.size), String(stats.mtimeMs));
  });
}

async function exists(target: string): Promise<boolean> {
  return stat(target).then(() => true, () => false);
}

/** Writes files under `root` (folders first, each once), many at a time. */
async function writeFiles(files: readonly OutputFile[], root: string): Promise<void> {
  const targets = files.map((file) => {
    const target = resolveInside(root, file.outputPath);
    if (target === undefined) throw new Error(`refusing to write outside the output folder: ${file.outputPath}`);
    return target;
  });
  const folders = [...new Set(targets.map((target) => path.dirname(target)))].sort();
  await mapConcurrent(folders, WRITE_CONCURRENCY, (folder) => mkdir(folder, { recursive: true }));
  await mapConcurrent(files, WRITE_CONCURRENCY, async (file, index) => {
    const target = targets[index] as string;
    if ('contents' in file) await writeFile(target, file.contents);
    else if ('copyFrom' in file) await copyFile(file.copyFrom, target);
    // Kept files are linked from the previous output; one that could not be is a bug or a race.
    else throw new Error(`the previous output's ${file.outputPath} changed during the build; build again with --no-cache`);
  });
}

/**
 * Writes a complete new output in a staging folder (reusing unchanged files by hard link),
 * runs the hook, and swaps it in; returns false when the hook stopped the swap.
 */
async function writeStaged(files: readonly OutputFile[], outDir: string, fingerprints: readonly string[], previous: ReadonlyMap<string, WrittenFile>, hooks: WriteHooks): Promise<boolean> {
  const parent = path.dirname(outDir);
  const name = path.basename(outDir);
  await mkdir(parent, { recursive: true });
  await recoverOutput(outDir);
  const staging = path.join(parent, `${STAGING_PREFIX}${name}-${process.pid}`);
  await mkdir(staging, { recursive: true });
  try {
    const reused = await linkUnchanged(files, fingerprints, previous, outDir, staging);
    await writeFiles(files.filter((file) => !reused.has(file.outputPath)), staging);
    if (hooks.beforeSwap !== undefined && !(await hooks.beforeSwap(staging, false))) {
      await rm(staging, { recursive: true, force: true });
      return false;
    }
    await swapIn(staging, outDir, path.join(parent, `${RETIRED_PREFIX}${name}-${process.pid}`));
    return true;
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    throw cause;
  }
}

/** Hard-links files whose content and on-disk state match the previous build; returns their paths. */
async function linkUnchanged(files: readonly OutputFile[], fingerprints: readonly string[], previous: ReadonlyMap<string, WrittenFile>, outDir: string, staging: string): Promise<Set<string>> {
  const candidates = files.flatMap((file, index) => (previous.get(file.outputPath)?.hash === fingerprints[index] ? [file] : []));
  const linkable = await mapConcurrent(candidates, WRITE_CONCURRENCY, async (file) => {
    const before = previous.get(file.outputPath);
    const current = resolveInside(outDir, file.outputPath);
    const stats = current === undefined ? undefined : await lstat(current).catch(() => undefined);
    return stats !== undefined && stats.isFile() && before !== undefined && stats.size === before.size && stats.mtimeMs === before.mtimeMs;
  });
  const reused = candidates.filter((_, index) => linkable[index] === true);
  const folders = [...new Set(reused.map((file) => path.dirname(path.join(staging, file.outputPath))))].sort();
  await mapConcurrent(folders, WRITE_CONCURRENCY, (folder) => mkdir(folder, { recursive: true }));
  const linked = new Set<string>();
  await mapConcurrent(reused, WRITE_CONCURRENCY, async (file) => {
    const ok = await link(path.join(outDir, file.outputPath), path.join(staging, file.outputPath)).then(() => true, () => false);
    if (ok) linked.add(file.outputPath);
  });
  return linked;
}

/**
 * Two renames: the old output steps aside, the new one takes its place. A process
 * killed between them leaves no `outDir` but a complete retired folder, which
 * {@link recoverOutput} (run first by every build) puts back.
 */
async function swapIn(staging: string, outDir: string, retired: string): Promise<void> {
  let hadPrevious = true;
  try {
    await rename(outDir, retired);
  } catch (cause) {
    if (!isCode(cause, 'ENOENT')) throw cause;
    hadPrevious = false;
  }
  await rename(staging, outDir);
  if (hadPrevious) await rm(retired, { recursive: true, force: true });
}

/**
 * Cleans up after a build that was killed: a retired output whose replacement never
 * arrived is put back; staging folders and other retired outputs are removed.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const name = path.basename(outDir);
  const ours = (prefix: string, entry: string): boolean => entry.startsWith(`${prefix}${name}-`) && /^\d+$/.test(entry.slice(prefix.length + name.length + 1));
  const entries = await readdir(parent).catch(() => [] as string[]);
  const retired = entries.find((entry) => ours(RETIRED_PREFIX, entry));
  if (retired !== undefined && !entries.includes(name)) await rename(path.join(parent, retired), path.join(parent, name));
  for (const entry of await readdir(parent).catch(() => [] as string[])) {
    if (ours(STAGING_PREFIX, entry) || ours(RETIRED_PREFIX, entry)) await rm(path.join(parent, entry), { recursive: true, force: true });
  }
}

function isCode(cause: unknown, code: string): boolean {
  return typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === code;
}
