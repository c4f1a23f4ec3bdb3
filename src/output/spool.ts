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
 * site has about 160 MB of pages, a 20,000-post one about 650 MB. A 48 MB limit was tried:
 * 130 MB less peak at 20,000 posts (983 -> 851 MB), 16 MB less at 4,000, but a template
 * edit at 4,000 posts took 1.5-2 s more (templates 4.8-6.8 s against 4.3-4.8 s), as
 * every page went through the spool only to be found identical to the one on disk.
 */
export const PAGES_HELD_IN_MEMORY = 256_000_000;

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
