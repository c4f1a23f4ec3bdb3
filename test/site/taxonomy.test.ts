import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from '../../src/markdown/processor.js';
import { createCollator } from '../../src/site/build-site.js';
import { collectTerms } from '../../src/site/taxonomy.js';
import type { PostDate, RenderedPost } from '../../src/types.js';

function date(day: string): PostDate {
  return { iso: `2015-08-${day}T00:00:00+08:00`, epochMs: Date.UTC(2015, 7, Number(day)), year: '2015', month: '08', day, hour: '00', minute: '00', second: '00' };
}

// Built by the real renderer so the value keeps up with RenderedMarkdown.
const EMPTY_CONTENT = createMarkdownRenderer({ basePath: '/' })('');

function post(name: string, day: string, tags: string[], categories: string[] = []): RenderedPost {
  const path = `posts/2015-08-${day}-${name}.md`;
  return {
    source: { path, absolutePath: `/x/${path}`, kind: 'post' },
    title: name,
    date: date(day),
    updated: date(day),
    slug: name,
    titleSlug: name,
    permalink: undefined,
    tags,
    categories,
    excerpt: undefined,
    description: undefined,
    toc: undefined,
    layout: undefined,
    author: undefined,
    lang: undefined,
    draft: false,
    body: '',
    bodyLine: 5,
    data: {},
    keyLines: { tags: 3, categories: 4 },
    event: undefined,
    talks: undefined,
    url: `/2015/08/${day}/${name}/`,
    outputPath: `2015/08/${day}/${name}/index.html`,
    content: EMPTY_CONTENT,
  };
}

const collator = createCollator('zh-CN');

// Newest first, as buildSite passes them.
const newest = post('c', '30', ['docker', '技术', 'Go']);
const middle = post('b', '20', ['Docker', '北京', 'ant']);
const oldest = post('a', '10', ['DOCKER', '阿里']);
const posts = [newest, middle, oldest];

describe('collectTerms', () => {
  const { terms, diagnostics } = collectTerms(posts, 'tags', '/', collator);
  const byName = (name: string) => terms.find((t) => t.name === name);

  it('merges tags that differ only in case into one term', () => {
    const docker = terms.filter((t) => t.slug === 'docker');
    expect(docker).toHaveLength(1);
    expect(docker[0]?.posts.map((p) => p.source.path)).toEqual([newest.source.path, middle.source.path, oldest.source.path]);
  });

  it('keeps the first-written (oldest) spelling of a merged tag', () => {
    expect(terms.find((t) => t.slug === 'docker')?.name).toBe('DOCKER');
  });

  it('warns about tags that differ only in case, naming the first post that spelled it differently (issue 6)', () => {
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'term-merged' });
    expect(diagnostics[0]?.message).toContain('merged as `DOCKER`');
    expect(diagnostics[0]?.file).toBe(middle.source.path);
  });

  it('keeps Chinese tags with percent-encoded URLs', () => {
    expect(byName('北京')).toMatchObject({ slug: '北京', url: '/tags/%E5%8C%97%E4%BA%AC/' });
    expect(byName('技术')?.posts).toEqual([newest]);
  });

  it('sorts Chinese tags by pinyin and Latin tags without regard to case', () => {
    const names = terms.map((t) => t.name);
    const chinese = names.filter((n) => /\p{Script=Han}/u.test(n));
    const latin = names.filter((n) => !/\p{Script=Han}/u.test(n));
    expect(chinese).toEqual(['阿里', '北京', '技术']);
    expect(latin).toEqual(['ant', 'DOCKER', 'Go']);
  });

  it('lists posts newest first within a term', () => {
    const { terms: two } = collectTerms([newest, oldest], 'tags', '/', collator);
    expect(two.find((t) => t.slug === 'docker')?.posts).toEqual([newest, oldest]);
  });

  it('puts the base path in term URLs', () => {
    const { terms: blog } = collectTerms(posts, 'tags', '/blog/', collator);
    expect(blog.find((t) => t.slug === 'go')?.url).toBe('/blog/tags/go/');
  });

  it('merges C++ and C with a warning that names both', () => {
    const result = collectTerms([post('x', '30', ['C++']), post('y', '10', ['C'])], 'tags', '/', collator);
    expect(result.terms).toHaveLength(1);
    expect(result.terms[0]).toMatchObject({ name: 'C', slug: 'c', url: '/tags/c/' });
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'term-merged' });
    expect(result.diagnostics[0]?.message).toContain('`C++`');
    expect(result.diagnostics[0]?.message).toContain('`C`');
  });

  it('warns about a tag with no letters or digits and gives it no page', () => {
    const result = collectTerms([post('x', '30', ['+++', 'ok'])], 'tags', '/', collator);
    expect(result.terms.map((t) => t.name)).toEqual(['ok']);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'term-unusable', file: 'posts/2015-08-30-x.md', line: 3 });
  });

  it('collects categories under /categories/', () => {
    const result = collectTerms([post('x', '30', [], ['Cloud Computing'])], 'categories', '/', collator);
    expect(result.terms[0]).toMatchObject({ name: 'Cloud Computing', slug: 'cloud-computing', url: '/categories/cloud-computing/' });
  });

  it('does not reorder the posts it was given', () => {
    const input = [newest, middle, oldest];
    collectTerms(input, 'tags', '/', collator);
    expect(input).toEqual([newest, middle, oldest]);
  });
});
