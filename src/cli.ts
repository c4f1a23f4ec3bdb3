// Command line: argv → build | serve | dev | new. The only module that prints or sets exit codes.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LANYARD_VERSION } from './version.js';
import type { BuildProgress, BuildResult, BuildStats } from './build.js';
import type { MigrationReport } from './report.js';
import { formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { hasErrorCode } from './error-code.js';

const HELP = `lanyard — a static site generator for conference and meetup notes

Usage:
  lanyard build [--source DIR] [--out DIR] [--drafts] [--future] [--base-path /sub/]
                [--jobs N] [--no-cache] [--no-search] [--keep-going] [--force]
  lanyard clean [--source DIR]
  lanyard check [--source DIR] [--drafts] [--future] [--format text|json]
  lanyard serve [--source DIR] [--out DIR] [--port 4000] [--host 127.0.0.1] [--base-path /sub/] [--open]
  lanyard dev [--source DIR] [--out DIR] [--port 4000] [--host 127.0.0.1] [--drafts] [--future] [--no-search] [--open]
  lanyard new "Title" [--source DIR] [--event NAME] [--draft]
  lanyard --help | --version

Commands:
  build        Build the site in --source (default: the current folder) into --out
               (default: <source>/dist). The previous output is replaced only when
               the build has no errors.
  clean        Delete the cache folder (<source>/.lanyard-cache).
  check        Read and render the site as build does, write nothing, and report
               front matter problems, unknown layouts, duplicate URLs, broken internal
               links, anchors and images, and the posts left out. Exit 1 on errors.
  serve        Serve the built output folder locally (pretty URLs, 404.html, base path).
  dev          Build, serve, rebuild on every save and reload open pages; build errors
               show in the browser and here, over the last good version.
  new          Create posts/YYYY-MM-DD-<slug>.md dated now in the site's time zone.

Options:
  --source DIR       Site folder holding posts/, pages/, templates/, public/, lanyard.yml
  --out DIR          Output folder (default <source>/dist)
  --drafts           Include posts with draft: true or published: false
  --future           Include posts dated in the future
  --force            (build) Replace a non-empty --out folder Lanyard did not create
  --format FORMAT    (check) text (default) or json
  --base-path PATH   Serve the site under a sub-path, e.g. /blog/ (overrides basePath)
  --jobs N           Worker threads for Markdown (default: one per core; 1 = none)
  --no-cache         Neither read nor write <source>/.lanyard-cache
  --no-search        (build, dev) Skip the search index and the /search/ page
  --quiet            (build) Print errors and the summary only
  --verbose          (build) Also print the time each stage took
  --keep-going       (build) Write every post that builds even when others have
                     errors; the errors are still reported and the exit code is 1
  --port N           Port for serve (default 4000, or the next free one)
  --host HOST        Address for serve (default 127.0.0.1, loopback only)
  --open             Open the site in the browser
  --event NAME       (new) The conference or meetup the notes are from
  --draft            (new) Mark the post as a draft
  -h, --help         Show this help
  -v, --version      Show the version
`;

const OPTIONS = {
  source: { type: 'string' },
  out: { type: 'string' },
  drafts: { type: 'boolean' },
  future: { type: 'boolean' },
  'base-path': { type: 'string' },
  'keep-going': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
  'no-search': { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  open: { type: 'boolean' },
  event: { type: 'string' },
  jobs: { type: 'string' },
  cache: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  draft: { type: 'boolean' },
  force: { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Runs the CLI with the given arguments and returns the exit code (serve resolves when stopped). */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (cause) {
    return usageError(cause instanceof Error ? cause.message : String(cause));
  }
  const { values, positionals } = parsed;
  if (values.version === true) {
    process.stdout.write(`${LANYARD_VERSION}\n`);
    return 0;
  }
  const command = positionals[0];
  if (values.help === true || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  if (command === 'build') return runBuild(values);
  if (command === 'clean') return runClean(values);
  if (command === 'check') return runCheck(values);
  if (command === 'serve') return runServe(values);
  if (command === 'dev') return runDev(values);
  if (command === 'new') return runNew(values, positionals.slice(1));
  return usageError(`unknown command \`${command}\``);
}

async function runBuild(values: Values): Promise<number> {
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) return usageError(`--jobs must be a whole number of at least 1, not \`${values.jobs}\``);
  // A worker loads the Markdown processor while the build loads: most builds render
  // something. The build closes it at once when nothing needs rendering.
  const { defaultJobs, startWarmWorker } = await import('./markdown/pool.js');
  const cached = values['no-cache'] !== true && values.cache !== false;
  const warm = cached && (jobs ?? defaultJobs()) > 1 ? startWarmWorker() : undefined;
  // Loaded on demand so `--help` and `--version` start fast.
  const { build } = await import('./build.js');
  const progress = values.quiet === true ? undefined : createProgressLine();
  const result = await build({
    ...(warm === undefined ? {} : { warm }),
    ...(progress === undefined ? {} : { onProgress: progress.update }),
    ...(jobs === undefined ? {} : { jobs }),
    diskCache: cached,
    sourceDir: values.source ?? process.cwd(),
    ...(values.out === undefined ? {} : { outDir: values.out }),
    drafts: values.drafts === true,
    future: values.future === true,
    ...(values['base-path'] === undefined ? {} : { basePath: values['base-path'] }),
    keepGoing: values['keep-going'] === true,
    ...(values['no-search'] === true ? { search: false } : {}),
    force: values.force === true,
  });
  progress?.done();
  printResult(values.quiet === true ? { ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') } : result);
  if (values.verbose === true) printTimings(result.stats);
  if (result.report.layout !== 'lanyard' || values['keep-going'] === true) printReport(result.report);
  return result.written && !result.diagnostics.some((d) => d.severity === 'error') ? 0 : 1;
}

/**
 * A one-line progress display on a terminal (stderr), shown only once a build has run for
 * a second; nothing at all when stderr is not a terminal.
 */
function createProgressLine(): { update: (progress: BuildProgress) => void; done: () => void } {
  const started = Date.now();
  let shown = false;
  let last = 0;
  const tty = process.stderr.isTTY === true;
  return {
    update: (progress) => {
      const now = Date.now();
      if (!tty || now - started < 1000 || now - last < 100) return;
      last = now;
      shown = true;
      const count = progress.done === undefined || progress.total === undefined ? '' : ` ${progress.done}/${progress.total} posts`;
      process.stderr.write(`\r\u001b[K${progress.stage}…${count}`);
    },
    done: () => {
      if (shown) process.stderr.write('\r\u001b[K');
    },
  };
}

function printTimings(stats: BuildStats): void {
  const rows = Object.entries(stats.timings ?? {}).map(([stage, ms]) => `  ${stage.padEnd(10)} ${String(ms).padStart(7)} ms`);
  const pages = stats.rendered === undefined ? '' : `Pages and feeds: ${stats.rendered} rendered, ${stats.kept ?? 0} kept from the last build\n`;
  process.stdout.write(`Stages:\n${rows.join('\n')}\n${pages}`);
}

async function runClean(values: Values): Promise<number> {
  const { clearDiskCache, CACHE_DIR } = await import('./disk-cache.js');
  const sourceDir = path.resolve(values.source ?? process.cwd());
  await clearDiskCache(sourceDir);
  process.stdout.write(`Removed ${displayPath(path.join(sourceDir, CACHE_DIR))}\n`);
  return 0;
}

async function runCheck(values: Values): Promise<number> {
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`--format must be text or json, not \`${format}\``);
  const { checkSite } = await import('./check/check.js');
  const result = await checkSite({
    sourceDir: values.source ?? process.cwd(),
    drafts: values.drafts === true,
    future: values.future === true,
    ...(values['base-path'] === undefined ? {} : { basePath: values['base-path'] }),
  });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (format === 'json') {
    const diagnostics = result.diagnostics.map(({ cause: _cause, ...rest }) => rest);
    process.stdout.write(`${JSON.stringify({ ok: result.ok, errors, warnings, diagnostics, leftOut: result.skipped, stats: result.stats }, null, 2)}\n`);
    return result.ok ? 0 : 1;
  }
  printDiagnostics(result.diagnostics, result.sources);
  for (const post of result.skipped) process.stdout.write(`${post.file}: left out: ${post.reason === 'draft' ? 'draft (build with --drafts to include it)' : 'dated in the future (build with --future to include it)'}\n`);
  const s = result.stats;
  const line = `Checked ${s.posts} posts, ${s.pages} pages, ${s.files} files: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`;
  if (result.ok) process.stdout.write(line);
  else process.stderr.write(line);
  return result.ok ? 0 : 1;
}

async function runServe(values: Values): Promise<number> {
  const port = parsePort(values.port);
  if (port === null) return usageError(`--port must be a number from 0 to 65535, not \`${values.port}\``);
  const sourceDir = path.resolve(values.source ?? process.cwd());
  const dir = path.resolve(values.out ?? path.join(sourceDir, 'dist'));
  const basePath = await resolveBasePath(sourceDir, values['base-path']);
  if (typeof basePath !== 'string') return printFailure(basePath);
  const { startServer } = await import('./dev/serve.js');
  let server;
  try {
    server = await startServer({ dir, basePath, host: values.host ?? '127.0.0.1', port: port ?? 4000, fallbackPorts: port === undefined ? 20 : 0 });
  } catch (cause) {
    return serverError(cause, port);
  }
  process.stdout.write(`Serving ${displayPath(dir)} at ${server.url} (Ctrl-C to stop)\n`);
  if (values.open === true) openBrowser(server.url);
  return waitForInterrupt(server.close);
}

async function runDev(values: Values): Promise<number> {
  const port = parsePort(values.port);
  if (port === null) return usageError(`--port must be a number from 0 to 65535, not \`${values.port}\``);
  const { startDev } = await import('./dev/dev-server.js');
  let dev;
  try {
    dev = await startDev(
      {
        sourceDir: values.source ?? process.cwd(),
        ...(values.out === undefined ? {} : { outDir: values.out }),
        host: values.host ?? '127.0.0.1',
        port: port ?? 4000,
        fallbackPorts: port === undefined ? 20 : 0,
        drafts: values.drafts === true,
        future: values.future === true,
        allowRemote: values.host !== undefined,
        ...(values['no-search'] === true ? { search: false } : {}),
      },
      {
        onBuild: (result, batch) => {
          if (batch !== undefined) process.stdout.write(`Changed: ${batch.paths.join(', ')}\n`);
          printResult(result);
        },
        onFastRender: (page, batch) => process.stdout.write(`Changed: ${batch.paths.join(', ')}\nRendered ${page.outputPath} in ${page.milliseconds} ms; the rest of the site follows once saving pauses\n`),
        onSearchIndex: (indexed) => {
          printDiagnostics(indexed.diagnostics);
          if (indexed.diagnostics.length === 0) process.stdout.write(`Search index updated: ${indexed.pages} pages in ${indexed.milliseconds} ms\n`);
        },
      },
    );
  } catch (cause) {
    return serverError(cause, port);
  }
  process.stdout.write(`Watching for changes; serving at ${dev.url} (Ctrl-C to stop)\n`);
  if (values.open === true) openBrowser(dev.url);
  return waitForInterrupt(dev.close);
}

async function runNew(values: Values, words: readonly string[]): Promise<number> {
  const title = words.join(' ').trim();
  if (title === '') return usageError('give the post a title: lanyard new "My notes from KubeCon"');
  const sourceDir = path.resolve(values.source ?? process.cwd());
  const { loadConfig } = await import('./config/load.js');
  const { newPost } = await import('./content/new-post.js');
  const config = await loadConfig(sourceDir);
  if (!config.ok) return printFailure(config.diagnostics);
  const post = newPost(title, { ...(values.event === undefined ? {} : { event: values.event }), draft: values.draft === true }, config.value, new Date());
  const target = path.join(sourceDir, post.path);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, post.text, { flag: 'wx' });
  } catch (cause) {
    const exists = hasErrorCode(cause, 'EEXIST');
    process.stderr.write(exists ? `lanyard: ${post.path} already exists; choose another title or edit that file\n` : `lanyard: cannot write ${post.path}: ${String(cause)}\n`);
    return 1;
  }
  process.stdout.write(`${post.path}\n`);
  return 0;
}

/** undefined: not given; null: invalid. */
function parsePort(value: string | undefined): number | undefined | null {
  if (value === undefined) return undefined;
  const port = Number(value);
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : null;
}

function serverError(cause: unknown, port: number | undefined): number {
  const inUse = hasErrorCode(cause, 'EADDRINUSE');
  process.stderr.write(inUse ? `lanyard: port ${port ?? 4000} is already in use; choose another with --port\n` : `lanyard: cannot start the server: ${String(cause)}\n`);
  return 1;
}

/** Base path for serving: `--base-path`, else the site's config. */
async function resolveBasePath(sourceDir: string, override: string | undefined): Promise<string | readonly Diagnostic[]> {
  const { loadConfig } = await import('./config/load.js');
  const config = await loadConfig(sourceDir, override);
  return config.ok ? config.value.basePath : config.diagnostics;
}

function waitForInterrupt(close: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  spawn(command, args, { stdio: 'ignore', detached: true }).on('error', () => process.stderr.write(`lanyard: could not open a browser; visit ${url}\n`)).unref();
}

function printResult(result: BuildResult): void {
  printDiagnostics(result.diagnostics, result.sources);
  const s = result.stats;
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const skipped = [s.drafts > 0 ? `${s.drafts} drafts` : '', s.future > 0 ? `${s.future} future posts` : ''].filter(Boolean).join(', ');
  const indexed = s.search === undefined ? '' : `; search index of ${s.search.pages} pages in ${s.search.milliseconds} ms`;
  const summary = `${s.posts} posts, ${s.pages} pages, ${s.tags} tags, ${s.categories} categories, ${s.files} files in ${s.milliseconds} ms${indexed}${skipped === '' ? '' : ` (left out: ${skipped})`}`;
  if (result.written && errors > 0) {
    process.stderr.write(`Built with ${plural(errors, 'error')} (--keep-going): ${summary} → ${displayPath(result.outDir)}; fix the errors above\n`);
  } else if (result.written) {
    process.stdout.write(`${result.upToDate ? 'Up to date:' : 'Built'} ${summary} → ${displayPath(result.outDir)}${warnings > 0 ? ` with ${plural(warnings, 'warning')}` : ''}\n`);
  } else {
    process.stderr.write(`Build failed: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}; ${result.outDir} was left unchanged.\n`);
  }
}

const LAYOUT_NAMES: Readonly<Record<MigrationReport['layout'], string>> = { lanyard: 'Lanyard', jekyll: 'Jekyll', hexo: 'Hexo' };

/** The migration report: posts by outcome, then each problem code with its count and files. */
function printReport(report: MigrationReport): void {
  const p = report.posts;
  const lines = [`Migration report (${LAYOUT_NAMES[report.layout]} site): ${p.built} posts built, ${p.failed} failed, ${p.drafts} drafts and ${p.future} future posts left out`];
  for (const reason of report.reasons) {
    const shown = reason.files.slice(0, 3).join(', ') + (reason.files.length > 3 ? `, … (${reason.files.length} files)` : '');
    lines.push(`  ${plural(reason.count, reason.severity)} ${reason.code}${shown === '' ? '' : `: ${shown}`}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printDiagnostics(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string> = new Map()): void {
  for (const diagnostic of diagnostics) {
    const source = diagnostic.file === undefined ? undefined : sources.get(diagnostic.file);
    process.stderr.write(`${formatDiagnostic(diagnostic, source)}\n`);
  }
}

function printFailure(diagnostics: readonly Diagnostic[]): number {
  printDiagnostics(diagnostics);
  return 1;
}

function usageError(message: string): number {
  process.stderr.write(`lanyard: ${message}\nRun \`lanyard --help\` for usage.\n`);
  return 2;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A path relative to the current folder when it is inside it, else absolute. */
function displayPath(target: string): string {
  const relative = path.relative(process.cwd(), target);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? target : relative;
}
