import { describe, expect, it, test } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import type { SiteConfig } from '../../src/config/schema.js';
import type { Diagnostic } from '../../src/diagnostics.js';

function config(text: string): SiteConfig {
  const result = parseConfig(text);
  if (!result.ok) throw new Error(`config should parse: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.value;
}

function failure(text: string): Diagnostic {
  const result = parseConfig(text);
  expect(result.ok).toBe(false);
  const found = result.diagnostics.find((d) => d.severity === 'error');
  if (found === undefined) throw new Error('expected an error');
  expect(found.file).toBe('lanyard.yml');
  return found;
}

describe('parseConfig', () => {
  it('fills in the defaults for an empty file', () => {
    const result = parseConfig('');
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
    expect(config('')).toMatchObject({
      timezone: 'UTC',
      permalink: '/:year/:month/:day/:slug/',
      paginate: 10,
      basePath: '/',
      language: 'en',
      toc: false,
      author: undefined,
    });
  });

  it('treats a file of comments as all defaults', () => {
    expect(config('# nothing here\n').basePath).toBe('/');
  });

  it('reads the values it is given', () => {
    expect(config('title: Notes\ntimezone: Asia/Shanghai\npaginate: 5\nlanguage: zh-CN\ntoc: true\npermalink: /:year/:slug.html')).toMatchObject({
      title: 'Notes',
      timezone: 'Asia/Shanghai',
      paginate: 5,
      language: 'zh-CN',
      toc: true,
      permalink: '/:year/:slug.html',
    });
  });

  it('warns about an unknown key with its line and keeps going', () => {
    const result = parseConfig('title: x\nfoo: 1\n');
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'config-unknown-key', line: 2, file: 'lanyard.yml' });
    expect(result.diagnostics[0]?.message).toMatch(/`foo`/);
  });

  test.each([
    ['timezone: Mars/Olympus', 'timezone', 1],
    ['title: a\npaginate: 0', 'paginate', 2],
    ['paginate: ten', 'paginate', 1],
    ['paginate: 2.5', 'paginate', 1],
    ['url: not a url', 'url', 1],
    ['url: ftp://x.org', 'url', 1],
    ['language: "!!"', 'language', 1],
    ['title: a\nauthor:\n  email: a@x.org', 'author', 2],
  ])('rejects %j naming the key %s on line %i', (text, key, line) => {
    const diagnostic = failure(text);
    expect(diagnostic.code).toBe('config-invalid');
    expect(diagnostic.message).toContain(`\`${key}`);
    expect(diagnostic.line).toBe(line);
  });

  it('reports every bad key at once', () => {
    const result = parseConfig('timezone: Mars/Olympus\npaginate: 0\n');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(2);
  });

  describe('basePath', () => {
    it('rejects a base path that does not start with /', () => {
      expect(failure('basePath: blog').message).toMatch(/basePath/);
    });

    test.each([
      ['basePath: /blog', '/blog/'],
      ['basePath: /blog/', '/blog/'],
      ['basePath: /a//b', '/a/b/'],
      ['basePath: /', '/'],
      ['basePath: //', '/'],
    ])('normalizes %j to %j', (text, basePath) => {
      expect(config(text).basePath).toBe(basePath);
    });

    it('derives the base path from the url path', () => {
      expect(config('url: https://x.org/blog')).toMatchObject({ basePath: '/blog/', url: 'https://x.org/blog' });
    });

    it('uses / for a url without a path', () => {
      expect(config('url: https://x.org')).toMatchObject({ basePath: '/', url: 'https://x.org' });
    });

    it('lets basePath win over the url path', () => {
      expect(config('url: https://x.org/blog/\nbasePath: /other')).toMatchObject({ basePath: '/other/', url: 'https://x.org/other' });
    });

    it('lets the override argument win over the file', () => {
      const result = parseConfig('basePath: /blog', 'lanyard.yml', '/preview/');
      expect(result.ok && result.value.basePath).toBe('/preview/');
    });
  });

  describe('invalid YAML', () => {
    const text = 'title: a\nbad: [x\nc: d\n';

    it('fails with the line of the YAML error', () => {
      const diagnostic = failure(text);
      expect(diagnostic.line).toBe(3);
    });

    it('does not call a lanyard.yml syntax error a front matter error', () => {
      const diagnostic = failure(text);
      expect(diagnostic.message).not.toMatch(/front matter/i);
      expect(diagnostic.code).not.toMatch(/front-matter/);
    });
  });

  it('rejects a config that is a list', () => {
    expect(failure('- a\n- b\n').code).toBe('config-not-a-map');
  });

  describe('author', () => {
    it('turns an author string into a name', () => {
      expect(config('author: Ann').author).toEqual({ name: 'Ann' });
    });

    it('reads an author map', () => {
      expect(config('author:\n  name: Ann\n  email: a@x.org\n  url: https://ann.example').author).toEqual({ name: 'Ann', email: 'a@x.org', url: 'https://ann.example' });
    });

    it('leaves out author fields that are not set', () => {
      expect(Object.keys(config('author:\n  name: Ann').author ?? {})).toEqual(['name']);
    });
  });
});
