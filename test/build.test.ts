// Whole-site builds through the real CLI: the sample site, sub-paths, templates, errors.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, attr, brokenLinks, listFiles, makeSite, readHtml, runCli, snapshot } from './helpers.js';

const post = (title: string, date: string, extra = ''): string => `---\ntitle: ${title}\ndate: ${date}\n${extra}---\nSome notes about ${title}.\n`;
const text = (node: Parameters<typeof toString>[0] | undefined): string => (node === undefined ? '' : toString(node));

describe('the sample site', () => {
  it('builds with every internal link resolving', async () => {
    const out = path.join(await makeSite({}), 'out');
    const run = await runCli(['build', '--source', PROJECT_ROOT, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = await listFiles(out);
    expect(files.filter((f) => /^\d{4}\/.*index\.html$/.test(f)).length + files.filter((f) => f.startsWith('notes/')).length).toBeGreaterThanOrEqual(6);
    expect(files).toEqual(expect.arrayContaining(['index.html', '404.html', 'archives/index.html', 'tags/index.html', 'categories/index.html', 'about/index.html', 'assets/lanyard.css']));
    expect(await brokenLinks(out)).toEqual([]);
    const home = await readHtml(path.join(out, 'index.html'));
    expect(selectAll('nav.site-nav a', home).map((a) => text(a))).toContain('About');
  });
});

describe('sub-path hosting', () => {
  it('puts the base path on every internal link, asset and Markdown link', async () => {
    const site = await makeSite({
      'lanyard.yml': 'title: Sub\nurl: https://example.org\n',
      'posts/2020-01-02-one.md': post('One', '2020-01-02', 'tags: [x]\ncategories: C\n') + '\n![pic](/images/p.svg)\n\n[about](/about/)\n',
      'pages/about.md': '---\ntitle: About\n---\nMe.\n',
      'public/images/p.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    });
    const out = path.join(site, 'out');
    const run = await runCli(['build', '--source', site, '--out', out, '--base-path', '/blog/']);
    expect(run.code).toBe(0);
    expect(await brokenLinks(out, '/blog/')).toEqual([]);
    const tree = await readHtml(path.join(out, '2020/01/02/one/index.html'));
    expect(attr(select('.post-content img', tree), 'src')).toBe('/blog/images/p.svg');
    expect(attr(select('link[rel=canonical]', tree), 'href')).toBe('https://example.org/blog/2020/01/02/one/');
    for (const link of selectAll('a[href]', tree)) {
      const href = attr(link, 'href') ?? '';
      if (!/^(https?:|#)/.test(href)) expect(href).toMatch(/^\/blog\//);
    }
  });
});

describe('listing pages', () => {
  it('paginates home and term pages, newest first, with an archive by year', async () => {
    const files: Record<string, string> = { 'lanyard.yml': 'paginate: 2\n' };
    for (let i = 1; i <= 5; i++) files[`posts/2019-0${i}-01-p${i}.md`] = post(`P${i}`, `2019-0${i}-01`, 'tags: [shared]\n');
    files['posts/2018-12-31-old.md'] = post('Old', '2018-12-31');
    const site = await makeSite(files);
    const out = path.join(site, 'out');
    expect((await runCli(['build', '--source', site, '--out', out])).code).toBe(0);
    const list = await listFiles(out);
    expect(list).toEqual(expect.arrayContaining(['page/2/index.html', 'page/3/index.html', 'tags/shared/page/3/index.html', 'archives/2018/index.html', 'archives/2019/index.html']));
    expect(list).not.toContain('page/4/index.html');
    const home = await readHtml(path.join(out, 'index.html'));
    expect(selectAll('.post-card-title a', home).map((a) => text(a))).toEqual(['P5', 'P4']);
    const last = await readHtml(path.join(out, 'page/3/index.html'));
    expect(selectAll('.post-card-title a', last).map((a) => text(a))).toEqual(['P1', 'Old']);
    const archive = await readHtml(path.join(out, 'archives/index.html'));
    expect(selectAll('.archive-year h2 a', archive).map((a) => text(a))).toEqual(['2019', '2018']);
    const p3 = await readHtml(path.join(out, '2019/03/01/p3/index.html'));
    expect(attr(select('a[rel=prev]', p3), 'href')).toBe('/2019/02/01/p2/');
    expect(attr(select('a[rel=next]', p3), 'href')).toBe('/2019/04/01/p4/');
    expect(await brokenLinks(out)).toEqual([]);
  });
});

describe('templates', () => {
  it('lets a site override one template and falls back to the theme for the rest', async () => {
    const site = await makeSite({
      'posts/2020-01-02-one.md': post('One', '2020-01-02'),
      'templates/post.liquid': '<!doctype html><html lang="{{ page.lang }}"><body><h1 class="custom">{{ post.title }}</h1>{{ content | raw }}</body></html>',
    });
    const out = path.join(site, 'out');
    expect((await runCli(['build', '--source', site, '--out', out])).code).toBe(0);
    expect(text(select('h1.custom', await readHtml(path.join(out, '2020/01/02/one/index.html'))))).toBe('One');
    expect(select('.post-list', await readHtml(path.join(out, 'index.html')))).toBeDefined();
  });

  it('escapes titles and tags, and never evaluates Liquid found in them', async () => {
    const site = await makeSite({ 'posts/2020-01-02-x.md': '---\ntitle: "<script>alert(1)</script> {{ site.title }} {% raw %}"\ndate: 2020-01-02\ntags: ["<b>t</b>"]\n---\nbody\n' });
    const out = path.join(site, 'out');
    expect((await runCli(['build', '--source', site, '--out', out])).code).toBe(0);
    const tree = await readHtml(path.join(out, '2020/01/02/x/index.html'));
    expect(selectAll('script:not([type="application/ld+json"])', tree)).toHaveLength(0);
    const jsonLd = JSON.parse(text(select('script[type="application/ld+json"]', tree))) as { headline: string };
    expect(jsonLd.headline).toBe('<script>alert(1)</script> {{ site.title }} {% raw %}');
    expect(text(select('h1.post-title', tree))).toBe('<script>alert(1)</script> {{ site.title }} {% raw %}');
    expect(text(select('a.tag', tree))).toBe('#<b>t</b>');
  });

  it('fails with the post and template named when a layout does not exist', async () => {
    const site = await makeSite({ 'posts/2020-01-02-x.md': post('X', '2020-01-02', 'layout: fancy\n') });
    const run = await runCli(['build', '--source', site]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('posts/2020-01-02-x.md:4: error: layout `fancy` has no template');
  });

  it('reports a template syntax error with the template file and line', async () => {
    const site = await makeSite({ 'posts/2020-01-02-x.md': post('X', '2020-01-02'), 'templates/page.liquid': 'ok\n{% if %}\n' , 'pages/a.md': '---\ntitle: A\n---\nA\n' });
    const run = await runCli(['build', '--source', site]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/templates\/page\.liquid:2(:\d+)?: error: /);
  });
});

describe('URL problems', () => {
  it('fails naming both files when two posts claim one URL, keeping the previous output', async () => {
    const site = await makeSite({ 'posts/2020-01-02-one.md': post('One', '2020-01-02') });
    const out = path.join(site, 'out');
    expect((await runCli(['build', '--source', site, '--out', out])).code).toBe(0);
    const before = await snapshot(out);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(site, 'posts', 'two.md'), post('Two', '2020-01-02 10:00', 'slug: one\n'));
    const run = await runCli(['build', '--source', site, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/posts\/(two|2020-01-02-one)\.md and posts\/(two|2020-01-02-one)\.md both write 2020\/01\/02\/one\/index\.html/);
    expect(await snapshot(out)).toEqual(before);
  });

  it.each(['../../escape.html', '/%2e%2e/%2e%2e/escape/', 'C:/windows/x.html', '/a/./b/'])('rejects the permalink %s', async (permalink) => {
    const site = await makeSite({ 'posts/2020-01-02-one.md': post('One', '2020-01-02', `permalink: "${permalink}"\n`) });
    const run = await runCli(['build', '--source', site, '--out', path.join(site, 'out')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('posts/2020-01-02-one.md:4: error: permalink');
    // Escaping out/ twice would land beside the site folder. That folder is the system's
    // temporary folder: only its top level is listed (a recursive listing took minutes
    // there once it held benchmark sites).
    const beside = await readdir(path.dirname(site));
    expect(beside).not.toContain('escape.html');
    expect(beside).not.toContain('escape');
  });
});

describe('pages and public files', () => {
  it('renders pages/ at pretty URLs and copies public/ verbatim', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const site = await makeSite({ 'pages/about.md': '---\ntitle: About me\n---\nHi.\n', 'pages/talks/index.md': '---\ntitle: Talks\n---\nList.\n', 'public/img/x.png': bytes, 'public/CNAME': 'notes.example.org\n' });
    const out = path.join(site, 'out');
    expect((await runCli(['build', '--source', site, '--out', out])).code).toBe(0);
    const files = await listFiles(out);
    expect(files).toEqual(expect.arrayContaining(['about/index.html', 'talks/index.html', 'img/x.png', 'CNAME']));
    expect(await readFile(path.join(out, 'img/x.png'))).toEqual(bytes);
  });
});
