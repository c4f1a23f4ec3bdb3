import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '../../src/markdown/processor.js';

const render = createMarkdownRenderer({ basePath: '/' });
const renderInBlog = createMarkdownRenderer({ basePath: '/blog/' });

function tree(html: string): Root {
  return fromHtml(html, { fragment: true });
}

function one(root: Root, selector: string): Element {
  const found = select(selector, root);
  if (found === undefined) throw new Error(`nothing matches ${selector}`);
  return found;
}

function graphemes(text: string): number {
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
}

function classes(element: Element): unknown {
  return element.properties['className'];
}

describe('createMarkdownRenderer', () => {
  describe('GFM', () => {
    const root = tree(render('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\nText[^1] see https://example.com\n\n[^1]: The note.\n').html);

    it('renders a table', () => {
      expect(selectAll('table thead th', root)).toHaveLength(2);
      expect(selectAll('table tbody td', root)).toHaveLength(2);
    });

    it('renders a task list with checked and unchecked boxes', () => {
      const boxes = selectAll('li.task-list-item input[type=checkbox]', root);
      expect(boxes).toHaveLength(2);
      expect(boxes[0]?.properties['checked']).toBe(true);
      expect(boxes[1]?.properties['checked']).toBeFalsy();
    });

    it('renders a footnote reference that links to its note', () => {
      const ref = one(root, 'sup a[data-footnote-ref]');
      const href = String(ref.properties['href']);
      expect(href.startsWith('#')).toBe(true);
      expect(select(`[id="${href.slice(1)}"]`, root)?.tagName).toBe('li');
      expect(select('section.footnotes li p', root)).toBeDefined();
    });

    it('turns a bare URL into a link', () => {
      expect(one(root, 'a[href="https://example.com"]').children).toEqual([expect.objectContaining({ value: 'https://example.com' })]);
    });

    it('keeps the footnotes label out of the headings and toc', () => {
      const rendered = render('Text[^1]\n\n## Real heading\n\n[^1]: The note.\n');
      expect(rendered.headings.map((h) => h.text)).toEqual(['Real heading']);
      expect(rendered.toc.map((t) => t.text)).toEqual(['Real heading']);
    });
  });

  describe('images', () => {
    it('keeps a raw <img class="responsive-img"> and lazy-loads it', () => {
      const root = tree(render('<img src="https://x.example/y.jpg" class="responsive-img" />\n').html);
      const img = one(root, 'img.responsive-img');
      expect(img.properties['src']).toBe('https://x.example/y.jpg');
      expect(img.properties['loading']).toBe('lazy');
    });

    it('lazy-loads a Markdown image', () => {
      expect(one(tree(render('![alt](/images/a.png)\n').html), 'img').properties['loading']).toBe('lazy');
    });

    it('keeps a loading attribute the author set', () => {
      expect(one(tree(render('<img src="a.png" loading="eager">\n').html), 'img').properties['loading']).toBe('eager');
    });
  });

  describe('headings', () => {
    const rendered = render('# 0x01 前言\n\n# 喻勇&孙宏亮（container技术在cloudfoundry中的演化）\n\n## Intro\n\n## Intro\n\n### Deep\n\n#### Deeper\n\n## Next\n');
    const root = tree(rendered.html);

    it('gives Chinese headings ids that keep the Chinese text', () => {
      // `#` headings render one level down (h2): the page's h1 is the post title.
      expect(selectAll('h2', root).map((h) => h.properties['id'])).toEqual(['0x01-前言', '喻勇孙宏亮container技术在cloudfoundry中的演化']);
    });

    it('de-duplicates repeated heading ids', () => {
      expect(selectAll('h3', root).map((h) => h.properties['id'])).toEqual(['intro', 'intro-1', 'next']);
    });

    it('moves every heading down one level when the post uses h1, and leaves others alone', () => {
      expect(selectAll('h1', root)).toHaveLength(0);
      expect(selectAll('h4', root).map((h) => h.properties['id'])).toEqual(['deep']);
      expect(selectAll('h5', root).map((h) => h.properties['id'])).toEqual(['deeper']);
      const plain = tree(render('## Intro\n\n### Deep\n').html);
      expect(selectAll('h2, h3', plain).map((h) => h.tagName)).toEqual(['h2', 'h3']);
    });

    it('lists every heading with depth, id and text', () => {
      expect(rendered.headings).toHaveLength(7);
      expect(rendered.headings[1]).toEqual({ depth: 1, id: '喻勇孙宏亮container技术在cloudfoundry中的演化', text: '喻勇&孙宏亮（container技术在cloudfoundry中的演化）' });
      expect(rendered.headings[5]).toEqual({ depth: 4, id: 'deeper', text: 'Deeper' });
    });

    it('nests levels 1–3 into the toc and leaves h4 out', () => {
      expect(rendered.toc).toEqual([
        { depth: 1, id: '0x01-前言', text: '0x01 前言', children: [] },
        {
          depth: 1,
          id: '喻勇孙宏亮container技术在cloudfoundry中的演化',
          text: '喻勇&孙宏亮（container技术在cloudfoundry中的演化）',
          children: [
            { depth: 2, id: 'intro', text: 'Intro', children: [] },
            { depth: 2, id: 'intro-1', text: 'Intro', children: [{ depth: 3, id: 'deep', text: 'Deep', children: [] }] },
            { depth: 2, id: 'next', text: 'Next', children: [] },
          ],
        },
      ]);
    });

    it('honours a deeper tocDepth', () => {
      const deep = createMarkdownRenderer({ basePath: '/', tocDepth: 4 })('### A\n\n#### B\n');
      expect(deep.toc[0]?.children.map((c) => c.id)).toEqual(['b']);
    });
  });

  it('highlights fenced js code with hljs classes', () => {
    const root = tree(render('```js\nconst a = 1;\n```\n').html);
    const code = one(root, 'pre > code');
    expect(classes(code)).toEqual(expect.arrayContaining(['hljs', 'language-js']));
    expect(selectAll('code span.hljs-keyword', root).length).toBeGreaterThan(0);
  });

  describe('excerpts', () => {
    it('splits at <!-- more -->', () => {
      const rendered = render('First *para*.\n\n<!-- more -->\n\nSecond para.\n');
      expect(rendered.more?.text).toBe('First para.');
      const before = tree(rendered.more?.html ?? '');
      expect(selectAll('p', before)).toHaveLength(1);
      expect(one(before, 'p em').children).toEqual([expect.objectContaining({ value: 'para' })]);
      expect(selectAll('p', tree(rendered.html))).toHaveLength(2);
    });

    it('has no more section without the marker', () => {
      expect(render('Just text.\n').more).toBeUndefined();
    });

    it('keeps the automatic excerpt within 141 graphemes and ends it at 。', () => {
      const sentence = '作为容器技术的发展，自认为是互联网技术公司的基础设施架构的不可或缺的一部分。';
      const excerpt = render(`${sentence.repeat(8)}\n`).autoExcerpt;
      expect(graphemes(excerpt)).toBeLessThanOrEqual(141);
      expect(excerpt.endsWith('。')).toBe(true);
      expect(excerpt).toBe(sentence.repeat(3));
    });

    it('never gives an empty excerpt for a post that is only a list', () => {
      expect(render('- one\n- two\n').autoExcerpt).toBe('one two');
    });

    it('counts words and scripts in the plain text of the whole body', () => {
      const rendered = render('# Title\n\nSome **bold**\ntext 中文.\n');
      expect([rendered.words, rendered.cjkCharacters]).toEqual([4, 2]);
      expect(rendered.scripts).toEqual({ han: 2, kana: 0, hangul: 0, latinWords: 4 });
    });
  });

  describe('base path', () => {
    const root = tree(renderInBlog('[a](/about/) ![i](/images/a.png) [c](//cdn.example/y.js) [d](https://x.org/z) [e](#x) [f](rel/page/) <a href="/raw/">r</a>\n').html);
    const hrefs = selectAll('a', root).map((a) => a.properties['href']);

    it('prefixes root-relative links and images with the base path', () => {
      expect(one(root, 'img').properties['src']).toBe('/blog/images/a.png');
      expect(hrefs).toContain('/blog/about/');
      expect(hrefs).toContain('/blog/raw/');
    });

    it('leaves protocol-relative, absolute, fragment and relative links alone', () => {
      expect(hrefs).toEqual(expect.arrayContaining(['//cdn.example/y.js', 'https://x.org/z', '#x', 'rel/page/']));
    });

    it('does not prefix a link that already has the base path', () => {
      expect(one(tree(renderInBlog('[a](/blog/about/)\n').html), 'a').properties['href']).toBe('/blog/about/');
    });

    it('leaves links alone at the domain root', () => {
      expect(one(tree(render('[a](/about/)\n').html), 'a').properties['href']).toBe('/about/');
    });
  });

  it('renders the same text twice to identical output', () => {
    const markdown = '# A\n\n## A\n\nText[^1] with `code`.\n\n[^1]: Note.\n';
    expect(render(markdown)).toEqual(render(markdown));
  });

  it('does not carry heading ids from one post into the next', () => {
    render('# Same\n');
    expect(render('# Same\n').headings[0]?.id).toBe('same');
  });
});

describe('skipping rehype-raw for posts without raw HTML', () => {
  it('detects raw HTML but not the <!-- more --> marker', async () => {
    const { hasRawHtml } = await import('../../src/markdown/processor.js');
    expect(hasRawHtml('text\n\n<!-- more -->\n\nmore')).toBe(false);
    expect(hasRawHtml('<img src="a.png">')).toBe(true);
    expect(hasRawHtml('a <!-- note --> b')).toBe(true);
    expect(hasRawHtml('1 < 2 and 3 > 2')).toBe(false);
  });

  it('renders exactly as the full raw pipeline does, on the sample posts and synthetic notes', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const path = await import('node:path');
    const { makePost, random } = await import('../../bench/generate-site.mjs');
    const dir = path.join(import.meta.dirname, '..', '..', 'posts');
    const samples = await Promise.all((await readdir(dir)).map((name) => readFile(path.join(dir, name), 'utf8')));
    const rand = random(7);
    const synthetic = Array.from({ length: 30 }, (_, i) => makePost(i, rand).text);
    const fast = createMarkdownRenderer({ basePath: '/blog/' });
    const full = createMarkdownRenderer({ basePath: '/blog/', alwaysRaw: true });
    // The same document: parse both HTML strings (parse5 writes boolean attributes such as
    // `data-footnote-ref` as `=""`, the direct path as a bare attribute — the same HTML).
    const parsed = (html: string): string => JSON.stringify(fromHtml(html, { fragment: true }), (key, value: unknown) => (key === 'position' ? undefined : value));
    for (const text of [...samples, ...synthetic, 'Intro\n\n<!-- more -->\n\n## Rest\n\nText[^1]\n\n[^1]: note']) {
      const a = fast(text);
      const b = full(text);
      expect(parsed(a.html)).toBe(parsed(b.html));
      expect({ ...a, html: '', more: a.more && { ...a.more, html: parsed(a.more.html) } }).toEqual({ ...b, html: '', more: b.more && { ...b.more, html: parsed(b.more.html) } });
    }
  });
});

describe('the plugin shortcuts (narrowed rehype-slug and rehype-highlight, lazy literal autolinks)', () => {
  const corpus = [
    '# Title\n\nIntro with `inline` code.\n\n<!-- more -->\n\n## Part\n\n```js\nconst a = 1;\n```\n\n```\nno language\n```\n\n    indented code\n',
    '~~~python\nprint(1)\n~~~\n\n```nohighlight\nx = 1\n```\n\n```unknown-language\nx\n```\n\n```go\nfunc main() {}\n```\n',
    '<pre><code class="language-js">let x = 1;</code></pre>\n\n<pre><code class="lang-python">x = 1</code></pre>\n\n<pre class="language-js"><code>y</code></pre>\n',
    '<code class="language-js">not in pre</code>\n\n<div class="language-js">not code</div>\n\n<pre><pre><code class="language-css">a { b: c }</code></pre></pre>\n',
    // Changes inside highlighted code and headings happen in the same order as the full walks.
    '<pre><code class="language-js"><h1>Inside code</h1><p><img src="/a.png" title="Caption"></p></code></pre>\n\n# Inside code\n',
    '<h2><p><img src="/b.png" title="In a heading"></p></h2>\n\n## In a heading\n\n<h3 id="kept">Own id</h3>\n\n### Kept\n',
    '| 时间 | Talk |\n|---|---|\n| 09:00 | `code` |\n\nText[^1] and more[^note].\n\n[^1]: The note.\n\n[^note]: ```js\n    x\n    ```\n',
    '![slide](/images/s.png "A title")\n\n![no title](/images/t.png)\n\n<p><img src="/x.png" title="raw"></p>\n\n> ## Quoted heading\n>\n> ```sh\n> echo hi\n> ```\n\n- ## Listed heading\n- item\n',
    '## 容器网络与存储\n\n容器技术的发展让基础设施架构发生了很大的变化。\n\n## 容器网络与存储\n\n日本語のテキスト。한국어 문장.\n\n## Intro\n\n## Intro\n',
    '',
    'Just a paragraph with https://example.com and mail@example.com.\n',
    'Visit www.example.org, HTTP://EXAMPLE.ORG/x or WWW.Example.com; write to mailto:a@b.co, xmpp:me@jabber.org/home and 张三@例子.中国 or a.b+c@d.e.f.\n\n## Contact me@example.com\n\n| www.t.org | x@y.zz |\n|---|---|\n| 1 | 2 |\n',
    '[a link to www.example.org](https://example.org) and ![an image](https://example.org/i.png "https://example.org") only\n\n`https://in.code` and text&#64;example.com with &#x77;ww.example.com\n',
    // Links only the transform finds: from character references, or next to `_`.
    '&#x77;ww.example.com\n\n_a@b.co_\n\nh&#116;tp://example.com/&#64;\n\n*&#x57;WW.example.com*\n',
    '> quoted https://example.com/path?q=1.\n\n- item www.example.com\n\nNote[^n].\n\n[^n]: See https://example.com.\n',
  ];
  const samples = async (): Promise<string[]> => {
    const { readdir, readFile } = await import('node:fs/promises');
    const path = await import('node:path');
    const { makePost, random } = await import('../../bench/generate-site.mjs');
    const dir = path.join(import.meta.dirname, '..', '..', 'posts');
    const posts = await Promise.all((await readdir(dir)).map((name) => readFile(path.join(dir, name), 'utf8')));
    const rand = random(11);
    return [...corpus, ...posts, ...Array.from({ length: 20 }, (_, i) => makePost(i, rand).text)];
  };

  it.each([
    { basePath: '/' },
    { basePath: '/blog/', alwaysRaw: true },
    { basePath: '/', sanitize: true },
  ])('renders exactly as the full plugins do (%o)', async (options) => {
    const narrowed = createMarkdownRenderer(options);
    const full = createMarkdownRenderer({ ...options, fullPlugins: true });
    for (const text of await samples()) expect(narrowed(text)).toEqual(full(text));
  });

  it('still highlights code and numbers repeated headings', () => {
    const rendered = render('## Intro\n\n## Intro\n\n<pre><code class="language-js">const a = 1;</code></pre>\n');
    expect(rendered.headings.map((heading) => heading.id)).toEqual(['intro', 'intro-1']);
    expect(selectAll('code span.hljs-keyword', tree(rendered.html)).length).toBeGreaterThan(0);
  });
});
