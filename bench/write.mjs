// node bench/write.mjs — the write stage alone, on a site shaped like the 4,000-post one
// (a benchmark, not a test). Needs `npm run compile`.
// Usage: node bench/write.mjs [--runs=5] [--changed=10] [--module=lib/output/write.js]
// Prints the median ms of: a first write (no output yet), an incremental write of
// `changed` files by staging + swap (forced with a beforeSwap hook, as with search on),
// the same by journal, and a journal write where every page changed.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = new Map(process.argv.slice(2).map((arg) => { const [k, v = 'true'] = arg.replace(/^--/, '').split('='); return [k, v]; }));
const RUNS = Number(args.get('runs') ?? 5);
const CHANGED = Number(args.get('changed') ?? 10);
const { writeOutput } = await import(pathToFileURL(path.resolve(ROOT, args.get('module') ?? 'lib/output/write.js')).href);

/** 4,000 posts in a folder each, tag/category/year/pagination pages, feeds and some static files. */
function siteFiles(version) {
  const files = [];
  const page = (outputPath, text) => files.push({ outputPath, origin: 'bench', contents: `<!doctype html><title>${outputPath}</title><main>${text}</main>${'<p>Notes about the talk.</p>'.repeat(60)}` });
  for (let i = 0; i < 4000; i++) {
    const year = 2006 + (i % 18);
    const month = String((Math.floor(i / 18) % 12) + 1).padStart(2, '0');
    const day = String((Math.floor(i / 216) % 14) + 1).padStart(2, '0');
    page(`${year}/${month}/${day}/post-${i}/index.html`, `post ${i} v${version.get(i) ?? 0}`);
  }
  for (let t = 0; t < 1300; t++) page(`tags/tag-${t}/index.html`, `tag ${t}`);
  for (let c = 0; c < 120; c++) page(`categories/cat-${c}/index.html`, `category ${c}`);
  for (let n = 2; n <= 400; n++) page(`page/${n}/index.html`, `page ${n}`);
  for (let y = 2006; y < 2024; y++) page(`archives/${y}/index.html`, `year ${y}`);
  for (const name of ['index.html', '404.html', 'events/index.html', 'speakers/index.html', 'archives/index.html', 'tags/index.html', 'categories/index.html']) page(name, `${name} v${version.get('home') ?? 0}`);
  for (const name of ['feed.xml', 'atom.xml', 'sitemap.xml', 'robots.txt', 'talks.json', '.lanyard-output']) files.push({ outputPath: name, origin: 'bench', contents: `${name} v${version.get('home') ?? 0}` });
  for (let s = 0; s < 130; s++) files.push({ outputPath: `images/${s % 10}/photo-${s}.txt`, origin: 'bench', contents: 'x'.repeat(20_000) });
  return files;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function time(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const samples = { first: [], staging: [], journal: [], journalAll: [] };
let shape = '';
for (let run = 0; run < RUNS; run++) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lanyard-bench-write-'));
  const out = path.join(dir, 'public');
  const version = new Map();
  const edit = (label) => {
    // `changed` posts, plus the pages every edit changes (home, feeds, sitemap), counted in `changed`.
    version.set('home', (version.get('home') ?? 0) + 1);
    for (let k = 0; k < CHANGED - 1; k++) version.set((run * 997 + k * 389 + label) % 4000, label);
  };
  let files = siteFiles(version);
  if (shape === '') {
    const folders = new Set();
    for (const file of files) for (let f = path.dirname(file.outputPath); f !== '.'; f = path.dirname(f)) folders.add(f);
    const leaves = new Set(files.map((file) => path.dirname(file.outputPath)));
    shape = `${files.length} files in ${leaves.size} folders (${folders.size} with their parents)`;
  }
  let written;
  samples.first.push(await time(async () => ({ written } = await writeOutput(files, out))));
  edit(1);
  files = siteFiles(version);
  // Old behaviour, as with search on: a full staging tree and a swap.
  samples.staging.push(await time(async () => ({ written } = await writeOutput(files, out, undefined, { previous: written, beforeSwap: async () => true }))));
  edit(2);
  files = siteFiles(version);
  samples.journal.push(await time(async () => ({ written } = await writeOutput(files, out, undefined, { previous: written }))));
  files = files.map((file) => ('contents' in file ? { ...file, contents: `${file.contents} ` } : file));
  samples.journalAll.push(await time(async () => ({ written } = await writeOutput(files, out, undefined, { previous: written }))));
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${shape}; ${CHANGED} changed files; median of ${RUNS} runs (${os.availableParallelism()} cores, Node ${process.version})`);
console.log(`  first write (staging + swap)      ${Math.round(median(samples.first))} ms`);
console.log(`  incremental, staging + swap       ${Math.round(median(samples.staging))} ms`);
console.log(`  incremental, journal              ${Math.round(median(samples.journal))} ms`);
console.log(`  journal, every file changed       ${Math.round(median(samples.journalAll))} ms`);
