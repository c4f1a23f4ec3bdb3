import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/content/front-matter.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import type { RawPost, SourceFile } from '../../src/types.js';

const source: SourceFile = { path: 'posts/a.md', absolutePath: '/x/posts/a.md', kind: 'post' };

function parsed(text: string): RawPost {
  const result = parseFrontMatter(text, source);
  if (!result.ok) throw new Error(`expected front matter to parse: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.value;
}

function failure(text: string): Diagnostic {
  const result = parseFrontMatter(text, source);
  expect(result.ok).toBe(false);
  const [first] = result.diagnostics;
  if (first === undefined) throw new Error('expected a diagnostic');
  expect(first.severity).toBe('error');
  expect(first.file).toBe('posts/a.md');
  return first;
}

describe('parseFrontMatter', () => {
  describe('YAML', () => {
    const text = ['---', 'title: 北京container技术大会', 'date: 2015-08-30 19:22', 'tags: [container, report]', '---', 'Body line', ''].join('\n');

    it('reads the keys and the body', () => {
      const raw = parsed(text);
      expect(raw.data).toEqual({ title: '北京container技术大会', date: '2015-08-30 19:22', tags: ['container', 'report'] });
      expect(raw.body).toBe('Body line\n');
      expect(raw.source).toBe(source);
    });

    it('keeps dates as the text the author wrote, not as Date objects', () => {
      const raw = parsed('---\ndate: 2014-10-22 03:31:08+00:00\nupdated: 2015-08-30\n---\n');
      expect(raw.data['date']).toBe('2014-10-22 03:31:08+00:00');
      expect(raw.data['updated']).toBe('2015-08-30');
      expect(raw.data['date']).not.toBeInstanceOf(Date);
    });

    it('puts the body on the line after the closing delimiter (line 6 for three keys)', () => {
      // Lines 1–5 are `---`, three keys and `---`; the body starts on file line 6.
      expect(parsed(text).bodyLine).toBe(6);
    });

    it('counts a blank line after the front matter as part of the body', () => {
      const raw = parsed('---\ntitle: a\n---\n\nBody\n');
      expect(raw.bodyLine).toBe(4);
      expect(raw.body).toBe('\nBody\n');
    });

    it('gives the 1-based file line of each top-level key', () => {
      expect(parsed(text).keyLines).toEqual({ title: 2, date: 3, tags: 4 });
    });

    it('skips nested keys and list items in keyLines', () => {
      const raw = parsed('---\ntitle: a\nauthor:\n  name: x\n  email: y\ntags:\n  - a\n---\nbody\n');
      expect(raw.keyLines).toEqual({ title: 2, author: 3, tags: 6 });
      expect(raw.bodyLine).toBe(9);
    });

    it('accepts an empty front matter block', () => {
      const raw = parsed('---\n---\nbody\n');
      expect(raw.data).toEqual({});
      expect(raw.bodyLine).toBe(3);
    });
  });

  it('reads JSON front matter opened with ---json', () => {
    const raw = parsed('---json\n{\n  "title": "Hi",\n  "date": "2015-08-30"\n}\n---\nBody\n');
    expect(raw.data).toEqual({ title: 'Hi', date: '2015-08-30' });
    expect(raw.body).toBe('Body\n');
    expect(raw.bodyLine).toBe(7);
  });

  describe('TOML', () => {
    const text = '+++\ntitle = "Hi"\ndate = 2015-08-30T19:22:05+08:00\n+++\nBody\n';

    it('reads TOML front matter between +++ lines', () => {
      const raw = parsed(text);
      expect(raw.data['title']).toBe('Hi');
      expect(raw.data['date']).toBeInstanceOf(Date);
      expect(raw.body).toBe('Body\n');
      expect(raw.bodyLine).toBe(5);
    });

    it('gives the file line of each TOML key, so later errors can point at it', () => {
      expect(parsed(text).keyLines).toEqual({ title: 2, date: 3 });
    });

    it('reports a TOML syntax error on its file line', () => {
      const diagnostic = failure('+++\ntitle = "Hi"\ndate = \n+++\nbody\n');
      expect(diagnostic.line).toBe(3);
    });
  });

  it('strips a byte order mark and reads CRLF line endings', () => {
    const raw = parsed('\uFEFF---\r\ntitle: Hi\r\ndate: 2015-08-30\r\n---\r\nBody\r\nmore\r\n');
    expect(raw.data).toEqual({ title: 'Hi', date: '2015-08-30' });
    expect(raw.body).toBe('Body\nmore\n');
    expect(raw.bodyLine).toBe(5);
    expect(raw.keyLines).toEqual({ title: 2, date: 3 });
  });

  it('treats a file without front matter as all body', () => {
    const raw = parsed('# Just text\n\nhello\n');
    expect(raw.data).toEqual({});
    expect(raw.body).toBe('# Just text\n\nhello\n');
    expect(raw.bodyLine).toBe(1);
    expect(raw.keyLines).toEqual({});
  });

  describe('errors', () => {
    it('points a YAML indentation error at its file line (4)', () => {
      const diagnostic = failure('---\ntitle: ok\ndate: 2015-08-30\n  bad: indent\n---\nbody\n');
      expect(diagnostic.code).toBe('front-matter-syntax');
      expect(diagnostic.line).toBe(4);
      expect(diagnostic.hint).toBeDefined();
    });

    it('points an unquoted `: ` in a value at its file line (4)', () => {
      expect(failure('---\ntitle: ok\nauthor: admin\nsummary: a: b\n---\nbody\n').line).toBe(4);
    });

    it('points a YAML error at the same file line with a BOM and CRLF', () => {
      expect(failure('\uFEFF---\r\ntitle: ok\r\ndate: 2015-08-30\r\n  bad: indent\r\n---\r\nbody\r\n').line).toBe(4);
    });

    it('points a duplicated key at the second occurrence', () => {
      expect(failure('---\ntitle: a\ntitle: b\n---\nbody\n').line).toBe(3);
    });

    it('reports unclosed front matter on line 1 with a hint', () => {
      const diagnostic = failure('---\ntitle: Hi\n\nbody\n');
      expect(diagnostic.code).toBe('front-matter-unclosed');
      expect(diagnostic.line).toBe(1);
      expect(diagnostic.hint).toMatch(/---/);
    });

    it('reports unclosed TOML front matter on line 1', () => {
      expect(failure('+++\ntitle = "Hi"\nbody\n').line).toBe(1);
    });

    it('rejects front matter that is a list', () => {
      const diagnostic = failure('---\n- a\n- b\n---\nbody\n');
      expect(diagnostic.code).toBe('front-matter-not-a-map');
      expect(diagnostic.message).toMatch(/list/);
    });

    it('rejects front matter that is a single value', () => {
      const diagnostic = failure('---\njust text\n---\nbody\n');
      expect(diagnostic.code).toBe('front-matter-not-a-map');
      expect(diagnostic.message).toMatch(/single value/);
    });
  });
});
