// Issue 6: nothing lost. The output folder is refused when it would replace sources or
// someone else's files, and a build killed at any moment leaves the previous output whole.
import { spawn } from 'node:child_process';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, listFiles, makeSite, runCli, snapshot } from '../helpers.js';

const post = (n: number): string => `---\ntitle: Post ${n}\ndate: 2020-01-${String((n % 28) + 1).padStart(2, '0')} 10:${String(n % 60).padStart(2, '0')}\ntags: [t${n % 17}, shared]\ncategories: [c${n % 5}]\n---\n# Heading ${n}\n\n${'Some notes about the talk. '.repeat(40)}\n\n\`\`\`js\nconst n = ${n};\n\`\`\`\n`;

async function siteWithPosts(count: number): Promise<string> {
  const files: Record<string, string> = { 'lanyard.yml': 'url: https://example.org\n' };
  for (let n = 0; n < count; n++) files[`posts/p${n}.md`] = post(n);
  return makeSite(files);
}

describe('the output folder', () => {
  it('is refused when it is the source folder or contains it', async () => {
    const site = await siteWithPosts(1);
    for (const out of [site, path.dirname(site), path.join(site, 'posts'), path.join(site, 'posts', 'x')]) {
      const run = await runCli(['build', '--source', site, '--out', out, '--force']);
      expect(run.code, out).toBe(1);
      expect(run.stderr).toMatch(/error: the output folder .* (is the source folder|contains the source folder|is inside the site's posts\/ folder)/);
    }
    expect(await listFiles(path.join(site, 'posts'))).toEqual(['p0.md']);
  });

  it('is refused when non-empty and not created by Lanyard, unless --force', async () => {
    const site = await siteWithPosts(1);
    const out = path.join(site, 'mine');
    await mkdir(out);
    await writeFile(path.join(out, 'thesis.tex'), 'precious');
    const refused = await runCli(['build', '--source', site, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty and was not created by Lanyard');
    expect(refused.stderr).toContain('--force');
    expect(await listFiles(out)).toEqual(['thesis.tex']);
    const forced = await runCli(['build', '--source', site, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(await listFiles(out)).toContain('.lanyard-output');
    expect(await listFiles(out)).not.toContain('thesis.tex');
  });

  it('is accepted when empty, missing, or made by Lanyard (the marker file)', async () => {
    const site = await siteWithPosts(1);
    const out = path.join(site, 'out');
    await mkdir(out);
    expect((await runCli(['build', '--source', site, '--out', out])).code).toBe(0);
    expect((await runCli(['build', '--source', site, '--out', out])).code).toBe(0);
    expect((await runCli(['build', '--source', site, '--out', path.join(site, 'fresh')])).code).toBe(0);
  });

  it('is put back by the next build, even a failing one, after a kill between the two renames of the swap', async () => {
    const site = await siteWithPosts(2);
    const out = path.join(site, 'out');
    expect((await runCli(['build', '--source', site, '--out', out])).code).toBe(0);
    const before = await snapshot(out);
    // The state a kill between "output → retired" and "staging → output" leaves behind.
    await rename(out, path.join(site, '.lanyard-old-out-99999'));
    await mkdir(path.join(site, '.lanyard-staging-out-99999', 'half'), { recursive: true });
    await writeFile(path.join(site, 'posts', 'bad.md'), '---\ntitle: [broken\n---\n');
    const failed = await runCli(['build', '--source', site, '--out', out]);
    expect(failed.code).toBe(1);
    expect(await snapshot(out)).toEqual(before);
    // No staging or retired folders left (the cache folder belongs there).
    expect((await readdir(site)).filter((entry) => entry.startsWith('.lanyard-') && entry !== '.lanyard-cache')).toEqual([]);
  });
});

/** Starts the real CLI and SIGKILLs it after `delay` ms; resolves true when it was killed (not finished). */
function buildAndKill(site: string, out: string, delay: number): Promise<boolean> {
  return new Promise((resolve) => {
    // --no-cache: every build does the full work (a cached build of unchanged input ends at once).
    const child = spawn(process.execPath, [CLI, 'build', '--source', site, '--out', out, '--no-cache'], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delay);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

describe('a build killed with SIGKILL', () => {
  it('never damages the previous output, and the next build cleans up after it', { timeout: 300_000 }, async () => {
    const site = await siteWithPosts(300);
    const out = path.join(site, 'out');
    const started = Date.now();
    const first = await runCli(['build', '--source', site, '--out', out]);
    const wall = Date.now() - started;
    expect(first.code).toBe(0);
    const before = await snapshot(out);
    expect(before.size).toBeGreaterThan(300);
    // Same sources, so every build writes the same bytes: the output must always equal `before`.
    let killed = 0;
    for (let kill = 0; killed < 10 || kill < 12; kill++) {
      expect(kill, 'too many builds finished before their kill').toBeLessThan(30);
      // Spread over the whole run, weighted towards its end, where the writing and the swap happen.
      const delay = Math.round(wall * (kill % 2 === 0 ? 0.3 + Math.random() * 0.8 : 0.75 + Math.random() * 0.3));
      if (await buildAndKill(site, out, delay)) killed++;
      const entries = await readdir(site);
      if (entries.includes('out')) {
        expect(await snapshot(out), `killed after ${delay} ms`).toEqual(before);
      } else {
        // Killed between the two renames: the complete old output waits beside it.
        const retired = entries.find((e) => e.startsWith('.lanyard-old-out-'));
        expect(retired, `killed after ${delay} ms: no output and nothing to restore`).toBeDefined();
        expect(await snapshot(path.join(site, retired ?? ''))).toEqual(before);
      }
    }
    const next = await runCli(['build', '--source', site, '--out', out]);
    expect(next.code).toBe(0);
    expect(await snapshot(out)).toEqual(before);
    // No staging or retired folders left (the cache folder belongs there).
    expect((await readdir(site)).filter((entry) => entry.startsWith('.lanyard-') && entry !== '.lanyard-cache')).toEqual([]);
  });
});
