// Issue 9: a Jekyll or Hexo site folder builds as it is, keeping its URLs.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, attr, brokenLinks, listFiles, makeSite, readHtml, runCli, snapshot } from './helpers.js';

const JEKYLL = path.join(PROJECT_ROOT, 'test', 'fixtures', 'jekyll-site');
const HEXO = path.join(PROJECT_ROOT, 'test', 'fixtures', 'hexo-site');

async function buildFixture(fixture: string, extra: readonly string[] = []): Promise<{ out: string; code: number; stdout: string; stderr: string }> {
  const out = path.join(await makeSite({}), 'out');
  // --no-cache: the fixture folders live in the repository and must stay exactly as they are.
  const run = await runCli(['build', '--source', fixture, '--out', out, '--no-cache', ...extra]);
  return { out, ...run };
}

describe('a Jekyll site folder', () => {
  it('builds unchanged with exit 0, every post at the URL its _config.yml implies', async () => {
    const before = await snapshot(JEKYLL);
    const { out, code, stdout, stderr } = await buildFixture(JEKYLL);
    expect(stderr).not.toMatch(/: error:/);
    expect(code).toBe(0);
    expect(await snapshot(JEKYLL)).toEqual(before);
    const files = await listFiles(out);
    // permalink: /:categories/:year/:month/:day/:title/ in Asia/Shanghai
    expect(files).toEqual(expect.arrayContaining([
      'cloudcomputing/it/2014/10/22/北京container技术大会/index.html',
      '201508-CNUTCon-Docker-Beijing.html',
      'cloud computing/2014/03/18/unpadded-date/index.html',
      'meetup/2016/01/05/liquid-tags/index.html',
      'about/index.html',
      'assets/img/logo.svg',
      'CNAME',
    ]));
    // Nothing of the old site's machinery is copied; `.lanyard-output` is Lanyard's own marker.
    expect(files.filter((file) => /^(_|\.)|README|^dist\//.test(file) && file !== '.lanyard-output')).toEqual([]);
    expect(files.some((file) => file.includes('an-idea'))).toBe(false);
    expect(await brokenLinks(out)).toEqual([]);
    expect(stdout).toMatch(/^Migration report \(Jekyll site\): 4 posts built, 0 failed, 1 drafts and 0 future posts left out$/m);
    expect(stdout).toMatch(/^ {2}1 warning not-markdown: _posts\/notes\.txt$/m);
  });

  it('reads the old config: title, language, url and the time zone', async () => {
    const { out } = await buildFixture(JEKYLL);
    const page = await readHtml(path.join(out, 'cloudcomputing/it/2014/10/22/北京container技术大会/index.html'));
    expect(attr(select('html', page), 'lang')).toBe('zh-CN');
    expect(toString(select('title', page) ?? { type: 'root', children: [] })).toContain('云上笔记');
    expect(attr(select('link[rel=canonical]', page), 'href')).toBe('https://notes.example.org/cloudcomputing/it/2014/10/22/%E5%8C%97%E4%BA%ACcontainer%E6%8A%80%E6%9C%AF%E5%A4%A7%E4%BC%9A/');
    expect(attr(select('time.dt-published', page), 'dateTime')).toBe('2014-10-22T11:31:08+08:00');
  });

  it('renders Liquid tags in bodies without evaluating them, one warning per unknown construct', async () => {
    const { out, stderr } = await buildFixture(JEKYLL);
    const page = await readHtml(path.join(out, 'meetup/2016/01/05/liquid-tags/index.html'));
    const content = select('.post-content', page);
    expect(attr(select('a', content), 'href')).toBe('/cloudcomputing/it/2014/10/22/%E5%8C%97%E4%BA%ACcontainer%E6%8A%80%E6%9C%AF%E5%A4%A7%E4%BC%9A/');
    expect(attr(select('img', content), 'src')).toBe('/assets/img/logo.svg');
    expect(attr(select('pre code', content), 'className')).toContain('language-ruby');
    expect(toString(select('pre code', content) ?? page)).toContain('puts "{{ not evaluated }}"');
    const paragraphs = selectAll('p', content).map((p) => toString(p));
    expect(paragraphs).toContain('In Liquid you write {{ page.title }} and {% if x %}.');
    expect(paragraphs).toContain('{% include note.html %}');
    expect(paragraphs).toContain('Hello {{ page.author }}!');
    expect(stderr).toContain('_posts/2016-01-05-liquid-tags.md:22: warning: `{% include note.html %}` is not supported');
    expect(stderr).toContain('_posts/2016-01-05-liquid-tags.md:24: warning: `{{ page.author }}` is not evaluated');
    expect(stderr.match(/liquid-tags\.md:\d+: warning: .*(supported|evaluated|stray)/g)).toHaveLength(2);
  });

  it('reads front matter as found in the wild', async () => {
    const { out } = await buildFixture(JEKYLL);
    const unpadded = await readHtml(path.join(out, 'cloud computing/2014/03/18/unpadded-date/index.html'));
    expect(toString(select('h1', unpadded) ?? unpadded)).toBe('A/B testing & you');
    expect(attr(select('time.dt-published', unpadded), 'dateTime')).toBe('2014-03-18T08:00:00+08:00');
    expect(selectAll('a[rel=tag]', unpadded).map((a) => toString(a))).toEqual(['#docker', '#kubernetes']);
    const tags = await readHtml(path.join(out, 'meetup/2016/01/05/liquid-tags/index.html'));
    expect(toString(select('h1', tags) ?? tags)).toBe('liquid-tags');
    expect(selectAll('a[rel=tag]', tags).map((a) => toString(a))).toEqual(['#meetup', '#技术', '#notes']);
    expect(attr(select('time.dt-published', tags), 'dateTime')).toBe('2016-01-05T23:30:00+08:00');
  });

  it('writes a redirect page for each redirect_from path', async () => {
    const { out } = await buildFixture(JEKYLL);
    const page = await readHtml(path.join(out, '2013/12/03/unpadded-date.html'));
    const target = 'https://notes.example.org/cloud%20computing/2014/03/18/unpadded-date/';
    expect(attr(select('meta[http-equiv=refresh]', page), 'content')).toBe(`0; url=${target}`);
    expect(attr(select('link[rel=canonical]', page), 'href')).toBe(target);
    expect(attr(select('a', page), 'href')).toBe('/cloud%20computing/2014/03/18/unpadded-date/');
  });

  it('lets lanyard.yml win over _config.yml, key by key', async () => {
    const site = path.join(await makeSite({}), 'site');
    await cp(JEKYLL, site, { recursive: true });
    await writeFile(path.join(site, 'lanyard.yml'), 'permalink: /notes/:title/\n');
    const out = path.join(site, 'out');
    const run = await runCli(['build', '--source', site, '--out', out]);
    expect(run.code).toBe(0);
    const files = await listFiles(out);
    expect(files).toContain('notes/北京container技术大会/index.html');
    const page = await readHtml(path.join(out, 'notes/北京container技术大会/index.html'));
    expect(attr(select('html', page), 'lang')).toBe('zh-CN');
  });
});

describe('a Hexo site folder', () => {
  it('builds unchanged with exit 0 under its root, every post at the URL its _config.yml implies', async () => {
    const before = await snapshot(HEXO);
    const { out, code, stdout, stderr } = await buildFixture(HEXO);
    expect(stderr).not.toMatch(/: error:/);
    expect(code).toBe(0);
    expect(await snapshot(HEXO)).toEqual(before);
    const files = await listFiles(out);
    // permalink: :year/:month/:day/:title/ — :title is the path under _posts, sub-folder included
    expect(files).toEqual(expect.arrayContaining([
      '2014/10/22/北京container技术大会/index.html',
      '201508-CNUTCon-Docker-Beijing.html',
      '2016/01/05/2016/hello-world/index.html',
      'about/index.html',
      'images/a.svg',
      'CNAME',
    ]));
    expect(files.filter((file) => /themes|scaffolds|package\.json|old hexo/.test(file))).toEqual([]);
    expect(await brokenLinks(out, '/blog/')).toEqual([]);
    expect(stdout).toMatch(/^Migration report \(Hexo site\): 3 posts built, 0 failed, 1 drafts and 0 future posts left out$/m);
    const home = await readHtml(path.join(out, 'index.html'));
    expect(attr(select('html', home), 'lang')).toBe('zh-CN');
    expect(attr(select('link[rel=canonical]', home), 'href')).toBe('https://hexo.example.org/blog/');
  });

  it('renders Hexo tag plugins: post_link, codeblock, blockquote, youtube and {{ root }}', async () => {
    const { out, stderr } = await buildFixture(HEXO);
    const page = await readHtml(path.join(out, '2016/01/05/2016/hello-world/index.html'));
    const content = select('.post-content', page);
    expect(selectAll('p a', content).map((a) => [attr(a, 'href'), toString(a)])).toEqual([
      ['/blog/2014/10/22/%E5%8C%97%E4%BA%ACcontainer%E6%8A%80%E6%9C%AF%E5%A4%A7%E4%BC%9A/', '北京container技术大会'],
      ['/blog/201508-CNUTCon-Docker-Beijing.html', 'the CNUTCon notes'],
    ]);
    expect(attr(select('pre code', content), 'className')).toContain('language-javascript');
    expect(toString(select('blockquote', content) ?? page)).toContain('— David Levithan, Wide Awake');
    expect(attr(select('iframe', content), 'src')).toBe('https://www.youtube.com/embed/dQw4w9WgXcQ');
    expect(attr(select('img', content), 'src')).toBe('/blog/images/a.svg');
    expect(stderr).toContain('source/_posts/2016/hello-world.md:24: warning: `{% note info %}` is not supported');
    expect(stderr).toContain('source/_posts/2016/hello-world.md:28: warning: a stray `{%` is left as text');
    expect(stderr.match(/hello-world\.md:\d+: warning/g)).toHaveLength(2);
  });

  it('builds drafts from source/_drafts with --drafts, reporting the one without a date', async () => {
    const { code, stderr } = await buildFixture(HEXO, ['--drafts']);
    expect(code).toBe(1);
    expect(stderr).toContain('source/_drafts/draft.md:1: error: no `date`');
  });
});

describe('--keep-going', () => {
  const site = (): Promise<string> => makeSite({
    '_config.yml': 'title: Broken\npermalink: pretty\n',
    '_posts/2020-01-01-good.md': '---\ntitle: Good\n---\nFine.\n',
    '_posts/2020-01-02-bad.md': '---\ntitle: Bad\ndate: 2020-02-30\n---\nBroken date.\n',
  });

  it('without the flag, an error keeps the previous output and exits 1', async () => {
    const source = await site();
    const out = path.join(source, 'out');
    await runCli(['build', '--source', source, '--out', out, '--keep-going']);
    const before = await snapshot(out);
    const run = await runCli(['build', '--source', source, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('_posts/2020-01-02-bad.md:3: error:');
    expect(await snapshot(out)).toEqual(before);
  });

  it('builds every good post, reports the rest with file and line, swaps the output in and exits 1', async () => {
    const source = await site();
    const out = path.join(source, 'out');
    const run = await runCli(['build', '--source', source, '--out', out, '--keep-going']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('_posts/2020-01-02-bad.md:3: error: `date`');
    expect(run.stderr).toMatch(/Built with 1 error \(--keep-going\)/);
    expect(run.stdout).toMatch(/Migration report \(Jekyll site\): 1 posts built, 1 failed/);
    expect(run.stdout).toMatch(/^ {2}1 error date-invalid: _posts\/2020-01-02-bad\.md$/m);
    const files = await listFiles(out);
    expect(files).toContain('2020/01/01/good/index.html');
    expect(files.some((file) => file.includes('bad'))).toBe(false);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('Good');
  });
});

describe('legacy Markdown in a Jekyll folder', () => {
  it('renders [caption] as a figure and ##Title as a heading, and warns about an unclosed fence', async () => {
    const site = await makeSite({
      '_config.yml': 'title: Old\nurl: https://old.example.org\n',
      '_posts/2014-10-22-wp.md': '---\ntitle: WP\n---\n##议程\n\n[caption width="600"]<img src="/a.png" alt="Stage" /> 会议现场[/caption]\n\n```bash\necho never closed\n',
    });
    const out = path.join(site, 'out');
    const run = await runCli(['build', '--source', site, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('_posts/2014-10-22-wp.md:8: warning: the code block opened here with ```');
    const files = await listFiles(out);
    const page = files.find((file) => file.endsWith('/wp/index.html') || file.endsWith('/wp.html'));
    expect(page).toBeDefined();
    const tree = await readHtml(path.join(out, page as string));
    expect(toString(select('.post-content h2', tree) ?? { type: 'root', children: [] })).toBe('议程');
    expect(toString(select('.post-content figure figcaption', tree) ?? { type: 'root', children: [] })).toBe('会议现场');
    expect(select('.post-content figure img[src="/a.png"]', tree)).toBeDefined();
  });
});
