// Watches a site's sources (chokidar) and reports coalesced batches of changes by kind.
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export type ChangeKind = 'post' | 'page' | 'template' | 'public' | 'config';

export interface ChangeBatch {
  readonly kinds: ReadonlySet<ChangeKind>;
  /** Changed paths relative to the source folder, with `/`. */
  readonly paths: readonly string[];
}

const WATCHED: ReadonlyMap<string, ChangeKind> = new Map([
  ['posts', 'post'],
  ['pages', 'page'],
  ['templates', 'template'],
  ['public', 'public'],
  ['lanyard.yml', 'config'],
]);

/** Folders of a Jekyll or Hexo site that are never sources (their old output, tooling). */
const LEGACY_IGNORED = new Set(['_site', 'node_modules', 'vendor', 'dist', '.git']);

/**
 * Classifies a path relative to the source folder, or undefined when it is not a source.
 * In a Jekyll or Hexo folder (see config/legacy.ts) the old layout's folders count.
 */
export function classifyChange(relative: string, layout: 'lanyard' | 'jekyll' | 'hexo' = 'lanyard'): ChangeKind | undefined {
  const parts = relative.split('/');
  const first = parts[0] ?? '';
  if (layout === 'lanyard') return WATCHED.get(first);
  if (first === '_config.yml' || first === 'lanyard.yml') return 'config';
  if (first === 'templates') return 'template';
  if (LEGACY_IGNORED.has(first)) return undefined;
  if (layout === 'jekyll') {
    if (first === '_posts' || first === '_drafts') return 'post';
    return first.startsWith('_') ? undefined : 'public';
  }
  if (first !== 'source') return undefined;
  return parts[1] === '_posts' || parts[1] === '_drafts' ? 'post' : 'public';
}

/**
 * Watches posts/, pages/, templates/, public/ and lanyard.yml. Events arriving within
 * `delayMs` of each other are delivered as one batch, so rapid saves rebuild once.
 */
export function watchSources(sourceDir: string, onBatch: (batch: ChangeBatch) => void, delayMs = 40, options: { layout?: 'lanyard' | 'jekyll' | 'hexo'; outDir?: string } = {}): { ready: Promise<void>; close: () => Promise<void> } {
  const layout = options.layout ?? 'lanyard';
  const outDir = options.outDir === undefined ? undefined : path.resolve(options.outDir);
  // Watch the source folder itself, so sources created later (a first template, a new
  // lanyard.yml) are seen too; everything that is not a source is ignored.
  const ignored = (file: string): boolean => {
    const relative = path.relative(sourceDir, file).split(path.sep).join('/');
    if (relative === '') return false;
    if (outDir !== undefined && (path.resolve(file) === outDir || path.resolve(file).startsWith(outDir + path.sep))) return true;
    return relative.startsWith('..') || classifyChange(relative, layout) === undefined || relative.split('/').some((part) => part.startsWith('.'));
  };
  const watcher: FSWatcher = watch(sourceDir, { ignoreInitial: true, ignored });
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
    const kind = classifyChange(relative, layout);
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
