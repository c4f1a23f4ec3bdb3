import { describe, expect, it, test } from 'vitest';
import { pagePath, paginate } from '../../src/site/paginate.js';

describe('pagePath', () => {
  test.each([
    ['/', 1, '/'],
    ['/', 2, '/page/2/'],
    ['/tags/docker/', 3, '/tags/docker/page/3/'],
  ])('gives %j page %i the path %j', (sitePath, number, expected) => {
    expect(pagePath(sitePath, number)).toBe(expected);
  });
});

describe('paginate', () => {
  it('splits items into pages at / and /page/N/', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2, '/', '/');
    expect(pages.map((p) => p.sitePath)).toEqual(['/', '/page/2/', '/page/3/']);
    expect(pages.map((p) => p.pagination.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages.map((p) => [p.pagination.number, p.pagination.total])).toEqual([[1, 3], [2, 3], [3, 3]]);
  });

  it('links each page to its neighbours', () => {
    const pages = paginate([1, 2, 3, 4, 5], 2, '/', '/');
    expect(pages.map((p) => [p.pagination.previousUrl, p.pagination.nextUrl])).toEqual([
      [undefined, '/page/2/'],
      ['/', '/page/3/'],
      ['/page/2/', undefined],
    ]);
  });

  it('gives an empty list one empty page', () => {
    const pages = paginate([], 10, '/tags/docker/', '/');
    expect(pages).toHaveLength(1);
    expect(pages[0]?.sitePath).toBe('/tags/docker/');
    expect(pages[0]?.pagination).toEqual({ number: 1, total: 1, items: [], previousUrl: undefined, nextUrl: undefined });
  });

  it('fits an exact multiple into full pages', () => {
    expect(paginate([1, 2, 3, 4], 2, '/', '/')).toHaveLength(2);
  });

  it('puts the base path and percent-encoding in the URLs but not in the site paths', () => {
    const pages = paginate([1, 2, 3], 1, '/tags/北京/', '/blog/');
    expect(pages.map((p) => p.sitePath)).toEqual(['/tags/北京/', '/tags/北京/page/2/', '/tags/北京/page/3/']);
    expect(pages[1]?.pagination.previousUrl).toBe('/blog/tags/%E5%8C%97%E4%BA%AC/');
    expect(pages[1]?.pagination.nextUrl).toBe('/blog/tags/%E5%8C%97%E4%BA%AC/page/3/');
  });

  it('does not change the list it was given', () => {
    const items = [3, 1, 2];
    paginate(items, 2, '/', '/');
    expect(items).toEqual([3, 1, 2]);
  });
});
