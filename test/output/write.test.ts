import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, test } from 'vitest';
import { findCollisions, resolveInside, writeOutput, writePageInPlace, type OutputManifest } from '../../src/output/write.js';
import type { OutputFile } from '../../src/types.js';

const file = (outputPath: string, contents: string, origin = 'test'): OutputFile => ({ outputPath, origin, contents });

describe('resolveInside', () => {
  const root = path.resolve('/srv/out');

  test.each([
    ['index.html', path.join(root, 'index.html')],
    ['2014/10/22/北京/index.html', path.join(root, '2014', '10', '22', '北京', 'index.html')],
    ['a/./b.html', path.join(root, 'a', 'b.html')],
    ['a/../b.html', path.join(root, 'b.html')],
  ])('resolves %j inside the root', (outputPath, expected) => {
    expect(resolveInside(root, outputPath)).toBe(expected);
  });

  test.each([['../x.html'], ['a/../../x.html'], ['/etc/passwd'], [''], ['.']])('refuses %j', (outputPath) => {
    expect(resolveInside(root, outputPath)).toBeUndefined();
  });

  it('accepts a name that merely starts with two dots', () => {
    expect(resolveInside(root, '..notes/index.html')).toBe(path.join(root, '..notes', 'index.html'));
  });
});

describe('findCollisions', () => {
  it('reports two sources writing one file, naming both', () => {
    const diagnostics = findCollisions([file('a/index.html', '', 'posts/a.md'), file('b.html', '', 'posts/b.md'), file('a/index.html', '', 'pages/a.md')]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'url-collision', file: 'pages/a.md' });
    expect(diagnostics[0]?.message).toContain('posts/a.md');
    expect(diagnostics[0]?.message).toContain('pages/a.md');
    expect(diagnostics[0]?.message).toContain('a/index.html');
  });

  it('treats paths that differ only in case as a collision', () => {
    expect(findCollisions([file('About/index.html', ''), file('about/index.html', '')])).toHaveLength(1);
  });

  it('treats NFC and NFD spellings as one path', () => {
    expect(findCollisions([file('caf\u00e9/index.html', ''), file('cafe\u0301/index.html', '')])).toHaveLength(1);
  });

  it('finds nothing when every path is distinct', () => {
    expect(findCollisions([file('a.html', ''), file('b.html', '')])).toEqual([]);
  });
});

describe('writeOutput', () => {
  let dir: string;
  let out: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lanyard-write-'));
    out = path.join(dir, 'public');
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function listFiles(root: string): Promise<string[]> {
    const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
  }

  it('writes every file, creating folders', async () => {
    await writeOutput([file('index.html', 'home'), file('2014/10/22/北京/index.html', 'post')], out);
    expect(await listFiles(out)).toEqual(['2014/10/22/北京/index.html', 'index.html']);
    expect(await fs.readFile(path.join(out, '2014/10/22/北京/index.html'), 'utf8')).toBe('post');
  });

  it('copies files given by copyFrom', async () => {
    const source = path.join(dir, 'logo.txt');
    await fs.writeFile(source, 'logo');
    await writeOutput([{ outputPath: 'images/logo.txt', origin: 'public/logo.txt', copyFrom: source }], out);
    expect(await fs.readFile(path.join(out, 'images/logo.txt'), 'utf8')).toBe('logo');
  });

  it('replaces the previous output completely, removing stale files', async () => {
    await writeOutput([file('index.html', 'one'), file('old/stale.html', 'stale')], out);
    await writeOutput([file('index.html', 'two')], out);
    expect(await listFiles(out)).toEqual(['index.html']);
    expect(await fs.readFile(path.join(out, 'index.html'), 'utf8')).toBe('two');
  });

  it('leaves no staging or retired folder behind', async () => {
    await writeOutput([file('index.html', 'one')], out);
    await writeOutput([file('index.html', 'two')], out);
    expect(await fs.readdir(dir)).toEqual(['public']);
  });

  it('refuses an output path with .. and leaves the previous output intact', async () => {
    await writeOutput([file('index.html', 'good'), file('keep/me.html', 'kept')], out);
    await expect(writeOutput([file('index.html', 'bad'), file('../evil.html', 'evil')], out)).rejects.toThrow(/outside the output folder/);
    expect(await listFiles(out)).toEqual(['index.html', 'keep/me.html']);
    expect(await fs.readFile(path.join(out, 'index.html'), 'utf8')).toBe('good');
    expect(await fs.readdir(dir)).toEqual(['public']);
  });

  it('writes nothing outside the output folder when refusing', async () => {
    await expect(writeOutput([file('../evil.html', 'evil')], out)).rejects.toThrow();
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('puts back an output left retired by a killed build', async () => {
    const retired = path.join(dir, `.lanyard-old-public-99999`);
    await fs.mkdir(retired);
    await fs.writeFile(path.join(retired, 'index.html'), 'old');
    await fs.mkdir(path.join(dir, '.lanyard-staging-public-99999'));
    await expect(writeOutput([file('../evil.html', 'evil')], out)).rejects.toThrow();
    expect(await fs.readdir(dir)).toEqual(['public']);
    expect(await fs.readFile(path.join(out, 'index.html'), 'utf8')).toBe('old');
  });

  it('updates in place (dev mode) writing only changed files, and reports them', async () => {
    const manifest: OutputManifest = new Map();
    await writeOutput([file('index.html', 'home'), file('a/index.html', 'a'), file('b/index.html', 'b')], out, manifest);
    const result = await writeOutput([file('index.html', 'home'), file('a/index.html', 'a, edited')], out, manifest);
    expect([...(result.changed ?? [])].sort()).toEqual(['a/index.html', 'b/index.html']);
    expect(await listFiles(out)).toEqual(['a/index.html', 'index.html']);
  });

  it('leaves the files it is told to alone in an in-place update: not written, not deleted, not recorded', async () => {
    const manifest: OutputManifest = new Map();
    await writeOutput([file('index.html', 'home'), file('a/index.html', 'a'), file('b/index.html', 'b')], out, manifest);
    // Dev's fast render wrote a newer a/index.html; a build that read older sources then writes.
    await writePageInPlace(out, 'a/index.html', Buffer.from('a, newer'), manifest);
    const recorded = manifest.get('a/index.html');
    const result = await writeOutput([file('index.html', 'home, edited'), file('a/index.html', 'a, older')], out, manifest, { leaveAlone: (outputPath) => outputPath === 'a/index.html' || outputPath === 'b/index.html' });
    expect(await fs.readFile(path.join(out, 'a/index.html'), 'utf8')).toBe('a, newer');
    expect(await fs.readFile(path.join(out, 'b/index.html'), 'utf8')).toBe('b');
    expect(result.changed).toEqual(['index.html']);
    expect(manifest.get('a/index.html')).toBe(recorded);
    expect([...result.written.keys()]).toEqual(['index.html']);
  });
});
