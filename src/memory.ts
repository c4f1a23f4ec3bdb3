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

let helpersOff = false;

/**
 * Turns V8's concurrent marking (helper threads marking while JavaScript runs) off for the
 * whole process, once, before the first Markdown worker starts. The workers' capped heaps
 * (markdown/pool.ts) are collected in full often, and two workers already keep both cores
 * busy: the helpers only compete with them. On a 4,000-post cold build, user CPU was
 * 40–43 s with the helpers against 32–36 s without. Marking still runs incrementally, in
 * steps on each thread. The flag changes right after a full collection, so that no
 * marking is under way in this thread, and before any worker exists.
 */
export function markWithoutHelpers(): void {
  if (helpersOff) return;
  collectGarbage();
  setFlagsFromString('--no-concurrent-marking');
  helpersOff = true;
}

/**
 * From now on, V8 grows each heap to 1.5× what was live at its last full collection, not
 * up to 4×: for a build with a thousand bodies or pages to render, whose garbage the heap
 * would otherwise grow for (main heap 220 MB committed for 90 MB live while rendering 6,000
 * pages). Peak RSS of a 4,000-post cold build 360–366 MB against 398–399, same build time.
 * A number V8 reads whenever it sets a heap's next limit: safe to change at any time.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
