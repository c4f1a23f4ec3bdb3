// URL continuity: the URLs Jekyll 4 and Hexo 8 give a post, for the same permalink settings.
import { describe, expect, test } from 'vitest';
import type { Dialect } from '../../src/config/schema.js';
import { parseDateText } from '../../src/content/dates.js';
import { hexoPermalink, jekyllPermalink } from '../../src/config/legacy.js';
import { hexoPostSlug, hexoSlugize, jekyllSlugify } from '../../src/site/legacy-permalink.js';
import { expandPermalink } from '../../src/site/permalink.js';
import type { ParsedPage } from '../../src/types.js';

const JEKYLL: Dialect = { layout: 'jekyll', exclude: [] };
const HEXO: Dialect = { layout: 'hexo', newPostName: ':title.md', defaultCategory: 'uncategorized', exclude: [] };
const HEXO_DATED: Dialect = { ...HEXO, newPostName: ':year-:month-:day-:title.md' };

function post(file: string, folder: string, data: Record<string, unknown>, date = '2014-10-22 11:31:08', categories: string[] = []): ParsedPage {
  const parsed = parseDateText(date, 'Asia/Shanghai');
  if (!parsed.ok) throw new Error(parsed.message);
  return {
    source: { path: file, absolutePath: `/site/${file}`, kind: 'post', folder },
    title: typeof data['title'] === 'string' ? data['title'] : 'Untitled',
    date: parsed.value,
    updated: parsed.value,
    slug: 'unused',
    titleSlug: 'unused',
    permalink: undefined,
    tags: [],
    categories,
    excerpt: undefined,
    description: undefined,
    toc: undefined,
    layout: undefined,
    author: undefined,
    lang: undefined,
    draft: false,
    body: '',
    bodyLine: 1,
    data,
    keyLines: {},
    event: undefined,
    talks: undefined,
  };
}

const expand = (pattern: string, page: ParsedPage, dialect: Dialect): string => {
  const result = expandPermalink(pattern, page, dialect);
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('Jekyll permalinks', () => {
  const seed = post('_posts/2014-10-22-beijing-container.md', '_posts', { slug: '%e5%8c%97%e4%ba%accontainer%e6%8a%80%e6%9c%af%e5%a4%a7%e4%bc%9a' }, '2014-10-22 11:31:08', ['CloudComputing', 'IT']);
  const plain = post('_posts/2015-08-30-CNUTCon全球容器技术大会有感.md', '_posts', {}, '2015-08-30 19:22', ['Cloud Computing']);
  const noCategory = post('_posts/2013-12-3-hello_world.md', '_posts', {}, '2013-12-03 08:00');
  test.each([
    ['date', seed, '/cloudcomputing/it/2014/10/22/北京container技术大会.html'],
    ['pretty', seed, '/cloudcomputing/it/2014/10/22/北京container技术大会/'],
    ['ordinal', seed, '/cloudcomputing/it/2014/295/北京container技术大会.html'],
    ['none', seed, '/cloudcomputing/it/北京container技术大会.html'],
    ['weekdate', seed, '/cloudcomputing/it/2014/W43/Wed/北京container技术大会.html'],
    ['date', plain, '/cloud computing/2015/08/30/CNUTCon全球容器技术大会有感.html'],
    ['pretty', noCategory, '/2013/12/03/hello_world/'],
    ['/:year/:i_month/:i_day/:slug/', noCategory, '/2013/12/3/hello-world/'],
    ['/:short_year/:month/:title:output_ext', noCategory, '/13/12/hello_world.html'],
    ['/:year/:month/:day/:hour:minute:second/', plain, '/2015/08/30/192200/'],
    ['/:slugified_categories/:title/', plain, '/cloud-computing/CNUTCon全球容器技术大会有感/'],
  ])('%s gives %#: %s', (style, page, url) => {
    expect(expand(jekyllPermalink(style), page, JEKYLL)).toBe(url.replace(/^(?!\/)/, '/'));
  });

  test.each([
    ['北京container技术大会', '北京container技术大会', '北京container技术大会'],
    ['0x05 技术分享－28日上午', '0x05-技术分享-28日上午', '0x05-技术分享-28日上午'],
    ['喻勇&孙宏亮（Container技术）', '喻勇-孙宏亮-container技术', '喻勇&孙宏亮-Container技术'],
    ['%e5%8c%97%e4%ba%accontainer', '北京container', '北京container'],
  ])('slugify %j: default %j, pretty cased %j', (input, defaultMode, prettyCased) => {
    expect(jekyllSlugify(input, 'default')).toBe(defaultMode);
    expect(jekyllSlugify(input, 'pretty', true)).toBe(prettyCased);
  });
});

describe('Hexo permalinks', () => {
  const seed = post('source/_posts/北京container技术大会.md', 'source/_posts', { title: '北京container技术大会', slug: 'ignored-by-hexo', categories: ['CloudComputing', 'IT'] });
  const nested = post('source/_posts/2016/Hello World.md', 'source/_posts', { title: 'Hello World: Part 1', categories: [['Notes'], ['Meetup', 'Beijing']] }, '2016-01-05 09:05:00');
  const dated = post('source/_posts/2016-01-05-hello.md', 'source/_posts', { title: 'Hello' }, '2016-01-05 09:05:00');
  test.each([
    [':year/:month/:day/:title/', seed, HEXO, '/2014/10/22/北京container技术大会/'],
    [':year/:month/:day/:title/', nested, HEXO, '/2016/01/05/2016/Hello World/'],
    [':year/:i_month/:i_day/:name.html', nested, HEXO, '/2016/1/5/Hello World.html'],
    [':category/:post_title/', nested, HEXO, '/Meetup/Beijing/hello-world-part-1/'],
    [':category/:title/', seed, HEXO, '/CloudComputing/IT/北京container技术大会/'],
    [':category/:title/', dated, HEXO, '/uncategorized/2016-01-05-hello/'],
    [':year/:title/', dated, HEXO_DATED, '/2016/hello/'],
    [':year/:month/:day/:hour/:minute/:second/:title.html', dated, HEXO, '/2016/01/05/09/05/00/2016-01-05-hello.html'],
  ])('%s for %#: %s', (pattern, page, dialect, url) => {
    expect(expand(hexoPermalink(pattern), page, dialect)).toBe(url);
  });

  test.each([
    ['source/_posts/a/b.md', ':title.md', 'a/b'],
    ['source/_posts/2013-12-03-x.md', ':year-:month-:day-:title.md', 'x'],
    ['source/_posts/2013-12-3-x.md', ':year-:month-:day-:title.md', '2013-12-3-x'],
    ['source/_posts/2013-12-3-x.md', ':year-:i_month-:i_day-:title.md', 'x'],
  ])('the slug of %s with new_post_name %s is %s', (file, rule, slug) => {
    expect(hexoPostSlug(file, 'source/_posts', rule)).toBe(slug);
  });

  test.each([
    ['Hello World: Part 1', 'Hello-World-Part-1'],
    ['Café & Crème', 'Cafe-Creme'],
    ['技术分享（上午）', '技术分享（上午）'],
  ])('slugize %j is %j', (input, slug) => {
    expect(hexoSlugize(input)).toBe(slug);
  });
});
