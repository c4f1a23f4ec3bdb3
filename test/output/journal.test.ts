// The journaled incremental update of the output folder: only changed files are written,
// and a crash at any point is rolled forward (journal committed) or back (not committed)
// by recoverOutput. Real files in temp folders; the child-process test needs `npm run compile`.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoverOutput, writeOutput, type Checkpoint, type WriteOptions, type WrittenFiles } from '../../src/output/write.js';
import type { OutputFile } from '../../src/types.js';
import { PROJECT_ROOT } from '../helpers.js';

const file = (outputPath: string, contents: string): OutputFile => ({ outputPath, origin: 'test', contents });

/** Every file (with its bytes) and every folder under `root`, for comparing trees exactly. */
async function tree(root: string): Promise<Record<string, string>> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  const result: Record<string, string> = {};
  for (const entry of entries.sort((a, b) => (path.join(a.parentPath, a.name) < path.join(b.parentPath, b.name) ? -1 : 1))) {
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(root, full).split(path.sep).join('/');
    if (entry.isDirectory()) result[`${relative}/`] = '(folder)';
    else if (entry.isSymbolicLink()) result[relative] = `(link to ${await fs.readlink(full)})`;
    else result[relative] = (await fs.readFile(full)).toString('base64');
  }
  return result;
}

const identity = async (target: string): Promise<{ ino: number; mtimeMs: number }> => {
  const stats = await fs.stat(target);
  return { ino: stats.ino, mtimeMs: stats.mtimeMs };
};

/** The old site, and a new one that changes, adds and removes files (emptying `old/deep/`). */
const before: OutputFile[] = [
  file('.lanyard-output', 'marker'),
  file('index.html', 'home 1'),
  file('2020/01/02/first/index.html', 'first'),
  file('2020/01/02/second/index.html', 'second 1'),
  file('2020/01/03/third/index.html', 'third'),
  file('old/deep/gone/index.html', 'gone'),
  file('tags/a/index.html', 'tag a'),
  file('tags/b/index.html', 'tag b'),
  file('feed.xml', 'feed 1'),
];
const after: OutputFile[] = [
  file('.lanyard-output', 'marker'),
  file('index.html', 'home 2'),
  file('2020/01/02/first/index.html', 'first'),
  file('2020/01/02/second/index.html', 'second 2'),
  file('2020/01/03/third/index.html', 'third'),
  file('2021/05/06/new/index.html', 'new post'),
  file('tags/a/index.html', 'tag a'),
  file('tags/c/index.html', 'tag c'),
  file('feed.xml', 'feed 2'),
];
const unchanged = ['.lanyard-output', '2020/01/02/first/index.html', '2020/01/03/third/index.html', 'tags/a/index.html'];

describe('the journaled update', () => {
  let dir: string;
  let out: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lanyard-journal-'));
    out = path.join(dir, 'public');
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** The tree a fresh full build of `files` writes. */
  async function freshTree(files: readonly OutputFile[]): Promise<Record<string, string>> {
    const fresh = path.join(dir, 'fresh', 'public');
    await writeOutput(files, fresh);
    const result = await tree(fresh);
    await fs.rm(path.dirname(fresh), { recursive: true });
    return result;
  }

  async function firstBuild(files: readonly OutputFile[] = before): Promise<WrittenFiles> {
    return (await writeOutput(files, out)).written;
  }

  /** How many steps applying the journal of `before` → `after` takes (a dry run, output removed after). */
  async function countSteps(): Promise<number> {
    let steps = 0;
    const previous = await firstBuild();
    await writeOutput(after, out, undefined, { previous, checkpoint: async (at, n) => void (at === 'applied' && (steps = Math.max(steps, n))) });
    await fs.rm(out, { recursive: true });
    return steps;
  }

  it('writes only changed files, adds new ones, deletes vanished ones and their empty folders, in place', async () => {
    const previous = await firstBuild();
    const kept = await Promise.all(unchanged.map((outputPath) => identity(path.join(out, outputPath))));
    const root = await identity(out);
    const oldHome = await identity(path.join(out, 'index.html'));
    const { swapped, written } = await writeOutput(after, out, undefined, { previous });
    expect(swapped).toBe(true);
    // Unchanged files are not touched at all.
    expect(await Promise.all(unchanged.map((outputPath) => identity(path.join(out, outputPath))))).toEqual(kept);
    // In place: the output folder itself was not swapped; a changed file is a new file.
    expect((await identity(out)).ino).toBe(root.ino);
    expect((await identity(path.join(out, 'index.html'))).ino).not.toBe(oldHome.ino);
    expect(await tree(out)).toEqual(await freshTree(after));
    expect(await tree(out)).not.toHaveProperty(['old/']);
    expect(await fs.readdir(dir)).toEqual(['public']);
    // The record keeps the previous entries of untouched files and describes the rest as they are now.
    for (const outputPath of unchanged) expect(written.get(outputPath)).toEqual(previous.get(outputPath));
    for (const { outputPath } of after) {
      const stats = await fs.stat(path.join(out, outputPath));
      expect(written.get(outputPath), outputPath).toMatchObject({ size: stats.size, mtimeMs: stats.mtimeMs });
    }
    expect([...written.keys()].sort()).toEqual(after.map((f) => f.outputPath).sort());
  });

  it('turns a file into a folder and a folder into a file', async () => {
    const previous = await firstBuild([file('a', 'file a'), file('b/index.html', 'b'), file('b/more/x.html', 'x')]);
    const next = [file('a/index.html', 'now a folder'), file('b', 'now a file')];
    await writeOutput(next, out, undefined, { previous });
    expect(await tree(out)).toEqual(await freshTree(next));
  });

  it('rewrites an unchanged file edited in the output since, and removes top-level entries no file lives in', async () => {
    const previous = await firstBuild();
    await fs.writeFile(path.join(out, 'tags/a/index.html'), 'edited by hand');
    // What a search-enabled build leaves, unknown to the record.
    await fs.mkdir(path.join(out, 'pagefind/fragment'), { recursive: true });
    await fs.writeFile(path.join(out, 'pagefind/fragment/x.pf'), 'index');
    await writeOutput(after, out, undefined, { previous });
    expect(await tree(out)).toEqual(await freshTree(after));
  });

  it('touches nothing when nothing changed', async () => {
    const previous = await firstBuild();
    const root = await fs.stat(out);
    const { written } = await writeOutput(before, out, undefined, { previous });
    expect((await fs.stat(out)).mtimeMs).toBe(root.mtimeMs);
    expect(written).toEqual(previous);
    expect(await fs.readdir(dir)).toEqual(['public']);
  });

  it('refuses a path outside the output folder before touching anything', async () => {
    const previous = await firstBuild();
    const old = await tree(out);
    await expect(writeOutput([...after, file('../evil.html', 'evil')], out, undefined, { previous })).rejects.toThrow(/outside the output folder/);
    expect(await tree(out)).toEqual(old);
    expect(await fs.readdir(dir)).toEqual(['public']);
  });

  it('keeps the staging and swap path when there is a hook', async () => {
    const previous = await firstBuild();
    const root = await identity(out);
    const tag = await identity(path.join(out, 'tags/a/index.html'));
    let hooked = '';
    await writeOutput(after, out, undefined, { previous, beforeSwap: async (staging) => ((hooked = staging), true) });
    expect(path.basename(hooked)).toMatch(/^\.lanyard-staging-public-\d+$/);
    expect((await identity(out)).ino).not.toBe(root.ino);
    // Unchanged files were hard-linked: same inode, same time.
    expect(await identity(path.join(out, 'tags/a/index.html'))).toEqual(tag);
    expect(await tree(out)).toEqual(await freshTree(after));
  });

  describe('after a crash', () => {
    /** Runs the update with a checkpoint that fails at `point`/`step`, like a process dying there. */
    async function crashAt(previous: WrittenFiles, point: Checkpoint, step: number): Promise<void> {
      const checkpoint: WriteOptions['checkpoint'] = async (at, n) => {
        if (at === point && n === step) throw new Error(`crash at ${at} ${n}`);
      };
      await expect(writeOutput(after, out, undefined, { previous, checkpoint })).rejects.toThrow(/crash at/);
    }

    it('rolls a committed journal forward to exactly the new tree, whatever step it stopped at', async () => {
      const expected = await freshTree(after);
      const steps = await countSteps();
      expect(steps).toBeGreaterThan(5);
      for (let step = 0; step <= steps; step++) {
        await fs.rm(out, { recursive: true, force: true });
        const previous = await firstBuild();
        await crashAt(previous, step === 0 ? 'committed' : 'applied', step);
        expect((await fs.readdir(dir)).some((entry) => entry.endsWith('.journal')), `step ${step}`).toBe(true);
        await recoverOutput(out);
        expect(await tree(out), `step ${step}`).toEqual(expected);
        expect(await fs.readdir(dir)).toEqual(['public']);
        // Recovery again is a no-op.
        await recoverOutput(out);
        expect(await tree(out)).toEqual(expected);
      }
    });

    it('finishes a journal whose staging folder was already cleaned up', async () => {
      const steps = await countSteps();
      const previous = await firstBuild();
      // Stopped after the last rename: everything is in place, only the cleanup is left.
      await crashAt(previous, 'applied', steps);
      const staging = (await fs.readdir(dir)).find((entry) => /^\.lanyard-staging-public-\d+$/.test(entry));
      await fs.rm(path.join(dir, staging ?? 'missing'), { recursive: true });
      await recoverOutput(out);
      expect(await tree(out)).toEqual(await freshTree(after));
      expect(await fs.readdir(dir)).toEqual(['public']);
    });

    it('deletes the staging folder of an uncommitted update and leaves the old tree exactly as it was', async () => {
      const previous = await firstBuild();
      const old = await tree(out);
      // A process frozen after staging, before the commit (the promise never settles).
      let paused: () => void = () => undefined;
      const reached = new Promise<void>((resolve) => (paused = resolve));
      void writeOutput(after, out, undefined, { previous, checkpoint: (at) => (at === 'staged' ? (paused(), new Promise<void>(() => undefined)) : Promise.resolve()) });
      await reached;
      const staging = (await fs.readdir(dir)).filter((entry) => entry !== 'public');
      expect(staging).toHaveLength(1);
      // A half-written journal, as a kill during the commit leaves it.
      await fs.writeFile(path.join(dir, `${staging[0] ?? ''}.journal.tmp`), '{"lanyard":"output-jou');
      await recoverOutput(out);
      expect(await tree(out)).toEqual(old);
      expect(await fs.readdir(dir)).toEqual(['public']);
    });

    it('refuses a tampered journal that names a path outside the output folder, touching nothing', async () => {
      const outside = path.join(dir, 'outside');
      await fs.mkdir(outside);
      await fs.writeFile(path.join(outside, 'keep.txt'), 'precious');
      for (const tamper of [
        (j: Record<string, unknown>) => ({ ...j, remove: ['../outside/keep.txt'] }),
        (j: Record<string, unknown>) => ({ ...j, removeTrees: ['..'] }),
        (j: Record<string, unknown>) => ({ ...j, removeFolders: [outside] }),
        (j: Record<string, unknown>) => ({ ...j, replace: [['0', '../outside/keep.txt']] }),
        (j: Record<string, unknown>) => ({ ...j, replace: [['../../outside/keep.txt', 'index.html']] }),
        (j: Record<string, unknown>) => ({ ...j, remove: ['a/../../outside/keep.txt'] }),
        (j: Record<string, unknown>) => ({ ...j, output: 'outside' }),
      ]) {
        await fs.rm(out, { recursive: true, force: true });
        await fs.rm(path.join(dir, 'fresh'), { recursive: true, force: true });
        const previous = await firstBuild();
        await crashAt(previous, 'committed', 0);
        const journalName = (await fs.readdir(dir)).find((entry) => entry.endsWith('.journal')) ?? '';
        const journalFile = path.join(dir, journalName);
        const journal = JSON.parse(await fs.readFile(journalFile, 'utf8')) as Record<string, unknown>;
        await fs.writeFile(journalFile, JSON.stringify(tamper(journal)));
        const old = await tree(out);
        await expect(recoverOutput(out)).rejects.toThrow(/refusing to recover/);
        expect(await tree(out)).toEqual(old);
        expect(await tree(outside)).toEqual({ 'keep.txt': Buffer.from('precious').toString('base64') });
        // What the message asks for: delete the journal and staging folder by hand.
        await fs.rm(journalFile);
        await fs.rm(journalFile.slice(0, -'.journal'.length), { recursive: true });
      }
    });

    it('never follows a link planted in the output while recovering', async () => {
      const outside = path.join(dir, 'outside');
      await fs.mkdir(path.join(outside, 'deep', 'gone'), { recursive: true });
      await fs.writeFile(path.join(outside, 'deep', 'gone', 'index.html'), 'precious');
      await fs.mkdir(path.join(outside, 'new'));
      await fs.mkdir(path.join(outside, 'b'));
      await fs.writeFile(path.join(outside, 'b', 'index.html'), 'precious');
      const previous = await firstBuild();
      await crashAt(previous, 'committed', 0);
      // Deletions (`old/deep/gone/index.html`, `tags/b/index.html`) and an addition (`2021/05/06/new/`) now lead outside.
      await fs.rm(path.join(out, 'old', 'deep'), { recursive: true });
      await fs.symlink(path.join(outside, 'deep'), path.join(out, 'old', 'deep'));
      await fs.rm(path.join(out, 'tags', 'b'), { recursive: true });
      await fs.symlink(path.join(outside, 'b'), path.join(out, 'tags', 'b'));
      await fs.mkdir(path.join(out, '2021', '05', '06'), { recursive: true });
      await fs.symlink(path.join(outside, 'new'), path.join(out, '2021', '05', '06', 'new'));
      await recoverOutput(out);
      const precious = Buffer.from('precious').toString('base64');
      expect(await tree(outside)).toEqual({ 'b/': '(folder)', 'b/index.html': precious, 'deep/': '(folder)', 'deep/gone/': '(folder)', 'deep/gone/index.html': precious, 'new/': '(folder)' });
      expect(await fs.readFile(path.join(out, '2021/05/06/new/index.html'), 'utf8')).toBe('new post');
      expect(await tree(out)).toEqual(await freshTree(after));
    });
  });

  describe('a process killed with SIGKILL', () => {
    /**
     * Runs writeOutput (compiled, in lib/) in a child process that pauses at `point`/`step`
     * and is killed there; returns once it is dead.
     */
    async function killAt(previous: WrittenFiles, point: Checkpoint, step: number): Promise<void> {
      const script = path.join(dir, 'child.mjs');
      const input = path.join(dir, 'input.json');
      await fs.writeFile(input, JSON.stringify({ files: after, previous: [...previous], out, point, step }));
      await fs.writeFile(script, [
        `import { readFileSync } from 'node:fs';`,
        `import { writeOutput } from ${JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, 'lib/output/write.js')).href)};`,
        `const { files, previous, out, point, step } = JSON.parse(readFileSync(process.argv[2], 'utf8'));`,
        `setInterval(() => {}, 1000);`,
        `await writeOutput(files, out, undefined, { previous: new Map(previous), checkpoint: (at, n) => at === point && n === step ? (process.stdout.write('paused\\n'), new Promise(() => {})) : Promise.resolve() });`,
        `process.stdout.write('finished\\n'); process.exit(0);`,
      ].join('\n'));
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [script, input], { stdio: ['ignore', 'pipe', 'inherit'] });
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('paused')) child.kill('SIGKILL');
          else reject(new Error(`child did not pause: ${chunk.toString()}`));
        });
        child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited without being killed (${signal ?? _code})`))));
      });
      await fs.rm(script);
      await fs.rm(input);
    }

    it('before the commit: recovery leaves exactly the old tree', async () => {
      const previous = await firstBuild();
      const old = await tree(out);
      await killAt(previous, 'staged', 0);
      expect((await fs.readdir(dir)).filter((entry) => entry.startsWith('.lanyard-staging-'))).toHaveLength(1);
      await recoverOutput(out);
      expect(await tree(out)).toEqual(old);
      expect(await fs.readdir(dir)).toEqual(['public']);
    });

    it('while applying: recovery leaves exactly the new tree', async () => {
      const expected = await freshTree(after);
      const steps = await countSteps();
      for (const step of [0, 3, steps]) {
        await fs.rm(out, { recursive: true, force: true });
        const previous = await firstBuild();
        await killAt(previous, step === 0 ? 'committed' : 'applied', step);
        await recoverOutput(out);
        expect(await tree(out), `killed at step ${step}`).toEqual(expected);
        expect(await fs.readdir(dir)).toEqual(['public']);
      }
    });
  });

  describe('reuse files', () => {
    const reuseOf = (written: WrittenFiles, outputPath: string): OutputFile => {
      const entry = written.get(outputPath);
      if (entry === undefined) throw new Error(`no record of ${outputPath}`);
      return { outputPath, origin: 'test', reuse: entry };
    };
    const withReuse = (written: WrittenFiles): OutputFile[] => after.map((f) => (f.outputPath === '2020/01/03/third/index.html' ? reuseOf(written, f.outputPath) : f));

    it('are left untouched by the journal, and recorded as they were', async () => {
      const previous = await firstBuild();
      const target = path.join(out, '2020/01/03/third/index.html');
      const old = await identity(target);
      const { written } = await writeOutput(withReuse(previous), out, undefined, { previous });
      expect(await identity(target)).toEqual(old);
      expect(written.get('2020/01/03/third/index.html')).toEqual(previous.get('2020/01/03/third/index.html'));
      expect(await tree(out)).toEqual(await freshTree(after));
    });

    it('are hard-linked from the output on the staging path, even without a record', async () => {
      const previous = await firstBuild();
      const target = path.join(out, '2020/01/03/third/index.html');
      const old = await identity(target);
      const { written } = await writeOutput(withReuse(previous), out, undefined, { beforeSwap: async () => true });
      expect(await identity(target)).toEqual(old);
      expect(written.get('2020/01/03/third/index.html')).toEqual(previous.get('2020/01/03/third/index.html'));
      expect(await fs.readFile(target, 'utf8')).toBe('third');
    });

    it('are an error, naming the path, when their file was changed or is gone; the output stays', async () => {
      const previous = await firstBuild();
      const target = path.join(out, '2020/01/03/third/index.html');
      await fs.appendFile(target, ' edited');
      const old = await tree(out);
      for (const options of [{ previous }, {}, { beforeSwap: async () => true }]) {
        await expect(writeOutput(withReuse(previous), out, undefined, options)).rejects.toThrow(/2020\/01\/03\/third\/index\.html/);
        expect(await tree(out)).toEqual(old);
        expect(await fs.readdir(dir)).toEqual(['public']);
      }
      await fs.rm(target);
      await expect(writeOutput(withReuse(previous), out, undefined, { previous })).rejects.toThrow(/cannot reuse 2020\/01\/03\/third\/index\.html/);
    });

    it('are left alone by dev mode in-place updates', async () => {
      const manifest = new Map<string, string>();
      const { written } = await writeOutput(before, out, manifest);
      const target = path.join(out, '2020/01/03/third/index.html');
      const old = await identity(target);
      await writeOutput(withReuse(written), out, manifest);
      expect(await identity(target)).toEqual(old);
      expect(await fs.readFile(path.join(out, 'index.html'), 'utf8')).toBe('home 2');
    });
  });
});
