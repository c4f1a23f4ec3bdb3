// Issue 6: a folder of bad and odd posts (test/fixtures/hostile/, plus a few generated
// here: invalid UTF-8, a binary file, a symlink leading out, a 5 MB post). Each file's
// outcome is stated in the table; the CLI never dies with an unhandled exception.
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it, test } from 'vitest';
import { PROJECT_ROOT, attr, brokenLinks, listFiles, readHtml, runCli, type CliRun } from './helpers.js';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'hostile');

type Expected = readonly (readonly [severity: 'error' | 'warning', code: string, line: number | undefined])[];
/** `rendered`: gets a page; `error`: fails the build; `skipped`: not read; `left out`: draft or future. */
type Outcome = 'rendered' | 'error' | 'skipped' | 'left out';

const TABLE: Record<string, readonly [Outcome, Expected]> = {
  'invalid-yaml.md': ['error', [['error', 'front-matter-syntax', 3]]],
  'front-matter-list.md': ['error', [['error', 'front-matter-not-a-map', 2]]],
  'front-matter-scalar.md': ['error', [['error', 'front-matter-not-a-map', 2]]],
  'unclosed-front-matter.md': ['error', [['error', 'front-matter-unclosed', 1]]],
  'empty.md': ['error', [['warning', 'title-missing', 1], ['error', 'date-missing', 1]]],
  '2020-01-05-empty-dated.md': ['rendered', [['warning', 'title-missing', 1]]],
  '2020-01-06-only-front-matter.md': ['rendered', []],
  '2020-01-07-bom.md': ['rendered', []],
  '2020-01-08-crlf.md': ['rendered', []],
  'crlf-bad-date.md': ['error', [['error', 'date-invalid', 3]]],
  // The body's `{{ site.title }}` and `{% if %}` stay text, one warning each (issue 9).
  '2020-01-10-script-title.md': ['rendered', [['warning', 'template-variable', 8], ['warning', 'template-tag-unknown', 8]]],
  '2020-01-11-tag-cpp.md': ['rendered', []],
  '2020-01-12-tag-c.md': ['rendered', [['warning', 'term-merged', 4]]],
  '2020-01-13-tag-c-lower.md': ['rendered', []],
  '2020-01-14-tag-docker.md': ['rendered', []],
  '2020-01-15-tag-docker-lower.md': ['rendered', [['warning', 'term-merged', 4]]],
  'permalink-dotdot.md': ['error', [['error', 'permalink-invalid', 4]]],
  'permalink-drive.md': ['error', [['error', 'permalink-invalid', 4]]],
  'permalink-nul.md': ['error', [['error', 'permalink-invalid', 4]]],
  'permalink-encoded-dotdot.md': ['error', [['error', 'permalink-invalid', 4]]],
  'permalink-scheme.md': ['error', [['error', 'permalink-invalid', 4]]],
  'slug-dotdot.md': ['error', [['error', 'slug-invalid', 4]]],
  'slug-absolute.md': ['error', [['error', 'slug-invalid', 4]]],
  'slug-encoded.md': ['error', [['error', 'slug-invalid', 4]]],
  'duplicate-url-a.md': ['error', [['error', 'url-collision', undefined]]],
  'duplicate-url-b.md': ['error', []],
  'date-feb-30.md': ['error', [['error', 'date-invalid', 3]]],
  'date-zero.md': ['error', [['error', 'date-invalid', 3]]],
  'date-year-one.md': ['error', [['error', 'date-invalid', 3]]],
  'date-hour-25.md': ['error', [['error', 'date-invalid', 3]]],
  'updated-invalid.md': ['error', [['error', 'date-invalid', 4]]],
  'future.md': ['left out', []],
  'draft.md': ['left out', []],
  '2020-01-20-title-number.md': ['rendered', []],
  '2020-01-21-title-empty.md': ['rendered', [['warning', 'title-missing', 2]]],
  '2020-01-22-tags-map.md': ['rendered', []],
  '2020-01-23-json.md': ['rendered', []],
  '2020-01-24-toml.md': ['rendered', []],
  'invalid-toml.md': ['error', [['error', 'front-matter-syntax', 2]]],
  'unknown-layout.md': ['error', [['error', 'unknown-layout', 4]]],
  '2020-01-26-broken-html.md': ['rendered', []],
  '2020-01-27-plain.md': ['rendered', [['warning', 'title-missing', 1]]],
  'duplicate-key.md': ['error', [['error', 'front-matter-syntax', 3]]],
  'tab-indent.md': ['error', [['error', 'front-matter-syntax', 3]]],
  '2020-01-28-wordpress-slug.md': ['rendered', []],
  '2020-01-29-long-title.md': ['rendered', []],
  '2020-01-30-emoji-only.md': ['rendered', []],
  '2020-01-31-excerpt-list.md': ['rendered', []],
  '2020-02-01-bidi.md': ['rendered', []],
  '2020-02-02-flat-list.md': ['rendered', []],
  'nested-blockquotes.md': ['error', [['error', 'markdown-too-complex', 5]]],
  'nested-list.md': ['error', [['error', 'markdown-too-complex', 70]]],
  'emphasis-run.md': ['error', [['error', 'markdown-too-complex', 5]]],
  'nested-html.md': ['error', [['error', 'markdown-too-complex', 5]]],
  '2020-02-07-brackets.md': ['rendered', []],
  'notes.txt': ['skipped', [['warning', 'not-markdown', undefined]]],
  '2020-02-08-date-offset.md': ['rendered', []],
  '2020-02-09-link-raw-html.md': ['rendered', []],
  '2020-02-10-control-chars.md': ['rendered', [['warning', 'control-character', 5]]],
  // Generated in beforeAll:
  'invalid-utf8.md': ['error', [['error', 'invalid-utf8', 3]]],
  'binary.md': ['skipped', [['warning', 'binary-file', undefined]]],
  'link-outside.md': ['skipped', [['warning', 'symlink-skipped', undefined]]],
  'large.md': ['error', [['error', 'post-too-large', 5]]],
};

const HOSTILE_TITLE = `<script>alert('t')</script> "quoted" & {{ site.title }} {% raw %}`;
const files = Object.keys(TABLE);
const withOutcome = (outcome: Outcome): string[] => files.filter((file) => TABLE[file]?.[0] === outcome);

/** Copies the fixtures to a temp site and adds the generated files (all of them, or only `keep`). */
async function makeHostileSite(keep?: (file: string) => boolean): Promise<string> {
  const site = await mkdtemp(path.join(os.tmpdir(), 'lanyard-hostile-'));
  await cp(FIXTURES, site, { recursive: true });
  const outside = path.join(await mkdtemp(path.join(os.tmpdir(), 'lanyard-outside-')), 'secret.md');
  await writeFile(outside, '---\ntitle: Secret\ndate: 2020-01-01\n---\nOutside the site.\n');
  const posts = path.join(site, 'posts');
  await writeFile(path.join(posts, 'invalid-utf8.md'), Buffer.concat([Buffer.from('---\ntitle: Latin-1\n'), Buffer.from([0x64, 0x61, 0x74, 0x65, 0x3a, 0x20, 0xe9, 0x0a]), Buffer.from('---\nx\n')]));
  await writeFile(path.join(posts, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  await symlink(outside, path.join(posts, 'link-outside.md'));
  await writeFile(path.join(posts, 'large.md'), `---\ntitle: Large\ndate: 2020-03-01\n---\n${'Five megabytes of notes, 中文也有。\n\n'.repeat(5 * 1024 * 1024 / 40)}`);
  if (keep !== undefined) for (const file of files) if (!keep(file)) await rm(path.join(posts, file), { force: true });
  return site;
}

interface JsonDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
}
interface CheckJson {
  readonly ok: boolean;
  readonly diagnostics: readonly JsonDiagnostic[];
  readonly leftOut: readonly { readonly file: string; readonly reason: string }[];
}

const noCrash = (run: CliRun): void => {
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(run.stderr).not.toMatch(/Unhandled|TypeError|RangeError|ReferenceError/);
};

describe('the hostile fixture folder', () => {
  let check: CheckJson;
  let run: CliRun;
  beforeAll(async () => {
    const site = await makeHostileSite();
    run = await runCli(['check', '--source', site, '--format', 'json']);
    check = JSON.parse(run.stdout) as CheckJson;
  });

  it('holds at least 40 bad or odd posts, each with an expected outcome', async () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect((await listFiles(path.join(FIXTURES, 'posts'))).sort()).toEqual(files.filter((file) => !['invalid-utf8.md', 'binary.md', 'link-outside.md', 'large.md'].includes(file)).sort());
  });

  it('is checked without a crash: exit 1, JSON on stdout', () => {
    noCrash(run);
    expect(run.code).toBe(1);
    expect(check.ok).toBe(false);
  });

  test.each(files)('%s: exactly the expected diagnostics', (file) => {
    const [, expected] = TABLE[file] ?? ['error', []];
    const found = check.diagnostics.filter((d) => d.file === `posts/${file}`).map((d) => [d.severity, d.code, d.line]);
    expect(found).toEqual(expected);
  });

  it('reports nothing about files outside the table', () => {
    const named = new Set(files.map((file) => `posts/${file}`));
    expect(check.diagnostics.filter((d) => d.file !== undefined && !named.has(d.file) && true)).toEqual([]);
  });

  it('names both posts claiming one URL', () => {
    const collision = check.diagnostics.find((d) => d.code === 'url-collision');
    expect(collision?.message).toContain('posts/duplicate-url-a.md');
    expect(collision?.message).toContain('posts/duplicate-url-b.md');
  });

  it('lists the draft and the future post as left out', () => {
    expect(check.leftOut).toEqual([{ file: 'posts/draft.md', reason: 'draft' }, { file: 'posts/future.md', reason: 'future' }]);
  });

  it('fails `build` the same way, writing nothing, naming every bad file', async () => {
    const site = await makeHostileSite();
    const out = path.join(site, 'out');
    const build = await runCli(['build', '--source', site, '--out', out]);
    noCrash(build);
    expect(build.code).toBe(1);
    for (const file of withOutcome('error')) if ((TABLE[file]?.[1].length ?? 0) > 0) expect(build.stderr).toContain(`posts/${file}:`);
    await expect(listFiles(out)).rejects.toThrow();
  });
});

describe('the hostile posts that should build', () => {
  let out: string;
  let run: CliRun;
  beforeAll(async () => {
    const site = await makeHostileSite((file) => TABLE[file]?.[0] !== 'error');
    out = path.join(site, 'out');
    run = await runCli(['build', '--source', site, '--out', out]);
  });

  it('build with exit 0, every one of them with its own page (nothing lost)', async () => {
    noCrash(run);
    expect(run.code).toBe(0);
    const postPages = (await listFiles(out)).filter((file) => /^20\d\d\/\d\d\/\d\d\/.+index\.html$/.test(file));
    expect(postPages).toHaveLength(withOutcome('rendered').length);
    expect(run.stdout).toContain(`Built ${withOutcome('rendered').length} posts`);
    expect(run.stdout).toContain('left out: 1 drafts, 1 future posts');
    expect(await brokenLinks(out)).toEqual([]);
  });

  it('show a title with <script>, quotes and Liquid as text on every page, never run or evaluated', async () => {
    const pages = (await listFiles(out)).filter((file) => file.endsWith('.html'));
    let seen = 0;
    for (const file of pages) {
      const tree = await readHtml(path.join(out, file));
      for (const script of selectAll('script', tree)) {
        // The theme's own search script is loaded from /assets/; every inline script is JSON-LD.
        if (attr(script, 'src') !== undefined) {
          expect(attr(script, 'src'), file).toMatch(/^\/assets\/[a-z-]+\.js$/);
          continue;
        }
        expect(attr(script, 'type'), file).toBe('application/ld+json');
        JSON.parse(toString(script));
      }
      const titles = selectAll('h1, h2, h3, a, title', tree).map((node) => toString(node).trim());
      if (titles.includes(HOSTILE_TITLE)) seen++;
    }
    expect(seen).toBeGreaterThanOrEqual(4);
    const post = await readHtml(path.join(out, '2020/01/10/script-title/index.html'));
    expect(toString(select('h1', post) ?? { type: 'root', children: [] })).toBe(HOSTILE_TITLE);
    expect(toString(select('.post-content', post) ?? { type: 'root', children: [] })).toContain('{{ site.title }} and {% if true %}liquid{% endif %} as text');
    const tags = selectAll('a[href^="/tags/"]', post).map((a) => toString(a).trim().replace(/^#/, ''));
    expect(tags).toEqual(expect.arrayContaining(["<script>alert('tag')</script>", '{{ 7 | plus: 1 }}', `a"b'c`]));
  });

  it('keep the hostile title as text in the Atom, RSS and JSON feeds', async () => {
    for (const name of ['atom.xml', 'rss.xml']) {
      const feed = parseFeed(await readFile(path.join(out, name), 'utf8'));
      expect(feed.items.map((item) => item.title), name).toContain(HOSTILE_TITLE);
    }
    const json = JSON.parse(await readFile(path.join(out, 'feed.json'), 'utf8')) as { items: { title: string }[] };
    expect(json.items.map((item) => item.title)).toContain(HOSTILE_TITLE);
  });

  it('merge colliding tags into one page each, never overwriting one another', async () => {
    const list = await listFiles(out);
    expect(list.filter((file) => /^tags\/(c|docker)\/index\.html$/.test(file))).toEqual(['tags/c/index.html', 'tags/docker/index.html']);
    const c = await readHtml(path.join(out, 'tags/c/index.html'));
    expect(selectAll('.post-card-title a', c).map((a) => toString(a))).toEqual(['c lower', 'C lang', 'Cpp']);
  });
});
