// Runs the build stages in order. Glue only: each stage lives in its own module.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cachedRenderer, hashParts, type BuildCache, type Memo } from './cache.js';
import { loadConfig } from './config/load.js';
import { DEFAULT_URL, type SiteConfig } from './config/schema.js';
import { parseFrontMatter } from './content/front-matter.js';
import { isDated, normalizePost } from './content/normalize.js';
import { readSource } from './content/read.js';
import { error, hasErrors, warning, type Diagnostic } from './diagnostics.js';
import { mapConcurrent } from './concurrency.js';
import { discover } from './discover.js';
import { buildFeeds } from './feeds/feed.js';
import { buildRobots, buildSitemap } from './feeds/sitemap.js';
import { renderWithinLimits } from './markdown/limits.js';
import { createMarkdownRenderer } from './markdown/processor.js';
import { checkOutputFolder, markerFile } from './output/guard.js';
import { findCollisions, recoverOutput, writeOutput, type OutputManifest } from './output/write.js';
import { createContext } from './render/context.js';
import { createEngine } from './render/engine.js';
import { renderRoutes } from './render/render-pages.js';
import { buildSite } from './site/build-site.js';
import { locateDocument } from './site/locate.js';
import { planRoutes } from './site/routes.js';
import type { LocatedDocument, OutputFile, ParsedPage, RenderedPage, RenderedPost, SourceFile } from './types.js';

export interface BuildOptions {
  readonly sourceDir: string;
  /** Default `<sourceDir>/dist`. */
  readonly outDir?: string;
  readonly drafts?: boolean;
  readonly future?: boolean;
  /** Overrides `basePath` from the config. */
  readonly basePath?: string;
  /** The build's notion of "now", for future-dated posts. Default: the current time. */
  readonly now?: Date;
  /** Reuses rendered Markdown (and in dev, rendered pages) across builds. */
  readonly cache?: BuildCache;
  /**
   * Dev mode: what the previous build wrote. Given one, the build updates the output
   * folder in place, writing only changed files, and updates the manifest.
   */
  readonly manifest?: OutputManifest;
  /** Replace a non-empty output folder that Lanyard did not create (`--force`). */
  readonly force?: boolean;
  /** False: read and render everything but write nothing (`lanyard check`); the files are returned. */
  readonly write?: boolean;
}

export interface BuildStats {
  readonly posts: number;
  readonly pages: number;
  readonly tags: number;
  readonly categories: number;
  readonly files: number;
  readonly drafts: number;
  readonly future: number;
  readonly milliseconds: number;
}

export interface BuildResult {
  readonly outDir: string;
  /** True when the new output was swapped in (no errors). */
  readonly written: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: BuildStats;
  /** Source text of files named in diagnostics, to show the offending lines. */
  readonly sources: ReadonlyMap<string, string>;
  /** Posts left out, in path order. */
  readonly skipped: readonly SkippedPost[];
  /** With `write: false`: every file the build would write, and the base path of their URLs. */
  readonly files?: readonly OutputFile[];
  /** With `write: false`: every page's output path, including pages that failed to render. */
  readonly plannedPaths?: readonly string[];
  readonly basePath?: string;
}

export interface SkippedPost {
  readonly file: string;
  readonly reason: Skip;
}

export type Skip = 'draft' | 'future';

/** Files read or written at once. */
export const IO_CONCURRENCY = 64;

/** Builds a site: every problem is collected; the output is replaced only when there are no errors. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const sourceDir = path.resolve(options.sourceDir);
  const outDir = path.resolve(options.outDir ?? path.join(sourceDir, 'dist'));
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const skippedPosts: SkippedPost[] = [];
  const write = options.write !== false;
  const finish = (written: boolean, counts: Partial<BuildStats> = {}, dryRun?: Pick<BuildResult, 'files' | 'basePath' | 'plannedPaths'>): BuildResult => ({
    outDir,
    written,
    diagnostics,
    sources,
    skipped: skippedPosts,
    ...dryRun,
    stats: { posts: 0, pages: 0, tags: 0, categories: 0, files: 0, drafts: 0, future: 0, ...counts, milliseconds: Math.round(performance.now() - started) },
  });

  if (write) {
    // Put back an output left aside by a build killed mid-swap, before anything else.
    await recoverOutput(outDir);
    diagnostics.push(...(await checkOutputFolder(outDir, sourceDir, options.force === true)));
  }
  const configResult = await loadConfig(sourceDir, options.basePath);
  diagnostics.push(...configResult.diagnostics);
  if (!configResult.ok) return finish(false);
  const config = configResult.value;
  if (config.urlIsDefault) {
    diagnostics.push(warning('url-missing', `\`url\` is not set: feeds, the sitemap and canonical links use ${DEFAULT_URL}`, { file: 'lanyard.yml', hint: 'set `url: https://your.domain` in lanyard.yml before publishing' }));
  }

  const found = await discover(sourceDir);
  diagnostics.push(...found.diagnostics);
  const markdownOptions = { basePath: config.basePath, sanitize: config.markdown.sanitize };
  const renderMarkdown = cachedRenderer(createMarkdownRenderer(markdownOptions), markdownOptions, options.cache?.markdown);
  const now = (options.now ?? new Date()).getTime();
  const skipped: Record<Skip, number> = { draft: 0, future: 0 };
  const include = (document: ParsedPage): Skip | undefined => {
    if (document.draft && options.drafts !== true) return 'draft';
    if (document.date !== undefined && document.date.epochMs > now && options.future !== true) return 'future';
    return undefined;
  };

  // Reading is I/O-bound: read every source concurrently, then handle them in path order.
  const sourcesInOrder = [...found.posts, ...found.pages];
  const configKey = JSON.stringify(config);
  const located = await mapConcurrent(sourcesInOrder, IO_CONCURRENCY, (source) => readDocument(source, config, configKey, options.cache?.documents));
  const posts: RenderedPost[] = [];
  const pages: RenderedPage[] = [];
  for (const [index, source] of sourcesInOrder.entries()) {
    const result = located[index];
    if (result === undefined) continue;
    diagnostics.push(...result.diagnostics);
    if (result.diagnostics.length > 0 && result.text !== undefined) sources.set(source.path, result.text);
    if (result.document === undefined) continue;
    const skip = include(result.document.parsed);
    if (skip !== undefined) {
      skipped[skip]++;
      skippedPosts.push({ file: source.path, reason: skip });
      continue;
    }
    const parsed = result.document.parsed;
    const content = renderWithinLimits(renderMarkdown, parsed.body, source.path, parsed.bodyLine);
    diagnostics.push(...content.diagnostics);
    if (!content.ok) {
      if (result.text !== undefined) sources.set(source.path, result.text);
      continue;
    }
    const document = { ...parsed, ...result.document.location, content: content.value };
    if (source.kind === 'page') pages.push(document);
    else if (isDated(document)) posts.push(document);
  }

  const { site, diagnostics: siteDiagnostics } = buildSite(posts, pages, config);
  diagnostics.push(...siteDiagnostics);
  const routes = planRoutes(site, config);
  const contexts = createContext(site, config);
  const siteTemplates = found.templateRoots.length > 1 ? found.templateRoots[0] : undefined;
  const rendered = renderRoutes({
    engine: createEngine(found.templateRoots, config),
    routes,
    templateNames: found.templateNames,
    contextFor: contexts.contextFor,
    fingerprint: contexts.fingerprint,
    ...(siteTemplates === undefined ? {} : { templateRoot: siteTemplates }),
    ...(options.cache?.pages === undefined ? {} : { memo: { pages: options.cache.pages, salt: await templateSalt(found.templateFiles, config) } }),
  });
  diagnostics.push(...rendered.diagnostics);

  const files: OutputFile[] = [
    ...rendered.files,
    ...buildFeeds(site, config),
    buildSitemap(routes, config),
    buildRobots(config),
    markerFile(),
    ...found.staticFiles.map((file) => ({ outputPath: file.outputPath, origin: path.relative(sourceDir, file.sourcePath) || file.sourcePath, copyFrom: file.sourcePath })),
  ];
  diagnostics.push(...findCollisions(files));
  const counts = { posts: posts.length, pages: pages.length, tags: site.tags.length, categories: site.categories.length, files: files.length, drafts: skipped.draft, future: skipped.future };
  if (!write) return finish(false, counts, { files, basePath: config.basePath, plannedPaths: routes.map((route) => route.outputPath) });
  if (hasErrors(diagnostics)) return finish(false, counts);
  await writeOutput(files, outDir, options.manifest);
  return finish(true, counts);
}

/** Hash of every template's text and the config: part of each rendered page's memo key. */
async function templateSalt(files: readonly string[], config: SiteConfig): Promise<string> {
  const texts = await mapConcurrent(files, IO_CONCURRENCY, (file) => readFile(file));
  return hashParts(JSON.stringify(config), ...files.flatMap((file, index) => [file, texts[index] ?? '']));
}

interface ReadOutcome extends LocatedDocument {
  /** The file's text, for showing the lines diagnostics point at. */
  readonly text: string | undefined;
}

/** Reads one source file, then parses it (memoized per config, path and text when a memo is given). */
async function readDocument(source: SourceFile, config: SiteConfig, configKey: string, memo: Memo<LocatedDocument> | undefined): Promise<ReadOutcome> {
  const read = await readSource(source);
  if (!read.ok || read.value === undefined) return { document: undefined, diagnostics: read.diagnostics, text: undefined };
  const text = read.value;
  const key = memo === undefined ? undefined : hashParts(configKey, source.path, text);
  const cached = key === undefined ? undefined : memo?.get(key);
  const located = cached ?? parseSafely(text, source, config);
  if (key !== undefined && cached === undefined) memo?.set(key, located);
  return { ...located, diagnostics: [...read.diagnostics, ...located.diagnostics], text };
}

/** {@link parseDocument}, turning a bug's exception into an error naming the file, so other posts still build. */
function parseSafely(text: string, source: SourceFile, config: SiteConfig): LocatedDocument {
  try {
    return parseDocument(text, source, config);
  } catch (cause) {
    return { document: undefined, diagnostics: [error('internal-error', `Lanyard failed on this file: ${cause instanceof Error ? cause.message : String(cause)}`, { file: source.path, cause, hint: 'this is a bug in Lanyard; please report it with the file' })] };
  }
}

/** front matter → normalize → locate, for one post or page (pure). */
function parseDocument(text: string, source: SourceFile, config: SiteConfig): LocatedDocument {
  const diagnostics: Diagnostic[] = [];
  const done = (document?: LocatedDocument['document']): LocatedDocument => ({ document, diagnostics });
  const raw = parseFrontMatter(text, source);
  diagnostics.push(...raw.diagnostics);
  if (!raw.ok) return done();
  const parsed = normalizePost(raw.value, config);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.ok) return done();
  const location = locateDocument(parsed.value, config);
  diagnostics.push(...location.diagnostics);
  if (!location.ok) return done();
  return done({ parsed: parsed.value, location: location.value });
}
