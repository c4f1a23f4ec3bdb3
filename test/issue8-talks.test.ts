// Issue 8: conference notes as data — events, talks and speakers across all posts,
// built by the real CLI and read back from the HTML and JSON it writes.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_000, SEED_001, attr, brokenLinks, listFiles, makeSite, readHtml, runCli } from './helpers.js';

const POST_000 = '2014/10/22/北京container技术大会/index.html';
const POST_001 = '201508-CNUTCon-Docker-Beijing.html';
const SEED_SPEAKERS = ['Jrome', '喻勇', '孙宏亮', '刘永峰', '李闻', '于顺治', '马全一', '蔡书', '艾奇伟', '毛文波', '李明宇'];

/** Inserts front-matter lines after the opening `---` of a post's text. */
function withFrontMatter(text: string, ...lines: string[]): string {
  return text.replace(/^---\n/, `---\n${lines.join('\n')}\n`);
}

function textOf(node: Root | Parameters<typeof toString>[0] | undefined): string {
  return node === undefined ? '' : toString(node).replace(/\s+/g, ' ').trim();
}

/** The output file a root-relative href names, and its decoded fragment. */
function target(href: string): { file: string; fragment: string | undefined } {
  const [pathPart = '', fragment] = href.split('#');
  const decoded = decodeURI(pathPart).replace(/^\//, '');
  return { file: decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded, fragment: fragment === undefined ? undefined : decodeURIComponent(fragment) };
}

async function build(site: string): Promise<{ out: string; code: number; stderr: string }> {
  const out = path.join(site, 'out');
  const run = await runCli(['build', '--source', site, '--out', out]);
  return { out, code: run.code, stderr: run.stderr };
}

describe('issue 8: the seed posts as conference notes', () => {
  let out: string;

  beforeAll(async () => {
    const site = await makeSite({
      'lanyard.yml': 'timezone: Asia/Shanghai\nlanguage: zh-CN\nurl: https://notes.example.org\n',
      'posts/000.md': withFrontMatter(await readFile(SEED_000, 'utf8'), 'event:', '  name: 北京 Container 技术大会', '  start: 2014-10-18', '  end: 2014-10-19', '  city: 北京', '  url: https://container.example.org/'),
      'posts/001.md': withFrontMatter(await readFile(SEED_001, 'utf8'), 'talks: true'),
    });
    const run = await build(site);
    expect(run.code, run.stderr).toBe(0);
    out = run.out;
  });

  it('gives each speaker of seed 000 a page linking back to the heading of their talk', async () => {
    const index = await readHtml(path.join(out, 'speakers/index.html'));
    const names = selectAll('.term-list a', index).map((link) => textOf(link).replace(/\s*\d+$/, ''));
    expect([...names].sort()).toEqual([...SEED_SPEAKERS].sort());
    const post = await readHtml(path.join(out, POST_000));
    for (const name of SEED_SPEAKERS) {
      const link = selectAll('.term-list a', index).find((a) => textOf(a).startsWith(name));
      const page = await readHtml(path.join(out, target(attr(link, 'href') ?? '').file));
      expect(textOf(select('h1', page))).toBe(name);
      const talks = selectAll('.talk-list .talk-title', page);
      expect(talks, name).toHaveLength(1);
      const { file, fragment } = target(attr(talks[0], 'href') ?? '');
      expect(file).toBe(POST_000);
      const heading = select(`[id="${fragment ?? ''}"]`, post);
      expect(heading?.tagName, name).toMatch(/^h[2-6]$/);
      expect(textOf(heading)).toContain(name);
      expect(textOf(heading)).toContain(textOf(talks[0]));
    }
  });

  it('writes the two speakers of one heading and the talk title from the parentheses', async () => {
    const talks = JSON.parse(await readFile(path.join(out, 'talks.json'), 'utf8')) as { talks: { title: string; speakers: { name: string }[]; url: string }[] };
    expect(talks.talks.map((talk) => [talk.speakers.map((s) => s.name).join('&'), talk.title])).toEqual([
      ['Jrome', 'Hello Container Ops'],
      ['喻勇&孙宏亮', 'container技术在cloudfoundry中的演化'],
      ['刘永峰', 'Docker时代，公有云面临的挑战和机遇'],
      ['李闻', 'Matrix：基于container的大规模集群操作系统'],
      ['于顺治', 'Container在搜狐PaaS平台中的应用实践'],
      ['马全一', '构建 Docker 的开发环境'],
      ['蔡书', '关于性能--Docker'],
      ['艾奇伟', 'Docker的安全性解析'],
      ['毛文波', '网络虚拟化与SDN实现Docker连通'],
      ['李明宇', '和而不同——OpenStack&Docker'],
    ]);
    expect(talks.talks.every((talk) => talk.url.startsWith('https://notes.example.org/2014/10/22/') && talk.url.includes('#'))).toBe(true);
  });

  it('finds no talks in seed 001 even with `talks: true`', async () => {
    const tree = await readHtml(path.join(out, POST_001));
    expect(selectAll('.talk-byline', tree)).toEqual([]);
    expect(selectAll('h2', tree).length).toBe(10);
  });

  it('marks each talk heading of the post with its speakers linked to their pages', async () => {
    const tree = await readHtml(path.join(out, POST_000));
    const headings = selectAll('.post-content .talk-heading', tree);
    expect(headings).toHaveLength(10);
    const bylines = selectAll('.post-content .talk-byline', tree);
    expect(bylines.map((p) => selectAll('a', p).map((a) => textOf(a)))).toContainEqual(['喻勇', '孙宏亮']);
    for (const link of selectAll('.talk-byline a', tree)) expect(target(attr(link, 'href') ?? '').file).toMatch(/^speakers\/[^/]+\/index\.html$/);
  });

  it('shows the event card at the top of the post: name, dates, city, link', async () => {
    const tree = await readHtml(path.join(out, POST_000));
    const card = select('.post .event-card', tree);
    expect(textOf(select('.event-card-name', card ?? tree))).toBe('北京 Container 技术大会');
    expect(attr(select('.event-card-name a', card ?? tree), 'href')).toBe('https://container.example.org/');
    // ICU's own Chinese range pattern where it has one, else both days spelled out.
    expect(textOf(select('.event-dates', card ?? tree))).toMatch(/^2014年10月18日(?:至19日| – 2014年10月19日)$/);
    expect(textOf(select('.event-city', card ?? tree))).toBe('北京');
  });

  it('links /events/ and /speakers/ in the header and leaves no broken link', async () => {
    const home = await readHtml(path.join(out, 'index.html'));
    const nav = selectAll('.site-nav a', home).map((a) => attr(a, 'href'));
    expect(nav).toContain('/events/');
    expect(nav).toContain('/speakers/');
    expect(await brokenLinks(out)).toEqual([]);
  });

  it('sorts the speakers page in pinyin order, Latin names after Chinese', async () => {
    const index = await readHtml(path.join(out, 'speakers/index.html'));
    const names = selectAll('.term-list a', index).map((link) => textOf(link).replace(/\s*\d+$/, ''));
    expect(names).toEqual(['艾奇伟', '蔡书', '李明宇', '李闻', '刘永峰', '马全一', '毛文波', '孙宏亮', '于顺治', '喻勇', 'Jrome']);
  });
});

describe('issue 8: events, speakers and talks across posts', () => {
  let out: string;
  let stderr: string;

  beforeAll(async () => {
    const site = await makeSite({
      'lanyard.yml': 'timezone: Asia/Shanghai\nurl: https://notes.example.org\nspeakers:\n  aliases:\n    Frank: 喻勇\n',
      'posts/2014-10-22-container.md': '---\ntitle: Container day\nevent:\n  name: Container Day\n  start: 2014-10-18\n  city: Beijing\n---\n\n## 喻勇（Cloud Foundry containers）\n\nText.\n\n## Summary\n',
      'posts/2015-01-05-late-notes.md': '---\ntitle: Notes written in 2015\nevent:\n  name: DevOps Winter\n  start: 2014-12-20\n---\n\n## Frank: Scaling Cloud Foundry\n',
      'posts/2015-08-30-cnutcon.md': '---\ntitle: CNUTCon\nevent: CNUTCon 2015\ntalks:\n  - { speaker: Jane Doe, title: Scaling Postgres, slides: "https://slides.example.org/pg.pdf" }\n---\n\n## Morning\n\n## Scaling Postgres\n\n## 张三（Not a listed talk）\n',
      'posts/2015-09-01-quiet.md': '---\ntitle: Quiet event\nevent: Quiet Meetup\ntalks: false\n---\n\n## 李四（Would be a talk）\n',
      'posts/2015-10-01-opt-in.md': '---\ntitle: Opt-in notes\ntalks: true\n---\n\n## Ada Lovelace: Notes on the Engine\n',
      'posts/2016-01-01-plain.md': '---\ntitle: Plain post\n---\n\n## 王五（No extraction here）\n',
      'templates/speaker.liquid': "{% layout 'base' %}{% block content %}<h1 class=\"custom-speaker\">{{ speaker.name }}</h1>{% include 'partials/talk-list', talks: speaker.talks, showPost: true %}{% endblock %}\n",
    });
    const run = await build(site);
    expect(run.code, run.stderr).toBe(0);
    out = run.out;
    stderr = run.stderr;
  });

  it('lists every post with an event on /events/, grouped by year, newest first', async () => {
    const tree = await readHtml(path.join(out, 'events/index.html'));
    const years = selectAll('section.archive-year', tree).map((section) => [textOf(select('h2', section)).split(' ')[0], selectAll('.event-name', section).map((a) => textOf(a))]);
    expect(years).toEqual([
      ['2015', ['Quiet Meetup', 'CNUTCon 2015']],
      ['2014', ['DevOps Winter', 'Container Day']],
    ]);
    const links = selectAll('.event-name', tree).map((a) => target(attr(a, 'href') ?? '').file);
    expect(links).toEqual(['2015/09/01/quiet/index.html', '2015/08/30/cnutcon/index.html', '2015/01/05/late-notes/index.html', '2014/10/22/container/index.html']);
  });

  it('merges a speaker across posts and maps aliases to one page', async () => {
    const tree = await readHtml(path.join(out, 'speakers/喻勇/index.html'));
    expect(textOf(select('h1.custom-speaker', tree))).toBe('喻勇');
    expect(selectAll('.talk-title', tree).map((a) => textOf(a))).toEqual(['Scaling Cloud Foundry', 'Cloud Foundry containers']);
    expect((await listFiles(out)).filter((file) => file.startsWith('speakers/frank'))).toEqual([]);
  });

  it('uses the front-matter talk list instead of the headings, linked to the matching heading', async () => {
    const tree = await readHtml(path.join(out, 'speakers/jane-doe/index.html'));
    expect(attr(select('.talk-title', tree), 'href')).toBe('/2015/08/30/cnutcon/#scaling-postgres');
    expect(attr(selectAll('.talk a', tree).find((a) => textOf(a) === 'Slides'), 'href')).toBe('https://slides.example.org/pg.pdf');
    const files = await listFiles(out);
    expect(files).not.toContain('speakers/张三/index.html');
  });

  it('extracts talks only for posts with an event or `talks: true`, never with `talks: false`', async () => {
    const files = await listFiles(out);
    expect(files).toContain('speakers/ada-lovelace/index.html');
    expect(files).not.toContain('speakers/李四/index.html');
    expect(files).not.toContain('speakers/王五/index.html');
    const speakers = await readHtml(path.join(out, 'speakers/index.html'));
    expect(selectAll('.term-list a', speakers).map((a) => textOf(a).replace(/\s*\d+$/, ''))).toEqual(['喻勇', 'Ada Lovelace', 'Jane Doe']);
    expect(stderr).not.toMatch(/error/);
  });

  it('writes events.json and talks.json with absolute URLs', async () => {
    const events = JSON.parse(await readFile(path.join(out, 'events.json'), 'utf8')) as { version: number; events: Record<string, unknown>[] };
    expect(events.version).toBe(1);
    expect(events.events[3]).toMatchObject({
      name: 'Container Day', start: '2014-10-18', end: '2014-10-18', city: 'Beijing', venue: null, url: null,
      post: { title: 'Container day', url: 'https://notes.example.org/2014/10/22/container/', date: '2014-10-22T00:00:00+08:00' },
      talks: [{ title: 'Cloud Foundry containers', speakers: [{ name: '喻勇', url: 'https://notes.example.org/speakers/%E5%96%BB%E5%8B%87/' }], url: 'https://notes.example.org/2014/10/22/container/#喻勇cloud-foundry-containers'.replace('喻勇', encodeURIComponent('喻勇')), slides: null, video: null, event: 'Container Day' }],
    });
    const talks = JSON.parse(await readFile(path.join(out, 'talks.json'), 'utf8')) as { talks: { title: string }[]; speakers: { name: string; slug: string; talks: number }[] };
    expect(talks.talks.map((talk) => talk.title)).toEqual(['Notes on the Engine', 'Scaling Postgres', 'Scaling Cloud Foundry', 'Cloud Foundry containers']);
    expect(talks.speakers).toContainEqual({ name: '喻勇', url: 'https://notes.example.org/speakers/%E5%96%BB%E5%8B%87/', slug: '喻勇', talks: 2 });
  });
});

describe('issue 8: sites without events', () => {
  it('have no events or speakers pages or nav links, and empty JSON lists', async () => {
    const site = await makeSite({ 'posts/2015-01-01-a.md': '---\ntitle: A\n---\n\n## 张三（A talk, but no event）\n' });
    const { out, code, stderr } = await build(site);
    expect(code, stderr).toBe(0);
    const files = await listFiles(out);
    expect(files.filter((file) => file.startsWith('events/') || file.startsWith('speakers/'))).toEqual([]);
    const home = await readHtml(path.join(out, 'index.html'));
    expect(selectAll('.site-nav a', home).map((a) => attr(a, 'href'))).toEqual(['/', '/archives/', '/tags/', '/categories/']);
    expect(JSON.parse(await readFile(path.join(out, 'events.json'), 'utf8'))).toEqual({ version: 1, events: [] });
    expect(JSON.parse(await readFile(path.join(out, 'talks.json'), 'utf8'))).toEqual({ version: 1, talks: [], speakers: [] });
  });
});

describe('issue 8: invalid event metadata', () => {
  it('fails the build naming the file, line and key, and keeps the previous output', async () => {
    const site = await makeSite({
      'posts/2015-01-01-good.md': '---\ntitle: Good\nevent: Fine\n---\n\nBody\n',
      'posts/2015-01-02-bad.md': '---\ntitle: Bad\nevent:\n  name: Broken\n  start: 2015-02-30\n---\n\nBody\n',
    });
    const out = path.join(site, 'out');
    await writeFile(path.join(site, 'marker'), '');
    const run = await runCli(['build', '--source', site, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/posts\/2015-01-02-bad\.md:3: error: `event\.start`: `2015-02-30` is not a valid date/);
    await expect(listFiles(out)).rejects.toThrow();
  });
});
