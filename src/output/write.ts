// Writes the site into a staging folder next to the output, then swaps it in.
// A failed build never touches the previous output; nothing is written elsewhere.
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashParts } from '../cache.js';
import { mapConcurrent } from '../concurrency.js';
import { error, type Diagnostic } from '../diagnostics.js';
import type { OutputFile } from '../types.js';

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

/**
 * Writes all files to a fresh staging folder and swaps it into `outDir`. With a
 * non-empty `manifest` of the previous build (dev mode) and an existing `outDir`,
 * it writes only the files that changed and deletes the ones that went away.
 */
export async function writeOutput(files: readonly OutputFile[], outDir: string, manifest?: OutputManifest): Promise<void> {
  const fingerprints = manifest === undefined ? undefined : await fingerprintAll(files);
  if (manifest !== undefined && fingerprints !== undefined && manifest.size > 0 && (await exists(outDir))) {
    await updateInPlace(files, outDir, manifest, fingerprints);
    return;
  }
  await writeStaged(files, outDir);
  if (manifest !== undefined && fingerprints !== undefined) {
    manifest.clear();
    files.forEach((file, index) => manifest.set(file.outputPath, fingerprints[index] ?? ''));
  }
}

async function updateInPlace(files: readonly OutputFile[], outDir: string, manifest: OutputManifest, fingerprints: readonly string[]): Promise<void> {
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
}

async function fingerprintAll(files: readonly OutputFile[]): Promise<string[]> {
  return mapConcurrent(files, WRITE_CONCURRENCY, async (file) => {
    if ('contents' in file) return hashParts(file.contents);
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
    else await copyFile(file.copyFrom, target);
  });
}

async function writeStaged(files: readonly OutputFile[], outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const name = path.basename(outDir);
  await mkdir(parent, { recursive: true });
  await recoverOutput(outDir);
  const staging = path.join(parent, `${STAGING_PREFIX}${name}-${process.pid}`);
  await mkdir(staging, { recursive: true });
  try {
    await writeFiles(files, staging);
    await swapIn(staging, outDir, path.join(parent, `${RETIRED_PREFIX}${name}-${process.pid}`));
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    throw cause;
  }
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
