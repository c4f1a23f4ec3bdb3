// Rendered bodies from the caches: lazy HTML reads back exactly what rendering gives.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBodies } from '../src/cache.js';
import { openDiskCache } from '../src/disk-cache.js';
import type { RenderOutcome } from '../src/markdown/outcome.js';
import { makeSite } from './helpers.js';

const bodies = ['# 标题\n\n正文 *one*.\n', '## Talk\n\n<!-- more -->\n\n| a | b |\n|---|---|\n| 1 | 2 |\n', '```js\nlet x = 1;\n```\n', '# 标题\n\n正文 *one*.\n'];
const options = { basePath: '/' };

/** Every field, reading `html` through its getter. */
function plain(outcomes: readonly RenderOutcome[]): unknown[] {
  return outcomes.map((outcome) => (outcome.ok ? { ...outcome.value, html: outcome.value.html } : outcome));
}

describe('renderBodies', () => {
  it('gives the same values rendered, released to the cache, and read back lazily', async () => {
    const site = await makeSite({});
    const reference = await renderBodies(bodies, options, { jobs: 1 });
    // Released at once (a limit of 0 characters): HTML is read back when used.
    const released = await renderBodies(bodies, options, { jobs: 1, disk: openDiskCache(site), keepHtmlUpTo: 0 });
    expect(plain(released.outcomes)).toEqual(plain(reference.outcomes));
    expect(released.keys).toEqual(reference.keys);
    expect(released.keys[0]).toBe(released.keys[3]);
    // From the summaries, with entries present, and with every entry gone (rendered again).
    expect(plain((await renderBodies(bodies, options, { jobs: 1, disk: openDiskCache(site) })).outcomes)).toEqual(plain(reference.outcomes));
    const lazy = await renderBodies(bodies, options, { jobs: 1, disk: openDiskCache(site) });
    const root = path.join(site, '.lanyard-cache', 'markdown');
    const entries = (await readdir(root, { recursive: true })).filter((name) => name.endsWith('.json') && name !== 'summaries.json');
    expect(entries.length).toBe(3);
    await Promise.all(entries.map((name) => rm(path.join(root, name))));
    expect(plain(lazy.outcomes)).toEqual(plain(reference.outcomes));
  });
});
