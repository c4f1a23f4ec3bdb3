// Issue 7: full-text search built at build time — what the real CLI writes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { select, selectAll } from 'hast-util-select';
import { beforeAll, describe, expect, it } from 'vitest';
import { addSeeds, attr, listFiles, makeSite, readHtml, runCli, snapshot } from './helpers.js';

const POST_000 = '2014/10/22/北京container技术大会/index.html';
const POST_001 = '201508-CNUTCon-Docker-Beijing.html';

async function buildSeeds(config: string, args: readonly string[] = []): Promise<{ out: string; stdout: string }> {
  const site = await makeSite({ 'lanyard.yml': config });
  await addSeeds(site);
  const out = path.join(site, 'out');
  const run = await runCli(['build', '--source', site, '--out', out, ...args]);
  expect(run.code, run.stderr).toBe(0);
  return { out, stdout: run.stdout };
}

async function languages(out: string): Promise<Record<string, { page_count: number }>> {
  const entry = JSON.parse(await readFile(path.join(out, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return entry.languages;
}

describe('the search index of the seeds site', () => {
  let out: string;
  let stdout: string;
  beforeAll(async () => {
    ({ out, stdout } = await buildSeeds('timezone: Asia/Shanghai\n'));
  });

  it('indexes the two posts, in Chinese, and says so in the summary', async () => {
    expect(await languages(out)).toEqual({ 'zh-cn': expect.objectContaining({ page_count: 2 }) });
    expect(stdout).toMatch(/; search index of 2 pages in \d+ ms → /);
    const files = await listFiles(out);
    expect(files).toContain('pagefind/pagefind.js');
    expect(files).toContain('search/index.html');
  });

  it('marks only the article as the indexed region, with title, date, excerpt and tags as metadata', async () => {
    const tree = await readHtml(path.join(out, POST_001));
    const body = selectAll('[data-pagefind-body]', tree);
    expect(body.map((node) => node.tagName)).toEqual(['article']);
    expect(select('[data-pagefind-body] .site-header, [data-pagefind-body] .site-footer, [data-pagefind-body] .site-nav', tree)).toBeUndefined();
    const article = body[0];
    expect(attr(article, 'dataPagefindMeta')).toBe('date[data-date], excerpt[data-excerpt], tags[data-tags]');
    expect(attr(article, 'dataDate')).toBe('2015年8月30日');
    expect(attr(article, 'dataTags')).toBe('CNUTCon, Docker, 技术');
    expect(attr(article, 'dataExcerpt')).toMatch(/^前两天去了全球容器技术大会/);
    const title = select('h1[data-pagefind-meta="title"]', tree);
    expect(attr(title, 'dataPagefindWeight')).toBe('10');
    for (const ignored of ['nav.toc', '.post-meta', 'footer.post-terms']) expect(attr(select(ignored, tree), 'dataPagefindIgnore'), ignored).toBe('');
    expect(selectAll('[data-pagefind-filter="tag"]', tree).map((node) => node.children.map((child) => (child.type === 'text' ? child.value : '')).join(''))).toEqual(['CNUTCon', 'Docker', '技术']);
    expect(selectAll('[data-pagefind-filter="category"]', tree)).toHaveLength(1);
  });

  it('leaves list pages, term pages, the archive and the 404 page unmarked, so they are not indexed', async () => {
    for (const file of ['index.html', 'tags/index.html', 'tags/技术/index.html', 'archives/index.html', '404.html', 'search/index.html']) {
      expect(select('[data-pagefind-body]', await readHtml(path.join(out, file))), file).toBeUndefined();
    }
  });

  it('puts a search box in the header that submits to /search/, with a plain link for readers without JavaScript', async () => {
    const tree = await readHtml(path.join(out, POST_000));
    const form = select('header form.site-search[role="search"]', tree);
    expect(attr(form, 'action')).toBe('/search/');
    expect(attr(form, 'method')).toBe('get');
    expect(attr(form, 'dataPagefind')).toBe('/pagefind/');
    expect(attr(select('input[type="search"]', form), 'name')).toBe('q');
    expect(attr(select('header noscript a', tree), 'href')).toBe('/search/');
    expect(select('script[src]', tree), 'no script file on a post page').toBeUndefined();
  });

  it('writes the search page with its form, a live status and the search script', async () => {
    const tree = await readHtml(path.join(out, 'search/index.html'));
    expect(attr(select('form.search-form', tree), 'action')).toBe('/search/');
    expect(select('header form.site-search', tree)).toBeUndefined();
    expect(attr(select('.search-status[role="status"]', tree), 'ariaLive')).toBe('polite');
    expect(attr(select('script[type="module"]', tree), 'src')).toBe('/assets/search.js');
    expect(await listFiles(out)).toContain('assets/search.js');
  });

  it('keeps the search page out of the sitemap', async () => {
    expect(await readFile(path.join(out, 'sitemap.xml'), 'utf8')).not.toContain('/search/');
  });
});

describe('turning search off', () => {
  it.each([
    ['--no-search', 'timezone: Asia/Shanghai\n', ['--no-search']],
    ['search: false', 'timezone: Asia/Shanghai\nsearch: false\n', []],
  ])('%s builds no pagefind/ folder, no search page and no search box', async (_name, config, args) => {
    const { out, stdout } = await buildSeeds(config, args);
    const files = await listFiles(out);
    expect(files.filter((file) => file.startsWith('pagefind/') || file.startsWith('search/'))).toEqual([]);
    expect(select('.site-search, .site-search-link', await readHtml(path.join(out, POST_000)))).toBeUndefined();
    expect(stdout).not.toContain('search index');
  });
});

describe('search on a mixed-language site', () => {
  it('indexes English and Chinese posts in one index, so one search page finds both', async () => {
    const site = await makeSite({
      'lanyard.yml': 'language: en\n',
      'posts/2020-01-01-kubecon.md': '---\ntitle: KubeCon networking\n---\nNotes on Kubernetes networking.\n',
      'posts/2020-01-02-rust.md': '---\ntitle: RustConf\n---\nOwnership and borrowing.\n',
      'posts/2020-01-03-beijing.md': '---\ntitle: 北京容器大会\nlang: zh-CN\n---\n容器技术与微服务。\n',
    });
    const out = path.join(site, 'out');
    expect((await runCli(['build', '--source', site, '--out', out])).code).toBe(0);
    expect(await languages(out)).toEqual({ 'zh-cn': expect.objectContaining({ page_count: 3 }) });
  });
});

describe('search failures', () => {
  it('refuses a public file inside pagefind/, naming it', async () => {
    const site = await makeSite({ 'posts/2020-01-01-a.md': '---\ntitle: A\n---\nx\n', 'public/pagefind/pagefind.js': 'mine' });
    const run = await runCli(['build', '--source', site, '--out', path.join(site, 'out')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('public/pagefind/pagefind.js writes pagefind/pagefind.js, inside pagefind/, where the search index goes');
  });

  it('keeps the previous output when Pagefind fails, and reports it as an error', async () => {
    const site = await makeSite({ 'posts/2020-01-01-a.md': '---\ntitle: A\n---\nx\n' });
    const out = path.join(site, 'out');
    expect((await runCli(['build', '--source', site, '--out', out])).code).toBe(0);
    const before = await snapshot(out);
    // --no-cache: nothing changed, so a cached build would not run Pagefind at all.
    const run = await runCli(['build', '--source', site, '--out', out, '--no-cache'], { env: { PAGEFIND_BINARY_PATH: path.join(site, 'no-such-pagefind') } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pagefind: error: building the search index failed');
    expect(run.stderr).toContain('hint: build with --no-search');
    expect(await snapshot(out)).toEqual(before);
  });
});
