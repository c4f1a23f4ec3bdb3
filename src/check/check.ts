// `lanyard check`: reads and renders the site exactly as `build` does, writes nothing,
// then checks the rendered pages' internal links, anchors and images.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type BuildOptions, type BuildStats, type SkippedPost } from '../build.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { findBrokenLinks, type LineFinder } from './links.js';

export type CheckOptions = Omit<BuildOptions, 'write' | 'outDir' | 'manifest' | 'force'>;

export interface CheckResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** Source text of files named in diagnostics. */
  readonly sources: ReadonlyMap<string, string>;
  readonly skipped: readonly SkippedPost[];
  readonly stats: BuildStats;
}

/** Checks a site without writing it: every build diagnostic plus broken links. */
export async function checkSite(options: CheckOptions): Promise<CheckResult> {
  const sourceDir = path.resolve(options.sourceDir);
  const result = await build({ ...options, write: false });
  const sources = new Map(result.sources);
  const texts = new Map<string, string | undefined>();
  await Promise.all(
    (result.files ?? []).filter((file) => /^(posts|pages)\//.test(file.origin)).map(async (file) => {
      texts.set(file.origin, await readFile(path.join(sourceDir, file.origin), 'utf8').catch(() => undefined));
    }),
  );
  const basePath = result.basePath ?? '/';
  const lineOf: LineFinder = (origin, raw) => {
    const text = texts.get(origin);
    return text === undefined ? undefined : findLine(text, linkSpellings(raw, basePath));
  };
  // Pages that failed to render were already reported; links to them are not reported again.
  const links = result.files === undefined ? [] : findBrokenLinks(result.files, basePath, lineOf, result.plannedPaths);
  for (const diagnostic of links) {
    const text = diagnostic.file === undefined ? undefined : texts.get(diagnostic.file);
    if (diagnostic.file !== undefined && text !== undefined) sources.set(diagnostic.file, text);
  }
  const diagnostics = [...result.diagnostics, ...links];
  return { ok: !hasErrors(diagnostics), diagnostics, sources, skipped: result.skipped, stats: result.stats };
}

/** How a rendered link may have been written in the source: as is, without the base path, decoded. */
function linkSpellings(raw: string, basePath: string): string[] {
  const spellings = [raw];
  if (basePath !== '/' && raw.startsWith(basePath)) spellings.push(`/${raw.slice(basePath.length)}`);
  for (const spelling of [...spellings]) {
    try {
      spellings.push(decodeURI(spelling));
    } catch {
      // Keep the encoded spelling only.
    }
  }
  return spellings;
}

/** The first line holding the link as a Markdown or HTML target, else anywhere. */
function findLine(text: string, spellings: readonly string[]): number | undefined {
  const lines = text.split(/\r?\n/);
  const asTarget = spellings.flatMap((spelling) => [`(${spelling}`, `"${spelling}`, `'${spelling}`, `<${spelling}`, `]: ${spelling}`]);
  const index = [asTarget, spellings].map((needles) => lines.findIndex((line) => needles.some((needle) => line.includes(needle)))).find((found) => found !== -1);
  return index === undefined ? undefined : index + 1;
}
