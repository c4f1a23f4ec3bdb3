// Finds posts, pages and static files in a Jekyll or Hexo site folder.
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Dialect } from './config/schema.js';
import { warning, type Diagnostic } from './diagnostics.js';
import type { SourceFile, StaticFile } from './types.js';

export const LEGACY_MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.mkd', '.mdown'];

/** Never read, whatever the layout: tool folders, dependency folders, Lanyard's own files. */
const ALWAYS_IGNORED = new Set(['node_modules', 'vendor', 'Gemfile', 'Gemfile.lock', 'gemfiles', 'package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'lanyard.yml', 'templates', 'dist']);

export interface LegacyFiles {
  readonly posts: readonly SourceFile[];
  readonly pages: readonly SourceFile[];
  readonly staticFiles: readonly StaticFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Jekyll: `_posts/`, `_drafts/`, Markdown with front matter anywhere else as pages, other
 * files copied. Hexo: the same under `source/`. `_`-folders, dotfiles, `exclude`d paths
 * and the output folder are skipped; templates of the old theme are reported and skipped.
 */
export async function discoverLegacy(sourceDir: string, dialect: Dialect, outDir?: string): Promise<LegacyFiles> {
  const diagnostics: Diagnostic[] = [];
  const root = dialect.layout === 'hexo' ? 'source' : '';
  const prefix = root === '' ? '' : `${root}/`;
  const posts = [
    ...(await findPosts(sourceDir, `${prefix}_posts`, false, diagnostics)),
    ...(await findPosts(sourceDir, `${prefix}_drafts`, true, diagnostics)),
  ];
  const outRelative = outDir === undefined ? undefined : path.relative(sourceDir, outDir).split(path.sep).join('/');
  const excluded = (file: string): boolean =>
    dialect.exclude.some((pattern) => matchesExclude(file.slice(prefix.length), pattern)) || (outRelative !== undefined && outRelative !== '' && !outRelative.startsWith('..') && (file === outRelative || file.startsWith(`${outRelative}/`)));
  const pages: SourceFile[] = [];
  const staticFiles: StaticFile[] = [];
  for (const file of await walk(sourceDir, root, root === '')) {
    if (excluded(file)) continue;
    const inner = file.slice(prefix.length);
    const absolutePath = path.join(sourceDir, file);
    const markdown = LEGACY_MARKDOWN_EXTENSIONS.includes(path.extname(file).toLowerCase());
    const frontMatter = await startsWithFrontMatter(absolutePath);
    if (markdown && (frontMatter || dialect.layout === 'hexo')) {
      if (/^(index|404)\.[^/]+$/.test(inner)) {
        diagnostics.push(warning('legacy-page-replaced', `skipped: Lanyard makes its own ${inner.startsWith('404') ? '404 page' : 'home page'}`, { file, hint: 'move what it says into a page such as about.md, or into a template in templates/' }));
      } else {
        pages.push({ path: file, absolutePath, kind: 'page', folder: root });
      }
    } else if (frontMatter && !markdown) {
      diagnostics.push(warning('legacy-template', `skipped: a ${dialect.layout === 'jekyll' ? 'Jekyll' : 'Hexo'} template (it has front matter); Lanyard's theme makes its own pages and styles`, { file, hint: 'override a Lanyard template in templates/ instead, or remove the front matter to copy the file as it is' }));
    } else {
      staticFiles.push({ sourcePath: absolutePath, outputPath: inner });
    }
  }
  return { posts, pages, staticFiles, diagnostics };
}

async function findPosts(sourceDir: string, folder: string, draft: boolean, diagnostics: Diagnostic[]): Promise<SourceFile[]> {
  const found: SourceFile[] = [];
  for (const file of await walk(sourceDir, folder, false)) {
    if (!LEGACY_MARKDOWN_EXTENSIONS.includes(path.extname(file).toLowerCase())) {
      diagnostics.push(warning('not-markdown', `skipped: not a Markdown post (${LEGACY_MARKDOWN_EXTENSIONS.join(', ')})`, { file, hint: 'images and other files belong outside the posts folder, e.g. in assets/' }));
      continue;
    }
    found.push({ path: file, absolutePath: path.join(sourceDir, file), kind: 'post', folder, ...(draft ? { draft: true } : {}) });
  }
  return found;
}

/**
 * Files under `sourceDir/folder`, relative to `sourceDir` with `/`, sorted. Entries starting
 * with `.` or `_` (and editor backups) are skipped below `folder`; at the site root the
 * folders of tools and dependencies too.
 */
async function walk(sourceDir: string, folder: string, isSiteRoot: boolean): Promise<string[]> {
  const files: string[] = [];
  const visit = async (relative: string, top: boolean): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(sourceDir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      if (/^[._#]|~$/.test(name) || (top && isSiteRoot && ALWAYS_IGNORED.has(name))) continue;
      const child = relative === '' ? name : `${relative}/${name}`;
      if (entry.isDirectory()) await visit(child, false);
      else if (entry.isFile()) files.push(child);
    }
  };
  await visit(folder, true);
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A Jekyll `exclude` entry: a path prefix, or a simple `*` glob. */
function matchesExclude(file: string, pattern: string): boolean {
  const clean = pattern.replace(/^\/+|\/+$/g, '');
  if (clean === '') return false;
  if (clean.includes('*')) {
    const regex = new RegExp(`^${clean.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}(?:/|$)`);
    return regex.test(file);
  }
  return file === clean || file.startsWith(`${clean}/`);
}

/** True when a file begins with a `---` line (Jekyll processes only such files). */
async function startsWithFrontMatter(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (handle === undefined) return false;
  try {
    const buffer = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buffer, 0, 8, 0);
    return /^(?:\uFEFF)?---\r?\n/.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}
