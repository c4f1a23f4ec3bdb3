// sitemap.xml and robots.txt of whole sites built by the real CLI. The sitemap is read
// with hast (`fragment: true` keeps `<url><loc>…</loc></url>` as unknown elements);
// no XML parser is a direct dependency.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, makeSite, runCli } from '../helpers.js';

const ORIGIN = 'https://notes.example.org';

const SOURCES: Record<string, string> = {
  'lanyard.yml': 'title: Conference Notes\nurl: https://notes.example.org\ntimezone: Asia/Shanghai\nauthor: Lin Wei\npaginate: 2\n',
  'posts/beijing.md': `---
date: 2014-10-22 03:31:08+00:00
slug: '%e5%8c%97%e4%ba%accontainer%e6%8a%80%e6%9c%af%e5%a4%a7%e4%bc%9a'
title: 北京container技术大会
categories:
- CloudComputing
tags:
- container
---

此次去北京参加的container大会。
`,
  'posts/2015-08-30-cnutcon.md': `---
title: CNUTCon全球容器技术大会有感
date: 2015-08-30 19:22
updated: 2015-08-30 20:23
tags: [CNUTCon, 技术]
categories: Docker
permalink: 201508-CNUTCon-Docker-Beijing.html
---

两天的 CNUTCon 听下来。
`,
  'posts/2018-08-17-rustconf.md': `---
title: "RustConf 2018: Notes from Portland"
date: 2018-08-17 09:30:05
last_modified_at: 2018-08-20 22:10:00
tags: [Rust, 技术]
categories: [Programming]
---

RustConf was a single-track conference.
`,
  'pages/about.md': '---\ntitle: About\n---\n\nAbout these notes.\n',
};

/** Posts and pages with the file they are written to and the `lastmod` they need. */
const DOCUMENTS = [
  { file: '2014/10/22/北京container技术大会/index.html', lastmod: '2014-10-22T11:31:08+08:00' },
  { file: '201508-CNUTCon-Docker-Beijing.html', lastmod: '2015-08-30T20:23:00+08:00' },
  { file: '2018/08/17/rustconf/index.html', lastmod: '2018-08-20T22:10:00+08:00' },
  { file: 'about/index.html', lastmod: undefined },
] as const;

interface SitemapEntry {
  readonly loc: string;
  readonly lastmod: string | undefined;
}

async function build(...extraArgs: string[]): Promise<string> {
  const site = await makeSite(SOURCES);
  const out = path.join(site, 'out');
  const run = await runCli(['build', '--source', site, '--out', out, ...extraArgs]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return out;
}

async function readSitemap(out: string): Promise<SitemapEntry[]> {
  const tree = fromHtml(await readFile(path.join(out, 'sitemap.xml'), 'utf8'), { fragment: true });
  expect(selectAll('urlset', tree)).toHaveLength(1);
  return selectAll('urlset > url', tree).map((url: Element) => {
    const lastmod = select('lastmod', url);
    return { loc: toString(select('loc', url) ?? url).trim(), lastmod: lastmod === undefined ? undefined : toString(lastmod).trim() };
  });
}

/** The output file an absolute URL names: origin and base path stripped, percent-decoded. */
function fileOf(url: string, basePath: string): string {
  const prefix = ORIGIN + basePath;
  if (!url.startsWith(prefix)) return `(not under ${prefix}: ${url})`;
  const relative = decodeURI(url.slice(prefix.length));
  return relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
}

describe.each([
  ['at the domain root', '/', [] as string[]],
  ['under --base-path /blog/', '/blog/', ['--base-path', '/blog/']],
])('sitemap.xml and robots.txt %s', (_name, basePath, args) => {
  let out: string;
  let entries: SitemapEntry[];
  let files: string[];

  beforeAll(async () => {
    out = await build(...args);
    entries = await readSitemap(out);
    files = await listFiles(out);
  });

  it('lists every post and page by its absolute URL, percent-encoded, under the base path', () => {
    const listed = entries.map((entry) => fileOf(entry.loc, basePath));
    for (const document of DOCUMENTS) expect(listed).toContain(document.file);
    for (const entry of entries) {
      expect(entry.loc.startsWith(`${ORIGIN}${basePath}`), entry.loc).toBe(true);
      // The sitemap protocol wants URLs escaped: no raw Chinese characters.
      expect(entry.loc).toMatch(/^[\x21-\x7e]+$/);
    }
  });

  it('lists exactly the HTML pages written, except the 404 and search pages', () => {
    const pages = files.filter((file) => file.endsWith('.html') && file !== '404.html' && file !== 'search/index.html');
    expect(files).toContain('search/index.html');
    expect(entries.map((entry) => fileOf(entry.loc, basePath)).sort()).toEqual(pages.sort());
    expect(files).toContain('404.html');
    expect(entries.some((entry) => entry.loc.includes('404'))).toBe(false);
  });

  it('has no duplicate URLs', () => {
    expect(new Set(entries.map((entry) => entry.loc)).size).toBe(entries.length);
  });

  it.each(DOCUMENTS.map((document) => [document.file, document.lastmod ?? 'none', document.lastmod] as const))('gives %s the lastmod %s (its update, with the site offset)', (file, _label, lastmod) => {
    const entry = entries.find((candidate) => fileOf(candidate.loc, basePath) === file);
    expect(entry).toBeDefined();
    expect(entry?.lastmod).toBe(lastmod);
  });

  it('writes every lastmod as a W3C datetime', () => {
    for (const entry of entries) {
      if (entry.lastmod !== undefined) expect(entry.lastmod, entry.loc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
    }
  });

  it('dates the home page by its newest post', () => {
    expect(entries.find((entry) => entry.loc === `${ORIGIN}${basePath}`)?.lastmod).toBe('2018-08-20T22:10:00+08:00');
  });

  it('points robots.txt at the absolute sitemap URL', async () => {
    const robots = await readFile(path.join(out, 'robots.txt'), 'utf8');
    const sitemapLines = robots.split('\n').filter((line) => /^sitemap:/i.test(line));
    expect(sitemapLines).toEqual([`Sitemap: ${ORIGIN}${basePath}sitemap.xml`]);
    expect(fileOf(`${ORIGIN}${basePath}sitemap.xml`, basePath)).toBe('sitemap.xml');
    expect(files).toContain('sitemap.xml');
  });
});
