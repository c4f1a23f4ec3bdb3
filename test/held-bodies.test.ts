// Bodies past the in-memory limit are read again from their files when sent to be rendered
// (build.ts, prepareBodies): the output is the same whatever the limit; a post whose file
// changed in between is an error naming it, and its new text is never cached under the key
// of the text the build read.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSite } from '../bench/generate-site.mjs';
import { build, type BuildProgress } from '../src/build.js';
import { SOURCE_CHANGED } from '../src/markdown/outcome.js';
import { renderAll } from '../src/markdown/pool.js';
import { makeSite, snapshot } from './helpers.js';

const now = new Date('2030-01-01T00:00:00Z');

describe('bodies not held in memory until rendered', () => {
  it('are read again from their files, giving the same output for any limit and job count', async () => {
    const site = await makeSite({});
    // Enough posts for two workers (40 bodies each at least).
    await generateSite(site, 100);
    const options = { sourceDir: site, search: false, diskCache: false, now } as const;
    const reference = await build({ ...options, outDir: path.join(site, 'held'), jobs: 1 });
    expect(reference.written).toBe(true);
    const expected = await snapshot(path.join(site, 'held'));
    expect(expected.size).toBeGreaterThan(100);
    for (const [out, limit, jobs] of [['none', 0, 1], ['none-2', 0, 2], ['some-2', 30_000, 2]] as const) {
      const result = await build({ ...options, outDir: path.join(site, out), holdBodiesUpTo: limit, jobs });
      expect(result.diagnostics.filter((found) => found.severity === 'error')).toEqual([]);
      expect(await snapshot(path.join(site, out))).toEqual(expected);
    }
  }, 180_000);

  it('report a post changed after it was read as an error naming it, keep the last output, and cache nothing wrong', async () => {
    const site = await makeSite({});
    await generateSite(site, 30);
    const out = path.join(site, 'dist');
    const options = { sourceDir: site, outDir: out, search: false, jobs: 1, holdBodiesUpTo: 0, now } as const;
    expect((await build(options)).written).toBe(true);
    const before = await snapshot(out);
    const name = (await readdir(path.join(site, 'posts'))).sort()[5] as string;
    const file = path.join(site, 'posts', name);
    const original = await readFile(file, 'utf8');
    const read = `${original}\n\nThe text the build reads.\n`;
    const later = `${original}\n\nThe text saved while the build runs.\n`;
    await writeFile(file, read);
    const onProgress = (progress: BuildProgress): void => {
      // After reading, before rendering: the post is saved again.
      if (progress.stage === 'markdown' && progress.done === undefined) writeFileSync(file, later);
    };
    const result = await build({ ...options, onProgress });
    const errors = result.diagnostics.filter((found) => found.severity === 'error');
    expect(errors.map((found) => [found.code, found.file])).toEqual([['source-changed', `posts/${name}`]]);
    expect(errors[0]?.hint).toMatch(/build again/);
    expect(result.written).toBe(false);
    expect(await snapshot(out)).toEqual(before);
    // Built again, each text gives what a build without any cache gives: nothing of `later`
    // was kept under the key of `read`.
    for (const text of [later, read]) {
      await writeFile(file, text);
      const again = await build(options);
      expect(again.written).toBe(true);
      const reference = await build({ ...options, outDir: path.join(site, 'reference'), diskCache: false });
      expect(reference.written).toBe(true);
      expect(await snapshot(out)).toEqual(await snapshot(path.join(site, 'reference')));
    }
  }, 180_000);
});

describe('renderAll', () => {
  it('does not render a body taken as undefined: its result is SOURCE_CHANGED, the others render as usual', async () => {
    const site = await makeSite({});
    await generateSite(site, 90);
    const posts = path.join(site, 'posts');
    const bodies = await Promise.all((await readdir(posts)).sort().map((name) => readFile(path.join(posts, name), 'utf8')));
    const options = { basePath: '/' };
    const reference = await renderAll(bodies, options, 1);
    const gone = new Set([0, 7, 8, 9, 10, 11, 12, 13, 14, 50]);
    for (const jobs of [1, 2]) {
      const results = await renderAll({ length: bodies.length, take: (index) => (gone.has(index) ? undefined : bodies[index]) }, options, jobs);
      expect(results).toEqual(reference.map((outcome, index) => (gone.has(index) ? SOURCE_CHANGED : outcome)));
    }
  }, 120_000);
});
