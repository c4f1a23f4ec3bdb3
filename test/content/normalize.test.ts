import { describe, expect, it, test } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import type { SiteConfig } from '../../src/config/schema.js';
import { parseFrontMatter } from '../../src/content/front-matter.js';
import { isDated, normalizePost } from '../../src/content/normalize.js';
import type { Diagnostic, Result } from '../../src/diagnostics.js';
import type { ParsedPage } from '../../src/types.js';

function shanghaiConfig(): SiteConfig {
  const result = parseConfig('timezone: Asia/Shanghai');
  if (!result.ok) throw new Error('config should parse');
  return result.value;
}

const config = shanghaiConfig();

function normalize(text: string, path = 'posts/a.md'): Result<ParsedPage> {
  const raw = parseFrontMatter(text, { path, absolutePath: `/x/${path}`, kind: 'post' });
  if (!raw.ok) throw new Error(`front matter should parse: ${raw.diagnostics.map((d) => d.message).join('; ')}`);
  return normalizePost(raw.value, config);
}

function post(text: string, path?: string): ParsedPage {
  const result = normalize(text, path);
  if (!result.ok) throw new Error(`expected a post: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.value;
}

function errorOf(text: string, path?: string): Diagnostic {
  const result = normalize(text, path);
  expect(result.ok).toBe(false);
  const found = result.diagnostics.find((d) => d.severity === 'error');
  if (found === undefined) throw new Error('expected an error diagnostic');
  return found;
}

function fm(...lines: string[]): string {
  return ['---', ...lines, '---', 'Body', ''].join('\n');
}

// Front matter of /work/shared/seeds/000_0f664ff68171fa9a.txt (WordPress export, Jekyll dialect).
const WORDPRESS_SEED = `---
author: admin
comments: true
date: 2014-10-22 03:31:08+00:00
layout: post
slug: '%e5%8c%97%e4%ba%accontainer%e6%8a%80%e6%9c%af%e5%a4%a7%e4%bc%9a'
title: 北京container技术大会
wordpress_id: 1011
categories:
- CloudComputing
- IT
tags:
- container
- report
---

Body
`;

// Front matter of /work/shared/seeds/001_8be6bc9c42208fc5.txt (Hexo dialect).
const HEXO_SEED = `---
title: CNUTCon全球容器技术大会有感
description: "0x01 前言 作为容器技术的发展，自认为是互联网技术公司的基础设施架构的不可或缺的一部分，并且好多公司都在实践，并且创业公司也可以利用其加快开发，缩短构建部署等消耗的时间。 很少有像docker这样才推出两年多就很火的样子，并且拿到了好多投资，😃，作为变化很快的IT行业，不掌握点新技术，很难在竞争中生存下来。"
date: 2015-08-30 19:22
updated: 2015-08-30 20:23
tags: 
  - CNUTCon
  - Docker
  - 技术
excerpt: 前两天去了全球容器技术大会，讨论容器技术的现在与未来。大会主要面向对容器技术感兴趣的中高端的人员，不乏很多互联网技术公司的人，都在学习如何建设新的基础设施架构。
categories: Docker
permalink: 201508-CNUTCon-Docker-Beijing.html
author: admin
toc: true
---

#  0x01 前言
`;

describe('normalizePost', () => {
  describe('WordPress export (seed 000)', () => {
    const doc = post(WORDPRESS_SEED, 'posts/2014-10-22-beijing.md');

    it('reads the title', () => {
      expect(doc.title).toBe('北京container技术大会');
    });

    it('converts the UTC date into the site zone', () => {
      expect(doc.date?.iso).toBe('2014-10-22T11:31:08+08:00');
    });

    it('uses the date as the updated date when none is given', () => {
      expect(doc.updated).toEqual(doc.date);
    });

    it('decodes the percent-encoded slug', () => {
      expect(doc.slug).toBe('北京container技术大会');
    });

    it('reads the tag and category lists', () => {
      expect(doc.tags).toEqual(['container', 'report']);
      expect(doc.categories).toEqual(['CloudComputing', 'IT']);
    });

    it('keeps every key in data and reads the author and layout', () => {
      expect(doc.data['wordpress_id']).toBe(1011);
      expect(doc.author).toBe('admin');
      expect(doc.layout).toBe('post');
      expect(doc.permalink).toBeUndefined();
      expect(doc.draft).toBe(false);
    });

    it('keeps the body line and the key lines', () => {
      expect(doc.bodyLine).toBe(16);
      expect(doc.keyLines['date']).toBe(4);
      expect(doc.body).toBe('\nBody\n');
    });
  });

  describe('Hexo (seed 001)', () => {
    const doc = post(HEXO_SEED, 'posts/2015-08-30-cnutcon.md');

    it('reads the title', () => {
      expect(doc.title).toBe('CNUTCon全球容器技术大会有感');
    });

    it('reads the date as wall clock in the site zone', () => {
      expect(doc.date?.iso).toBe('2015-08-30T19:22:00+08:00');
    });

    it('reads Hexo updated as the updated date', () => {
      expect(doc.updated?.iso).toBe('2015-08-30T20:23:00+08:00');
    });

    it('roots the permalink at /', () => {
      expect(doc.permalink).toBe('/201508-CNUTCon-Docker-Beijing.html');
    });

    it('reads the tag list and a single category string as one category', () => {
      expect(doc.tags).toEqual(['CNUTCon', 'Docker', '技术']);
      expect(doc.categories).toEqual(['Docker']);
    });

    it('reads excerpt, description and toc', () => {
      expect(doc.excerpt).toMatch(/^前两天去了全球容器技术大会/);
      expect(doc.description).toMatch(/^0x01 前言 作为容器技术的发展/);
      expect(doc.toc).toBe(true);
    });

    it('takes the slug from the file name when there is no slug key', () => {
      expect(doc.slug).toBe('cnutcon');
    });
  });

  describe('aliases', () => {
    test.each(['lastmod', 'last_modified_at', 'modified'])('reads %s as the updated date', (key) => {
      expect(post(fm('title: T', 'date: 2015-08-30', `${key}: 2015-09-01 10:00`)).updated?.iso).toBe('2015-09-01T10:00:00+08:00');
    });

    it('prefers updated over lastmod', () => {
      expect(post(fm('title: T', 'date: 2015-08-30', 'lastmod: 2015-09-05', 'updated: 2015-09-01')).updated?.iso).toBe('2015-09-01T00:00:00+08:00');
    });

    it('uses the date when updated is empty', () => {
      const doc = post(fm('title: T', 'date: 2015-08-30', 'updated:'));
      expect(doc.updated).toEqual(doc.date);
    });

    it('reads summary as the excerpt, and prefers excerpt', () => {
      expect(post(fm('title: T', 'date: 2015-08-30', 'summary: S')).excerpt).toBe('S');
      expect(post(fm('title: T', 'date: 2015-08-30', 'summary: S', 'excerpt: E')).excerpt).toBe('E');
    });

    it('reads url as the permalink', () => {
      expect(post(fm('title: T', 'date: 2015-08-30', 'url: /x/y.html')).permalink).toBe('/x/y.html');
    });

    it('reads tag and category', () => {
      const doc = post(fm('title: T', 'date: 2015-08-30', 'tag: Docker', 'category: Cloud, Computing'));
      expect(doc.tags).toEqual(['Docker']);
      expect(doc.categories).toEqual(['Cloud, Computing']);
    });
  });

  describe('tags and categories', () => {
    it('splits a tag string on , and full-width ，', () => {
      expect(post(fm('title: T', 'date: 2015-08-30', 'tags: Docker, 容器，技术')).tags).toEqual(['Docker', '容器', '技术']);
    });

    it('does not split list items that contain commas', () => {
      expect(post(fm('title: T', 'date: 2015-08-30', 'tags: [a, "b, c"]')).tags).toEqual(['a', 'b, c']);
    });

    it('drops null and empty items', () => {
      expect(post(fm('title: T', 'date: 2015-08-30', 'tags:', '  - a', '  -', '  - null', '  - ""', '  - b')).tags).toEqual(['a', 'b']);
    });

    it('flattens Hexo nested category lists', () => {
      expect(post(fm('title: T', 'date: 2015-08-30', 'categories:', '  - [Tech, Docker]', '  - Life')).categories).toEqual(['Tech', 'Docker', 'Life']);
    });

    it('keeps the first spelling of tags that slug alike', () => {
      expect(post(fm('title: T', 'date: 2015-08-30', 'tags: [Docker, docker, 技术]')).tags).toEqual(['Docker', '技术']);
    });

    it('gives empty lists when there are no tags or categories', () => {
      const doc = post(fm('title: T', 'date: 2015-08-30'));
      expect(doc.tags).toEqual([]);
      expect(doc.categories).toEqual([]);
    });
  });

  describe('dates', () => {
    it('takes the date from the file name when there is no date key', () => {
      const doc = post(fm('title: T'), 'posts/2015-08-30-x.md');
      expect(doc.date?.iso).toBe('2015-08-30T00:00:00+08:00');
      expect(doc.updated).toEqual(doc.date);
      expect(doc.slug).toBe('x');
    });

    it('takes the date from a file named only by its date', () => {
      expect(normalize(fm('title: T'), 'posts/2015-08-30.md').ok).toBe(true);
    });

    it('prefers the date key over the file name', () => {
      expect(post(fm('title: T', 'date: 2016-01-02 03:04'), 'posts/2015-08-30-x.md').date?.iso).toBe('2016-01-02T03:04:00+08:00');
    });

    it('fails naming the file when there is neither a date key nor a dated file name', () => {
      const diagnostic = errorOf(fm('title: T'), 'posts/x.md');
      expect(diagnostic.code).toBe('date-missing');
      expect(diagnostic.file).toBe('posts/x.md');
      expect(diagnostic.hint).toBeDefined();
    });

    it('lets an undated page through', () => {
      const raw = parseFrontMatter(fm('title: About'), { path: 'pages/about.md', absolutePath: '/x/pages/about.md', kind: 'page' });
      if (!raw.ok) throw new Error('front matter should parse');
      const result = normalizePost(raw.value, config);
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.value.date).toBeUndefined();
        expect(isDated(result.value)).toBe(false);
      }
    });

    it('fails on an invalid date with the line of the date key', () => {
      const diagnostic = errorOf(fm('title: T', 'layout: post', 'date: 2015-02-30'));
      expect(diagnostic.code).toBe('date-invalid');
      expect(diagnostic.file).toBe('posts/a.md');
      expect(diagnostic.line).toBe(4);
      expect(diagnostic.message).toMatch(/`date`/);
    });

    it('fails on an invalid updated date with the line of its key', () => {
      const diagnostic = errorOf(fm('title: T', 'date: 2015-08-30', 'lastmod: nope'));
      expect(diagnostic.line).toBe(4);
      expect(diagnostic.message).toMatch(/`lastmod`/);
    });

    it('points an invalid TOML date at the line of its key', () => {
      const diagnostic = errorOf('+++\ntitle = "T"\ndate = "2015-02-30"\n+++\nBody\n');
      expect(diagnostic.code).toBe('date-invalid');
      expect(diagnostic.line).toBe(3);
    });
  });

  describe('drafts', () => {
    test.each([
      ['draft: true', true],
      ['published: false', true],
      ['draft: false', false],
      ['published: true', false],
    ])('reads %s as draft %s', (line, draft) => {
      expect(post(fm('title: T', 'date: 2015-08-30', line)).draft).toBe(draft);
    });
  });

  describe('title', () => {
    it('warns and takes the title from the file name when there is none', () => {
      const result = normalize(fm('date: 2015-08-30'), 'posts/2015-08-30-hello-world.md');
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.title).toBe('hello-world');
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'title-missing', file: 'posts/2015-08-30-hello-world.md' });
    });

    it('warns about an empty title', () => {
      const result = normalize(fm('title: "  "', 'date: 2015-08-30'), 'posts/2015-08-30-x.md');
      expect(result.ok && result.value.title).toBe('x');
      expect(result.diagnostics[0]?.line).toBe(2);
    });

    it('reads a numeric title as text', () => {
      expect(post(fm('title: 2048', 'date: 2015-08-30')).title).toBe('2048');
    });
  });

  describe('slug fallback', () => {
    test.each([
      ['the slug key first', ['slug: My Slug'], 'posts/2015-08-30-file-name.md', 'my-slug', 'My-Slug'],
      ['then the file name', [], 'posts/2015-08-30-File-Name.md', 'file-name', 'File-Name'],
      ['then the title when slug and file name have no letters', ['slug: "+++"'], 'posts/2015-08-30-!!!.md', 'title-here', 'Title-Here'],
      ['the file name when the slug has no letters', ['slug: "+++"'], 'posts/2015-08-30-from-file.md', 'from-file', 'from-file'],
    ])('uses %s', (_label, lines, path, slug, titleSlug) => {
      const doc = post(fm('title: Title Here', 'date: 2015-08-30', ...lines), path);
      expect(doc.slug).toBe(slug);
      expect(doc.titleSlug).toBe(titleSlug);
    });
  });

  it('fails when permalink is not text', () => {
    const diagnostic = errorOf(fm('title: T', 'date: 2015-08-30', 'permalink: [a, b]'));
    expect(diagnostic.code).toBe('permalink-invalid');
    expect(diagnostic.line).toBe(4);
  });

  it('reads an author map by its name', () => {
    expect(post(fm('title: T', 'date: 2015-08-30', 'author:', '  name: Ann', '  email: a@x.org')).author).toBe('Ann');
  });

  it('does not change the raw front matter it was given', () => {
    const raw = parseFrontMatter(HEXO_SEED, { path: 'posts/a.md', absolutePath: '/x/posts/a.md', kind: 'post' });
    if (!raw.ok) throw new Error('front matter should parse');
    const before = structuredClone(raw.value.data);
    normalizePost(raw.value, config);
    expect(raw.value.data).toEqual(before);
  });
});
