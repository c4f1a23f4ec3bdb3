// Watches a site's sources (chokidar) and reports coalesced batches of changes by kind.
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export type ChangeKind = 'post' | 'page' | 'template' | 'public' | 'config';

export interface ChangeBatch {
  readonly kinds: ReadonlySet<ChangeKind>;
  /** Changed paths relative to the source folder, with `/`. */
  readonly paths: readonly string[];
}

const WATCHED: Readonly<Record<string, ChangeKind>> = { posts: 'post', pages: 'page', templates: 'template', public: 'public', 'lanyard.yml': 'config' };

/** Classifies a path relative to the source folder, or undefined when it is not a source. */
export function classifyChange(relative: string): ChangeKind | undefined {
  const first = relative.split('/')[0] ?? '';
  return WATCHED[first];
}

/**
 * Watches posts/, pages/, templates/, public/ and lanyard.yml. Events arriving within
 * `delayMs` of each other are delivered as one batch, so rapid saves rebuild once.
 */
export function watchSources(sourceDir: string, onBatch: (batch: ChangeBatch) => void, delayMs = 40): { ready: Promise<void>; close: () => Promise<void> } {
  const targets = Object.keys(WATCHED).map((name) => path.join(sourceDir, name));
  const watcher: FSWatcher = watch(targets, { ignoreInitial: true, ignored: (file) => path.basename(file).startsWith('.') && file !== sourceDir });
  let pending = new Map<string, ChangeKind>();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    const batch = pending;
    pending = new Map();
    if (batch.size > 0) onBatch({ kinds: new Set(batch.values()), paths: [...batch.keys()].sort() });
  };
  watcher.on('all', (_event, file) => {
    const relative = path.relative(sourceDir, file).split(path.sep).join('/');
    const kind = classifyChange(relative);
    if (kind === undefined) return;
    pending.set(relative, kind);
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: async () => {
      if (timer !== undefined) clearTimeout(timer);
      await watcher.close();
    },
  };
}
