// Writes the site into a staging folder next to the output, then swaps it in.
// A failed build never touches the previous output; nothing is written elsewhere.
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics.js';
import type { OutputFile } from '../types.js';

const STAGING_PREFIX = '.lanyard-staging-';
const RETIRED_PREFIX = '.lanyard-old-';

/** Reports every output path claimed by two sources, naming both. */
export function findCollisions(files: readonly OutputFile[]): Diagnostic[] {
  const owners = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const key = file.outputPath.normalize('NFC').toLowerCase();
    const owner = owners.get(key);
    if (owner === undefined) owners.set(key, file.origin);
    else diagnostics.push(error('url-collision', `${file.origin} and ${owner} both write ${file.outputPath}`, { file: file.origin, hint: 'give one of them a different `permalink` or `slug`' }));
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

/** Writes all files to a fresh staging folder and swaps it into `outDir`. */
export async function writeOutput(files: readonly OutputFile[], outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  const name = path.basename(outDir);
  await mkdir(parent, { recursive: true });
  await removeLeftovers(parent, name);
  const staging = path.join(parent, `${STAGING_PREFIX}${name}-${process.pid}`);
  await mkdir(staging, { recursive: true });
  try {
    for (const file of files) {
      const target = resolveInside(staging, file.outputPath);
      if (target === undefined) throw new Error(`refusing to write outside the output folder: ${file.outputPath}`);
      await mkdir(path.dirname(target), { recursive: true });
      if ('contents' in file) await writeFile(target, file.contents);
      else await copyFile(file.copyFrom, target);
    }
    await swapIn(staging, outDir, path.join(parent, `${RETIRED_PREFIX}${name}-${process.pid}`));
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    throw cause;
  }
}

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
async function removeLeftovers(parent: string, name: string): Promise<void> {
  const entries = await readdir(parent).catch(() => [] as string[]);
  const retired = entries.find((entry) => entry.startsWith(`${RETIRED_PREFIX}${name}-`));
  if (retired !== undefined && !entries.includes(name)) await rename(path.join(parent, retired), path.join(parent, name));
  for (const entry of await readdir(parent)) {
    if (entry.startsWith(`${STAGING_PREFIX}${name}-`) || entry.startsWith(`${RETIRED_PREFIX}${name}-`)) {
      await rm(path.join(parent, entry), { recursive: true, force: true });
    }
  }
}

function isCode(cause: unknown, code: string): boolean {
  return typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === code;
}
