// Decides whether a folder may be replaced by a build's output: never the source
// folder or a folder holding it, never a non-empty folder Lanyard did not create.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { LANYARD_VERSION } from '../version.js';
import { error, type Diagnostic } from '../diagnostics.js';
import type { OutputFile } from '../types.js';

/** Written into every output folder; its presence means "created by Lanyard". Dotfiles are never served. */
export const OUTPUT_MARKER = '.lanyard-output';

/** Source folders an output folder may never be placed in, even with `--force`. */
const CONTENT_FOLDERS = ['posts', 'pages', 'templates', 'public'];

/** The marker file: the Lanyard version that wrote the folder (no time, so builds stay reproducible). */
export function markerFile(): OutputFile {
  return { outputPath: OUTPUT_MARKER, origin: 'output marker', contents: `Created by Lanyard ${LANYARD_VERSION}. Lanyard replaces this folder on every build.\n` };
}

/** Reports why `outDir` must not be replaced by the output of `sourceDir`, if it must not. */
export async function checkOutputFolder(outDir: string, sourceDir: string, force: boolean): Promise<Diagnostic[]> {
  const out = path.resolve(outDir);
  const source = path.resolve(sourceDir);
  const hint = 'choose another --out folder, such as <source>/dist';
  if (out === source) return [error('out-is-source', `the output folder ${out} is the source folder; building would replace your posts`, { hint })];
  if (isInside(source, out)) return [error('out-contains-source', `the output folder ${out} contains the source folder ${source}; building would replace it`, { hint })];
  const content = CONTENT_FOLDERS.find((folder) => out === path.join(source, folder) || isInside(out, path.join(source, folder)));
  if (content !== undefined) return [error('out-in-content', `the output folder ${out} is inside the site's ${content}/ folder`, { hint })];
  const stats = await stat(out).catch(() => undefined);
  if (stats === undefined) return [];
  if (!stats.isDirectory()) return [error('out-not-folder', `the output path ${out} exists and is not a folder`, { hint })];
  if (force) return [];
  const entries = await readdir(out);
  if (entries.length === 0 || entries.includes(OUTPUT_MARKER)) return [];
  return [error('out-not-lanyard', `the output folder ${out} is not empty and was not created by Lanyard (it has no ${OUTPUT_MARKER} file); building would replace everything in it`, {
    hint: 'choose another --out folder, or pass --force to replace it',
  })];
}

/** True when `inner` is strictly inside `outer`. */
function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
