// Rendered pages of a big site, set down on disk as they are rendered instead of held
// until the write stage: a 20,000-post site's pages are ~650 MB. The spool is a sibling
// folder of the output, like the staging folder (write.ts), so the write stage moves each
// page into place with a rename. Pages up to `holdUpTo` bytes stay in memory, so a small
// site never touches the spool. Writes run in the background while rendering goes on;
// `flush` waits for them. The build removes the folder when done; recoverOutput removes
// one left by a killed build.
import { mkdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hashParts } from '../hash.js';
import type { SpooledFile } from '../types.js';
import { spoolFolder } from './write.js';

export interface Spool {
  /** The page's bytes in memory while under the limit, else the file they are being written to. */
  keep(contents: Uint8Array): Uint8Array | SpooledFile;
  /** Resolves once few enough bytes are waiting to be written (undefined when none too many are). */
  ready(): Promise<void> | undefined;
  /** Waits for every page to be on disk; rejects when one could not be written. */
  flush(): Promise<void>;
  /** Deletes the spool folder and whatever is left in it. */
  dispose(): Promise<void>;
}

/**
 * Bytes of rendered pages held in memory before the next ones go to the spool. A 4,000-post
 * site has about 90 MB of pages, a 20,000-post one about 650 MB. A page rendered the same
 * as the file the last build wrote is neither held nor spooled (render-pages.ts
 * `unchanged`), so only changed pages reach the spool. At 4,000 posts, 32 MB instead of
 * 256 MB took a template edit's peak RSS from 418-423 MB to 385-389 MB, in about the
 * same time (12.4-12.5 s against 12.8-15.0 s on a slow machine).
 */
export const PAGES_HELD_IN_MEMORY = 32_000_000;

/** Bytes being written at once before rendering waits for the disk. */
const WRITING_AT_MOST = 16_000_000;

export function createSpool(outDir: string, holdUpTo = PAGES_HELD_IN_MEMORY): Spool {
  const folder = spoolFolder(outDir);
  let held = 0;
  let count = 0;
  let writing = 0;
  let failure: unknown;
  const pending = new Set<Promise<void>>();
  let drained: (() => void) | undefined;
  return {
    keep(contents) {
      if (held + contents.byteLength <= holdUpTo) {
        held += contents.byteLength;
        return contents;
      }
      if (count === 0) mkdirSync(folder, { recursive: true });
      const file = path.join(folder, String(count++));
      writing += contents.byteLength;
      const written: Promise<void> = writeFile(file, contents)
        .catch((cause: unknown) => {
          failure ??= cause;
        })
        .finally(() => {
          writing -= contents.byteLength;
          pending.delete(written);
          if (writing <= WRITING_AT_MOST) drained?.();
        });
      pending.add(written);
      return { file, hash: hashParts(contents) };
    },
    ready() {
      if (writing <= WRITING_AT_MOST) return undefined;
      return new Promise<void>((resolve) => {
        drained = () => {
          drained = undefined;
          resolve();
        };
      });
    },
    async flush() {
      while (pending.size > 0) await Promise.all(pending);
      if (failure !== undefined) throw failure;
    },
    async dispose() {
      while (pending.size > 0) await Promise.all(pending);
      if (count > 0) await rm(folder, { recursive: true, force: true });
    },
  };
}
