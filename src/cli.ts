// Command line: argv → build. The only module that prints or sets exit codes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BuildResult } from './build.js';
import { formatDiagnostic } from './diagnostics.js';

const HELP = `lanyard — a static site generator for conference and meetup notes

Usage:
  lanyard build [--source DIR] [--out DIR] [--drafts] [--future] [--base-path /sub/]
  lanyard --help | --version

Commands:
  build        Build the site in --source (default: the current folder) into --out
               (default: <source>/dist). The previous output is replaced only when
               the build has no errors.

Options:
  --source DIR       Site folder holding posts/, pages/, templates/, public/, lanyard.yml
  --out DIR          Output folder (default <source>/dist)
  --drafts           Include posts with draft: true or published: false
  --future           Include posts dated in the future
  --base-path PATH   Serve the site under a sub-path, e.g. /blog/ (overrides basePath)
  -h, --help         Show this help
  -v, --version      Show the version
`;

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        source: { type: 'string' },
        out: { type: 'string' },
        drafts: { type: 'boolean' },
        future: { type: 'boolean' },
        'base-path': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (cause) {
    process.stderr.write(`lanyard: ${cause instanceof Error ? cause.message : String(cause)}\nRun \`lanyard --help\` for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version === true) {
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  const command = positionals[0];
  if (values.help === true || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  if (command !== 'build') {
    process.stderr.write(`lanyard: unknown command \`${command}\`\nRun \`lanyard --help\` for usage.\n`);
    return 2;
  }
  // Loaded on demand so `--help` and `--version` start fast.
  const { build } = await import('./build.js');
  const result = await build({
    sourceDir: values.source ?? process.cwd(),
    ...(values.out === undefined ? {} : { outDir: values.out }),
    drafts: values.drafts === true,
    future: values.future === true,
    ...(values['base-path'] === undefined ? {} : { basePath: values['base-path'] }),
  });
  printResult(result);
  return result.written ? 0 : 1;
}

function printResult(result: BuildResult): void {
  for (const diagnostic of result.diagnostics) {
    const source = diagnostic.file === undefined ? undefined : result.sources.get(diagnostic.file);
    process.stderr.write(`${formatDiagnostic(diagnostic, source)}\n`);
  }
  const s = result.stats;
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const skipped = [s.drafts > 0 ? `${s.drafts} drafts` : '', s.future > 0 ? `${s.future} future posts` : ''].filter(Boolean).join(', ');
  const summary = `${s.posts} posts, ${s.pages} pages, ${s.tags} tags, ${s.categories} categories, ${s.files} files in ${s.milliseconds} ms${skipped === '' ? '' : ` (left out: ${skipped})`}`;
  if (result.written) {
    process.stdout.write(`Built ${summary} → ${displayPath(result.outDir)}${warnings > 0 ? ` with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}\n`);
  } else {
    process.stderr.write(`Build failed: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}; ${result.outDir} was left unchanged.\n`);
  }
}

/** A path relative to the current folder when it is inside it, else absolute. */
function displayPath(target: string): string {
  const relative = path.relative(process.cwd(), target);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? target : relative;
}

function readVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : 'unknown';
}
