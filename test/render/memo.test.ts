// The `{% memo %}` tag: a body rendered once per build for each combination of its keys,
// and rendered every time when reusing it could be wrong.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Liquid } from 'liquidjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { noteBodyRead, trackBodyReads } from '../../src/render/body-reads.js';
import { createEngine } from '../../src/render/engine.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'lanyard-memo-'));
  await mkdir(path.join(root, 'partials'));
  await writeFile(path.join(root, 'partials', 'card.liquid'), '[{{ post.title }} {{ page.t.more }}]');
  // A site's override of a partial that also reads the page's URL.
  await writeFile(path.join(root, 'partials', 'card-with-url.liquid'), '[{{ post.title }} {{ page.url }}]');
  await writeFile(path.join(root, 'partials', 'assigns.liquid'), '{% assign seen = post.title %}');
  // Like the theme's table of contents; liquidjs's analysis loops on the second form (the include in the first node).
  await writeFile(path.join(root, 'partials', 'tree.liquid'), "<ol>{% for entry in entries %}{{ entry.text }}{% if entry.children.size > 0 %}{% include 'partials/tree', entries: entry.children %}{% endif %}{% endfor %}</ol>");
  await writeFile(path.join(root, 'partials', 'tree-first.liquid'), "{% for entry in entries %}{{ entry.text }}{% if entry.children.size > 0 %}{% include 'partials/tree-first', entries: entry.children %}{% endif %}{% endfor %}");
});

function engine(): Liquid {
  const result = parseConfig('title: Memo\n');
  if (!result.ok) throw new Error('config should parse');
  return createEngine([root], result.value);
}

/** Renders `source` for each page, with one engine (one build). */
function renderPages(source: string, pages: readonly Record<string, unknown>[]): string[] {
  const liquid = engine();
  const template = liquid.parse(source);
  return pages.map((context) => liquid.renderSync(template, context) as string);
}

describe('memo', () => {
  const labels = { more: 'More' };
  const first = { title: 'First' };
  const second = { title: 'Second' };

  it('renders the body once per key and reuses it', () => {
    const liquid = engine();
    const template = liquid.parse("{% for post in posts %}{% memo post, page.t %}{% include 'partials/card', post: post %}{% endmemo %}{% endfor %}");
    const pages = [{ posts: [first, second], page: { t: labels } }, { posts: [second, first], page: { t: labels } }];
    expect(pages.map((context) => liquid.renderSync(template, context))).toEqual(['[First More][Second More]', '[Second More][First More]']);
    // Views never change during a build: a later page gets the HTML rendered first.
    const changed = { ...labels };
    expect(liquid.renderSync(template, { posts: [first], page: { t: changed } })).toBe('[First More]');
  });

  it('tells keys apart by identity for objects and by value for the rest', () => {
    const source = '{% memo page.kind, post %}{{ page.kind | json }} {{ post.title }};{% endmemo %}';
    const pages = [{ page: { kind: 'home' }, post: first }, { page: { kind: 'tag' }, post: first }, { page: { kind: 'home' }, post: { title: 'First' } }, { page: { kind: 1 }, post: first }, { page: { kind: '1' }, post: first }];
    expect(renderPages(source, pages)).toEqual(['&#34;home&#34; First;', '&#34;tag&#34; First;', '&#34;home&#34; First;', '1 First;', '&#34;1&#34; First;']);
  });

  it('renders every time when the body, through a partial, reads something that is not a key', () => {
    const source = "{% memo post, page.t %}{% include 'partials/card-with-url', post: post %}{% endmemo %}";
    expect(renderPages(source, [{ post: first, page: { t: labels, url: '/a/' } }, { post: first, page: { t: labels, url: '/b/' } }])).toEqual(['[First /a/]', '[First /b/]']);
  });

  it('renders every time when the body has an effect outside itself', () => {
    const source = "{% memo post %}{% include 'partials/assigns' %}{% endmemo %}{{ seen }}";
    expect(renderPages(source, [{ post: first }, { post: second }])).toEqual(['First', 'Second']);
  });

  it('renders every time when a partial is named by a variable', () => {
    const source = '{% memo post %}{% include name %}{% endmemo %}';
    expect(renderPages(source, [{ post: first, name: 'partials/card' }, { post: first, name: 'partials/card-with-url', page: { url: '/b/' } }])).toEqual(['[First ]', '[First /b/]']);
  });

  it('follows a partial that includes itself', () => {
    const toc = [{ text: 'a', children: [{ text: 'b', children: [] }] }, { text: 'c', children: [] }];
    const post = { toc };
    const reused = renderPages("{% memo post %}{% include 'partials/tree', entries: post.toc %}{% endmemo %}", [{ post }, { post: { ...post, toc: toc.slice(0, 1) } }]);
    expect(reused).toEqual(['<ol>a<ol>b</ol>c</ol>', '<ol>a<ol>b</ol></ol>']);
    const liquid = engine();
    const template = liquid.parse("{% memo post %}{% include 'partials/tree', entries: post.toc %}{% endmemo %}");
    expect(liquid.renderSync(template, { post })).toBe('<ol>a<ol>b</ol>c</ol>');
    toc.pop();
    expect(liquid.renderSync(template, { post }), 'reused').toBe('<ol>a<ol>b</ol>c</ol>');
    // Analysis cannot follow this one: rendered every time, still right.
    expect(renderPages("{% memo post %}{% include 'partials/tree-first', entries: post.toc %}{% endmemo %}", [{ post }, { post: { toc: [] } }])).toEqual(['ab', '']);
  });

  it('takes variables as keys only, and must be closed', () => {
    expect(() => engine().parse('{% memo post | upcase %}x{% endmemo %}')).toThrow(/memo keys are variables/);
    expect(() => engine().parse('{% memo post %}x')).toThrow(/not closed/);
  });

  it('counts a reused body as reading from a post body when its first rendering did (body-reads.ts)', () => {
    const liquid = engine();
    const post = {
      title: 'First',
      get excerpt(): string {
        noteBodyRead();
        return 'From the body';
      },
    };
    const withExcerpt = liquid.parse('{% memo post %}{{ post.title }}: {{ post.excerpt }}{% endmemo %}');
    const titleOnly = liquid.parse('{% memo post %}{{ post.title }}{% endmemo %}');
    const render = (template: ReturnType<Liquid['parse']>): { value: unknown; readBody: boolean } => trackBodyReads(() => liquid.renderSync(template, { post }));
    // Rendered, then reused: both times the page read from the body.
    expect([render(withExcerpt), render(withExcerpt)]).toEqual([
      { value: 'First: From the body', readBody: true },
      { value: 'First: From the body', readBody: true },
    ]);
    expect([render(titleOnly), render(titleOnly)]).toEqual([
      { value: 'First', readBody: false },
      { value: 'First', readBody: false },
    ]);
  });
});
