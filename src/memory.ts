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
