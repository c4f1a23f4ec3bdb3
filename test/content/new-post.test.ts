// `lanyard new`: file name and front matter of a new post, read back by the real parser; and the CLI.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it, test } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import type { SiteConfig } from '../../src/config/schema.js';
import { parseFrontMatter } from '../../src/content/front-matter.js';
import { newPost } from '../../src/content/new-post.js';
import { normalizePost } from '../../src/content/normalize.js';
import type { ParsedPage } from '../../src/types.js';
import { listFiles, makeSite, runCli } from '../helpers.js';

function config(text: string): SiteConfig {
  const result = parseConfig(text);
  if (!result.ok) throw new Error(`config should parse: ${JSON.stringify(result.diagnostics)}`);
  return result.value;
}

const SHANGHAI = config('timezone: Asia/Shanghai');
/** 18:30 UTC on 1 January is 02:30 on 2 January in Shanghai. */
const NOW = new Date('2026-01-01T18:30:00Z');

/** Parses a new post's text back the way a build does. */
function readBack(post: { path: string; text: string }, site: SiteConfig = SHANGHAI): ParsedPage {
  const raw = parseFrontMatter(post.text, { path: post.path, absolutePath: `/site/${post.path}`, kind: 'post' });
  if (!raw.ok) throw new Error(`front matter should parse: ${JSON.stringify(raw.diagnostics)}`);
  const normalized = normalizePost(raw.value, site);
  if (!normalized.ok) throw new Error(`post should normalize: ${JSON.stringify(normalized.diagnostics)}`);
  expect(normalized.diagnostics).toEqual([]);
  return normalized.value;
}

describe('newPost', () => {
  it('names the file after the date in the site time zone, not in UTC', () => {
    const post = newPost('KubeCon day 1', {}, SHANGHAI, NOW);
    expect(post.path).toBe('posts/2026-01-02-kubecon-day-1.md');
    expect(post.text).toMatch(/\ndate: 2026-01-02 02:30:00(\+08:00)?\n/);
    expect(newPost('KubeCon day 1', {}, config('timezone: UTC'), NOW).path).toBe('posts/2026-01-01-kubecon-day-1.md');
  });

  test.each([
    ['KubeCon: day 1', 'kubecon-day-1'],
    ['北京container技术大会', '北京container技术大会'],
    ['CNUTCon 全球容器技术大会 2015', 'cnutcon-全球容器技术大会-2015'],
    ['He said "hi" #1', 'he-said-hi-1'],
    ['{{ site.title }} notes', 'site-title-notes'],
    ['!!!', 'post'],
  ])('slugs %j as %s', (title, slug) => {
    expect(newPost(title, {}, SHANGHAI, NOW).path).toBe(`posts/2026-01-02-${slug}.md`);
  });

  it('writes YAML front matter and an empty body', () => {
    const post = newPost('Hello', {}, SHANGHAI, NOW);
    expect(post.text).toMatch(/^---\ntitle: Hello\ndate: 2026-01-02 02:30:00(\+08:00)?\ntags: \[\]\ncategories: \[\]\n---\n\n$/);
  });

  test.each([
    'Hello',
    '北京container技术大会',
    'KubeCon: day 1',
    'He said "hi"',
    "It's #1",
    '#hashtag',
    '{{ site.title }} notes',
    '{% raw %}',
    'a: b # c',
    '- a dash',
    '[a list?]',
    '{a: 1}',
    '123',
    'true',
    'null',
    '2020-01-01',
    '&anchor *alias',
    '  padded  ',
    '---',
  ])('reads back the title %j, the date, and empty tags and categories', (title) => {
    const post = readBack(newPost(title, {}, SHANGHAI, NOW));
    expect(post.title).toBe(title);
    expect(post.date?.iso).toBe('2026-01-02T02:30:00+08:00');
    expect(post.date?.epochMs).toBe(NOW.getTime());
    expect(post.updated?.iso).toBe('2026-01-02T02:30:00+08:00');
    expect(post.tags).toEqual([]);
    expect(post.categories).toEqual([]);
    expect(post.draft).toBe(false);
    expect(post.data['event']).toBeUndefined();
  });

  it('adds the event when given', () => {
    const post = readBack(newPost('Day 1', { event: 'KubeCon: EU "2026" #cloud' }, SHANGHAI, NOW));
    expect(post.data['event']).toBe('KubeCon: EU "2026" #cloud');
    expect(post.draft).toBe(false);
  });

  it('marks a draft when asked, and the post reads back as a draft', () => {
    const made = newPost('Day 1', { draft: true }, SHANGHAI, NOW);
    expect(made.text).toContain('\ndraft: true\n');
    const post = readBack(made);
    expect(post.data['draft']).toBe(true);
    expect(post.draft).toBe(true);
  });

  it('leaves draft out when not asked', () => {
    expect(newPost('Day 1', { draft: false }, SHANGHAI, NOW).text).not.toContain('draft');
  });

  it('keeps the seconds of now (the date is exact to the second)', () => {
    const post = readBack(newPost('x', {}, SHANGHAI, new Date('2026-06-30T23:59:59.900Z')));
    expect(post.date?.iso).toBe('2026-07-01T07:59:59+08:00');
  });

  it('dates a post made in the repeated hour when clocks go back at the instant it was made', () => {
    // 05:30 UTC on 1 November 2026 is 01:30 EDT; an hour later it is 01:30 EST again.
    const newYork = config('timezone: America/New_York');
    for (const now of [new Date('2026-11-01T05:30:00Z'), new Date('2026-11-01T06:30:00Z')]) {
      const made = newPost('Fall back', {}, newYork, now);
      expect(made.path).toBe('posts/2026-11-01-fall-back.md');
      expect(readBack(made, newYork).date?.epochMs, made.text).toBe(now.getTime());
    }
  });
});

describe('lanyard new (the real CLI)', () => {
  const sites: string[] = [];
  afterAll(async () => {
    for (const site of sites) await rm(site, { recursive: true, force: true });
  });
  const site = async (files: Record<string, string> = {}): Promise<string> => {
    const dir = await makeSite(files);
    sites.push(dir);
    return dir;
  };

  it('creates posts/YYYY-MM-DD-<slug>.md, prints its path, and the new post builds', async () => {
    const dir = await site({ 'lanyard.yml': 'title: Notes\n' });
    const run = await runCli(['new', 'My Title', '--source', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^posts\/\d{4}-\d{2}-\d{2}-my-title\.md\n$/);
    const file = run.stdout.trim();
    expect(await listFiles(dir)).toEqual(['lanyard.yml', file]);
    const text = await readFile(path.join(dir, file), 'utf8');
    expect(text).toMatch(/^---\ntitle: My Title\ndate: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?\ntags: \[\]\ncategories: \[\]\n---\n\n$/);
    expect(text).toContain(`date: ${file.slice('posts/'.length, 'posts/'.length + 10)} `);
  });

  it('joins several words into the title and passes --event and --draft', async () => {
    const dir = await site();
    const run = await runCli(['new', '北京', 'container', '大会', '--source', dir, '--event', 'KubeCon: China', '--draft']);
    expect(run.code, run.stderr).toBe(0);
    const file = run.stdout.trim();
    expect(file).toMatch(/^posts\/\d{4}-\d{2}-\d{2}-北京-container-大会\.md$/);
    const text = await readFile(path.join(dir, file), 'utf8');
    expect(text).toContain('title: 北京 container 大会\n');
    expect(text).toContain('event: "KubeCon: China"\n');
    expect(text).toContain('draft: true\n');
  });

  it('refuses to overwrite an existing post: exit 1, "already exists", file unchanged', async () => {
    const dir = await site();
    const first = await runCli(['new', 'Same title', '--source', dir]);
    expect(first.code, first.stderr).toBe(0);
    const file = path.join(dir, first.stdout.trim());
    const edited = `${await readFile(file, 'utf8')}My notes, already written.\n`;
    await writeFile(file, edited);
    const again = await runCli(['new', 'Same title', '--source', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(again.stderr).toContain(first.stdout.trim());
    expect(again.stdout).toBe('');
    expect(await readFile(file, 'utf8')).toBe(edited);
  });

  test.each([[[]], [['   ']]])('exits 2 without a title (%j)', async (words) => {
    const dir = await site();
    const run = await runCli(['new', ...words, '--source', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give the post a title');
    expect(await listFiles(dir)).toEqual([]);
  });

  it('exits 1 with the config error when lanyard.yml is invalid, writing nothing', async () => {
    const dir = await site({ 'lanyard.yml': 'timezone: Mars/Olympus\n' });
    const run = await runCli(['new', 'Title', '--source', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('lanyard.yml');
    expect(await listFiles(dir)).toEqual(['lanyard.yml']);
  });
});
