// markdown.sanitize: raw HTML is kept by default, cleaned by rehype-sanitize when asked.
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '../../src/markdown/processor.js';
import { attr } from '../helpers.js';

const hostile = [
  '# Title',
  '',
  '<script>alert(1)</script>',
  '',
  '<img src="/x.png" onerror="alert(2)" alt="x">',
  '',
  '<a href="javascript:alert(3)">click</a> <iframe src="https://evil.example"></iframe> <p style="color:red" onclick="alert(4)">styled</p>',
  '',
  '<form action="https://evil.example"><input name="q"></form><style>body{display:none}</style>',
].join('\n');

const rich = [
  '## Section one',
  '',
  'Intro with a footnote[^1].',
  '',
  '<!-- more -->',
  '',
  '![A cat](/images/cat.png "Cat")',
  '',
  '| left | right |',
  '| :--- | ----: |',
  '| a    | b     |',
  '',
  '```js',
  'const x = 1;',
  '```',
  '',
  '[^1]: The note.',
].join('\n');

describe('raw HTML', () => {
  it('is kept as written by default (authors own posts)', () => {
    const tree = fromHtml(createMarkdownRenderer({ basePath: '/' })(hostile).html, { fragment: true });
    expect(selectAll('script', tree)).toHaveLength(1);
    expect(attr(select('img', tree), 'onError')).toBe('alert(2)');
    expect(select('iframe', tree)).toBeDefined();
  });

  it('loses scripts, handlers, iframes, forms, styles and javascript: URLs with sanitize', () => {
    const tree = fromHtml(createMarkdownRenderer({ basePath: '/', sanitize: true })(hostile).html, { fragment: true });
    for (const tag of ['script', 'iframe', 'form', 'style']) expect(selectAll(tag, tree), tag).toHaveLength(0);
    // Task-list checkboxes are the only inputs allowed, and only disabled.
    for (const input of selectAll('input', tree)) expect([attr(input, 'type'), attr(input, 'disabled'), attr(input, 'name')]).toEqual(['checkbox', 'true', 'user-content-q']);
    for (const node of selectAll('*', tree)) {
      for (const name of Object.keys(node.properties)) expect(name.toLowerCase().startsWith('on'), `${node.tagName} ${name}`).toBe(false);
      expect(attr(node, 'style')).toBeUndefined();
    }
    expect(attr(select('a', tree), 'href')).toBeUndefined();
    expect(attr(select('img', tree), 'src')).toBe('/x.png');
    expect(select('p', tree)).toBeDefined();
  });

  it('keeps images, tables, footnotes, heading ids, highlighted code and the more marker with sanitize', () => {
    const plain = createMarkdownRenderer({ basePath: '/' })(rich);
    const clean = createMarkdownRenderer({ basePath: '/', sanitize: true })(rich);
    const tree = fromHtml(clean.html, { fragment: true });
    const img = select('img', tree);
    expect([attr(img, 'src'), attr(img, 'alt'), attr(img, 'title'), attr(img, 'loading')]).toEqual(['/images/cat.png', 'A cat', 'Cat', 'lazy']);
    expect(selectAll('table th', tree)).toHaveLength(2);
    expect(attr(select('h2', tree), 'id')).toBe('section-one');
    expect(attr(select('a[data-footnote-ref]', tree), 'href')).toBe('#user-content-fn-1');
    expect(attr(select('li[id=user-content-fn-1]', tree), 'id')).toBe('user-content-fn-1');
    expect(attr(select('a[data-footnote-backref]', tree), 'href')).toBe('#user-content-fnref-1');
    expect(attr(select('[id=user-content-fnref-1]', tree), 'id')).toBe('user-content-fnref-1');
    expect(attr(select('pre code', tree), 'className')).toContain('hljs');
    expect(selectAll('pre code span[class^=hljs-]', tree).length).toBeGreaterThan(0);
    expect(clean.more).toEqual(plain.more);
    expect(clean.toc).toEqual(plain.toc);
  });
});
