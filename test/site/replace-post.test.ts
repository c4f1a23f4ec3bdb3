// replacePost: swapping one post for a new version of itself gives the site model that
// building it again would, and copies only what holds the post.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSite } from '../../bench/generate-site.mjs';
import { build } from '../../src/build.js';
import { createMemoryCache } from '../../src/cache.js';
import { buildSite } from '../../src/site/build-site.js';
import { replacePost } from '../../src/site/replace-post.js';
import type { RenderedPost } from '../../src/types.js';
import { makeSite } from '../helpers.js';

describe('replacePost', () => {
  it('equals building the site again with the new post, and shares everything that does not hold it', async () => {
    const site = await makeSite({});
    await generateSite(site, 40);
    await writeFile(path.join(site, 'posts', '2021-09-14-rustconf.md'), '---\ntitle: RustConf\ndate: 2021-09-14\ntags: [Rust]\ncategories: [Programming]\nevent: RustConf 2021\n---\n## Jane Doe: Async in practice\n\nText.\n');
    const cache = createMemoryCache();
    await build({ sourceDir: site, outDir: path.join(site, 'out'), cache, manifest: new Map(), search: false, jobs: 1, now: new Date('2030-01-01T00:00:00Z') });
    const model = cache.model.current;
    if (model === undefined) throw new Error('no model');
    for (const old of [model.site.posts.find((post) => post.event !== undefined), model.site.posts[7]]) {
      if (old === undefined) throw new Error('no post');
      const next: RenderedPost = { ...old, content: { ...old.content, html: '<p>A new body.</p>', autoExcerpt: 'A new body.', words: 3 } };
      const replaced = replacePost(model.site, old, next);
      const rebuilt = buildSite(model.site.posts.map((post) => (post === old ? next : post)), model.site.pages, model.config).site;
      expect(replaced).toEqual(rebuilt);
      expect(replaced.posts).toContain(next);
      expect(replaced.posts).not.toContain(old);
      // Terms without the post are the same objects; the post's own terms are new ones holding `next`.
      for (const [index, tag] of model.site.tags.entries()) {
        if (tag.posts.includes(old)) expect(replaced.tags[index]?.posts).toContain(next);
        else expect(replaced.tags[index]).toBe(tag);
      }
      for (const talk of replaced.talks) expect(talk.post).not.toBe(old);
      for (const speaker of replaced.speakers) for (const talk of speaker.talks) expect(replaced.talks).toContain(talk);
    }
  });
});
