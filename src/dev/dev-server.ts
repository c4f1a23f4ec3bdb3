// `lanyard dev`: build, serve, watch, rebuild with a render cache, reload open pages.
import path from 'node:path';
import { build, type BuildResult } from '../build.js';
import { createMemoryCache } from '../cache.js';
import { loadConfig } from '../config/load.js';
import type { SearchIndexResult } from '../output/search.js';
import { warmInProcess } from '../markdown/pool.js';
import { writePageInPlace, type OutputManifest } from '../output/write.js';
import { renderEditedPost } from './fast-render.js';
import { createLiveReload, injectReloadScript } from './live-reload.js';
import { startServer, type RunningServer } from './serve.js';
import { watchSources, type ChangeBatch } from './watch.js';

export interface DevOptions {
  readonly sourceDir: string;
  readonly outDir?: string;
  readonly host?: string;
  readonly port?: number;
  readonly fallbackPorts?: number;
  readonly drafts?: boolean;
  readonly future?: boolean;
  /** Accept dev endpoints from non-loopback clients (only with an explicit --host). */
  readonly allowRemote?: boolean;
  /** False turns the search index off (`--no-search`); default: the config's `search`. */
  readonly search?: boolean;
}

export interface DevEvents {
  /** Called after every build; `batch` is undefined for the first one. */
  readonly onBuild: (result: BuildResult, batch: ChangeBatch | undefined) => void;
  /** Called after each search re-index that follows a rebuild (it runs after the page reloads). */
  readonly onSearchIndex?: (result: SearchIndexResult) => void;
  /** Called when an edited post's page was rendered at once (fast-render.ts), before the rebuild. */
  readonly onFastRender?: (page: FastRendered, batch: ChangeBatch) => void;
}

/** A page dev mode rendered at once, ahead of the rebuild. */
export interface FastRendered {
  readonly outputPath: string;
  readonly milliseconds: number;
}

/**
 * After a fast render, the rebuild waits for saving to pause this long, so the reloaded
 * page is served at once and a burst of saves is not slowed by whole-site rebuilds.
 */
export const REBUILD_AFTER_FAST_RENDER_MS = 1000;

/** Changes arriving within this many milliseconds of each other make one batch (an editor's save can be several events). */
const BATCH_DELAY_MS = 25;

export interface DevServer {
  readonly url: string;
  /** Resolves once the watcher is ready to report changes. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Starts dev mode. A failed rebuild keeps the last good output and shows the errors in the page. */
export async function startDev(options: DevOptions, events: DevEvents): Promise<DevServer> {
  const sourceDir = path.resolve(options.sourceDir);
  const outDir = path.resolve(options.outDir ?? path.join(sourceDir, 'dist'));
  const cache = createMemoryCache();
  const manifest: OutputManifest = new Map();
  const live = createLiveReload({ allowRemote: options.allowRemote === true });
  const indexer = createIndexQueue((result) => events.onSearchIndex?.(result));
  // Pages the fast render wrote, with its count then: a rebuild that started before leaves them alone (they are newer).
  const fastWritten = new Map<string, number>();
  let fastRenders = 0;
  const runBuild = async (batch: ChangeBatch | undefined): Promise<BuildResult> => {
    const startedAfter = fastRenders;
    const result = await build({ sourceDir, outDir, cache, manifest, drafts: options.drafts === true, future: options.future === true, deferSearchIndex: indexer.schedule, leaveAlone: (outputPath) => (fastWritten.get(outputPath) ?? 0) > startedAfter, ...(options.search === undefined ? {} : { search: options.search }) });
    for (const [outputPath, count] of fastWritten) if (count <= startedAfter) fastWritten.delete(outputPath);
    if (result.written) cache.sweep();
    live.publish(result.written, result.diagnostics, result.sources, result.changed);
    events.onBuild(result, batch);
    return result;
  };
  /** Renders a batch's one edited post at once, when it can; true when its page was written. */
  const fastRender = async (batch: ChangeBatch): Promise<boolean> => {
    const model = cache.model.current;
    const file = batch.paths[0];
    if (model === undefined || !live.ok || batch.paths.length !== 1 || file === undefined || batch.kinds.size !== 1 || !batch.kinds.has('post')) return false;
    const started = performance.now();
    const page = await renderEditedPost(model, file, cache.markdown).catch(() => undefined);
    if (page === undefined) return false;
    // Should the page fail to be written, the rebuild writes it (and reports why it cannot).
    if (!(await writePageInPlace(outDir, page.outputPath, page.contents, manifest).then(() => true, () => false))) return false;
    fastWritten.set(page.outputPath, ++fastRenders);
    live.publish(true, [], new Map(), [page.outputPath]);
    events.onFastRender?.({ outputPath: page.outputPath, milliseconds: Math.round(performance.now() - started) }, batch);
    return true;
  };
  await runBuild(undefined);
  // The processor is loaded while nothing happens, for the first edit's fast render.
  const first = cache.model.current;
  const warming = first === undefined ? Promise.resolve() : warmInProcess(first.markdownOptions).catch(() => undefined);

  const config = await loadConfig(sourceDir);
  const server: RunningServer = await startServer({
    dir: outDir,
    basePath: config.ok ? config.value.basePath : '/',
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 4000,
    fallbackPorts: options.fallbackPorts ?? 0,
    intercept: (req, res) => live.handle(req, res),
    transformHtml: (html, files) => injectReloadScript(html, { files, since: live.version }),
  });

  // One build at a time; changes during a build are coalesced into the next one. An
  // edited post is rendered at once, even during a build, and its rebuild waits a little.
  let running: Promise<unknown> = Promise.resolve();
  let rendering: Promise<unknown> = Promise.resolve();
  let queued: ChangeBatch | undefined;
  let waiting: NodeJS.Timeout | undefined;
  const startQueued = (): void => {
    clearTimeout(waiting);
    waiting = undefined;
    running = running.then(() => {
      const next = queued;
      queued = undefined;
      return next === undefined ? undefined : runBuild(next);
    });
  };
  const schedule = (batch: ChangeBatch): void => {
    queued = queued === undefined ? batch : { kinds: new Set([...queued.kinds, ...batch.kinds]), paths: [...new Set([...queued.paths, ...batch.paths])].sort() };
    rendering = rendering.then(async () => {
      // A change the fast render cannot show rebuilds now, even if a rebuild was waiting.
      if (!(await fastRender(batch))) startQueued();
      else {
        clearTimeout(waiting);
        waiting = setTimeout(startQueued, REBUILD_AFTER_FAST_RENDER_MS);
      }
    });
  };
  const watcher = watchSources(sourceDir, schedule, BATCH_DELAY_MS, { layout: config.ok ? config.value.dialect?.layout ?? 'lanyard' : 'lanyard', outDir });

  return {
    url: server.url,
    ready: watcher.ready,
    close: async () => {
      await watcher.close();
      await warming;
      await rendering;
      if (waiting !== undefined) startQueued();
      await running;
      await indexer.idle();
      live.close();
      await server.close();
    },
  };
}

/** Re-indexing waits for this long without a rebuild, so a burst of saves is not slowed by it. */
const INDEX_QUIET_MS = 1500;

/**
 * Runs search re-indexing one at a time, after rebuilds, once saving has paused for
 * {@link INDEX_QUIET_MS}: only the latest request counts (an index of newer output
 * replaces older ones), and a rebuild arriving in the meantime postpones it.
 */
function createIndexQueue(report: (result: SearchIndexResult) => void): { schedule: (index: () => Promise<SearchIndexResult>) => void; idle: () => Promise<void> } {
  let running: Promise<void> | undefined;
  let pending: (() => Promise<SearchIndexResult>) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const next = async (): Promise<void> => {
    while (pending !== undefined) {
      const index = pending;
      pending = undefined;
      report(await index());
    }
    running = undefined;
  };
  const start = (): void => {
    timer = undefined;
    running ??= next();
  };
  return {
    schedule: (index) => {
      pending = index;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(start, INDEX_QUIET_MS);
    },
    idle: async () => {
      if (timer !== undefined) {
        clearTimeout(timer);
        start();
      }
      while (running !== undefined) await running;
    },
  };
}
