// Issue 5: worker threads and the persistent cache never change the output.
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSite } from '../bench/generate-site.mjs';
import { prepareWarmWorker, renderAll, startWarmWorker } from '../src/markdown/pool.js';
import { parseFeed } from '@rowanmanning/feed-parser';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString as hastText } from 'hast-util-to-string';
import { attr, listFiles, makeSite, PROJECT_ROOT, runCli, snapshot } from './helpers.js';

let site: string;

beforeAll(async () => {
  site = await makeSite({});
  // 120 synthetic notes: both dialects, Chinese and English, code, tables, images.
  await generateSite(site, 120);
});

async function build(out: string, ...flags: string[]): Promise<Map<string, string>> {
  const run = await runCli(['build', '--source', site, '--out', path.join(site, out), ...flags]);
  expect(run.code, run.stderr).toBe(0);
  return snapshot(path.join(site, out));
}

describe('parallel rendering', () => {
  it('renders the same Markdown on worker threads as in-process', async () => {
    const posts = path.join(site, 'posts');
    const bodies = await Promise.all((await readdir(posts)).sort().map((name) => readFile(path.join(posts, name), 'utf8')));
    const options = { basePath: '/blog/' };
    expect(await renderAll(bodies, options, 2)).toEqual(await renderAll(bodies, options, 1));
  });

  it("renders a dead worker's batches in this thread, with the same results", async () => {
    const posts = path.join(site, 'posts');
    const bodies = await Promise.all((await readdir(posts)).sort().map((name) => readFile(path.join(posts, name), 'utf8')));
    const options = { basePath: '/' };
    const dead = startWarmWorker();
    await dead.worker.terminate();
    expect(await renderAll(bodies, options, 2, { warm: dead })).toEqual(await renderAll(bodies, options, 1));
  });

  it('renders the same on a worker warmed up with other options first, then with these', async () => {
    const posts = path.join(site, 'posts');
    const bodies = await Promise.all((await readdir(posts)).sort().map((name) => readFile(path.join(posts, name), 'utf8')));
    const options = { basePath: '/blog/' };
    const warm = startWarmWorker();
    // Warming renders a sample: the renderer it leaves behind must carry nothing from it.
    prepareWarmWorker(warm, { basePath: '/other/' });
    prepareWarmWorker(warm, options);
    const warmed = await renderAll(bodies.slice(0, 10), options, 2, { warm });
    expect(warm.worker.threadId).toBe(-1);
    expect(warmed).toEqual(await renderAll(bodies.slice(0, 10), options, 1));
  });

  it('takes each body once, only as it is sent, and keeps the order of the results', async () => {
    const posts = path.join(site, 'posts');
    const bodies = await Promise.all((await readdir(posts)).sort().map((name) => readFile(path.join(posts, name), 'utf8')));
    const options = { basePath: '/' };
    for (const jobs of [1, 2]) {
      const taken: number[] = [];
      let rendered = 0;
      const results = await renderAll(
        {
          length: bodies.length,
          take: (index) => {
            // A body is asked for only once the ones before it are sent; never long before it is rendered.
            expect(index - rendered).toBeLessThan(2 * 8 * jobs + 1);
            taken.push(index);
            return bodies[index] ?? '';
          },
        },
        options,
        jobs,
        { onProgress: (done) => (rendered = done) },
      );
      expect(taken).toEqual(bodies.map((_, index) => index));
      expect(results).toEqual(await renderAll(bodies, options, 1));
    }
  });

  it('gives byte-identical output for --jobs 1, 2 and 3', async () => {
    const one = await build('out-j1', '--jobs', '1', '--no-cache');
    expect(one.size).toBeGreaterThan(150);
    expect(await build('out-j2', '--jobs', '2', '--no-cache')).toEqual(one);
    expect(await build('out-j3', '--jobs', '3', '--no-cache')).toEqual(one);
  });
});

describe('the persistent cache', () => {
  it('gives the same bytes cold, warm, and with a corrupt or foreign entry', async () => {
    const uncached = await build('out-nocache', '--no-cache');
    await runCli(['clean', '--source', site]);
    expect(await build('out-cold')).toEqual(uncached);
    expect(await build('out-warm')).toEqual(uncached);
    // Damage every cache entry in different ways: truncated JSON, another key's entry, garbage.
    const root = path.join(site, '.lanyard-cache', 'markdown');
    const files = (await readdir(root, { recursive: true })).filter((name) => name.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThan(100);
    const first = await readFile(path.join(root, files[0] as string), 'utf8');
    for (const [index, name] of files.entries()) {
      const target = path.join(root, name);
      if (index % 3 === 0) await writeFile(target, '{"lanyard":');
      else if (index % 3 === 1) await writeFile(target, first);
      else await writeFile(target, JSON.stringify({ lanyard: '0.0.0-other', key: 'x', value: { html: '<p>evil</p>' } }));
    }
    expect(await build('out-damaged')).toEqual(uncached);
    // The damaged entries were rebuilt: a further build reads them back fine.
    expect(await build('out-repaired')).toEqual(uncached);
    const repaired = JSON.parse(await readFile(path.join(root, files[2] as string), 'utf8')) as { key: string };
    expect(path.basename(files[2] as string, '.json')).toBe(repaired.key);
  });

  it('is removed by `lanyard clean`', async () => {
    await build('out-before-clean');
    const run = await runCli(['clean', '--source', site]);
    expect(run.code).toBe(0);
    await expect(stat(path.join(site, '.lanyard-cache'))).rejects.toThrow();
  });
});

describe('writing only what changed', () => {
  it('keeps unchanged files (same inode and mtime) and rewrites changed ones', async () => {
    const out = 'out-incremental';
    await build(out);
    const outDir = path.join(site, out);
    const posts = (await readdir(path.join(outDir, '2011'), { recursive: true })).filter((name) => name.endsWith('index.html')).sort();
    const untouched = path.join(outDir, '2011', posts[0] as string);
    const before = await stat(untouched);
    const home = await stat(path.join(outDir, 'index.html'));
    // Change the newest post's title: the home page changes, an old 2011 post does not.
    const sources = (await readdir(path.join(site, 'posts'))).sort();
    const newest = sources.filter((name) => name.startsWith('2024')).at(-1) as string;
    const file = path.join(site, 'posts', newest);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/^title: (.*)$/m, 'title: $1 (edited)'));
    const after = await build(out);
    expect(after.size).toBeGreaterThan(150);
    const kept = await stat(untouched);
    expect([kept.ino, kept.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect((await stat(path.join(outDir, 'index.html'))).ino).not.toBe(home.ino);
    await writeFile(file, text);
  });

  it('ignores a damaged or altered record of the output: every file is written again, the same', async () => {
    const out = 'out-record';
    const first = await build(out);
    const outDir = path.join(site, out);
    const page = path.join(outDir, 'index.html');
    const cache = path.join(site, '.lanyard-cache');
    const damages: ((text: string) => string)[] = [
      (text) => text.slice(0, text.length / 2),
      // A changed entry under the old header: its sha256 no longer matches.
      (text) => text.replace(/"size":\d+/, '"size":1'),
      () => JSON.stringify({ lanyard: '0.1.0', outDir, files: [] }),
    ];
    for (const damage of damages) {
      // The files of an intact record are kept; with a damaged one they are written again.
      const before = await stat(page);
      const record = path.join(cache, 'output.json');
      await writeFile(record, damage(await readFile(record, 'utf8')));
      await writeFile(path.join(cache, 'pages.json'), damage(await readFile(path.join(cache, 'pages.json'), 'utf8')));
      expect(await build(out)).toEqual(first);
      expect((await stat(page)).ino).not.toBe(before.ino);
      // And the record is whole again: the next build keeps every page.
      const kept = await stat(page);
      expect(await build(out)).toEqual(first);
      expect([(await stat(page)).ino, (await stat(page)).mtimeMs]).toEqual([kept.ino, kept.mtimeMs]);
    }
  });
});

describe('pages whose inputs are unchanged are kept, not rendered again', () => {
  it('keeps the archive, which shows nothing of bodies, when only a body changes; not when a title does', async () => {
    const out = 'out-light';
    const outDir = path.join(site, out);
    const archive = path.join(outDir, 'archives', 'index.html');
    // The first build records that the archive read nothing of any body.
    await build(out);
    const sources = (await readdir(path.join(site, 'posts'))).sort();
    const file = path.join(site, 'posts', sources[5] as string);
    const text = await readFile(file, 'utf8');
    try {
      const before = await stat(archive);
      await writeFile(file, `${text}\n\nA paragraph added at the end.\n`);
      const edited = await build(out);
      expect(edited).toEqual(await build('out-light-reference', '--no-cache'));
      const after = await stat(archive);
      expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
      // The post's own page did change.
      expect([...edited.values()].some((html) => Buffer.from(html, 'base64').toString('utf8').includes('A paragraph added at the end.'))).toBe(true);

      await writeFile(file, text.replace(/^title: (.*)$/m, 'title: $1 (renamed in the archive)'));
      const renamed = await build(out);
      expect(renamed).toEqual(await build('out-light-reference', '--no-cache'));
      expect((await stat(archive)).ino).not.toBe(after.ino);
      const links = selectAll('a', fromHtml(Buffer.from(renamed.get('archives/index.html') ?? '', 'base64').toString('utf8'))).map((link) => hastText(link));
      expect(links.some((title) => title.endsWith('(renamed in the archive)'))).toBe(true);
    } finally {
      await writeFile(file, text);
    }
  });

  it("renders a page again once its template reads a body it did not read before (a theme's archive)", async () => {
    const out = 'out-light-theme';
    const theme = path.join(site, 'templates', 'archive.liquid');
    const archive = (await readFile(path.join(PROJECT_ROOT, 'templates', 'archive.liquid'), 'utf8')).replace('{{ post.title }}</a>', '{{ post.title }}</a>{% if post.data.featured %} {{ post.excerptText }}{% endif %}');
    expect(archive).toContain('post.excerptText');
    await mkdir(path.dirname(theme), { recursive: true });
    await writeFile(theme, archive);
    const sources = (await readdir(path.join(site, 'posts'))).sort();
    const file = path.join(site, 'posts', sources[7] as string);
    const text = await readFile(file, 'utf8');
    try {
      await build(out);
      const edits = [
        // Featured: the archive now shows the post's excerpt.
        (before: string) => before.replace(/^---\n/, '---\nfeatured: true\n'),
        // A new first paragraph: a new excerpt, on the archive too.
        (before: string) => before.replace(/^(---\n[\s\S]*?\n---\n)/, '$1\nA new opening paragraph for the archive.\n\n'),
      ];
      for (const edit of edits) {
        await writeFile(file, edit(await readFile(file, 'utf8')));
        expect(await build(out)).toEqual(await build('out-light-theme-reference', '--no-cache'));
      }
      const shown = Buffer.from((await build(out)).get('archives/index.html') ?? '', 'base64').toString('utf8');
      expect(shown).toContain('A new opening paragraph for the archive.');
    } finally {
      await writeFile(file, text);
      await rm(path.join(site, 'templates'), { recursive: true, force: true });
    }
  });

  it('equals a build without the cache after each kind of edit', async () => {
    const out = 'out-kept';
    await build(out);
    const sources = (await readdir(path.join(site, 'posts'))).sort();
    const middle = path.join(site, 'posts', sources[Math.floor(sources.length / 2)] as string);
    const older = path.join(site, 'posts', sources[3] as string);
    const originals = new Map([middle, older].map((file) => [file, '']));
    for (const file of originals.keys()) originals.set(file, await readFile(file, 'utf8'));
    const edit = async (file: string, change: (text: string) => string): Promise<void> => writeFile(file, change(await readFile(file, 'utf8')));
    const edits: (() => Promise<void>)[] = [
      () => edit(middle, (text) => `${text}\n\nA new closing paragraph.\n`),
      () => edit(middle, (text) => text.replace(/^title: (.*)$/m, 'title: $1 (renamed)')),
      () => edit(older, (text) => text.replace(/^tags:\n( *)- /m, 'tags:\n$1- brand-new-tag\n$1- ')),
      () => edit(older, (text) => `${text}\n\n## 张三：Kubernetes 网络\n\nNotes on the talk.\n`),
      () => edit(middle, (text) => text.replace(/^date: .*$/m, 'date: 2010-01-01 10:00:00')),
    ];
    for (const apply of edits) {
      await apply();
      const cached = await build(out);
      expect(cached).toEqual(await build('out-kept-reference', '--no-cache'));
    }
    // A damaged summaries file is ignored: the bodies are read (or rendered) again.
    await writeFile(path.join(site, '.lanyard-cache', 'markdown', 'summaries.json'), '{"lanyard":"0.0.0-other","entries":[]}');
    await edit(middle, (text) => `${text}\nOne more line.\n`);
    expect(await build(out)).toEqual(await build('out-kept-reference', '--no-cache'));
    for (const [file, text] of originals) await writeFile(file, text);
  }, 300_000);
});

describe('posts unchanged since the last build', () => {
  it('are taken from the document cache unread, and the output still equals a build without the cache', async () => {
    const out = 'out-unread';
    await build(out);
    const sources = (await readdir(path.join(site, 'posts'))).sort();
    const file = path.join(site, 'posts', sources[11] as string);
    const original = await readFile(file, 'utf8');
    const old = new Date(Date.now() - 3_600_000);
    // Every post older than the race window, so the next build trusts its record of them.
    for (const name of sources) await utimes(path.join(site, 'posts', name), old, old);
    await build(out);
    // Same size, mtime put back: only the change time tells. The title is what differs.
    const renamed = original.replace(/^(title: \D*)(\d)/m, (_line, head: string, digit: string) => `${head}${(Number(digit) + 1) % 10}`);
    expect(renamed).not.toBe(original);
    expect(Buffer.byteLength(renamed)).toBe(Buffer.byteLength(original));
    await writeFile(file, renamed);
    await utimes(file, old, old);
    expect(await build(out)).toEqual(await build('out-unread-reference', '--no-cache'));
    // With the rendered Markdown gone, the unread posts are read and rendered after all.
    await rm(path.join(site, '.lanyard-cache', 'markdown'), { recursive: true, force: true });
    await writeFile(file, `${original}\nOne more line.\n`);
    expect(await build(out)).toEqual(await build('out-unread-reference', '--no-cache'));
    await writeFile(file, original);
  }, 300_000);
});

describe('pages and feeds rendered after a one-post edit', () => {
  it('are only those that show the edited post', async () => {
    const out = path.join(site, 'out-rendered');
    const sources = (await readdir(path.join(site, 'posts'))).sort();
    const file = path.join(site, 'posts', sources[7] as string);
    const original = await readFile(file, 'utf8');
    await build('out-rendered');
    await writeFile(file, `${original}\n\nOne more paragraph, at the end.\n`);
    const run = await runCli(['build', '--source', site, '--out', out, '--verbose']);
    await writeFile(file, original);
    expect(run.code, run.stderr).toBe(0);
    const [, rendered, kept] = /Pages and feeds: (\d+) rendered, (\d+) kept/.exec(run.stdout) ?? [];
    // Every page and feed that links to the edited post (its own page, neighbours, listings, feeds),
    // read with an HTML parser and a feed parser.
    const files = await listFiles(out);
    const postPath = files.find((name) => name.endsWith('index.html') && name.includes(path.basename(file, '.md').slice(11))) as string;
    const url = `https://bench.example.org/${postPath.replace(/index\.html$/, '')}`;
    const links = async (name: string): Promise<string[]> => {
      const text = await readFile(path.join(out, name), 'utf8');
      if (name.endsWith('.html')) return selectAll('a', fromHtml(text)).map((a) => new URL(attr(a, 'href') ?? '', `https://bench.example.org/${name}`).href);
      if (name.endsWith('feed.json')) return (JSON.parse(text) as { items: { url: string }[] }).items.map((item) => item.url);
      return parseFeed(text).items.map((item) => item.url ?? '');
    };
    const showing: string[] = [];
    for (const name of files.filter((name) => /(\.html|atom\.xml|rss\.xml|feed\.json)$/.test(name))) if (name === postPath || (await links(name)).includes(url)) showing.push(name);
    const feeds = showing.filter((name) => !name.endsWith('.html'));
    expect(feeds.length).toBeGreaterThan(2);
    expect(Number(kept)).toBeGreaterThan(100);
    expect(Number(rendered)).toBeGreaterThan(0);
    expect(Number(rendered)).toBeLessThanOrEqual(showing.length);
  }, 120_000);
});

describe('warm builds with nothing changed', () => {
  it('skips the work only while inputs and output are exactly as the last build left them', async () => {
    const small = await makeSite({ 'lanyard.yml': 'url: https://x.org\n', 'posts/2020-01-02-a.md': '---\ntitle: A\n---\nA.\n', 'public/a.txt': 'a' });
    const out = path.join(small, 'dist');
    const cli = (...flags: string[]): ReturnType<typeof runCli> => runCli(['build', '--source', small, ...flags]);
    expect((await cli()).stdout).toMatch(/^Built 1 posts/);
    const first = await snapshot(out);
    expect((await cli()).stdout).toMatch(/^Up to date: 1 posts/);
    expect(await snapshot(out)).toEqual(first);
    // A changed post, a touched output file, a changed static file or other options: a real build.
    await writeFile(path.join(small, 'posts', '2020-01-02-a.md'), '---\ntitle: A2\n---\nA.\n');
    expect((await cli()).stdout).toMatch(/^Built/);
    await writeFile(path.join(out, 'index.html'), 'tampered');
    expect((await cli()).stdout).toMatch(/^Built/);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).not.toBe('tampered');
    await writeFile(path.join(small, 'public', 'a.txt'), 'b');
    expect((await cli()).stdout).toMatch(/^Built/);
    expect((await cli('--drafts')).stdout).toMatch(/^Built/);
    expect((await cli('--no-cache')).stdout).toMatch(/^Built/);
    // With a future-dated post left out, "now" matters: never skipped.
    await writeFile(path.join(small, 'posts', '2999-01-01-later.md'), '---\ntitle: Later\n---\nx\n');
    expect((await cli()).stdout).toMatch(/^Built .*left out: 1 future posts/);
    expect((await cli()).stdout).toMatch(/^Built .*left out: 1 future posts/);
  });
});
