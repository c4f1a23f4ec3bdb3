// Issue 9: front matter as Jekyll, Hexo and WordPress exports leave it.
import { describe, expect, test } from 'vitest';
import { parseLegacyConfig } from '../../src/config/legacy.js';
import { keyLines, parseConfig } from '../../src/config/load.js';
import type { SiteConfig } from '../../src/config/schema.js';
import { parseFrontMatter } from '../../src/content/front-matter.js';
import { normalizePost } from '../../src/content/normalize.js';
import type { ParsedPage, SourceFile } from '../../src/types.js';

function configFor(layout: 'lanyard' | 'jekyll' | 'hexo'): SiteConfig {
  const legacyText = 'timezone: Asia/Shanghai\n';
  const result = layout === 'lanyard' ? parseConfig(legacyText) : parseConfig('', 'lanyard.yml', undefined, parseLegacyConfig(legacyText, layout, keyLines(legacyText)));
  if (!result.ok) throw new Error('config should parse');
  return result.value;
}

function read(text: string, layout: 'lanyard' | 'jekyll' | 'hexo' = 'lanyard', file = 'posts/2015-08-30-a.md'): { post: ParsedPage; warnings: string[] } {
  const source: SourceFile = { path: file, absolutePath: `/x/${file}`, kind: 'post' };
  const raw = parseFrontMatter(text, source);
  if (!raw.ok) throw new Error(raw.diagnostics.map((d) => d.message).join('; '));
  const result = normalizePost(raw.value, configFor(layout));
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return { post: result.value, warnings: result.diagnostics.map((d) => d.code) };
}

const fm = (...lines: string[]): string => ['---', ...lines, '---', 'Body', ''].join('\n');

describe('dates in the wild (site zone Asia/Shanghai)', () => {
  test.each([
    ['date: 2014-03-18', '2014-03-18T00:00:00+08:00'],
    ['date: 2014-03-18 8:00', '2014-03-18T08:00:00+08:00'],
    ['date: 2014-03-18 08:00:05', '2014-03-18T08:00:05+08:00'],
    ["date: '2014-03-18 8:00'", '2014-03-18T08:00:00+08:00'],
    ['date: 2014-03-18 08:00:00 +0800', '2014-03-18T08:00:00+08:00'],
    ['date: 2014-03-18 08:00:00 +0000', '2014-03-18T16:00:00+08:00'],
    ['date: 2014-10-22 03:31:08+00:00', '2014-10-22T11:31:08+08:00'],
    ['date: 2014-03-18T08:00:00', '2014-03-18T08:00:00+08:00'],
    ['date : 2014-03-18 08:00', '2014-03-18T08:00:00+08:00'],
  ])('%s is %s', (line, iso) => {
    expect(read(fm('title: x', line)).post.date?.iso).toBe(iso);
  });

  test('an unpadded file-name date (2013-12-3-title.md) gives the date and the slug', () => {
    const { post } = read(fm('title: x'), 'jekyll', '_posts/2013-12-3-title.md');
    expect(post.date?.iso).toBe('2013-12-03T00:00:00+08:00');
    expect(post.slug).toBe('title');
  });
});

describe('titles, tags and categories in the wild', () => {
  test('a missing title uses the file name, with a warning', () => {
    const { post, warnings } = read(fm('date: 2015-08-30'), 'lanyard', 'posts/2015-08-30-cnutcon-notes.md');
    expect(post.title).toBe('cnutcon-notes');
    expect(warnings).toContain('title-missing');
  });

  test.each([
    ['singular tag:', ['tag: docker'], 'lanyard', ['docker'], []],
    ['singular category:', ['category: Cloud Computing'], 'jekyll', [], ['Cloud Computing']],
    ['comma string, full-width too', ['tags: "docker, 容器，技术"'], 'lanyard', ['docker', '容器', '技术'], []],
    ['Jekyll space-separated tags and categories', ['tags: docker kubernetes', 'categories: cloud it'], 'jekyll', ['docker', 'kubernetes'], ['cloud', 'it']],
    ['Hexo keeps a spaced tag whole', ['tags: machine learning'], 'hexo', ['machine learning'], []],
    ['null and empty items dropped', ['tags: [docker, null, "", ~]', 'categories:', '  -', '  - IT'], 'lanyard', ['docker'], ['IT']],
    ['values with / and &', ['tags: ["CI/CD", "Q&A"]', 'categories: "Tips & Tricks"'], 'lanyard', ['CI/CD', 'Q&A'], ['Tips & Tricks']],
    ['an empty tags key', ['tags:'], 'hexo', [], []],
  ] as const)('%s', (_name, lines, layout, tags, categories) => {
    const { post } = read(fm('title: x', 'date: 2015-08-30', ...lines), layout);
    expect(post.tags).toEqual(tags);
    expect(post.categories).toEqual(categories);
  });
});

describe('_config.yml translation', () => {
  test('reads the Jekyll keys that matter, and a permalink style', () => {
    const text = 'title: Old\ndescription: d\nurl: "https://x.org"\nbaseurl: /blog\ntimezone: Asia/Shanghai\npermalink: pretty\nauthor: Ann\nlang: zh-CN\nplugins: [jekyll-feed]\n';
    const legacy = parseLegacyConfig(text, 'jekyll', keyLines(text));
    expect(legacy.input).toEqual({ title: 'Old', description: 'd', url: 'https://x.org', basePath: '/blog', timezone: 'Asia/Shanghai', permalink: '/:categories/:year/:month/:day/:title/', author: 'Ann', language: 'zh-CN' });
    expect(legacy.diagnostics).toEqual([]);
  });

  test('defaults to Jekyll date style and Hexo :year/:month/:day/:title/', () => {
    expect(parseLegacyConfig('', 'jekyll', {}).input['permalink']).toBe('/:categories/:year/:month/:day/:title:output_ext');
    expect(parseLegacyConfig('', 'hexo', {}).input['permalink']).toBe('/:year/:month/:day/:title/');
  });

  test('reads Hexo root, a language list and new_post_name; a bad language warns', () => {
    const text = 'url: http://example.com/blog\nroot: /blog/\nlanguage: [zh-CN, en]\nnew_post_name: :year-:month-:day-:title.md\nper_page: 0\n';
    const legacy = parseLegacyConfig(text, 'hexo', keyLines(text));
    expect(legacy.input).toMatchObject({ url: 'http://example.com/blog', basePath: '/blog/', language: 'zh-CN' });
    expect(legacy.input['paginate']).toBeUndefined();
    expect(legacy.dialect).toMatchObject({ layout: 'hexo', newPostName: ':year-:month-:day-:title.md' });
    expect(parseLegacyConfig('language: zh_CN\n', 'hexo', { language: 1 }).diagnostics.map((d) => [d.code, d.line])).toEqual([['legacy-config-language', 1]]);
    const plain = parseLegacyConfig('language: default\n', 'hexo', { language: 1 });
    expect([plain.diagnostics, plain.input['language']]).toEqual([[], undefined]);
  });

  test('a bad value from _config.yml is an error naming that file and line', () => {
    const text = 'title: x\ntimezone: Mars/Olympus\n';
    const result = parseConfig('', 'lanyard.yml', undefined, parseLegacyConfig(text, 'jekyll', keyLines(text)));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: '_config.yml', line: 2 })]);
  });
});
