// The spool: on a big site, rendered pages wait on disk, not in memory, and are moved into
// place by the write stage. The output is the same; no spool folder is ever left behind.
import { appendFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSite } from '../../bench/generate-site.mjs';
import { build } from '../../src/build.js';
import { createSpool } from '../../src/output/spool.js';
import { recoverOutput } from '../../src/output/write.js';
import { listFiles, makeSite, snapshot } from '../helpers.js';

const leftovers = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((name) => name.startsWith('.lanyard-spool-'));

describe('the spool of rendered pages', () => {
  it('holds pages in memory up to its limit, then sets them down in a sibling folder of the output', async () => {
    const site = await makeSite({});
    const spool = createSpool(path.join(site, 'dist'), 10);
    const small = Buffer.from('<p>短</p>');
    expect(spool.keep(small)).toBe(small);
    const page = Buffer.from('<p>一页很长的页面</p>');
    const kept = spool.keep(page);
    expect(kept).not.toBeInstanceOf(Uint8Array);
    const file = (kept as { file: string }).file;
    expect(path.dirname(path.dirname(file))).toBe(site);
    await spool.flush();
    expect(await readFile(file)).toEqual(page);
    await spool.dispose();
    expect(await leftovers(site)).toEqual([]);
  });

  it('gives the same output as pages held in memory, and leaves no folder behind', async () => {
    const site = await makeSite({});
    await generateSite(site, 40);
    const options = { sourceDir: site, search: false, diskCache: false, jobs: 1, now: new Date('2030-01-01T00:00:00Z') } as const;
    const held = await build({ ...options, outDir: path.join(site, 'held') });
    expect(held.written).toBe(true);
    // Every page spooled, then again with a few held first.
    for (const [out, limit] of [['spooled', 0], ['mixed', 200_000]] as const) {
      const result = await build({ ...options, outDir: path.join(site, out), holdPagesUpTo: limit });
      expect(result.written).toBe(true);
      expect(await snapshot(path.join(site, out))).toEqual(await snapshot(path.join(site, 'held')));
    }
    expect(await leftovers(site)).toEqual([]);
  }, 120_000);

  it('takes a page rendered again the same as its file for that file: a template edit spools only the pages it changed', async () => {
    const site = await makeSite({});
    await generateSite(site, 30);
    const out = path.join(site, 'dist');
    const options = { sourceDir: site, outDir: out, search: false, jobs: 1, holdPagesUpTo: 0, now: new Date('2030-01-01T00:00:00Z') } as const;
    expect((await build(options)).written).toBe(true);
    const files = await listFiles(out);
    const before = new Map(await Promise.all(files.map(async (file) => [file, await stat(path.join(out, file))] as const)));
    // Only tag pages use this template; a post page whose file was altered must be written again.
    const tagTemplate = await readFile(path.join(import.meta.dirname, '..', '..', 'templates', 'tag.liquid'), 'utf8');
    await mkdir(path.join(site, 'templates'));
    await writeFile(path.join(site, 'templates', 'tag.liquid'), tagTemplate.replace('<h1 class="list-title">', '<h1 class="list-title" data-edited>'));
    const altered = files.find((file) => /^\d{4}\/.*index\.html$/.test(file)) as string;
    await appendFile(path.join(out, altered), '<!-- changed by hand -->');
    const result = await build(options);
    expect(result.written).toBe(true);
    for (const file of files) {
      const now = await stat(path.join(out, file));
      const same = now.ino === before.get(file)?.ino && now.mtimeMs === before.get(file)?.mtimeMs;
      expect([file, same]).toEqual([file, !(/^tags\/[^/]+\/.*\.html$/.test(file) || file === altered)]);
    }
    expect(await snapshot(out)).toEqual((await build({ ...options, outDir: path.join(site, 'fresh'), diskCache: false }), await snapshot(path.join(site, 'fresh'))));
    expect(await leftovers(site)).toEqual([]);
  }, 120_000);

  it('is removed when the build fails, and the previous output stays', async () => {
    const site = await makeSite({ 'lanyard.yml': 'url: https://x.org\n', 'posts/2020-01-02-a.md': '---\ntitle: A\n---\nA.\n', 'posts/2020-01-03-b.md': '---\ntitle: B\nlayout: missing\n---\nB.\n' });
    const out = path.join(site, 'dist');
    await mkdir(out);
    await writeFile(path.join(out, 'keep.txt'), 'previous');
    const result = await build({ sourceDir: site, outDir: out, search: false, holdPagesUpTo: 0, force: true });
    expect(result.written).toBe(false);
    expect(result.diagnostics.some((d) => d.code === 'unknown-layout')).toBe(true);
    expect(await readdir(out)).toEqual(['keep.txt']);
    expect(await leftovers(site)).toEqual([]);
  });

  it('left by a killed build is removed by the next build', async () => {
    const site = await makeSite({});
    const stale = path.join(site, '.lanyard-spool-dist-999999');
    await mkdir(stale);
    await writeFile(path.join(stale, '0'), '<p>old page</p>');
    await recoverOutput(path.join(site, 'dist'));
    expect(await leftovers(site)).toEqual([]);
  });
});
