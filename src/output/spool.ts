// Rendered pages of a big site, set down on disk as they are rendered instead of held
// until the write stage: a 20,000-post site's pages are ~650 MB. The spool is a sibling
// folder of the output, like the staging folder (write.ts), so the write stage moves each
// page into place with a rename. Pages up to `holdUpTo` bytes stay in memory, so a small
// site never touches the spool. The build removes the folder when done; recoverOutput
// removes one left by a killed build.
import { mkdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { hashParts } from '../hash.js';
import type { SpooledFile } from '../types.js';
import { spoolFolder } from './write.js';

export interface Spool {
  /** The page's bytes in memory while under the limit, else the file they were written to. */
  keep(contents: Uint8Array): Uint8Array | SpooledFile;
  /** Deletes the spool folder and whatever is left in it. */
  dispose(): Promise<void>;
}

/** Above this many bytes of rendered pages in memory, the next pages go to the spool (a 4,000-post site has about 160 MB: writing pages one by one on this thread costs about 1 s there). */
export const PAGES_HELD_IN_MEMORY = 256_000_000;

export function createSpool(outDir: string, holdUpTo = PAGES_HELD_IN_MEMORY): Spool {
  const folder = spoolFolder(outDir);
  let held = 0;
  let count = 0;
  return {
    keep(contents) {
      if (held + contents.byteLength <= holdUpTo) {
        held += contents.byteLength;
        return contents;
      }
      if (count === 0) mkdirSync(folder, { recursive: true });
      const file = path.join(folder, String(count++));
      writeFileSync(file, contents);
      return { file, hash: hashParts(contents) };
    },
    dispose: () => (count === 0 ? Promise.resolve() : rm(folder, { recursive: true, force: true })),
  };
}
