// Reading a post's Markdown again from its file (for a rendering redone after the build let
// the text go) gives exactly the Markdown the build prepared the first time.
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSite } from '../bench/generate-site.mjs';
import { loadConfig } from '../src/config/load.js';
import { prepareLegacyMarkdown } from '../src/markdown/legacy-markdown.js';
import { readDocument, rereadable, rereadBody } from '../src/read-document.js';
import { renderKey } from '../src/cache.js';
import type { SourceFile } from '../src/types.js';
import { makeSite } from './helpers.js';

describe('rereadBody', () => {
  it('gives the prepared Markdown of the first read, for every kind of post', async () => {
    const site = await makeSite({});
    await generateSite(site, 30);
    const odd = {
      'posts/2020-01-02-crlf.md': '\uFEFF---\r\ntitle: CRLF\r\n---\r\n##No space\r\n\r\n[caption id="x"]<img src="a.png"> A caption[/caption]\r\n',
      'posts/2020-01-03-control.md': '---\ntitle: Control\n---\nBefore\u0007after.\n\n~~~ {.python}\nprint(1)\n~~~\n',
      'posts/2020-01-04-empty.md': '---\ntitle: Empty\n---\n',
    };
    for (const [file, text] of Object.entries(odd)) await writeFile(path.join(site, file), text);
    const config = await loadConfig(site);
    if (!config.ok) throw new Error('config');
    const legacy = { headingsWithoutSpace: true };
    const names = (await readdir(path.join(site, 'posts'))).sort();
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) {
      const source: SourceFile = { path: `posts/${name}`, absolutePath: path.join(site, 'posts', name), kind: 'post' };
      const read = await readDocument(source, config.value, 'key', undefined);
      const body = read.document?.parsed.body;
      expect(body, name).toBeDefined();
      expect(rereadBody(source, legacy), name).toBe(prepareLegacyMarkdown(body ?? '', legacy).markdown);
    }
  });

  it('gives undefined when the Markdown no longer has the render key it was known by, or the file is gone', async () => {
    const site = await makeSite({ 'posts/2020-01-05-a.md': '---\ntitle: A\n---\nFirst text.\n' });
    const source: SourceFile = { path: 'posts/2020-01-05-a.md', absolutePath: path.join(site, 'posts', '2020-01-05-a.md'), kind: 'post' };
    const legacy = { headingsWithoutSpace: false };
    const optionsKey = 'options';
    const key = renderKey(optionsKey, 'First text.\n');
    expect(rereadBody(source, legacy, { optionsKey, key })).toBe('First text.\n');
    expect(rereadable(source, legacy, optionsKey, key).load()).toBe('First text.\n');
    await writeFile(source.absolutePath, '---\ntitle: A\n---\nSecond text.\n');
    expect(rereadBody(source, legacy)).toBe('Second text.\n');
    expect(rereadBody(source, legacy, { optionsKey, key })).toBeUndefined();
    await writeFile(source.absolutePath, '---\ntitle: [A\n---\nFirst text.\n');
    expect(rereadBody(source, legacy)).toBeUndefined();
    await rm(source.absolutePath);
    expect(rereadBody(source, legacy, { optionsKey, key })).toBeUndefined();
  });
});
