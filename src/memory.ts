// A full garbage collection between stages. V8 grows the heap lazily, by a multiple of
// what was live at its last full collection: after the read stage has let go of every
// file's bytes and text, and the Markdown stage of every result it received, that garbage
// would otherwise stay (hundreds of MB on a 20,000-post site) and set the size of the
// heap for the rest of the build. A collection costs tens of ms per 100 MB live.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** Collects garbage now, in full (the `--expose-gc` function, made available once). */
export function collectGarbage(): void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

let tuned = false;

/**
 * Tunes V8's collector, for the whole process, for a big build on a small machine. Called
 * by a one-off build before it reads, and before Markdown workers start; once.
 * - Concurrent marking off: helper threads marking while JavaScript runs. The workers'
 *   capped heaps (markdown/pool.ts) are collected in full often, and two workers already
 *   keep both cores busy: the helpers only compete with them. On a 4,000-post cold build,
 *   user CPU was 40–43 s with the helpers against 32–36 s without. Marking still runs
 *   incrementally, in steps on each thread.
 * - Heap growth 1.5× what was live at the last full collection, not up to 4×: rendering
 *   thousands of pages leaves garbage the heap grew for (main heap 220 MB committed for
 *   90 MB live). Peak RSS at 4,000 posts 360–366 MB against 398–399, same build time.
 * The flags change right after a full collection, so that no marking is under way then.
 */
export function tuneCollector(): void {
  if (tuned) return;
  collectGarbage();
  setFlagsFromString('--no-concurrent-marking');
  setFlagsFromString('--heap-growing-percent=50');
  tuned = true;
}
