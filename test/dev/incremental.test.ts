// Dev mode's rebuilds (memory caches, pages kept by fingerprint, in-place writes) give
// exactly the output of a fresh build after each kind of edit.
import { readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSite } from '../../bench/generate-site.mjs';
import { build } from '../../src/build.js';
import { createMemoryCache } from '../../src/cache.js';
import type { OutputManifest } from '../../src/output/write.js';
import { makeSite, snapshot } from '../helpers.js';

describe('dev rebuilds', () => {
  it('equal a fresh build after each edit, rendering only the pages that changed', async () => {
    const site = await makeSite({});
    await generateSite(site, 60);
    // Posts older than the race window: unchanged ones are taken from memory unread.
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const name of await readdir(path.join(site, 'posts'))) await utimes(path.join(site, 'posts', name), hourAgo, hourAgo);
    const cache = createMemoryCache();
    const manifest: OutputManifest = new Map();
    const dev = path.join(site, 'dev-out');
    const now = new Date('2030-01-01T00:00:00Z');
    const rebuild = async (): Promise<void> => {
      const result = await build({ sourceDir: site, outDir: dev, cache, manifest, search: false, now, jobs: 1 });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      cache.sweep();
    };
    const fresh = async (): Promise<Map<string, string>> => {
      const out = path.join(site, 'fresh-out');
      await build({ sourceDir: site, outDir: out, search: false, now, diskCache: false, jobs: 1 });
      return snapshot(out);
    };
    await rebuild();
    const names = (await readdir(path.join(site, 'posts'))).sort();
    const file = path.join(site, 'posts', names[30] as string);
    const edit = async (change: (text: string) => string): Promise<void> => writeFile(file, change(await readFile(file, 'utf8')));
    const untouched = path.join(dev, (await readdir(dev, { recursive: true })).filter((name) => name.endsWith('index.html') && name.startsWith('20')).sort()[0] as string);
    const before = await stat(untouched);
    for (const change of [(text: string) => `${text}\nA new line.\n`, (text: string) => text.replace(/^title: (.*)$/m, 'title: $1 (renamed)'), (text: string) => text.replace(/^tags:\n( *)- /m, 'tags:\n$1- fresh-tag\n$1- ')]) {
      await edit(change);
      await rebuild();
      expect(await snapshot(dev)).toEqual(await fresh());
    }
    // An old post's page was never rewritten.
    expect((await stat(untouched)).mtimeMs).toBe(before.mtimeMs);
  }, 120_000);
});
