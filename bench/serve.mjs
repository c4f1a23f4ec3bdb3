// npm run bench:serve — throughput of `lanyard serve` (autocannon) and the save-to-reload
// latency of `lanyard dev` on a synthetic site. A benchmark, not a test: prints figures.
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { startDev } from '../lib/dev/dev-server.js';
import { generateSite } from './generate-site.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const POSTS = Number(args.get('posts') ?? 1000);
const DURATION = Number(args.get('duration') ?? 10);
const SAVES = Number(args.get('saves') ?? 10);
// Milliseconds between a save showing and the next save; past about a second, each save
// meets the rebuild of the rest of the site that follows the previous one.
const PAUSE = Number(args.get('pause') ?? 200);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const site = path.join(os.tmpdir(), `lanyard-bench-serve-${POSTS}`);
console.log(`Generating ${POSTS} posts in ${site}…`);
await generateSite(site, POSTS);
await run(process.execPath, [path.join(ROOT, 'bin/lanyard.js'), 'build', '--source', site]);

// 1. Throughput of `lanyard serve` in its own process.
const port = 4700 + Math.floor(Math.random() * 200);
const server = spawn(process.execPath, [path.join(ROOT, 'bin/lanyard.js'), 'serve', '--source', site, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.once('data', resolve));
const firstPost = await findFirstPost(path.join(site, 'dist'));
const results = [];
for (const [name, url] of [['post page', firstPost], ['404', '/no/such/page/'], ['home', '/']]) {
  const result = await autocannon({ url: `http://127.0.0.1:${port}${url}`, connections: 10, duration: DURATION });
  results.push({ name, url, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx, requests: result.requests.total });
}
server.kill('SIGINT');
console.log(`\n\`lanyard serve\`, ${DURATION} s per URL, 10 connections, loopback (${os.cpus().length} cores):`);
console.table(results);

// 2. Save-to-reload latency of `lanyard dev`.
const SEARCH = args.get('search') !== 'false';
const dev = await startDev({ sourceDir: site, port: 0, search: SEARCH }, { onBuild: () => {} });
await dev.ready;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage();
await page.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
await page.goto(dev.url + firstPost.slice(1));
await page.waitForTimeout(300);
const file = path.join(site, 'posts', await sourceOf(site, firstPost));
const original = await readFile(file, 'utf8');
const latencies = [];
for (let i = 1; i <= SAVES; i++) {
  const marker = `Saved edit ${i} at ${Date.now()}`;
  const started = performance.now();
  await writeFile(file, `${original}\n\n${marker}\n`);
  await page.waitForFunction((text) => document.body.innerText.includes(text), marker, { timeout: 30_000, polling: 10 });
  latencies.push(Math.round(performance.now() - started));
  await page.waitForTimeout(PAUSE);
}
await writeFile(file, original);
await browser.close();
await dev.close();
latencies.sort((a, b) => a - b);
const median = latencies[Math.floor(latencies.length / 2)];
console.log(`\n\`lanyard dev\`${SEARCH ? '' : ' --no-search'} on ${POSTS} posts: save → page shows the change, ${SAVES} saves ${PAUSE} ms apart: median ${median} ms, min ${latencies[0]} ms, max ${latencies.at(-1)} ms`);
console.log(JSON.stringify({ posts: POSTS, serve: results, devReloadMs: { median, pauseMs: PAUSE, all: latencies } }));

async function findFirstPost(out) {
  const years = (await readdir(out)).filter((name) => /^\d{4}$/.test(name)).sort();
  let dir = path.join(out, years[0]);
  const parts = [years[0]];
  while (!(await readdir(dir)).includes('index.html')) {
    const next = (await readdir(dir)).sort()[0];
    parts.push(next);
    dir = path.join(dir, next);
  }
  return `/${parts.join('/')}/`;
}

async function sourceOf(root, url) {
  const slug = url.split('/').filter(Boolean).at(-1);
  const names = await readdir(path.join(root, 'posts'));
  for (const name of names) {
    const text = await readFile(path.join(root, 'posts', name), 'utf8');
    if (text.includes(`slug: ${slug}\n`) || name.endsWith(`-${slug}.md`)) return name;
  }
  throw new Error(`no source for ${url}`);
}

function run(command, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`))));
  });
}
