// Worker thread: renders batches of Markdown bodies with the same processor as the main thread.
// The processor loads when the worker starts; each request names its options (a worker
// may be started before they are known), and a renderer is made once per options.
import { parentPort } from 'node:worker_threads';
import { renderOutcome } from './outcome.js';
import { importProcessor } from './load-processor.js';
import type { MarkdownOptions, MarkdownRenderer } from './processor.js';
import { warmUp } from './warm-up.js';

export interface RenderRequest {
  readonly id: number;
  readonly options: MarkdownOptions;
  readonly bodies: readonly string[];
}

/** Makes the renderer for these options and warms it up (warm-up.ts), while the build reads; no reply. */
export interface WarmRequest {
  readonly warm: MarkdownOptions;
}

// Loading starts now; requests that arrive meanwhile wait for it.
const processor = importProcessor();
const renderers = new Map<string, MarkdownRenderer>();

async function rendererFor(options: MarkdownOptions): Promise<MarkdownRenderer> {
  const key = JSON.stringify(options);
  let render = renderers.get(key);
  if (render === undefined) renderers.set(key, (render = (await processor).createMarkdownRenderer(options)));
  return render;
}

parentPort?.on('message', async (request: RenderRequest | WarmRequest) => {
  if ('warm' in request) {
    // A failure here shows again, with its reply, when the first real body comes.
    await rendererFor(request.warm).then((render) => warmUp(render), () => undefined);
    return;
  }
  try {
    const render = await rendererFor(request.options);
    parentPort?.postMessage({ id: request.id, results: request.bodies.map((body) => renderOutcome(render, body)) });
  } catch (cause) {
    parentPort?.postMessage({ id: request.id, error: cause instanceof Error ? cause.stack ?? cause.message : String(cause) });
  }
});
