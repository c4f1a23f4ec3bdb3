// Runs the build stages in order. Glue only: each stage lives in its own module.
import path from 'node:path';
import { cachedRenderer, type RenderCache } from './cache.js';
import { loadConfig } from './config/load.js';
import { DEFAULT_URL, type SiteConfig } from './config/schema.js';
import { parseFrontMatter } from './content/front-matter.js';
import { isDated, normalizePost } from './content/normalize.js';
import { readSource } from './content/read.js';
import { hasErrors, warning, type Diagnostic } from './diagnostics.js';
import { discover } from './discover.js';
import { buildFeeds } from './feeds/feed.js';
import { buildRobots, buildSitemap } from './feeds/sitemap.js';
import { createMarkdownRenderer } from './markdown/processor.js';
import { findCollisions, writeOutput } from './output/write.js';
import { createContext } from './render/context.js';
import { createEngine } from './render/engine.js';
import { renderRoutes } from './render/render-pages.js';
import { buildSite } from './site/build-site.js';
import { locateDocument } from './site/locate.js';
import { planRoutes } from './site/routes.js';
import type { Location, OutputFile, ParsedPage, RenderedPage, RenderedPost, SourceFile } from './types.js';

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
  /** Reuses rendered Markdown across builds (dev mode). */
  readonly cache?: RenderCache;
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
}

type Skip = 'draft' | 'future';

/** Builds a site: every problem is collected; the output is replaced only when there are no errors. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const sourceDir = path.resolve(options.sourceDir);
  const outDir = path.resolve(options.outDir ?? path.join(sourceDir, 'dist'));
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const finish = (written: boolean, counts: Partial<BuildStats> = {}): BuildResult => ({
    outDir,
    written,
    diagnostics,
    sources,
    stats: { posts: 0, pages: 0, tags: 0, categories: 0, files: 0, drafts: 0, future: 0, ...counts, milliseconds: Math.round(performance.now() - started) },
  });

  const configResult = await loadConfig(sourceDir, options.basePath);
  diagnostics.push(...configResult.diagnostics);
  if (!configResult.ok) return finish(false);
  const config = configResult.value;
  if (config.urlIsDefault) {
    diagnostics.push(warning('url-missing', `\`url\` is not set: feeds, the sitemap and canonical links use ${DEFAULT_URL}`, { file: 'lanyard.yml', hint: 'set `url: https://your.domain` in lanyard.yml before publishing' }));
  }

  const found = await discover(sourceDir);
  diagnostics.push(...found.diagnostics);
  const markdownOptions = { basePath: config.basePath };
  const renderMarkdown = cachedRenderer(createMarkdownRenderer(markdownOptions), markdownOptions, options.cache);
  const now = (options.now ?? new Date()).getTime();
  const skipped: Record<Skip, number> = { draft: 0, future: 0 };
  const include = (document: ParsedPage): Skip | undefined => {
    if (document.draft && options.drafts !== true) return 'draft';
    if (document.date !== undefined && document.date.epochMs > now && options.future !== true) return 'future';
    return undefined;
  };

  const posts: RenderedPost[] = [];
  const pages: RenderedPage[] = [];
  for (const source of [...found.posts, ...found.pages]) {
    const located = await readDocument(source, config, diagnostics, sources);
    if (located === undefined) continue;
    const skip = include(located.parsed);
    if (skip !== undefined) {
      skipped[skip]++;
      continue;
    }
    const document = { ...located.parsed, ...located.location, content: renderMarkdown(located.parsed.body) };
    if (source.kind === 'page') pages.push(document);
    else if (isDated(document)) posts.push(document);
  }

  const { site, diagnostics: siteDiagnostics } = buildSite(posts, pages, config);
  diagnostics.push(...siteDiagnostics);
  const routes = planRoutes(site, config);
  const contextFor = createContext(site, config);
  const siteTemplates = found.templateRoots.length > 1 ? found.templateRoots[0] : undefined;
  const rendered = await renderRoutes({
    engine: createEngine(found.templateRoots, config),
    routes,
    templateNames: found.templateNames,
    contextFor,
    ...(siteTemplates === undefined ? {} : { templateRoot: siteTemplates }),
  });
  diagnostics.push(...rendered.diagnostics);

  const files: OutputFile[] = [
    ...rendered.files,
    ...buildFeeds(site, config),
    buildSitemap(routes, config),
    buildRobots(config),
    ...found.staticFiles.map((file) => ({ outputPath: file.outputPath, origin: path.relative(sourceDir, file.sourcePath) || file.sourcePath, copyFrom: file.sourcePath })),
  ];
  diagnostics.push(...findCollisions(files));
  const counts = { posts: posts.length, pages: pages.length, tags: site.tags.length, categories: site.categories.length, files: files.length, drafts: skipped.draft, future: skipped.future };
  if (hasErrors(diagnostics)) return finish(false, counts);
  await writeOutput(files, outDir);
  return finish(true, counts);
}

/** read → front matter → normalize → locate, for one post or page. */
async function readDocument(source: SourceFile, config: SiteConfig, diagnostics: Diagnostic[], sources: Map<string, string>): Promise<{ parsed: ParsedPage; location: Location } | undefined> {
  const text = await readSource(source);
  diagnostics.push(...text.diagnostics);
  if (!text.ok || text.value === undefined) return undefined;
  const keep = (result: { diagnostics: readonly Diagnostic[] }): void => {
    if (result.diagnostics.length > 0) sources.set(source.path, text.value ?? '');
    diagnostics.push(...result.diagnostics);
  };
  const raw = parseFrontMatter(text.value, source);
  keep(raw);
  if (!raw.ok) return undefined;
  const parsed = normalizePost(raw.value, config);
  keep(parsed);
  if (!parsed.ok) return undefined;
  const location = locateDocument(parsed.value, config);
  keep(location);
  if (!location.ok) return undefined;
  return { parsed: parsed.value, location: location.value };
}
