// Shared helpers for whole-site tests: temp sites from a map of files, the real
// CLI as a child process, and real HTML parsing.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, writeFile, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = path.join(PROJECT_ROOT, 'bin', 'lanyard.js');
export const SEEDS_DIR = path.resolve(PROJECT_ROOT, '..', 'shared', 'seeds');
export const SEED_000 = path.join(SEEDS_DIR, '000_0f664ff68171fa9a.txt');
export const SEED_001 = path.join(SEEDS_DIR, '001_8be6bc9c42208fc5.txt');

/** Creates a temp folder holding the given files (path → contents). */
export async function makeSite(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lanyard-test-'));
  for (const [file, contents] of Object.entries(files)) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, contents);
  }
  return dir;
}

/** Copies the two seed posts into `<site>/posts/`. */
export async function addSeeds(site: string): Promise<void> {
  await mkdir(path.join(site, 'posts'), { recursive: true });
  await copyFile(SEED_000, path.join(site, 'posts', '000_0f664ff68171fa9a.md'));
  await copyFile(SEED_001, path.join(site, 'posts', '001_8be6bc9c42208fc5.md'));
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI (`bin/lanyard.js`, compiled by `pretest`) as a child process. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: options.cwd ?? PROJECT_ROOT, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every file under `dir`, relative with `/`, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Reads and parses one output HTML file. */
export async function readHtml(file: string): Promise<Root> {
  return fromHtml(await readFile(file, 'utf8'));
}

/** Every file's bytes under `dir`, keyed by relative path. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const file of await listFiles(dir)) result.set(file, (await readFile(path.join(dir, file))).toString('base64'));
  return result;
}

/** Text of an attribute on a hast element, or undefined. */
export function attr(node: { properties?: Record<string, unknown> } | undefined, name: string): string | undefined {
  const value = node?.properties?.[name];
  if (Array.isArray(value)) return value.join(' ');
  return value === undefined || value === null ? undefined : String(value);
}

/**
 * Checks every internal `href`/`src` of every HTML file under `outDir`: percent-decoded
 * and stripped of `basePath`, it must name a file (or a folder with index.html), and a
 * `#fragment` must name an id in the target page. Returns the broken links.
 */
export async function brokenLinks(outDir: string, basePath = '/'): Promise<string[]> {
  const files = new Set(await listFiles(outDir));
  const ids = new Map<string, Set<string>>();
  const broken: string[] = [];
  const idsOf = async (file: string): Promise<Set<string>> => {
    let found = ids.get(file);
    if (found === undefined) {
      const tree = await readHtml(path.join(outDir, file));
      found = new Set(selectAll('[id]', tree).map((node) => attr(node, 'id') ?? ''));
      ids.set(file, found);
    }
    return found;
  };
  for (const file of files) {
    if (!file.endsWith('.html')) continue;
    const tree = await readHtml(path.join(outDir, file));
    for (const node of selectAll('a[href], link[href], img[src], script[src]', tree)) {
      const raw = attr(node, 'href') ?? attr(node, 'src') ?? '';
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(raw)) continue;
      const [pathPart = '', fragment] = raw.split('#');
      let target: string;
      if (pathPart === '') target = file;
      else {
        const decoded = decodeURI(pathPart);
        if (!decoded.startsWith(basePath)) {
          broken.push(`${file}: ${raw} (outside ${basePath})`);
          continue;
        }
        const relative = decoded.slice(basePath.length);
        target = relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
      }
      if (!files.has(target)) {
        broken.push(`${file}: ${raw} → ${target} missing`);
        continue;
      }
      if (fragment !== undefined && fragment !== '' && target.endsWith('.html') && !(await idsOf(target)).has(decodeURIComponent(fragment))) {
        broken.push(`${file}: ${raw} → #${fragment} missing in ${target}`);
      }
    }
  }
  return broken;
}
