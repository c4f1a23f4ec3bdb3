// Renders many Markdown bodies on a pool of worker threads, in order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { LIB_URL } from '../paths.js';
import { markWithoutHelpers } from '../memory.js';
import type { MarkdownOptions, MarkdownRenderer } from './processor.js';
import { importProcessor, requireProcessor } from './load-processor.js';
import { renderOutcome, SOURCE_CHANGED, type RenderOutcome } from './outcome.js';
import { warmUp } from './warm-up.js';
import type { RenderRequest, WarmRequest } from './worker.js';

/** Bodies per message: large enough to amortize messaging, small enough to balance load. */
const BATCH = 8;
/** Below this many bodies per worker, starting threads costs more than it saves. */
const MIN_BODIES_PER_WORKER = 40;

// The compiled worker (also when running from TypeScript sources: `npm test` compiles first).
const WORKER_URL = new URL('markdown/worker.js', LIB_URL);

type Reply = { readonly id: number; readonly results: RenderOutcome[] } | { readonly id: number; readonly error: string };

/** The number of jobs to use by default: one per available core. */
export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * A worker started before its bodies (or even the Markdown options) are known, so that
 * loading the Markdown processor (about 300 ms) overlaps the build's other stages.
 * `renderAll` uses it, and closes it.
 */
export interface WarmWorker {
  readonly worker: Worker;
}

/** Starts one worker for {@link renderAll}; close it with {@link closeWarmWorker} if it is never handed over. */
export function startWarmWorker(): WarmWorker {
  return { worker: spawn() };
}

/**
 * Tells a warm worker the Markdown options, once known: it makes its renderer and renders
 * a sample (warm-up.ts) while the build goes on, so a one-post edit's body renders at once.
 */
export function prepareWarmWorker(warm: WarmWorker, options: MarkdownOptions): void {
  const message: WarmRequest = { warm: options };
  warm.worker.postMessage(message);
}

export async function closeWarmWorker(warm: WarmWorker | undefined): Promise<void> {
  await warm?.worker.terminate();
}

/**
 * Renders `bodies` and returns results in the same order. `jobs` 1 (or a small batch)
 * renders in this thread, unless a warm worker is given; otherwise up to `jobs` workers
 * share the batches. A warm worker is always terminated before this returns.
 */
export interface RenderAllHooks {
  /** Told how many bodies are done. */
  readonly onProgress?: ((done: number) => void) | undefined;
  /** A worker started early: used first, and always terminated. */
  readonly warm?: WarmWorker | undefined;
  /** Sees each result as it arrives; what it returns is kept instead (to release HTML early). */
  readonly onResult?: ((index: number, outcome: RenderOutcome) => RenderOutcome) | undefined;
}

/**
 * Bodies to render: a list, or their number and a way to take each. Each is taken once,
 * when it is sent, so that a caller can let go of the Markdown already sent (or read it
 * only then). A body taken as `undefined` is not rendered: its result is {@link SOURCE_CHANGED}.
 */
export type Bodies = readonly string[] | { readonly length: number; readonly take: (index: number) => string | undefined };

export async function renderAll(bodies: Bodies, options: MarkdownOptions, jobs: number, hooks: RenderAllHooks = {}): Promise<RenderOutcome[]> {
  const { onProgress, warm, onResult = (_index: number, outcome: RenderOutcome) => outcome } = hooks;
  const take = 'take' in bodies ? bodies.take : (index: number): string | undefined => bodies[index] ?? '';
  const count = bodies.length;
  const usable = warm !== undefined && jobs > 1 && count > 0 ? warm.worker : undefined;
  if (usable === undefined) await closeWarmWorker(warm);
  const workers = Math.max(Math.min(jobs, Math.floor(count / MIN_BODIES_PER_WORKER)), usable === undefined ? 0 : 1);
  if (workers <= 1 && usable === undefined) {
    // Loaded only here: a build whose bodies are all cached never loads unified at all.
    const render = await inProcessRenderer(options);
    return Array.from({ length: count }, (_, index) => {
      const markdown = take(index);
      const outcome = onResult(index, markdown === undefined ? SOURCE_CHANGED : renderOutcome(render, markdown));
      onProgress?.(index + 1);
      return outcome;
    });
  }
  // (This thread does not render alongside the workers: its heap, holding the site, would
  // grow by a multiple of that with the parsers' garbage, where a worker's stays small.)
  const results = new Array<RenderOutcome>(count);
  const pool = [...(usable === undefined ? [] : [usable]), ...Array.from({ length: workers - (usable === undefined ? 0 : 1) }, () => spawn())];
  let next = 0;
  let finished = 0;
  const lane = async (worker: Worker): Promise<void> => {
    let alive = true;
    while (alive && next < count) {
      const start = next;
      next = Math.min(count, start + BATCH);
      // Each body is taken as it is sent, not before.
      const indexes: number[] = [];
      const sent: string[] = [];
      for (let index = start; index < next; index++) {
        const markdown = take(index);
        if (markdown === undefined) results[index] = onResult(index, SOURCE_CHANGED);
        else {
          indexes.push(index);
          sent.push(markdown);
        }
      }
      // A worker that dies (out of memory, say) is replaced by this thread for its
      // batch, and is not used again.
      const reply = await request(worker, { id: start, options, bodies: sent }).catch(async (): Promise<Reply> => {
        alive = false;
        return { id: start, results: await renderHere(sent, options) };
      });
      if ('error' in reply) throw new Error(`Markdown worker failed: ${reply.error}`);
      reply.results.forEach((outcome, offset) => {
        const index = indexes[offset] as number;
        results[index] = onResult(index, outcome);
      });
      finished += next - start;
      onProgress?.(finished);
    }
  };
  try {
    await Promise.all(pool.map(lane));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}

/** The renderer used in this thread, kept for the next bodies with the same options (dev renders one edit at a time). */
let inProcess: { readonly key: string; readonly render: MarkdownRenderer } | undefined;

async function inProcessRenderer(options: MarkdownOptions): Promise<MarkdownRenderer> {
  const key = JSON.stringify(options);
  if (inProcess?.key !== key) {
    const { createMarkdownRenderer } = await importProcessor();
    inProcess = { key, render: createMarkdownRenderer(options) };
  }
  return inProcess.render;
}

/**
 * The same renderer, loaded synchronously if need be: for the rare body whose cache entry
 * vanished after the build trusted it (cache.ts).
 */
export function inProcessRendererSync(options: MarkdownOptions): MarkdownRenderer {
  const key = JSON.stringify(options);
  if (inProcess?.key !== key) inProcess = { key, render: requireProcessor().createMarkdownRenderer(options) };
  return inProcess.render;
}

/**
 * Loads the processor in this thread and renders a small sample, so that the first
 * edit dev mode renders is not slowed by loading and compiling unified (~150 ms).
 */
export async function warmInProcess(options: MarkdownOptions): Promise<void> {
  warmUp(await inProcessRenderer(options), 1);
}

/**
 * A worker's heap: young generation as V8's default (semi-spaces of 16 MB), old generation
 * capped at 384 MB. That is far above what rendering needs (10–25 MB live; a 2 MB body,
 * the largest rendered, needed between 128 and 256 MB here), but V8 grows a heap of such a
 * size by a factor of at most 1.65 of what is live after each full collection, not 4.
 * Rendering the bench's 4,000 posts on two such workers: peak RSS 265–273 MB against
 * 333–340 with V8's defaults, CPU 25–29 s against 28–31 (with {@link markWithoutHelpers}). A
 * worker that runs out of memory anyway dies, and its batch is rendered in this thread.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 384 } as const;

function spawn(): Worker {
  markWithoutHelpers();
  return new Worker(WORKER_URL, { resourceLimits: WORKER_HEAP });
}

/** Renders bodies in this thread. */
async function renderHere(bodies: readonly string[], options: MarkdownOptions): Promise<RenderOutcome[]> {
  const render = await inProcessRenderer(options);
  return bodies.map((body) => renderOutcome(render, body));
}

/** Sends one batch; rejects if the worker fails or exits before answering. */
function request(worker: Worker, message: RenderRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: Reply): void => {
      if (reply.id !== message.id) return;
      done();
      resolve(reply);
    };
    const onError = (cause: unknown): void => {
      done();
      reject(cause instanceof Error ? cause : new Error(String(cause)));
    };
    const onExit = (code: number): void => onError(new Error(`Markdown worker exited (${code})`));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // A worker already gone has no thread to post to.
    if (worker.threadId === -1) onExit(-1);
    else worker.postMessage(message);
  });
}
