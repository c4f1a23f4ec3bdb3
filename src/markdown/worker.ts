// Worker thread: renders batches of Markdown bodies with the same processor as the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { renderOutcome } from './outcome.js';
import { createMarkdownRenderer, type MarkdownOptions } from './processor.js';

export interface RenderRequest {
  readonly id: number;
  readonly bodies: readonly string[];
}

const render = createMarkdownRenderer(workerData as MarkdownOptions);

parentPort?.on('message', (request: RenderRequest) => {
  try {
    parentPort?.postMessage({ id: request.id, results: request.bodies.map((body) => renderOutcome(render, body)) });
  } catch (cause) {
    parentPort?.postMessage({ id: request.id, error: cause instanceof Error ? cause.stack ?? cause.message : String(cause) });
  }
});
