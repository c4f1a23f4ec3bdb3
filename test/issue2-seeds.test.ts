// Issue 2 acceptance: the two real seed posts build into a correct blog.
import { readFile, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { selectAll, select } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { addSeeds, attr, brokenLinks, listFiles, makeSite, readHtml, runCli, snapshot } from './helpers.js';

const POST_000 = '2014/10/22/北京container技术大会/index.html';
const POST_001 = '201508-CNUTCon-Docker-Beijing.html';

describe('issue 2: the seed posts', () => {
  let site: string;
  let out: string;

  beforeAll(async () => {
    site = await makeSite({ 'lanyard.yml': 'timezone: Asia/Shanghai\n' });
    await addSeeds(site);
    out = path.join(site, 'public-out');
    const run = await runCli(['build', '--source', site, '--out', out]);
    // The only complaint: `url` is unset, so absolute URLs use the local default.
    expect(run.stderr.split('\n').filter((line) => /: (error|warning):/.test(line))).toEqual([expect.stringMatching(/^lanyard\.yml: warning: `url` is not set/)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Built 2 posts, 0 pages, 5 tags, 3 categories, \d+ files in \d+ ms/);
  });

  it('writes the WordPress post at its decoded Chinese slug', async () => {
    const files = await listFiles(out);
    expect(files).toContain(POST_000);
    expect(files.some((file) => file.includes('%'))).toBe(false);
    const tree = await readHtml(path.join(out, POST_000));
    expect(attr(select('time.published', tree), 'dateTime')).toBe('2014-10-22T11:31:08+08:00');
    expect(toString(select('h1.post-title', tree) ?? { type: 'root', children: [] })).toBe('北京container技术大会');
  });

  it('writes the Hexo post at its .html permalink with published and updated dates', async () => {
    const tree = await readHtml(path.join(out, POST_001));
    expect(attr(select('time.published', tree), 'dateTime')).toBe('2015-08-30T19:22:00+08:00');
    expect(attr(select('time.updated', tree), 'dateTime')).toBe('2015-08-30T20:23:00+08:00');
  });

  it('gives the Hexo post a TOC of its 10 headings, linked to their ids', async () => {
    const tree = await readHtml(path.join(out, POST_001));
    const links = selectAll('nav.toc a', tree);
    expect(links).toHaveLength(10);
    // Content headings move down a level under the title: `#` becomes <h2>.
    const ids = new Set(selectAll('.post-content h2[id]', tree).map((h) => attr(h, 'id')));
    for (const link of links) expect(ids.has(decodeURIComponent((attr(link, 'href') ?? '').slice(1)))).toBe(true);
    expect(attr(links[0], 'href')).toBe('#0x01-前言');
  });

  it('keeps the three inline-HTML images with their class, lazy-loaded', async () => {
    const tree = await readHtml(path.join(out, POST_001));
    const images = selectAll('.post-content img.responsive-img', tree);
    expect(images).toHaveLength(3);
    for (const image of images) expect(attr(image, 'loading')).toBe('lazy');
  });

  it('gives the WordPress post GitHub-style heading ids that keep Chinese', async () => {
    const tree = await readHtml(path.join(out, POST_000));
    const ids = selectAll('.post-content h2[id], .post-content h3[id]', tree).map((h) => attr(h, 'id'));
    expect(ids).toContain('喻勇孙宏亮container技术在cloudfoundry中的演化');
    expect(ids).toContain('jromehello-container-ops');
    expect(ids).toHaveLength(11);
    expect(select('nav.toc', tree)).toBeUndefined();
  });

  it('makes the tag and category pages, with lowercase ASCII slugs that keep Chinese', async () => {
    const files = await listFiles(out);
    for (const term of ['tags/container', 'tags/report', 'tags/cnutcon', 'tags/docker', 'tags/技术', 'categories/cloudcomputing', 'categories/it', 'categories/docker']) {
      expect(files).toContain(`${term}/index.html`);
    }
    const tag = await readHtml(path.join(out, 'tags/技术/index.html'));
    expect(selectAll('.post-card-title a', tag).map((a) => decodeURI(attr(a, 'href') ?? ''))).toEqual([`/${POST_001}`]);
    const category = await readHtml(path.join(out, 'categories/it/index.html'));
    expect(toString(select('h1', category) ?? { type: 'root', children: [] })).toContain('IT');
  });

  it('resolves every internal href and fragment', async () => {
    expect(await brokenLinks(out)).toEqual([]);
  });

  it('gives byte-identical output under another machine time zone', async () => {
    const other = path.join(site, 'out-new-york');
    const run = await runCli(['build', '--source', site, '--out', other], { env: { TZ: 'America/New_York' } });
    expect(run.code).toBe(0);
    expect(await snapshot(other)).toEqual(await snapshot(out));
  });

  it('fails on broken YAML naming file and line, leaving the previous output unchanged', async () => {
    const before = await snapshot(out);
    const bad = path.join(site, 'posts', '2016-01-01-bad.md');
    await writeFile(bad, '---\ntitle: Bad\ntags: [unclosed\ndate: 2016-01-01\n---\nBody\n');
    try {
      const run = await runCli(['build', '--source', site, '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/posts\/2016-01-01-bad\.md:\d+(:\d+)?: error: invalid front matter/);
      expect(run.stderr).toContain('left unchanged');
      expect(await snapshot(out)).toEqual(before);
    } finally {
      await rm(bad);
    }
  });

  it('reads the seeds as UTF-8 files unchanged (guards the fixture)', async () => {
    const text = await readFile(path.join(site, 'posts', '001_8be6bc9c42208fc5.md'), 'utf8');
    expect(text).toContain('permalink: 201508-CNUTCon-Docker-Beijing.html');
  });
});
