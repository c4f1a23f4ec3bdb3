// Finds the source files of a site: posts, pages, public files and templates.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_URL } from './paths.js';
import type { Dialect } from './config/schema.js';
import { warning, type Diagnostic } from './diagnostics.js';
import { discoverLegacy } from './discover-legacy.js';
import type { SourceFile, StaticFile } from './types.js';

export const MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.mkd', '.mdown'];

/** The theme shipped with Lanyard, used for any template a site does not override. */
export const DEFAULT_THEME_DIR = fileURLToPath(new URL('templates', PACKAGE_URL));

export interface Discovered {
  readonly posts: readonly SourceFile[];
  readonly pages: readonly SourceFile[];
  /** `public/` files and theme assets, public files winning over theme assets. */
  readonly staticFiles: readonly StaticFile[];
  /** Template folders, the site's first, then the default theme. */
  readonly templateRoots: readonly string[];
  /** Names (`post`, `partials/head`) of every `.liquid` template found in the roots. */
  readonly templateNames: ReadonlySet<string>;
  /** Absolute paths of every template file, for cache keys. */
  readonly templateFiles: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface DiscoverOptions {
  /** A Jekyll or Hexo folder layout (from the config); Lanyard's own when unset. */
  readonly dialect?: Dialect | undefined;
  /** The output folder, never read as a source when it lies inside the site. */
  readonly outDir?: string | undefined;
}

/** Lists everything a build reads, sorted by path so output order is deterministic. */
export async function discover(sourceDir: string, themeDir: string = DEFAULT_THEME_DIR, options: DiscoverOptions = {}): Promise<Discovered> {
  const diagnostics: Diagnostic[] = [];
  const legacy = options.dialect === undefined ? undefined : await discoverLegacy(sourceDir, options.dialect, options.outDir);
  if (legacy !== undefined) diagnostics.push(...legacy.diagnostics);
  const posts = legacy?.posts ?? (await findDocuments(sourceDir, 'posts', 'post', diagnostics));
  const pages = legacy?.pages ?? (await findDocuments(sourceDir, 'pages', 'page', diagnostics));
  const siteTemplates = path.join(sourceDir, 'templates');
  const templateRoots = (await listFiles(siteTemplates)).length > 0 && path.resolve(siteTemplates) !== path.resolve(themeDir) ? [siteTemplates, themeDir] : [themeDir];
  const templateNames = new Set<string>();
  const templateFiles: string[] = [];
  const assets = new Map<string, StaticFile>();
  for (const root of [...templateRoots].reverse()) {
    for (const file of await listFiles(root)) {
      if (file.startsWith('assets/')) assets.set(file, { sourcePath: path.join(root, file), outputPath: file });
      else if (file.endsWith('.liquid')) {
        templateNames.add(file.slice(0, -'.liquid'.length));
        templateFiles.push(path.join(root, file));
      }
    }
  }
  if (legacy !== undefined) for (const file of legacy.staticFiles) assets.set(file.outputPath, file);
  else {
    for (const file of await listFiles(path.join(sourceDir, 'public'))) {
      assets.set(file, { sourcePath: path.join(sourceDir, 'public', file), outputPath: file });
    }
  }
  const staticFiles = [...assets.values()].sort((a, b) => compare(a.outputPath, b.outputPath));
  return { posts, pages, staticFiles, templateRoots, templateNames, templateFiles, diagnostics };
}

async function findDocuments(sourceDir: string, folder: string, kind: SourceFile['kind'], diagnostics: Diagnostic[]): Promise<SourceFile[]> {
  const found: SourceFile[] = [];
  for (const link of await listSymlinks(path.join(sourceDir, folder))) {
    diagnostics.push(warning('symlink-skipped', 'skipped: symbolic links are not followed, so a build never reads outside the site folder', { file: `${folder}/${link}`, hint: 'copy the file into the site folder instead' }));
  }
  for (const file of await listFiles(path.join(sourceDir, folder))) {
    const relative = `${folder}/${file}`;
    if (!MARKDOWN_EXTENSIONS.includes(path.extname(file).toLowerCase())) {
      diagnostics.push(warning('not-markdown', `skipped: not a Markdown file (${MARKDOWN_EXTENSIONS.join(', ')})`, { file: relative, hint: `move it to public/ if it should be copied as it is` }));
      continue;
    }
    found.push({ path: relative, absolutePath: path.join(sourceDir, folder, file), kind });
  }
  return found;
}

/** Regular files under `dir`, relative with `/`, sorted; dotfiles and dot-folders skipped; '' when missing. */
async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.split('/').some((part) => part.startsWith('.')))
    .sort(compare);
}

/** Symbolic links under `dir` (never followed), relative with `/`, sorted; dotfiles skipped. */
async function listSymlinks(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isSymbolicLink())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.split('/').some((part) => part.startsWith('.')))
    .sort(compare);
}

/** Code-point order, independent of the machine's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
