import { describe, expect, it, test } from 'vitest';
import { expandPermalink, locatePath } from '../../src/site/permalink.js';
import type { ParsedPage, PostDate } from '../../src/types.js';

const DATE: PostDate = { iso: '2015-08-03T09:05:07+08:00', epochMs: 1438563907000, year: '2015', month: '08', day: '03', hour: '09', minute: '05', second: '07' };

function page(overrides: Partial<ParsedPage> = {}): ParsedPage {
  return {
    source: { path: 'posts/2015-08-03-cnutcon-docker.md', absolutePath: '/x/posts/2015-08-03-cnutcon-docker.md', kind: 'post' },
    title: 'CNUTCon Docker',
    date: DATE,
    updated: DATE,
    slug: 'cnutcon-docker',
    titleSlug: 'CNUTCon-Docker',
    permalink: undefined,
    tags: [],
    categories: ['Cloud Computing', 'Docker'],
    excerpt: undefined,
    description: undefined,
    toc: undefined,
    layout: undefined,
    author: undefined,
    lang: undefined,
    draft: false,
    body: '',
    bodyLine: 1,
    data: {},
    keyLines: {},
    event: undefined,
    talks: undefined,
    ...overrides,
  };
}

describe('locatePath', () => {
  test.each([
    ['/2014/10/22/北京/', '/', '/2014/10/22/%E5%8C%97%E4%BA%AC/', '2014/10/22/北京/index.html'],
    ['/2014/10/22/北京/', '/blog/', '/blog/2014/10/22/%E5%8C%97%E4%BA%AC/', '2014/10/22/北京/index.html'],
    ['/2014/10/22/%E5%8C%97%E4%BA%AC/', '/', '/2014/10/22/%E5%8C%97%E4%BA%AC/', '2014/10/22/北京/index.html'],
    ['/x.html', '/', '/x.html', 'x.html'],
    ['/201508-CNUTCon-Docker-Beijing.html', '/blog/', '/blog/201508-CNUTCon-Docker-Beijing.html', '201508-CNUTCon-Docker-Beijing.html'],
    ['/feed.xml', '/', '/feed.xml', 'feed.xml'],
    ['/about', '/', '/about/', 'about/index.html'],
    ['/about/', '/blog/', '/blog/about/', 'about/index.html'],
    ['/v1.2', '/', '/v1.2/', 'v1.2/index.html'],
    ['/', '/', '/', 'index.html'],
    ['/', '/blog/', '/blog/', 'index.html'],
    ['', '/', '/', 'index.html'],
    ['/a b/', '/', '/a%20b/', 'a b/index.html'],
    ['//a///b//', '/', '/a/b/', 'a/b/index.html'],
  ])('locates %j with base %j at url %j and file %j', (sitePath, basePath, url, outputPath) => {
    expect(locatePath(sitePath, basePath)).toEqual({ ok: true, value: { url, outputPath } });
  });

  test.each([
    ['%2e%2e/x'],
    ['/a/%2e%2e/x/'],
    ['../x'],
    ['/a/../../b'],
    ['/./x'],
    ['C:/x'],
    ['/c:/windows/'],
    ['/a\u0000b/'],
    ['/a%00b/'],
    ['/a\\b'],
    ['/a?b'],
    ['/a#b'],
  ])('refuses %j', (sitePath) => {
    const result = locatePath(sitePath, '/');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
  });
});

describe('expandPermalink', () => {
  test.each([
    ['/:year/:month/:day/:slug/', '/2015/08/03/cnutcon-docker/'],
    ['/:year/:i_month/:i_day/:title.html', '/2015/8/3/CNUTCon-Docker.html'],
    ['/:hour/:minute/:second/', '/09/05/07/'],
    ['/:categories/:slug/', '/cloud-computing/docker/cnutcon-docker/'],
    ['/:category/:slug/', '/cloud-computing/cnutcon-docker/'],
    ['/:slug.html', '/cnutcon-docker.html'],
    [':year/:slug', '/2015/cnutcon-docker'],
    ['/:year//:slug/', '/2015/cnutcon-docker/'],
  ])('expands %j to %j', (pattern, expected) => {
    expect(expandPermalink(pattern, page())).toEqual({ ok: true, value: expected });
  });

  it('collapses empty category tokens for a post without categories', () => {
    expect(expandPermalink('/:categories/:slug/', page({ categories: [] }))).toEqual({ ok: true, value: '/cnutcon-docker/' });
  });

  it('skips categories that have no letters or digits', () => {
    expect(expandPermalink('/:categories/:slug/', page({ categories: ['+++', 'Docker'] }))).toEqual({ ok: true, value: '/docker/cnutcon-docker/' });
  });

  it('keeps Chinese slugs and categories', () => {
    expect(expandPermalink('/:category/:slug/', page({ slug: '北京container技术大会', categories: ['容器'] }))).toEqual({ ok: true, value: '/容器/北京container技术大会/' });
  });

  it('leaves date tokens empty for an undated page', () => {
    expect(expandPermalink('/:year/:slug/', page({ date: undefined, updated: undefined }))).toEqual({ ok: true, value: '/cnutcon-docker/' });
  });

  it('fails on an unknown token, naming it and the known ones', () => {
    const result = expandPermalink('/:foo/:slug/', page());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(':foo');
      expect(result.message).toContain(':year');
    }
  });

  it('names every unknown token', () => {
    const result = expandPermalink('/:bar/:baz/', page());
    expect(!result.ok && result.message).toMatch(/:bar, :baz/);
  });

  it('gives a path locatePath accepts', () => {
    const expanded = expandPermalink('/:year/:month/:day/:slug/', page({ slug: '北京' }));
    if (!expanded.ok) throw new Error(expanded.message);
    expect(locatePath(expanded.value, '/')).toEqual({ ok: true, value: { url: '/2015/08/03/%E5%8C%97%E4%BA%AC/', outputPath: '2015/08/03/北京/index.html' } });
  });
});
