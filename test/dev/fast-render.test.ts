// Dev mode's fast render: an edited post's page, rendered at once from the last build's
// model, is byte for byte the page a fresh build writes; anything it cannot know is left
// to the rebuild (undefined).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { generateSite } from '../../bench/generate-site.mjs';
import { build, type BuildProgress } from '../../src/build.js';
import { createMemoryCache, type SiteModel } from '../../src/cache.js';
import { renderEditedPost } from '../../src/dev/fast-render.js';
import { writePageInPlace, type OutputManifest } from '../../src/output/write.js';
import { makeSite } from '../helpers.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const EVENT_POST = `---
title: Notes from RustConf
date: 2021-09-14 09:00
tags: [rust]
event:
  name: RustConf 2021
  start: 2021-09-14
---
Opening words, and what the day held.

<!-- more -->

## Jane Doe: Async in practice

What Jane showed.

## 张磊（容器网络）

讲师分享了很多内容。
`;

let site: string;
let cache: ReturnType<typeof createMemoryCache>;

/** Builds `site` as dev mode does (memory cache, in-place manifest) and returns the model it keeps. */
async function devBuild(): Promise<SiteModel> {
  const result = await build({ sourceDir: site, outDir: path.join(site, 'dev-out'), cache, manifest, search: false, now: NOW, jobs: 1 });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  cache.sweep();
  const model = cache.model.current;
  if (model === undefined) throw new Error('the build kept no model');
  return model;
}

/** The bytes a fresh build (no cache at all) writes at `outputPath`. */
async function freshPage(outputPath: string): Promise<Buffer> {
  const out = path.join(site, 'fresh-out');
  await build({ sourceDir: site, outDir: out, search: false, now: NOW, diskCache: false, jobs: 1 });
  return readFile(path.join(out, outputPath));
}

let manifest: OutputManifest;
const file = (name: string): string => path.join(site, name);
const edit = async (name: string, change: (text: string) => string): Promise<void> => writeFile(file(name), change(await readFile(file(name), 'utf8')));

beforeEach(async () => {
  site = await makeSite({});
  await generateSite(site, 24);
  await writeFile(file('posts/2021-09-14-rustconf.md'), EVENT_POST);
  cache = createMemoryCache();
  manifest = new Map();
});

describe('renderEditedPost', () => {
  it('renders an edited body exactly as a fresh build does, excerpt and word count included', async () => {
    const model = await devBuild();
    const name = 'posts/2021-09-14-rustconf.md';
    // A new first paragraph changes the excerpt, a new section the words and the TOC.
    await edit(name, (text) => text.replace('Opening words', 'New opening words').replace('讲师分享了很多内容。', '讲师分享了很多内容。\n\n### A new section\n\nMore words here.'));
    const page = await renderEditedPost(model, name, cache.markdown);
    expect(page?.outputPath).toBe('2021/09/14/rustconf/index.html');
    expect(Buffer.from(page?.contents ?? []).toString('utf8')).toBe((await freshPage('2021/09/14/rustconf/index.html')).toString('utf8'));
  });

  it('renders a generated post of either dialect as a fresh build does', async () => {
    const model = await devBuild();
    for (const route of model.routes.filter((candidate) => candidate.data.kind === 'post').slice(3, 5)) {
      const name = route.origin;
      await edit(name, (text) => `${text}\n\nA paragraph added in the editor, with **bold** and a [link](https://example.org/).\n`);
      const page = await renderEditedPost(model, name, cache.markdown);
      expect(page?.outputPath).toBe(route.outputPath);
      expect(Buffer.from(page?.contents ?? []).equals(await freshPage(route.outputPath))).toBe(true);
    }
  });

  it('leaves the rebuild nothing to render for the post: its body is in the memo, its page in the manifest', async () => {
    const model = await devBuild();
    const name = 'posts/2021-09-14-rustconf.md';
    await edit(name, (text) => `${text}\nOne more line.\n`);
    const page = await renderEditedPost(model, name, cache.markdown);
    if (page === undefined) throw new Error('no fast render');
    const outDir = path.join(site, 'dev-out');
    await writePageInPlace(outDir, page.outputPath, page.contents, manifest);
    const progress: BuildProgress[] = [];
    const result = await build({ sourceDir: site, outDir, cache, manifest, search: false, now: NOW, jobs: 1, onProgress: (step) => progress.push(step) });
    // Every body came from the memo: the first count of rendered bodies is already all of them.
    const counted = progress.find((step) => step.stage === 'markdown' && step.total !== undefined);
    expect(counted?.done).toBe(counted?.total);
    // The pages listing the post were brought up to date; its own page was not written again.
    expect(result.changed?.length).toBeGreaterThan(0);
    expect(result.changed).not.toContain(page.outputPath);
    expect(await readFile(path.join(outDir, page.outputPath))).toEqual(await freshPage(page.outputPath));
  });

  it.each([
    ['a changed title', (text: string) => text.replace('title: Notes from RustConf', 'title: Notes from RustConf, revised')],
    ['a new tag', (text: string) => text.replace('tags: [rust]', 'tags: [rust, async]')],
    ['a renamed speaker (the speaker pages link the talk)', (text: string) => text.replace('## Jane Doe: Async', '## Janet Doe: Async')],
    ['a new talk heading', (text: string) => `${text}\n## Sam Lee: Closing keynote\n\nThe end.\n`],
    ['a template tag (it needs every post)', (text: string) => `${text}\nSee {% post_url 2021-09-14-rustconf %}.\n`],
    ['broken front matter', (text: string) => text.replace('date: 2021-09-14 09:00', 'date: [broken')],
    ['an unclosed fence (a warning)', (text: string) => `${text}\n\`\`\`js\nconst open = true;\n`],
  ])('leaves %s to the rebuild', async (_name, change) => {
    const model = await devBuild();
    await edit('posts/2021-09-14-rustconf.md', change);
    expect(await renderEditedPost(model, 'posts/2021-09-14-rustconf.md', cache.markdown)).toBeUndefined();
  });

  it('leaves a post the model does not have to the rebuild', async () => {
    const model = await devBuild();
    await writeFile(file('posts/2022-01-01-new.md'), '---\ntitle: New\ndate: 2022-01-01\n---\nNew.\n');
    expect(await renderEditedPost(model, 'posts/2022-01-01-new.md', cache.markdown)).toBeUndefined();
    expect(await renderEditedPost(model, 'pages/about.md', cache.markdown)).toBeUndefined();
  });
});
