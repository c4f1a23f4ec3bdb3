// Watching a site's sources: change kinds, coalesced batches, renames, deletes, close().
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, test } from 'vitest';
import { classifyChange, watchSources, type ChangeBatch, type ChangeKind } from '../../src/dev/watch.js';
import { makeSite } from '../helpers.js';

describe('classifyChange', () => {
  test.each([
    ['posts/a.md', 'post'],
    ['posts/2020/sub/b.markdown', 'post'],
    ['pages/x.md', 'page'],
    ['templates/post.liquid', 'template'],
    ['templates/assets/site.css', 'template'],
    ['public/img/a.png', 'public'],
    ['lanyard.yml', 'config'],
    ['dist/index.html', undefined],
    ['README.md', undefined],
    ['postsx/a.md', undefined],
    ['lanyard.yml.bak', undefined],
    ['', undefined],
    // Names that exist on every plain object must not be mistaken for source folders.
    ['constructor/a.md', undefined],
    ['toString', undefined],
    ['__proto__/x', undefined],
  ] as const)('%s → %s', (relative, kind) => {
    expect(classifyChange(relative)).toBe(kind);
  });
});

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Collects batches; `until` waits for a condition on them (polling, with a deadline). */
function collector(): { batches: ChangeBatch[]; onBatch: (batch: ChangeBatch) => void; until: (done: (batches: ChangeBatch[]) => boolean, ms?: number) => Promise<void> } {
  const batches: ChangeBatch[] = [];
  return {
    batches,
    onBatch: (batch) => batches.push(batch),
    until: async (done, ms = 2000) => {
      const deadline = Date.now() + ms;
      while (!done(batches) && Date.now() < deadline) await wait(10);
    },
  };
}

const allPaths = (batches: readonly ChangeBatch[]): string[] => [...new Set(batches.flatMap((batch) => batch.paths))].sort();
const allKinds = (batches: readonly ChangeBatch[]): ChangeKind[] => [...new Set(batches.flatMap((batch) => [...batch.kinds]))].sort();

describe('watchSources', () => {
  const closers: (() => Promise<void>)[] = [];
  const sites: string[] = [];

  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    for (const site of sites.splice(0)) await rm(site, { recursive: true, force: true });
  });

  /** A site with every watched source present, so `ready` means all of them are watched. */
  async function fullSite(): Promise<string> {
    const site = await makeSite({
      'lanyard.yml': 'title: Watched\n',
      'posts/a.md': '---\ntitle: A\ndate: 2020-01-01\n---\nA\n',
      'pages/about.md': '---\ntitle: About\n---\n',
      'templates/post.liquid': '{{ content }}',
      'public/robots.txt': 'x',
    });
    sites.push(site);
    return site;
  }

  // A window wider than the default 40 ms keeps the test steady on a busy machine;
  // the coalescing logic is the same.
  const DELAY = 100;

  function start(site: string, delayMs = DELAY): ReturnType<typeof collector> & { close: () => Promise<void>; ready: Promise<void> } {
    const collected = collector();
    const watcher = watchSources(site, collected.onBatch, delayMs);
    closers.push(watcher.close);
    return { ...collected, close: watcher.close, ready: watcher.ready };
  }

  it('reports five quick saves (posts and a template) as one batch with sorted relative paths', async () => {
    const site = await fullSite();
    const watch = start(site);
    await watch.ready;
    for (const [file, text] of [
      ['posts/c.md', 'c'],
      ['posts/b.md', 'b'],
      ['templates/post.liquid', '<main>{{ content }}</main>'],
      ['posts/a.md', 'changed'],
      ['posts/d.md', 'd'],
    ]) {
      await writeFile(path.join(site, file ?? ''), text ?? '');
    }
    await watch.until((batches) => allPaths(batches).length >= 5);
    await wait(DELAY * 3); // nothing more may follow
    expect(watch.batches).toHaveLength(1);
    const batch = watch.batches[0];
    expect([...(batch?.kinds ?? [])].sort()).toEqual(['post', 'template']);
    expect(batch?.paths).toEqual(['posts/a.md', 'posts/b.md', 'posts/c.md', 'posts/d.md', 'templates/post.liquid']);
  });

  it('uses / in paths and classifies files in sub-folders', async () => {
    const site = await fullSite();
    const watch = start(site);
    await watch.ready;
    await mkdir(path.join(site, 'public', 'img'), { recursive: true });
    await writeFile(path.join(site, 'public', 'img', 'a.png'), 'png');
    await watch.until((batches) => allPaths(batches).includes('public/img/a.png'));
    expect(allPaths(watch.batches)).toContain('public/img/a.png');
    expect(allKinds(watch.batches)).toEqual(['public']);
  });

  it('reports a renamed post under its old and its new path', async () => {
    const site = await fullSite();
    const watch = start(site);
    await watch.ready;
    await rename(path.join(site, 'posts', 'a.md'), path.join(site, 'posts', 'renamed.md'));
    await watch.until((batches) => allPaths(batches).length >= 2);
    expect(watch.batches.length).toBeGreaterThanOrEqual(1);
    expect(allPaths(watch.batches)).toEqual(['posts/a.md', 'posts/renamed.md']);
    expect(allKinds(watch.batches)).toEqual(['post']);
  });

  it('reports a deleted post', async () => {
    const site = await fullSite();
    const watch = start(site);
    await watch.ready;
    await rm(path.join(site, 'posts', 'a.md'));
    await watch.until((batches) => batches.length > 0);
    expect(watch.batches).toHaveLength(1);
    expect(watch.batches[0]?.paths).toEqual(['posts/a.md']);
    expect([...(watch.batches[0]?.kinds ?? [])]).toEqual(['post']);
  });

  it('reports changes to lanyard.yml as config', async () => {
    const site = await fullSite();
    const watch = start(site);
    await watch.ready;
    await writeFile(path.join(site, 'lanyard.yml'), 'title: Changed\n');
    await watch.until((batches) => batches.length > 0);
    expect(watch.batches[0]?.paths).toEqual(['lanyard.yml']);
    expect([...(watch.batches[0]?.kinds ?? [])]).toEqual(['config']);
  });

  it('ignores dotfiles (editor swap files) and files outside the sources', async () => {
    const site = await fullSite();
    const watch = start(site);
    await watch.ready;
    await writeFile(path.join(site, 'posts', '.a.md.swp'), 'swap');
    await writeFile(path.join(site, 'README.md'), 'readme');
    await mkdir(path.join(site, 'dist'), { recursive: true });
    await writeFile(path.join(site, 'dist', 'index.html'), 'out');
    await writeFile(path.join(site, 'posts', 'real.md'), 'real');
    await watch.until((batches) => batches.length > 0);
    await wait(DELAY * 3);
    expect(allPaths(watch.batches)).toEqual(['posts/real.md']);
  });

  test.each([
    ['lanyard.yml', 'lanyard.yml', 'config'],
    ['templates/', 'templates/post.liquid', 'template'],
    ['public/', 'public/favicon.ico', 'public'],
    ['pages/', 'pages/about.md', 'page'],
  ] as const)('notices %s created after it started (a site that began with posts only)', async (_what, file, kind) => {
    const site = await makeSite({ 'posts/a.md': 'a' });
    sites.push(site);
    const watch = start(site);
    await watch.ready;
    await wait(50);
    await mkdir(path.dirname(path.join(site, file)), { recursive: true });
    await writeFile(path.join(site, file), 'x');
    await watch.until((batches) => allPaths(batches).includes(file), 1500);
    expect(allPaths(watch.batches)).toContain(file);
    expect(allKinds(watch.batches)).toContain(kind);
  });

  it('stops reporting after close(), even for a batch still waiting', async () => {
    const site = await fullSite();
    const watch = start(site);
    await watch.ready;
    await writeFile(path.join(site, 'posts', 'early.md'), 'x');
    await wait(20);
    await watch.close();
    await writeFile(path.join(site, 'posts', 'late.md'), 'x');
    await rm(path.join(site, 'posts', 'a.md'));
    await wait(DELAY * 4);
    expect(watch.batches).toEqual([]);
  });
});

describe('classifyChange in Jekyll and Hexo folders', () => {
  test.each([
    ['jekyll', '_posts/2014-10-22-a.md', 'post'],
    ['jekyll', '_drafts/idea.md', 'post'],
    ['jekyll', '_config.yml', 'config'],
    ['jekyll', 'assets/img/a.png', 'public'],
    ['jekyll', 'about.md', 'public'],
    ['jekyll', '_site/index.html', undefined],
    ['jekyll', '_layouts/post.html', undefined],
    ['jekyll', 'node_modules/x/index.js', undefined],
    ['hexo', 'source/_posts/a.md', 'post'],
    ['hexo', 'source/_drafts/b.md', 'post'],
    ['hexo', 'source/about/index.md', 'public'],
    ['hexo', '_config.yml', 'config'],
    ['hexo', 'public/index.html', undefined],
    ['hexo', 'themes/next/layout/post.swig', undefined],
  ] as const)('%s: %s → %s', (layout, relative, kind) => {
    expect(classifyChange(relative, layout)).toBe(kind);
  });
});
