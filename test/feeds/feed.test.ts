// Atom, RSS and JSON feeds of whole sites built by the real CLI, read back with a real
// feed parser (Atom, RSS) and JSON.parse (JSON Feed).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, listFiles, makeSite, readHtml, runCli } from '../helpers.js';

const ORIGIN = 'https://notes.example.org';

/** What each post of the test site should look like in a feed. */
interface ExpectedPost {
  readonly title: string;
  /** Output file of the post, relative to the output folder. */
  readonly file: string;
  /** Site path without the base path, decoded (`/2014/10/22/北京…/`). */
  readonly path: string;
  readonly published: string;
  readonly updated: string;
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  /** The plain-text excerpt a feed in `content: excerpt` mode carries. */
  readonly excerpt: string;
  /** Text that belongs to the full content only, never to the excerpt. */
  readonly afterExcerpt: string | undefined;
  readonly hasImage: boolean;
}

// Two dialects: WordPress/Jekyll (offsets, percent-encoded slug, `- item` lists) and
// Hexo (wall-clock dates in the site zone, `updated`, `last_modified_at`, inline lists).
const SOURCES: Record<string, string> = {
  'posts/beijing.md': `---
author: admin
comments: true
date: 2014-10-22 03:31:08+00:00
layout: post
slug: '%e5%8c%97%e4%ba%accontainer%e6%8a%80%e6%9c%af%e5%a4%a7%e4%bc%9a'
title: 北京container技术大会
wordpress_id: 1011
categories:
- CloudComputing
- IT
tags:
- container
- report
---

此次去北京参加的container大会，主办方为csdn。会议时间为一天，共包含16个主题。
`,
  'posts/2015-08-30-cnutcon.md': `---
title: CNUTCon全球容器技术大会有感
date: 2015-08-30 19:22
updated: 2015-08-30 20:23
tags: [CNUTCon, Docker, 技术]
categories: Docker
permalink: 201508-CNUTCon-Docker-Beijing.html
---

两天的 CNUTCon 听下来，容器已经从能不能用变成了怎么用好。

更多内容见[归档](/archives/)。
`,
  'posts/2016-09-10-pgconf.md': `---
date: 2016-09-10 08:15:00+00:00
slug: pgconf-recap
title: "PGConf Recap: Vacuum and Replication"
categories:
- Database
tags:
- PostgreSQL
- report
---

A one-day regional PostgreSQL conference.

<!-- more -->

The rest of the notes, after the fold: vacuum tuning and logical replication.
`,
  'posts/2018-08-17-rustconf.md': `---
title: "RustConf 2018: Notes from Portland"
date: 2018-08-17 09:30:05
last_modified_at: 2018-08-20 22:10:00
tags: [Rust, 技术]
categories: [Programming]
excerpt: Async is coming and WebAssembly is already here.
---

RustConf was a single-track, one-day conference this year.

## Keynote

The opening keynote walked through the edition mechanism.
`,
  'posts/2019-06-22-kubecon.md': `---
title: 上海 KubeCon 见闻
date: 2019-06-22 09:30
lang: zh-CN
tags:
  - Kubernetes
  - 技术
categories:
  - 云原生
excerpt: 正式大会之前的社区日，反而比主会场更有干货。
---

这次 KubeCon 在上海世博中心举办。先晒一下今年的胸牌：

![x](/images/a.png)

## 社区日

上午是面向新贡献者的工作坊。
`,
  'public/images/a.png': 'not really a png',
};

// Newest first, as every feed must list them.
const POSTS: readonly ExpectedPost[] = [
  {
    title: '上海 KubeCon 见闻',
    file: '2019/06/22/kubecon/index.html',
    path: '/2019/06/22/kubecon/',
    published: '2019-06-22T01:30:00.000Z',
    updated: '2019-06-22T01:30:00.000Z',
    categories: ['云原生'],
    tags: ['Kubernetes', '技术'],
    excerpt: '正式大会之前的社区日，反而比主会场更有干货。',
    afterExcerpt: '上午是面向新贡献者的工作坊。',
    hasImage: true,
  },
  {
    title: 'RustConf 2018: Notes from Portland',
    file: '2018/08/17/rustconf/index.html',
    path: '/2018/08/17/rustconf/',
    published: '2018-08-17T01:30:05.000Z',
    updated: '2018-08-20T14:10:00.000Z',
    categories: ['Programming'],
    tags: ['Rust', '技术'],
    excerpt: 'Async is coming and WebAssembly is already here.',
    afterExcerpt: 'The opening keynote walked through the edition mechanism.',
    hasImage: false,
  },
  {
    title: 'PGConf Recap: Vacuum and Replication',
    file: '2016/09/10/pgconf-recap/index.html',
    path: '/2016/09/10/pgconf-recap/',
    published: '2016-09-10T08:15:00.000Z',
    updated: '2016-09-10T08:15:00.000Z',
    categories: ['Database'],
    tags: ['PostgreSQL', 'report'],
    excerpt: 'A one-day regional PostgreSQL conference.',
    afterExcerpt: 'The rest of the notes, after the fold',
    hasImage: false,
  },
  {
    title: 'CNUTCon全球容器技术大会有感',
    file: '201508-CNUTCon-Docker-Beijing.html',
    path: '/201508-CNUTCon-Docker-Beijing.html',
    // `2015-08-30 19:22` and `20:23` are wall-clock times in Asia/Shanghai (UTC+8).
    published: '2015-08-30T11:22:00.000Z',
    updated: '2015-08-30T12:23:00.000Z',
    categories: ['Docker'],
    tags: ['CNUTCon', 'Docker', '技术'],
    excerpt: '两天的 CNUTCon 听下来，容器已经从能不能用变成了怎么用好。更多内容见归档。',
    afterExcerpt: undefined,
    hasImage: false,
  },
  {
    title: '北京container技术大会',
    file: '2014/10/22/北京container技术大会/index.html',
    path: '/2014/10/22/北京container技术大会/',
    published: '2014-10-22T03:31:08.000Z',
    updated: '2014-10-22T03:31:08.000Z',
    categories: ['CloudComputing', 'IT'],
    tags: ['container', 'report'],
    excerpt: '此次去北京参加的container大会，主办方为csdn。会议时间为一天，共包含16个主题。',
    afterExcerpt: undefined,
    hasImage: false,
  },
];

const CONFIG = 'title: Conference Notes\nurl: https://notes.example.org\ntimezone: Asia/Shanghai\nauthor: Lin Wei\n';

/** One feed item, whatever the format, in the terms the tests compare. */
interface Entry {
  readonly title: string;
  readonly url: string;
  readonly id: string;
  readonly published: string | undefined;
  readonly updated: string | undefined;
  readonly terms: readonly string[];
  readonly content: string;
}

interface Feeds {
  readonly atom: ReturnType<typeof parseFeed>;
  readonly rss: ReturnType<typeof parseFeed>;
  readonly json: JsonFeed;
}

interface JsonFeed {
  readonly version: string;
  readonly home_page_url?: string;
  readonly feed_url?: string;
  readonly items: readonly JsonItem[];
}

interface JsonItem {
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly date_published: string;
  readonly date_modified: string;
  readonly content_html?: string;
  readonly summary?: string;
  readonly tags?: readonly string[];
}

async function buildSite(config: string, extraArgs: readonly string[] = [], env: NodeJS.ProcessEnv = { TZ: 'UTC' }): Promise<string> {
  const site = await makeSite({ 'lanyard.yml': config, ...SOURCES });
  const out = path.join(site, 'out');
  const run = await runCli(['build', '--source', site, '--out', out, ...extraArgs], { env });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return out;
}

async function readFeeds(out: string): Promise<Feeds> {
  const read = (file: string): Promise<string> => readFile(path.join(out, file), 'utf8');
  return { atom: parseFeed(await read('atom.xml')), rss: parseFeed(await read('rss.xml')), json: JSON.parse(await read('feed.json')) as JsonFeed };
}

function xmlEntries(feed: ReturnType<typeof parseFeed>): Entry[] {
  return feed.items.map((item) => ({
    title: item.title ?? '',
    url: item.url ?? '',
    id: item.id ?? '',
    published: item.published?.toISOString(),
    updated: item.updated?.toISOString(),
    terms: item.categories.map((category) => category.term),
    content: item.content ?? '',
  }));
}

function jsonEntries(feed: JsonFeed): Entry[] {
  return feed.items.map((item) => ({
    title: item.title,
    url: item.url,
    id: item.id,
    published: new Date(item.date_published).toISOString(),
    updated: new Date(item.date_modified).toISOString(),
    terms: item.tags ?? [],
    content: item.content_html ?? '',
  }));
}

function allEntries(feeds: Feeds): [string, Entry[]][] {
  return [
    ['atom', xmlEntries(feeds.atom)],
    ['rss', xmlEntries(feeds.rss)],
    ['json', jsonEntries(feeds.json)],
  ];
}

/** The output file an absolute URL names: origin and base path stripped, percent-decoded. */
function fileOf(url: string, basePath = '/'): string {
  const prefix = ORIGIN + basePath;
  if (!url.startsWith(prefix)) return `(not under ${prefix}: ${url})`;
  const relative = decodeURI(url.slice(prefix.length).split('#')[0] ?? '');
  return relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
}

function fragment(html: string): Root {
  return fromHtml(html, { fragment: true });
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function termSlug(name: string): string {
  return name.toLowerCase();
}

describe('site feeds with `feed: { limit: 3 }` and full content', () => {
  const LIMIT = 3;
  const newest = POSTS.slice(0, LIMIT);
  let out: string;
  let feeds: Feeds;
  let files: Set<string>;

  beforeAll(async () => {
    out = await buildSite(`${CONFIG}feed:\n  limit: ${LIMIT}\n`);
    feeds = await readFeeds(out);
    files = new Set(await listFiles(out));
  });

  it('writes a JSON Feed version 1 or 1.1 whose items have id, url, title and both dates', () => {
    expect(['https://jsonfeed.org/version/1', 'https://jsonfeed.org/version/1.1']).toContain(feeds.json.version);
    for (const item of feeds.json.items) {
      for (const key of ['id', 'url', 'title', 'date_published', 'date_modified'] as const) expect(item[key], key).toEqual(expect.any(String));
      expect(Number.isNaN(Date.parse(item.date_published))).toBe(false);
      expect(Number.isNaN(Date.parse(item.date_modified))).toBe(false);
    }
  });

  it('lists the newest `limit` posts, newest first, with their titles, in every format', () => {
    for (const [format, entries] of allEntries(feeds)) {
      expect(entries.map((entry) => entry.title), format).toEqual(newest.map((post) => post.title));
    }
  });

  it('links every entry absolutely to the file of its post', () => {
    for (const [format, entries] of allEntries(feeds)) {
      entries.forEach((entry, index) => {
        const post = newest[index];
        expect(entry.url, format).toMatch(/^https:\/\/notes\.example\.org\//);
        expect(fileOf(entry.url), format).toBe(post?.file);
        expect(files.has(fileOf(entry.url)), `${format}: ${entry.url}`).toBe(true);
        expect(entry.id, format).not.toBe('');
      });
    }
    expect(feeds.atom.url).toBe(`${ORIGIN}/`);
    expect(feeds.atom.self).toBe(`${ORIGIN}/atom.xml`);
    expect(feeds.rss.url).toBe(`${ORIGIN}/`);
    expect(feeds.rss.self).toBe(`${ORIGIN}/rss.xml`);
    expect(feeds.json.home_page_url).toBe(`${ORIGIN}/`);
    expect(feeds.json.feed_url).toBe(`${ORIGIN}/feed.json`);
  });

  it('gives published and updated dates equal to the front-matter instants', () => {
    for (const [format, entries] of allEntries(feeds)) {
      entries.forEach((entry, index) => {
        const post = newest[index];
        expect(entry.published, `${format}: ${entry.title}`).toBe(post?.published);
        // RSS 2.0 has no element for the update date.
        if (format !== 'rss') expect(entry.updated, `${format}: ${entry.title}`).toBe(post?.updated);
      });
    }
  });

  it('dates the feed by its newest update, never by the build time', () => {
    const newestUpdate = newest.map((post) => post.updated).sort().at(-1);
    expect(feeds.atom.updated?.toISOString()).toBe(newestUpdate);
  });

  it('tags every entry with its categories and tags', () => {
    for (const [format, entries] of allEntries(feeds)) {
      entries.forEach((entry, index) => {
        const post = newest[index];
        expect(new Set(entry.terms), `${format}: ${entry.title}`).toEqual(new Set([...(post?.categories ?? []), ...(post?.tags ?? [])]));
      });
    }
  });

  it('carries the full rendered post, with absolute image URLs', async () => {
    for (const [format, entries] of allEntries(feeds)) {
      for (const [index, entry] of entries.entries()) {
        const post = newest[index];
        if (post === undefined) throw new Error(`unexpected entry ${entry.title}`);
        const page = await readHtml(path.join(out, post.file));
        const content = fragment(entry.content);
        expect(normalizeSpace(toString(content)), `${format}: ${post.title}`).toBe(normalizeSpace(toString(select('.post-content', page) ?? { type: 'root', children: [] })));
        if (post.afterExcerpt !== undefined) expect(toString(content)).toContain(post.afterExcerpt);
        const images = selectAll('img', content).map((img) => attr(img, 'src') ?? '');
        expect(images.length > 0, `${format}: ${post.title} has an image`).toBe(post.hasImage);
        for (const src of images) {
          expect(src).toBe(`${ORIGIN}/images/a.png`);
          expect(files.has(fileOf(src))).toBe(true);
        }
        for (const link of selectAll('a[href]', content)) expect(attr(link, 'href')).toMatch(/^(https?:|#)/);
      }
    }
  });

  it('writes Atom and RSS feeds per tag and per category, holding only that term’s posts', async () => {
    const terms = new Map<string, string>();
    for (const post of POSTS) {
      for (const name of post.tags) terms.set(`tags/${termSlug(name)}`, name);
      for (const name of post.categories) terms.set(`categories/${termSlug(name)}`, name);
    }
    expect([...terms.keys()]).toEqual(expect.arrayContaining(['tags/技术', 'categories/云原生', 'tags/cnutcon', 'categories/it']));
    for (const [folder, name] of terms) {
      const taxonomy = folder.startsWith('tags/') ? 'tags' : 'categories';
      const expected = POSTS.filter((post) => post[taxonomy].includes(name)).slice(0, LIMIT);
      for (const file of ['atom.xml', 'rss.xml']) {
        expect(files.has(`${folder}/${file}`), `${folder}/${file}`).toBe(true);
        const feed = parseFeed(await readFile(path.join(out, folder, file), 'utf8'));
        expect(feed.items.map((item) => item.title), `${folder}/${file}`).toEqual(expected.map((post) => post.title));
        expect(feed.items.map((item) => fileOf(item.url ?? '')), `${folder}/${file}`).toEqual(expected.map((post) => post.file));
        expect(fileOf(feed.self ?? ''), `${folder}/${file} links itself`).toBe(`${folder}/${file}`);
      }
    }
  });

  it('keeps the Chinese tag feed at tags/技术/ with the three posts tagged 技术', async () => {
    const feed = parseFeed(await readFile(path.join(out, 'tags/技术/atom.xml'), 'utf8'));
    expect(feed.items.map((item) => item.title)).toEqual(['上海 KubeCon 见闻', 'RustConf 2018: Notes from Portland', 'CNUTCon全球容器技术大会有感']);
    expect(feed.self).toBe(`${ORIGIN}/tags/${encodeURIComponent('技术')}/atom.xml`);
    // The CNUTCon post is beyond the site feed's limit but still dated right here.
    expect(feed.items[2]?.published?.toISOString()).toBe('2015-08-30T11:22:00.000Z');
    expect(feed.items[2]?.updated?.toISOString()).toBe('2015-08-30T12:23:00.000Z');
  });

  it('writes byte-identical feeds in two builds, whatever the machine’s time zone', async () => {
    const again = await buildSite(`${CONFIG}feed:\n  limit: ${LIMIT}\n`, [], { TZ: 'America/Los_Angeles' });
    const feedFiles = [...files].filter((file) => /(^|\/)(atom\.xml|rss\.xml|feed\.json)$/.test(file));
    expect(feedFiles.length).toBeGreaterThan(3);
    expect((await listFiles(again)).filter((file) => feedFiles.includes(file))).toEqual(feedFiles);
    for (const file of feedFiles) {
      expect((await readFile(path.join(again, file))).equals(await readFile(path.join(out, file))), file).toBe(true);
    }
  });
});

describe('site feeds with `feed: { content: excerpt }`', () => {
  let out: string;
  let feeds: Feeds;

  beforeAll(async () => {
    out = await buildSite(`${CONFIG}feed:\n  content: excerpt\n`);
    feeds = await readFeeds(out);
  });

  it('lists every post (default limit 20), newest first, at their output files', async () => {
    const files = new Set(await listFiles(out));
    for (const [format, entries] of allEntries(feeds)) {
      expect(entries.map((entry) => entry.title), format).toEqual(POSTS.map((post) => post.title));
      expect(entries.map((entry) => fileOf(entry.url)), format).toEqual(POSTS.map((post) => post.file));
      for (const entry of entries) expect(files.has(fileOf(entry.url)), entry.url).toBe(true);
    }
  });

  it.each(POSTS.map((post) => [post.title, post] as const))('dates %s by its front matter, in the site time zone', (_title, post) => {
    for (const [format, entries] of allEntries(feeds)) {
      const entry = entries.find((candidate) => candidate.title === post.title);
      expect(entry?.published, format).toBe(post.published);
      if (format !== 'rss') expect(entry?.updated, format).toBe(post.updated);
    }
  });

  it('carries the excerpt only: front-matter excerpt, text before <!-- more -->, or the first paragraphs', () => {
    for (const [format, entries] of allEntries(feeds)) {
      entries.forEach((entry, index) => {
        const post = POSTS[index];
        const text = normalizeSpace(toString(fragment(entry.content)));
        expect(text, `${format}: ${entry.title}`).toBe(post?.excerpt);
        if (post?.afterExcerpt !== undefined) expect(text).not.toContain(post.afterExcerpt);
        expect(selectAll('img', fragment(entry.content))).toEqual([]);
      });
    }
  });

  it('escapes a plain-text excerpt before putting it in the HTML content of the JSON Feed', async () => {
    const site = await makeSite({
      'lanyard.yml': `${CONFIG}feed:\n  content: excerpt\n`,
      'posts/2020-01-02-generics.md': '---\ntitle: Generics in practice\ndate: 2020-01-02 10:00\nexcerpt: "Why Vec<T> & Option<T> are everywhere."\n---\n\nBody.\n',
    });
    const generics = path.join(site, 'out');
    expect((await runCli(['build', '--source', site, '--out', generics])).code).toBe(0);
    const json = JSON.parse(await readFile(path.join(generics, 'feed.json'), 'utf8')) as JsonFeed;
    // `content_html` is HTML: read as HTML it must say what the author wrote.
    expect(toString(fragment(json.items[0]?.content_html ?? ''))).toBe('Why Vec<T> & Option<T> are everywhere.');
  });
});

describe('site feeds under `--base-path /blog/`', () => {
  let out: string;
  let feeds: Feeds;

  beforeAll(async () => {
    out = await buildSite(CONFIG, ['--base-path', '/blog/']);
    feeds = await readFeeds(out);
  });

  it('puts /blog/ on every feed link, entry link and content URL', async () => {
    const files = new Set(await listFiles(out));
    const prefix = `${ORIGIN}/blog/`;
    for (const feed of [feeds.atom, feeds.rss]) {
      expect(feed.url).toBe(prefix);
      expect(feed.self?.startsWith(prefix)).toBe(true);
      expect(files.has(fileOf(feed.self ?? '', '/blog/'))).toBe(true);
    }
    expect(feeds.json.home_page_url).toBe(prefix);
    expect(feeds.json.feed_url).toBe(`${prefix}feed.json`);
    for (const [format, entries] of allEntries(feeds)) {
      expect(entries.map((entry) => fileOf(entry.url, '/blog/')), format).toEqual(POSTS.map((post) => post.file));
      for (const entry of entries) {
        expect(entry.id.startsWith(prefix), `${format} id ${entry.id}`).toBe(true);
        for (const node of selectAll('a[href], img[src]', fragment(entry.content))) {
          const url = attr(node, 'href') ?? attr(node, 'src') ?? '';
          expect(url.startsWith(prefix), `${format}: ${url}`).toBe(true);
          expect(files.has(fileOf(url, '/blog/')), `${format}: ${url}`).toBe(true);
        }
      }
    }
    const tagFeed = parseFeed(await readFile(path.join(out, 'tags/技术/rss.xml'), 'utf8'));
    expect(tagFeed.self).toBe(`${prefix}tags/${encodeURIComponent('技术')}/rss.xml`);
    for (const item of tagFeed.items) expect(item.url?.startsWith(prefix)).toBe(true);
  });
});
