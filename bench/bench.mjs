// npm run bench — build speed and memory on synthetic sites (a benchmark, not a test).
// Usage: npm run bench [-- --posts=1000,4000] [--runs=3] [--json] [--search=false]
// Each scenario runs the real CLI in a child process under GNU time (wall, CPU, peak RSS)
// `runs` times and reports the median.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSite } from './generate-site.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'bin', 'lanyard.js');
const args = new Map(process.argv.slice(2).map((arg) => { const [k, v = 'true'] = arg.replace(/^--/, '').split('='); return [k, v]; }));
const SIZES = (args.get('posts') ?? '1000,4000').split(',').map(Number);
const RUNS = Number(args.get('runs') ?? 3);
const JSON_OUT = args.has('json');
// `--search=false` leaves out the cold build with the search index (slow on 20,000 posts).
const SEARCH = args.get('search') !== 'false';
const log = (...parts) => { if (!JSON_OUT) console.error(...parts); };

/** Runs a command under /usr/bin/time; returns wall s, CPU s and max RSS MB. */
function timed(argv, options = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '@@%e %U %S %M', process.execPath, ...argv], { encoding: 'utf8', ...options });
  const line = result.stderr.split('\n').find((l) => l.startsWith('@@'));
  if (result.status !== 0 || line === undefined) throw new Error(`${argv.join(' ')} failed:\n${result.stderr}`);
  const [wall, user, sys, rssKb] = line.slice(2).split(' ').map(Number);
  return { wall, cpu: user + sys, rssMb: rssKb / 1024 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(name, runs, prepare, argv) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    prepare(i);
    samples.push(timed(argv));
  }
  const result = { scenario: name, wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rssMb: Math.round(median(samples.map((s) => s.rssMb))) };
  log(`  ${name.padEnd(22)} wall ${result.wall.toFixed(2)} s  cpu ${result.cpu.toFixed(2)} s  peak RSS ${result.rssMb} MB`);
  return result;
}

const rows = [];
for (const size of SIZES) {
  const site = path.join(os.tmpdir(), `lanyard-bench-${size}`);
  const marker = path.join(site, '.generated');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== String(size)) {
    log(`Generating ${size} posts in ${site}…`);
    await generateSite(site, size);
    writeFileSync(marker, String(size));
  }
  rmSync(path.join(site, 'templates'), { recursive: true, force: true });
  // The search index (Pagefind) is measured once, separately; the other scenarios skip it.
  const build = [CLI, 'build', '--source', site, '--no-search'];
  const posts = readdirSync(path.join(site, 'posts')).sort();
  const edited = path.join(site, 'posts', posts[Math.floor(posts.length / 2)]);
  const original = readFileSync(edited, 'utf8');
  log(`${size} posts (${os.availableParallelism()} cores, Node ${process.version}):`);
  const results = [
    measure('unified floor (1 thread)', RUNS, () => {}, [path.join(ROOT, 'bench', 'floor.mjs'), site]),
    measure('cold build', RUNS, () => {
      rmSync(path.join(site, '.lanyard-cache'), { recursive: true, force: true });
      rmSync(path.join(site, 'dist'), { recursive: true, force: true });
    }, build),
    measure('warm build (no change)', RUNS, () => {}, build),
    measure('one-post edit', RUNS, (i) => writeFileSync(edited, `${original}\n\nEdited in run ${i} at ${Date.now()}.\n`), build),
    ...(SEARCH ? [measure('cold build + search', 1, () => {
      rmSync(path.join(site, '.lanyard-cache'), { recursive: true, force: true });
      rmSync(path.join(site, 'dist'), { recursive: true, force: true });
    }, [CLI, 'build', '--source', site])] : []),
    measure('template edit', RUNS, (i) => {
      mkdirSync(path.join(site, 'templates'), { recursive: true });
      const base = readFileSync(path.join(ROOT, 'templates', 'base.liquid'), 'utf8');
      writeFileSync(path.join(site, 'templates', 'base.liquid'), base.replace('</body>', `<!-- template edit ${i} ${Date.now()} -->\n</body>`));
    }, build),
  ];
  writeFileSync(edited, original);
  rmSync(path.join(site, 'templates'), { recursive: true, force: true });
  const floor = results[0].wall;
  for (const row of results) rows.push({ posts: size, ...row, vsFloor: Number((row.wall / floor).toFixed(2)) });
}

if (JSON_OUT) console.log(JSON.stringify({ node: process.version, cores: os.availableParallelism(), runs: RUNS, results: rows }, null, 2));
else console.table(rows.map((r) => ({ posts: r.posts, scenario: r.scenario, 'wall s': r.wall.toFixed(2), 'cpu s': r.cpu.toFixed(2), 'peak RSS MB': r.rssMb, '× floor': r.vsFloor })));

