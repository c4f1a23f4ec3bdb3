// Choosing the final file list: legacy static files that give way, first claims after a
// reported collision, and the search index's reserved folder.
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { OutputFile } from '../types.js';
import { SEARCH_FOLDER } from './search.js';

/** The search index owns `pagefind/`: a post or public file there would be overwritten. */
export function findReserved(files: readonly OutputFile[]): Diagnostic[] {
  return files
    .filter((file) => file.outputPath.split('/')[0] === SEARCH_FOLDER)
    .map((file) => error('search-reserved', `${file.origin} writes ${file.outputPath}, inside ${SEARCH_FOLDER}/, where the search index goes`, { file: file.origin, hint: `move it out of ${SEARCH_FOLDER}/, or turn search off with \`search: false\`` }));
}

const claimKey = (file: OutputFile): string => file.outputPath.normalize('NFC').toLowerCase();

/** In a Jekyll or Hexo folder, an old copy of a page Lanyard generates (`feed.xml`, `404.html`) gives way, with a warning. */
export function dropReplacedStatic(staticFiles: readonly OutputFile[], generated: readonly OutputFile[]): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const claimed = new Set(generated.map(claimKey));
  const diagnostics: Diagnostic[] = [];
  const files = staticFiles.filter((file) => {
    if (!claimed.has(claimKey(file))) return true;
    diagnostics.push(warning('legacy-static-replaced', `skipped: Lanyard generates ${file.outputPath} itself`, { file: file.origin, hint: 'delete the old file, or override the matching template in templates/' }));
    return false;
  });
  return { files, diagnostics };
}

/** The first file claiming each output path (`--keep-going` after a collision was reported). */
export function firstClaims(files: readonly OutputFile[]): OutputFile[] {
  const seen = new Set<string>();
  return files.filter((file) => !seen.has(claimKey(file)) && seen.add(claimKey(file)) !== undefined);
}
