// Every HTML page of two whole sites (the sample site and the seed posts), built by the
// real CLI: valid HTML, one <h1>, language, SEO and social metadata, JSON-LD, feed
// links, post meta, term links, and the weight of a post page.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { HtmlValidate, type Message } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, addSeeds, attr, listFiles, makeSite, readHtml, runCli } from '../helpers.js';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // `<!doctype html>` in lower case is exactly as valid as upper case (HTML is
    // case-insensitive here); which one to write is a matter of taste.
    'doctype-style': 'off',
    // Spaces at line ends come from Markdown output and Liquid tags; invisible and harmless.
    'no-trailing-whitespace': 'off',
    // A long post title is the author's content, not invalid markup; this rule is SEO advice.
    'long-title': 'off',
    // HTML5 allows an id to start with a digit; the strict default only suits HTML4/CSS.
    // GitHub-style heading ids such as `#0x01-前言` are a documented feature (README).
    'valid-id': ['error', { relaxed: true }],
  },
});

/** A built site and the facts about it the tests compare against. */
interface BuiltSite {
  readonly out: string;
  readonly files: readonly string[];
  readonly html: readonly string[];
  readonly trees: ReadonlyMap<string, Root>;
  /** Output files of the posts, from the archive page. */
  readonly posts: readonly string[];
  /** Prefix of absolute URLs: origin plus base path. */
  readonly root: string;
}

async function buildSite(source: string, out: string, root: string): Promise<BuiltSite> {
  const run = await runCli(['build', '--source', source, '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  const files = await listFiles(out);
  const html = files.filter((file) => file.endsWith('.html'));
  const trees = new Map<string, Root>();
  for (const file of html) trees.set(file, await readHtml(path.join(out, file)));
  const archive = trees.get('archives/index.html');
  if (archive === undefined) throw new Error('no archives/index.html');
  const posts = selectAll('.archive-list a[href]', archive).map((link) => fileOfPath(attr(link, 'href') ?? ''));
  return { out, files, html, trees, posts, root };
}

/** The output file a root-relative href names, percent-decoded (base path `/`). */
function fileOfPath(href: string): string {
  const decoded = decodeURI(href.split('#')[0] ?? '').replace(/^\//, '');
  return decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
}

/** The output file an absolute URL under `root` names. */
function fileOfUrl(url: string, root: string): string {
  return url.startsWith(root) ? fileOfPath(url.slice(root.length - 1)) : `(not under ${root}: ${url})`;
}

function text(node: Element | Root | undefined): string {
  return node === undefined ? '' : toString(node).replace(/\s+/g, ' ').trim();
}

function meta(tree: Root, key: string): string | undefined {
  return attr(select(`meta[property="${key}"], meta[name="${key}"]`, tree), 'content');
}

/** Problems of one page, in words, so a failure lists every page at once. */
type Check = (file: string, tree: Root, site: BuiltSite) => string[];

function checkAll(site: BuiltSite, files: readonly string[], check: Check): string[] {
  return files.flatMap((file) => {
    const tree = site.trees.get(file);
    return tree === undefined ? [`${file}: not written`] : check(file, tree, site).map((problem) => `${file}: ${problem}`);
  });
}

/** html-validate errors of one page. */
async function validationErrors(html: string): Promise<Message[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((result) => result.messages).filter((message) => message.severity === 2);
}

const sites: Record<'sample' | 'seeds', BuiltSite> = {} as Record<'sample' | 'seeds', BuiltSite>;

beforeAll(async () => {
  const sample = await makeSite({});
  sites.sample = await buildSite(PROJECT_ROOT, path.join(sample, 'out'), 'https://notes.example.org/');
  const seeds = await makeSite({ 'lanyard.yml': 'timezone: Asia/Shanghai\n' });
  await addSeeds(seeds);
  // `url` is unset, so absolute URLs use the documented local default.
  sites.seeds = await buildSite(seeds, path.join(seeds, 'out'), 'http://localhost:4000/');
});

describe.each(['sample', 'seeds'] as const)('every HTML page of the %s site', (name) => {
  it('passes html-validate (recommended preset) without errors', async () => {
    const site = sites[name];
    expect(site.html.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const file of site.html) {
      const tree = site.trees.get(file);
      if (tree === undefined) continue;
      for (const message of await validationErrors(await readFile(path.join(site.out, file), "utf8"))) {
        problems.push(`${file}:${message.line}:${message.column}: ${message.ruleId}: ${message.message} (${message.selector ?? ''})`);
      }
    }
    if (problems.length > 0) console.log(problems.join('\n'));
    expect(problems).toEqual([]);
  });

  it('has exactly one <h1>', () => {
    const site = sites[name];
    const problems = checkAll(site, site.html, (_file, tree) => {
      const headings = selectAll('h1', tree);
      return headings.length === 1 ? [] : [`${headings.length} <h1>: ${headings.map((h) => JSON.stringify(text(h))).join(', ')}`];
    });
    expect(problems).toEqual([]);
  });

  it('sets <html lang>, a non-empty <title>, a meta description and an absolute canonical link to itself', () => {
    const site = sites[name];
    const problems = checkAll(site, site.html, (file, tree) => {
      const found: string[] = [];
      const lang = attr(select('html', tree), 'lang') ?? '';
      if (lang === '' || Intl.getCanonicalLocales(lang).length !== 1) found.push(`lang ${JSON.stringify(lang)}`);
      if (text(select('head > title', tree)) === '') found.push('empty <title>');
      if (select('meta[name="description"][content]', tree) === undefined) found.push('no meta description');
      const canonical = selectAll('link[rel~="canonical"]', tree).map((link) => attr(link, 'href') ?? '');
      if (canonical.length !== 1) found.push(`${canonical.length} canonical links`);
      else if (!/^https?:\/\//.test(canonical[0] ?? '') || fileOfUrl(canonical[0] ?? '', site.root) !== file) found.push(`canonical ${canonical[0] ?? ''}`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('announces the site’s Atom, RSS and JSON feeds, and term pages their own Atom and RSS feeds', () => {
    const site = sites[name];
    const problems = checkAll(site, site.html, (file, tree) => {
      const links = selectAll('link[rel~="alternate"][href]', tree).map((link) => ({ type: attr(link, 'type'), file: fileOfPath(attr(link, 'href') ?? '') }));
      const expected = [
        { type: 'application/atom+xml', file: 'atom.xml' },
        { type: 'application/rss+xml', file: 'rss.xml' },
        { type: 'application/feed+json', file: 'feed.json' },
      ];
      const term = /^((?:tags|categories)\/[^/]+)\//.exec(file)?.[1];
      if (term !== undefined) expected.push({ type: 'application/atom+xml', file: `${term}/atom.xml` }, { type: 'application/rss+xml', file: `${term}/rss.xml` });
      const found: string[] = [];
      for (const feed of expected) {
        if (!links.some((link) => link.type === feed.type && link.file === feed.file)) found.push(`no <link rel=alternate type=${feed.type}> to ${feed.file}`);
        if (!site.files.includes(feed.file)) found.push(`${feed.file} not written`);
      }
      return found;
    });
    expect(problems).toEqual([]);
  });
});

describe.each(['sample', 'seeds'] as const)('the post pages of the %s site', (name) => {
  it('are found in the archive', () => {
    expect(sites[name].posts).toHaveLength(name === 'sample' ? 8 : 2);
  });

  it('carry Open Graph, Twitter and article metadata matching the page', () => {
    const site = sites[name];
    const problems = checkAll(site, site.posts, (_file, tree) => {
      const found: string[] = [];
      const canonical = attr(select('link[rel~="canonical"]', tree), 'href');
      const want = (key: string, value: string | undefined): void => {
        if (meta(tree, key) !== value) found.push(`${key} is ${JSON.stringify(meta(tree, key))}, expected ${JSON.stringify(value)}`);
      };
      want('og:title', text(select('h1', tree)));
      want('og:type', 'article');
      want('og:url', canonical);
      want('article:published_time', attr(select('time.published', tree), 'dateTime'));
      const image = select('.post-content img[src]', tree);
      if (image === undefined) {
        want('twitter:card', 'summary');
        want('og:image', undefined);
      } else {
        want('twitter:card', 'summary_large_image');
        want('og:image', new URL(attr(image, 'src') ?? '', canonical).href);
        if (!/^https?:\/\//.test(meta(tree, 'og:image') ?? '')) found.push('og:image not absolute');
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('give same-site og:image URLs that name written files', () => {
    const site = sites[name];
    const images = site.posts.flatMap((file) => meta(site.trees.get(file) ?? { type: 'root', children: [] }, 'og:image') ?? []).filter((url) => url.startsWith(site.root));
    if (name === 'sample') expect(images).toEqual(['https://notes.example.org/images/kubecon-badge.png']);
    for (const url of images) expect(site.files).toContain(fileOfUrl(url, site.root));
  });

  it('hold JSON-LD for a BlogPosting whose dates match the <time> elements', () => {
    const site = sites[name];
    const problems = checkAll(site, site.posts, (_file, tree) => {
      const scripts = selectAll('script[type="application/ld+json"]', tree);
      if (scripts.length !== 1) return [`${scripts.length} JSON-LD blocks`];
      const data = JSON.parse(toString(scripts[0] ?? { type: 'root', children: [] })) as Record<string, unknown>;
      const published = attr(select('time.published', tree), 'dateTime');
      const updated = attr(select('time.updated', tree), 'dateTime') ?? published;
      const found: string[] = [];
      if (data['@type'] !== 'BlogPosting') found.push(`@type ${String(data['@type'])}`);
      if (data['datePublished'] !== published) found.push(`datePublished ${String(data['datePublished'])} ≠ ${String(published)}`);
      if (data['dateModified'] !== updated) found.push(`dateModified ${String(data['dateModified'])} ≠ ${String(updated)}`);
      if (meta(tree, 'article:modified_time') !== updated) found.push(`article:modified_time ${String(meta(tree, 'article:modified_time'))} ≠ ${String(updated)}`);
      if (data['headline'] !== text(select('h1', tree))) found.push(`headline ${String(data['headline'])}`);
      if (data['url'] !== attr(select('link[rel~="canonical"]', tree), 'href')) found.push(`url ${String(data['url'])}`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('show the published date, the reading time, and tags and categories linking to their pages', () => {
    const site = sites[name];
    const problems = checkAll(site, site.posts, (_file, tree) => {
      const found: string[] = [];
      const published = attr(select('time.published', tree), 'dateTime') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(published) || text(select('time.published', tree)) === '') found.push(`time.published ${published}`);
      if (!/\d/.test(text(select('.reading-time', tree)))) found.push(`reading time ${JSON.stringify(text(select('.reading-time', tree)))}`);
      const terms = selectAll('.post-terms a.tag, .post-terms a.category', tree);
      if (terms.length === 0) found.push('no tag or category links');
      for (const link of terms) {
        const taxonomy = (attr(link, 'className') ?? '').split(' ').includes('tag') ? 'tags' : 'categories';
        const target = fileOfPath(attr(link, 'href') ?? '');
        const page = site.trees.get(target);
        if (!target.startsWith(`${taxonomy}/`) || page === undefined) found.push(`${text(link)} → ${target}`);
        else if (text(select('h1', page)) !== text(link).replace(/^#/, '')) found.push(`${text(link)} → page titled ${text(select('h1', page))}`);
      }
      return found;
    });
    expect(problems).toEqual([]);
  });
});

describe('the seed posts', () => {
  const POST_000 = '2014/10/22/北京container技术大会/index.html';
  const POST_001 = '201508-CNUTCon-Docker-Beijing.html';

  it('are detected as Chinese (zh-CN) when neither the post nor the site sets a language', () => {
    for (const file of [POST_000, POST_001]) {
      const tree = sites.seeds.trees.get(file) ?? { type: 'root', children: [] };
      expect(attr(select('html', tree), 'lang'), file).toBe('zh-CN');
      expect(attr(select('article', tree), 'lang'), file).toBe('zh-CN');
    }
  });

  it('take `lang` from the site `language`', async () => {
    const site = await makeSite({ 'lanyard.yml': 'timezone: Asia/Shanghai\nlanguage: zh-CN\n' });
    await addSeeds(site);
    const out = path.join(site, 'out');
    expect((await runCli(['build', '--source', site, '--out', out])).code).toBe(0);
    for (const file of [POST_000, POST_001]) {
      const tree = await readHtml(path.join(out, file));
      expect(attr(select('html', tree), 'lang'), file).toBe('zh-CN');
      expect(attr(select('article', tree), 'lang'), file).toBe('zh-CN');
      expect(meta(tree, 'og:locale'), file).toBe('zh_CN');
    }
  });

  it('show the update of seed 001 beside its publication, and no update for seed 000', () => {
    const tree001 = sites.seeds.trees.get(POST_001) ?? { type: 'root', children: [] };
    expect(attr(select('time.published', tree001), 'dateTime')).toBe('2015-08-30T19:22:00+08:00');
    expect(attr(select('time.updated', tree001), 'dateTime')).toBe('2015-08-30T20:23:00+08:00');
    expect(text(select('time.updated', tree001))).not.toBe('');
    const tree000 = sites.seeds.trees.get(POST_000) ?? { type: 'root', children: [] };
    expect(attr(select('time.published', tree000), 'dateTime')).toBe('2014-10-22T11:31:08+08:00');
    expect(select('time.updated', tree000)).toBeUndefined();
  });

  it('link their tags and categories, Chinese included', () => {
    const terms = (file: string): [string, string][] =>
      selectAll('.post-terms a', sites.seeds.trees.get(file) ?? { type: 'root', children: [] }).map((link) => [text(link), decodeURI(attr(link, 'href') ?? '')]);
    expect(terms(POST_000)).toEqual([
      ['CloudComputing', '/categories/cloudcomputing/'],
      ['IT', '/categories/it/'],
      ['#container', '/tags/container/'],
      ['#report', '/tags/report/'],
    ]);
    expect(terms(POST_001)).toEqual([
      ['Docker', '/categories/docker/'],
      ['#CNUTCon', '/tags/cnutcon/'],
      ['#Docker', '/tags/docker/'],
      ['#技术', '/tags/技术/'],
    ]);
  });
});

describe('the sample site', () => {
  it('takes a post’s `lang` over the site `language`', () => {
    const langs = Object.fromEntries(sites.sample.posts.map((file) => [file, attr(select('html', sites.sample.trees.get(file) ?? { type: 'root', children: [] }), 'lang')]));
    expect(langs).toEqual({
      '2023/07/15/rust-database-meetup/index.html': 'en',
      '2021/04/10/go-cloud-native-meetup/index.html': 'en',
      'notes/jsconf-online-2020.html': 'en',
      '2019/06/22/上海kubecon见闻/index.html': 'zh-CN',
      '2018/08/17/rustconf-2018-notes/index.html': 'en',
      '2016/09/10/pgconf-silicon-valley-recap/index.html': 'en',
      '2015/08/30/cnutcon-2015/index.html': 'zh-CN',
      '2014/10/22/docker-meetup-beijing/index.html': 'en',
    });
  });

  it('keeps a post page without images, with its stylesheets and scripts, under 40 KB', async () => {
    const LIMIT = 40 * 1024;
    const site = sites.sample;
    const plain = site.posts.filter((file) => selectAll('img', site.trees.get(file) ?? { type: 'root', children: [] }).length === 0);
    expect(plain.length).toBeGreaterThan(0);
    for (const file of plain) {
      const tree = site.trees.get(file) ?? { type: 'root', children: [] };
      const assets = [...selectAll('link[rel~="stylesheet"][href]', tree).map((link) => attr(link, 'href') ?? ''), ...selectAll('script[src]', tree).map((script) => attr(script, 'src') ?? '')];
      let bytes = (await stat(path.join(site.out, file))).size;
      const parts = [`${file} ${bytes}`];
      for (const href of assets) {
        expect(href, 'a local asset').toMatch(/^\/(?!\/)/);
        const asset = fileOfPath(href);
        const size = (await stat(path.join(site.out, asset))).size;
        // An @import would pull in bytes this sum does not see.
        if (asset.endsWith('.css')) expect(await readFile(path.join(site.out, asset), 'utf8')).not.toMatch(/@import/);
        bytes += size;
        parts.push(`${asset} ${size}`);
      }
      console.log(`page weight: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB) = ${parts.join(' + ')}`);
      expect(bytes, file).toBeLessThan(LIMIT);
    }
  });
});
