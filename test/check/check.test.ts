// `lanyard check`: the site read as build reads it, nothing written, links checked.
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { addSeeds, makeSite, runCli } from '../helpers.js';

interface CheckJson {
  readonly ok: boolean;
  readonly errors: number;
  readonly diagnostics: readonly { readonly severity: string; readonly code: string; readonly file?: string; readonly line?: number; readonly message: string }[];
  readonly leftOut: readonly { readonly file: string; readonly reason: string }[];
}

const post = (title: string, body: string, extra = ''): string => `---\ntitle: ${title}\ndate: 2020-01-02\n${extra}---\n${body}\n`;

describe('lanyard check', () => {
  it('exits 0 on the seeds site and writes nothing', async () => {
    const site = await makeSite({ 'lanyard.yml': 'url: https://example.org\n' });
    await addSeeds(site);
    const run = await runCli(['check', '--source', site]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Checked 2 posts, 0 pages, \d+ files: 0 errors, 0 warnings$/m);
    expect((await readdir(site)).sort()).toEqual(['lanyard.yml', 'posts']);
  });

  it('exits 1 on a broken internal link, naming the file, the line and the link', async () => {
    const site = await makeSite({
      'posts/2020-01-02-a.md': post('A', 'Intro.\n\nSee [the other talk](/2020/01/02/missing/) here.'),
      'posts/2020-01-03-b.md': post('B', 'Fine [link](/2020/01/02/a/).'),
    });
    const run = await runCli(['check', '--source', site]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('posts/2020-01-02-a.md:7: error: link `/2020/01/02/missing/` points to a page that does not exist');
    expect(run.stderr).not.toContain('2020-01-03-b.md');
  });

  it('reports missing anchors, missing images, drafts and future posts in JSON', async () => {
    const site = await makeSite({
      'lanyard.yml': 'url: https://example.org\nbasePath: /blog/\n',
      'posts/2020-01-02-a.md': post('A', '## Real heading\n\n[ok](#real-heading) [bad](#nope) [other](/about/#me) [gone](/about/#gone)\n\n![pic](/images/missing.png) ![ok](/images/here.png)'),
      'posts/draft.md': post('Draft', 'x', 'draft: true\n'),
      'posts/future.md': '---\ntitle: Future\ndate: 2999-01-01\n---\nx\n',
      'pages/about.md': '---\ntitle: About\n---\n## Me\n',
      'public/images/here.png': 'png',
    });
    const run = await runCli(['check', '--source', site, '--format', 'json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as CheckJson;
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.file, d.line, /`([^`]+)`/.exec(d.message)?.[1]])).toEqual([
      ['anchor-missing', 'posts/2020-01-02-a.md', 7, '#nope'],
      ['anchor-missing', 'posts/2020-01-02-a.md', 7, '/blog/about/#gone'],
      ['image-missing', 'posts/2020-01-02-a.md', 9, '/blog/images/missing.png'],
    ]);
    expect(result.leftOut).toEqual([{ file: 'posts/draft.md', reason: 'draft' }, { file: 'posts/future.md', reason: 'future' }]);
  });

  it('reports front matter problems, unknown layouts and duplicate URLs like build, and exits 0 with warnings only', async () => {
    const bad = await makeSite({
      'posts/a.md': post('A', 'x', 'layout: nope\n'),
      'posts/b.md': post('B', 'x', 'permalink: /same/\n'),
      'posts/c.md': post('C', 'x', 'permalink: /same/\n'),
      'posts/d.md': '---\ntitle: [broken\n---\n',
    });
    const run = await runCli(['check', '--source', bad, '--format', 'json']);
    expect(run.code).toBe(1);
    const codes = (JSON.parse(run.stdout) as CheckJson).diagnostics.map((d) => `${d.code} ${d.file ?? ''}`);
    expect(codes).toEqual(expect.arrayContaining(['unknown-layout posts/a.md', 'url-collision posts/c.md', 'front-matter-syntax posts/d.md']));
    const warnOnly = await makeSite({ 'posts/2020-01-02-x.md': 'No front matter.\n' });
    const ok = await runCli(['check', '--source', warnOnly]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('warning: no `title`');
  });

  it('refuses an unknown --format', async () => {
    const run = await runCli(['check', '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format must be text or json');
  });
});
