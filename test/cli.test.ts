// The real CLI as a child process: commands, options, exit codes, summary.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, listFiles, makeSite, runCli } from './helpers.js';

const POST = '---\ntitle: Hello\ndate: 2020-01-02 10:00\ntags: [a]\n---\nHello **world**.\n';

describe('lanyard CLI', () => {
  it('prints help with --help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('lanyard build [--source DIR] [--out DIR] [--drafts] [--future] [--base-path /sub/]');
  });

  it('prints the package version with --version', async () => {
    const manifest = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(manifest.version);
  });

  it('rejects an unknown command or option with exit 2', async () => {
    expect((await runCli(['publish'])).code).toBe(2);
    const run = await runCli(['build', '--no-such-option']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--no-such-option');
  });

  it('builds the current folder into ./dist by default and prints a summary', async () => {
    const site = await makeSite({ 'posts/2020-01-02-hello.md': POST });
    const run = await runCli(['build'], { cwd: site });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Built 1 posts, 0 pages, 1 tags, 0 categories, \d+ files in \d+ ms; search index of 1 pages in \d+ ms → dist with 1 warning\n$/);
    expect(await listFiles(path.join(site, 'dist'))).toContain('2020/01/02/hello/index.html');
  });

  it('reports drafts and future posts left out in the summary', async () => {
    const site = await makeSite({
      'posts/2020-01-02-hello.md': POST,
      'posts/2020-01-03-draft.md': '---\ntitle: Draft\ndraft: true\n---\nx\n',
      'posts/2999-01-01-later.md': '---\ntitle: Later\n---\nx\n',
    });
    const run = await runCli(['build', '--source', site]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(left out: 1 drafts, 1 future posts)');
    const all = await runCli(['build', '--source', site, '--drafts', '--future']);
    expect(all.stdout).toMatch(/^Built 3 posts/);
  });

  it('runs as `npm run build -- --source DIR --out DIR`', async () => {
    const site = await makeSite({ 'posts/2020-01-02-hello.md': POST });
    const out = path.join(site, 'elsewhere');
    const code = await new Promise<number>((resolve) => {
      execFile('npm', ['run', '--silent', 'build', '--', '--source', site, '--out', out], { cwd: PROJECT_ROOT }, (err) => resolve(err === null ? 0 : 1));
    });
    expect(code).toBe(0);
    expect(await listFiles(out)).toContain('2020/01/02/hello/index.html');
  });

  it('exits 1 and prints file:line: message for every bad post, still naming the others', async () => {
    const site = await makeSite({
      'posts/2020-01-02-hello.md': POST,
      'posts/a.md': '---\ntitle: A\ndate: yesterday\n---\nx\n',
      'posts/b.md': '---\ntitle: B\n---\nno date anywhere\n',
    });
    const run = await runCli(['build', '--source', site]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('posts/a.md:3: error: `date`: `yesterday` is not a date');
    expect(run.stderr).toContain('posts/b.md:1: error: no `date`');
    expect(run.stderr).toMatch(/Build failed: 2 errors/);
  });
});

describe('build output levels', () => {
  it('prints per-stage timings with --verbose, no warnings with --quiet, and no progress when not on a terminal', async () => {
    const site = await makeSite({ 'posts/2020-01-02-hello.md': POST });
    const verbose = await runCli(['build', '--source', site, '--verbose', '--no-cache']);
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toMatch(/^Stages:\n(  (config|read|markdown|site|templates|feeds|write) +\d+ ms\n){7}Pages and feeds: \d+ rendered, 0 kept from the last build$/m);
    expect(verbose.stderr).toContain('warning: `url` is not set');
    expect(verbose.stderr).not.toContain('\r');
    const quiet = await runCli(['build', '--source', site, '--quiet', '--no-cache']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/^Built 1 posts/);
  });
});
