// Runs the build stages in order. Glue only: each stage lives in its own module.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hashParts, renderBodies, renderKey, renderOptionsKey, type BuildCache, type KeyedBody, type MarkdownBody, type RenderedBodies } from './cache.js';
import { loadConfig } from './config/load.js';
import { DEFAULT_URL, type SiteConfig } from './config/schema.js';
import { isDated } from './content/normalize.js';
import { boundHeapGrowth, collectGarbage } from './memory.js';
import { error, hasErrors, warning, type Diagnostic } from './diagnostics.js';
import { mapConcurrent } from './concurrency.js';
import { discover } from './discover.js';
import { openDocumentCache } from './document-cache.js';
import { buildFeeds, planFeeds } from './feeds/feed.js';
import { buildRobots, buildSitemap } from './feeds/sitemap.js';
import { forgetWrittenFiles, loadPageFingerprints, loadWrittenFiles, openDiskCache, savePageFingerprints, saveWrittenFiles } from './disk-cache.js';
import { buildTalkData } from './feeds/talk-data.js';
import { prepareLegacyMarkdown, type LegacyMarkdownOptions } from './markdown/legacy-markdown.js';
import { closeWarmWorker, defaultJobs, prepareWarmWorker, startWarmWorker, type WarmWorker } from './markdown/pool.js';
import { convertTemplateTags, hasTemplateTags, prepareTemplateTags } from './markdown/template-tags.js';
import { summarizeBuild, type MigrationReport } from './report.js';
import { indexPosts } from './site/post-index.js';
import { buildRedirects } from './site/redirects.js';
import { findCollisions, isIntact, writeOutput, type OutputManifest, type WriteHooks } from './output/write.js';
import { dropReplacedStatic, findReserved, firstClaims } from './output/assemble.js';
import { documentKey, preparedDocument, readDocument, rereadable, rereadText, type ReadBytes, type ReadOutcome } from './read-document.js';
import { chooseSearchLanguage, writeSearchIndex, type SearchIndexResult } from './output/search.js';
import { findLimitProblem, limitDiagnostic, renderFailure } from './markdown/limits.js';
import { checkOutputFolder, markerFile } from './output/guard.js';
import { createSpool, type Spool } from './output/spool.js';
import { recoverOutput } from './output/write.js';
import { createContext } from './render/context.js';
import { documentIdentities, fingerprintFeeds, LIGHT, routeFingerprints, type DocumentKeys } from './render/fingerprint.js';
import { talksByPost } from './render/talk-views.js';
import { createEngine } from './render/engine.js';
import { documentLanguage } from './render/language.js';
import { renderRoutes } from './render/render-pages.js';
import { buildSite } from './site/build-site.js';
import { planRoutes } from './site/routes.js';
import { hashInputs, readInputs, type ReadInputs, loadInputRecords, loadLastBuild, outputIntact, saveInputRecords, saveLastBuild } from './up-to-date.js';
import type { RenderOutcome, SOURCE_CHANGED } from './markdown/outcome.js';
import type { Location, OutputFile, ParsedPage, RenderedPage, RenderedPost, SourceFile, WrittenFile } from './types.js';

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
  /** Told when a stage starts, and how many posts are rendered so far (for a progress line). */
  readonly onProgress?: (progress: BuildProgress) => void;
  /** Keep rendered Markdown in `<source>/.lanyard-cache/` (default true; `--no-cache`). */
  readonly diskCache?: boolean;
  /** Worker threads for Markdown (default: one per core; 1 renders in-process). */
  readonly jobs?: number;
  /**
   * Dev mode: what the previous build wrote. Given one, the build updates the output
   * folder in place, writing only changed files, and updates the manifest.
   */
  readonly manifest?: OutputManifest;
  /**
   * Build every post that can be built, report the rest and swap the output in even
   * when there are errors (the result still carries the errors).
   */
  readonly keepGoing?: boolean;
  /** Overrides `search` from the config (`--no-search`). */
  readonly search?: boolean;
  /**
   * Dev mode: re-indexing after an in-place update is handed to this (to run after the
   * page reloads) instead of delaying the rebuild; without it the build waits for it.
   */
  readonly deferSearchIndex?: (index: () => Promise<SearchIndexResult>) => void;
  /** Replace a non-empty output folder that Lanyard did not create (`--force`). */
  readonly force?: boolean;
  /** False: read and render everything but write nothing (`lanyard check`); the files are returned. */
  readonly write?: boolean;
  /**
   * A Markdown worker the caller started before loading the build (the CLI does, so that
   * loading the processor overlaps loading Lanyard). The build uses it if any post needs
   * rendering, and closes it either way.
   */
  readonly warm?: WarmWorker;
  /** Bytes of rendered pages held in memory before the rest are spooled to disk (output/spool.ts). */
  readonly holdPagesUpTo?: number;
  /**
   * Characters of Markdown bodies held in memory, from reading to rendering (default
   * {@link BODIES_HELD_IN_MEMORY}); the others are read again from their files when sent.
   */
  readonly holdBodiesUpTo?: number;
  /**
   * Dev mode: output files to leave as they are in an in-place update (pages the dev
   * server rendered itself, from a newer edit, after this build read its sources).
   */
  readonly leaveAlone?: (outputPath: string) => boolean;
}

/** What a build is doing now. */
export interface BuildProgress {
  readonly stage: BuildStage;
  /** For `markdown`: bodies rendered so far, and in all. */
  readonly done?: number;
  readonly total?: number;
}

export type BuildStage = 'config' | 'read' | 'markdown' | 'site' | 'templates' | 'feeds' | 'write';

export interface BuildStats {
  /** Milliseconds spent in each stage (`--verbose`). */
  readonly timings?: Readonly<Partial<Record<BuildStage, number>>>;
  readonly posts: number;
  readonly pages: number;
  readonly tags: number;
  readonly categories: number;
  readonly files: number;
  readonly drafts: number;
  readonly future: number;
  /** Pages and feeds rendered by this build. */
  readonly rendered?: number;
  /** Pages and feeds the previous build wrote that were kept as they were, not rendered again. */
  readonly kept?: number;
  readonly milliseconds: number;
  /** The search index, when one was built: pages indexed and the time it took. */
  readonly search?: { readonly pages: number; readonly milliseconds: number };
}

export interface BuildResult {
  readonly outDir: string;
  /** True when the new output was swapped in (no errors), or was already up to date. */
  readonly written: boolean;
  /** True when nothing changed since the last build, which left the output as it was. */
  readonly upToDate: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: BuildStats;
  /** Source text of files named in diagnostics, to show the offending lines. */
  readonly sources: ReadonlyMap<string, string>;
  /** What happened to the posts, and every problem grouped by reason. */
  readonly report: MigrationReport;
  /** Posts left out, in path order. */
  readonly skipped: readonly SkippedPost[];
  /**
   * Dev mode's in-place updates: the output files written or deleted (undefined when the
   * whole output was written, as by the first build).
   */
  readonly changed?: readonly string[];
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
  const held: Held = { warm: options.warm };
  try {
    return await runBuild(options, held);
  } finally {
    await closeWarmWorker(held.warm);
    await held.spool?.dispose();
  }
}

/** What a build holds that must be let go however it ends: a warm worker, the spool of rendered pages. */
interface Held {
  warm?: WarmWorker | undefined;
  spool?: Spool | undefined;
}

/** The build; a worker it starts early is left in `held`, for {@link build} to close whatever happens. */
async function runBuild(options: BuildOptions, held: Held): Promise<BuildResult> {
  const started = performance.now();
  const sourceDir = path.resolve(options.sourceDir);
  const outDir = path.resolve(options.outDir ?? path.join(sourceDir, 'dist'));
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  let layout: MigrationReport['layout'] = 'lanyard';
  let failedPosts = 0;
  let searchStats: BuildStats['search'];
  const skippedPosts: SkippedPost[] = [];
  const write = options.write !== false;
  const finish = (written: boolean, counts: Partial<BuildStats> = {}, upToDate = false, extra?: Pick<BuildResult, 'files' | 'basePath' | 'plannedPaths' | 'changed'>): BuildResult => ({
    outDir,
    written,
    upToDate,
    diagnostics,
    sources,
    skipped: skippedPosts,
    ...extra,
    stats: { posts: 0, pages: 0, tags: 0, categories: 0, files: 0, drafts: 0, future: 0, ...counts, milliseconds: Math.round(performance.now() - started), timings: { ...timings }, ...(searchStats === undefined ? {} : { search: searchStats }) },
    report: summarizeBuild(layout, diagnostics, { built: counts.posts ?? 0, failed: failedPosts, drafts: counts.drafts ?? 0, future: counts.future ?? 0 }),
  });

  if (write) {
    // Put back an output left aside by a build killed mid-swap, before anything else.
    await recoverOutput(outDir);
    diagnostics.push(...(await checkOutputFolder(outDir, sourceDir, options.force === true)));
  }
  const timings: Partial<Record<BuildStage, number>> = {};
  let stage: BuildStage = 'config';
  let stageStarted = performance.now();
  const enter = (next: BuildStage): void => {
    timings[stage] = Math.round((timings[stage] ?? 0) + performance.now() - stageStarted);
    stage = next;
    stageStarted = performance.now();
    options.onProgress?.({ stage: next });
  };
  options.onProgress?.({ stage });
  const configResult = await loadConfig(sourceDir, options.basePath);
  diagnostics.push(...configResult.diagnostics);
  if (!configResult.ok) return finish(false);
  const config = options.search === undefined ? configResult.value : { ...configResult.value, search: options.search };
  layout = config.dialect?.layout ?? 'lanyard';
  if (config.urlIsDefault) {
    diagnostics.push(warning('url-missing', `\`url\` is not set: feeds, the sitemap and canonical links use ${DEFAULT_URL}`, { file: 'lanyard.yml', hint: 'set `url: https://your.domain` in lanyard.yml before publishing' }));
  }

  const found = await discover(sourceDir, undefined, { dialect: config.dialect, outDir });
  diagnostics.push(...found.diagnostics);

  // Nothing changed since the last successful build, and its output is untouched: done.
  const useDisk = write && options.diskCache !== false && options.manifest === undefined;
  // What the last build knew of each post's file: from the cache folder, or in dev from memory.
  const inMemory = options.cache?.inputs;
  const records = useDisk ? await loadInputRecords(sourceDir) : inMemory?.records;
  // The key of all inputs (templates, static files too) is only for the CLI's "up to date" check.
  const hashed = useDisk ? hashInputs(found, { config, drafts: options.drafts === true, future: options.future === true }, records) : undefined;
  const inputs: ReadInputs | undefined = hashed ?? (inMemory === undefined ? undefined : readInputs(found, records));
  if (hashed !== undefined) await saveInputRecords(sourceDir, hashed, records);
  if (inMemory !== undefined && inputs !== undefined) inMemory.records = inputs.records;
  const inputKey = hashed?.key;
  const last = inputKey === undefined ? undefined : await loadLastBuild(sourceDir, outDir);
  if (last !== undefined && last.inputKey === inputKey && last.stats['future'] === 0 && (await outputIntact(outDir, await loadWrittenFiles(sourceDir, outDir)))) {
    diagnostics.splice(0, diagnostics.length, ...last.diagnostics);
    for (const [file, text] of last.sources) sources.set(file, text);
    return finish(true, last.stats, true);
  }
  const markdownOptions = { basePath: config.basePath, sanitize: config.markdown.sanitize };
  const now = (options.now ?? new Date()).getTime();
  const skipped: Record<Skip, number> = { draft: 0, future: 0 };
  const include = (document: ParsedPage): Skip | undefined => {
    if (document.draft && options.drafts !== true) return 'draft';
    if (document.date !== undefined && document.date.epochMs > now && options.future !== true) return 'future';
    return undefined;
  };

  // Posts in a drafts folder may have no date at all: without --drafts they are never read.
  const draftFiles = found.posts.filter((source) => source.draft === true && options.drafts !== true);
  skipped.draft += draftFiles.length;
  // Reading is I/O-bound: read every source concurrently, then handle them in path order.
  const sourcesInOrder = [...found.posts.filter((source) => !draftFiles.includes(source)), ...found.pages];
  const configKey = hashParts(JSON.stringify(config));
  const documentCache = options.cache?.documents?.open() ?? (useDisk ? await openDocumentCache(sourceDir) : undefined);
  const documentKeys = sourcesInOrder.map((source) => {
    const hash = inputs?.hashes.get(source.absolutePath);
    return hash === undefined ? undefined : documentKey(configKey, source, hash);
  });
  // A post the cache has not seen will likely need rendering: start a worker now, so that
  // loading the Markdown processor overlaps reading (renderBodies uses it, and closes it).
  const jobs = options.jobs ?? defaultJobs();
  const unseenCount = documentKeys.filter((key) => key === undefined || documentCache?.has(key) !== true).length;
  const unseen = unseenCount > 0;
  // Many posts to read and likely render (a cold build): bound the heap's growth from now on (memory.ts).
  if (options.manifest === undefined && unseenCount >= COLLECT_FROM) boundHeapGrowth();
  // (Not in dev: there the processor stays loaded in this thread, which renders an edit at once.)
  const wanted = useDisk && jobs > 1 && unseen;
  if (!wanted) await closeWarmWorker(held.warm);
  const warm = wanted ? (held.warm ?? startWarmWorker()) : undefined;
  held.warm = warm;
  if (warm !== undefined) prepareWarmWorker(warm, markdownOptions);
  enter('read');
  const legacyOptions = { headingsWithoutSpace: config.markdown.headingsWithoutSpace ?? config.dialect !== undefined };
  const optionsKey = renderOptionsKey(markdownOptions);
  // A post the last build read without any problem, unchanged since, is taken from the
  // document cache as it is, body and all: its file is not even read (read-document.ts).
  const located = await mapConcurrent(sourcesInOrder, IO_CONCURRENCY, async (source, index): Promise<Located> => {
    const key = documentKeys[index];
    const prepared = key === undefined ? undefined : documentCache?.prepared(key);
    if (prepared !== undefined) return { ...preparedDocument(source, prepared, legacyOptions, optionsKey), key };
    return { ...(await readDocument(source, config, configKey, documentCache, knownBytes(inputs, source.absolutePath))), key };
  });
  // The bytes are decoded now: let them go (36 MB on a 4,000-post site).
  inputs?.bytes.clear();
  const sorted = includeDocuments(sourcesInOrder, located, include, { diagnostics, sources });
  const included = sorted.included;
  failedPosts += sorted.failed;
  for (const post of sorted.skipped) {
    skipped[post.reason]++;
    skippedPosts.push(post);
  }
  located.length = 0;
  // Template tags in bodies need every post's URL (`post_url`), so they are converted once all are located.
  const findPost = indexPosts(included.filter((entry) => entry.parsed.source.kind === 'post'), config.dialect);
  if (included.some(({ parsed }) => hasTemplateTags(parsed.body))) await prepareTemplateTags();
  const { bodies, preparable, markdownHeld, prepared } = prepareBodies(included, { config, legacyOptions, optionsKey, findPost, holdUpTo: options.holdBodiesUpTo ?? BODIES_HELD_IN_MEMORY }, { diagnostics, sources });
  // The files' text and raw bodies are let go before rendering (on a 4,000-post site, tens
  // of MB): a body whose rendering fails has its file read again for the error's source.
  included.forEach((entry, index) => (included[index] = { ...entry, parsed: { ...entry.parsed, body: '' }, text: undefined }));
  // A one-off build with much to render lets the garbage of each big stage go before the
  // next (memory.ts); dev, which keeps its process, is left to the collector's own pace.
  const collecting = options.manifest === undefined && prepared >= COLLECT_FROM;
  if (collecting) {
    collectGarbage();
    boundHeapGrowth();
  }
  let collectedAt = 0;
  enter('markdown');
  const contents = await renderBodies(bodies, markdownOptions, {
    onRendered: (done, total) => {
      options.onProgress?.({ stage: 'markdown', done, total });
      // The results received are garbage once their summaries are taken and HTML saved.
      if (collecting && done >= collectedAt + COLLECT_EVERY) {
        collectedAt = done;
        collectGarbage();
      }
    },
    memo: options.cache?.markdown,
    // `check` (write: false) writes nothing, not even the cache.
    disk: !write || options.diskCache === false ? undefined : openDiskCache(sourceDir),
    jobs,
    warm,
  });
  markdownHeld.clear();
  for (const [index, key] of preparable) {
    const bodyKey = contents.keys[index];
    if (bodyKey !== undefined && contents.outcomes[index]?.ok === true) documentCache?.setBodyKey(key, bodyKey);
  }
  await documentCache?.save();
  const { posts, pages, keys, failed } = collectRendered(included, contents, { diagnostics, sources });
  failedPosts += failed;
  included.length = 0;

  if (collecting) collectGarbage();
  enter('site');
  const { site, diagnostics: siteDiagnostics } = buildSite(posts, pages, config);
  diagnostics.push(...siteDiagnostics);
  const routes = planRoutes(site, config);
  const contexts = createContext(site, config);
  const siteTemplates = found.templateRoots.length > 1 ? found.templateRoots[0] : undefined;
  // Pages and feeds are fingerprinted when a cache can use that: dev's memo, or the previous build's output.
  const feedPlans = planFeeds(site, config);
  const fingerprinting = options.cache?.pages !== undefined || useDisk;
  // What the previous build wrote, and its pages' fingerprints: from the cache folder, or in dev from memory.
  const lastOutput = options.manifest === undefined ? undefined : options.cache?.lastOutput;
  const previousPages = useDisk ? await loadPageFingerprints(sourceDir, outDir) : lastOutput?.pages ?? new Map<string, string>();
  const identities = fingerprinting ? documentIdentities([...site.posts, ...site.pages], talksByPost(site.talks), (document) => keys.get(document) ?? { document: undefined, body: '' }, (document) => documentLanguage(document, config)) : { full: new Map<RenderedPost | RenderedPage, string>(), light: new Map<RenderedPost | RenderedPage, string>() };
  const salt = fingerprinting ? await templateSalt(found.templateFiles, config) : '';
  const fingerprintOf = fingerprinting ? routeFingerprints(routes, site, { salt, siteKey: hashParts(JSON.stringify(contexts.siteView)), identities: identities.full, lightIdentities: identities.light }) : undefined;
  // A page is compared by the kind of fingerprint its last rendering recorded (fingerprint.ts `LIGHT`).
  const fingerprints = fingerprintOf === undefined ? undefined : routes.map((route, index) => fingerprintOf(index, previousPages.get(route.outputPath)?.startsWith(LIGHT) === true));
  const feedPrints = fingerprinting ? fingerprintFeeds(feedPlans, config, { salt, identities: identities.full }) : [];
  const feedPrinted = fingerprinting ? feedPlans.map((plan, index) => [plan.outputPath, feedPrints[index] ?? ''] as const) : [];
  const printed = fingerprints === undefined ? [] : [...routes.map((route, index) => [route.outputPath, fingerprints[index] ?? ''] as const), ...feedPrinted];
  const previous = useDisk ? await loadWrittenFiles(sourceDir, outDir) : lastOutput?.written ?? new Map<string, WrittenFile>();
  const reusable = previous.size > 0 ? keptFiles(printed, previousPages, previous, outDir) : new Map<string, WrittenFile>();
  // Many pages to render (a template edit, say): bound the heap's growth for their garbage (memory.ts).
  if (options.manifest === undefined && routes.length - reusable.size >= COLLECT_FROM) boundHeapGrowth();
  enter('templates');
  const engine = createEngine(found.templateRoots, config);
  const rendered = await renderRoutes({
    engine,
    routes,
    templateNames: found.templateNames,
    contextFor: contexts.contextFor,
    ...(siteTemplates === undefined ? {} : { templateRoot: siteTemplates }),
    ...(fingerprints === undefined || fingerprintOf === undefined ? {} : { fingerprints, fingerprintAs: fingerprintOf }),
    ...(options.cache?.pages === undefined ? {} : { memo: options.cache.pages }),
    reuse: (outputPath) => reusable.get(outputPath),
    // Pages of a big site wait on disk, not in memory; not in dev (its memo keeps pages) nor for `check`.
    ...(write && options.manifest === undefined ? { spool: (held.spool = createSpool(outDir, options.holdPagesUpTo)), unchanged: (outputPath: string, contents: Uint8Array) => unchangedFile(previous, outDir, outputPath, contents) } : {}),
  });
  diagnostics.push(...rendered.diagnostics);
  await held.spool?.flush();

  enter('feeds');
  const redirects = buildRedirects([...posts, ...pages], config);
  diagnostics.push(...redirects.diagnostics);
  const generated = [...rendered.files, ...buildFeeds(feedPlans, config, (plan) => reusable.get(plan.outputPath)), buildSitemap(routes, config), buildRobots(config), ...buildTalkData(site, config), ...redirects.files, markerFile()];
  const staticFiles = found.staticFiles.map((file) => ({ outputPath: file.outputPath, origin: path.relative(sourceDir, file.sourcePath) || file.sourcePath, copyFrom: file.sourcePath }));
  const kept = config.dialect === undefined ? { files: staticFiles, diagnostics: [] } : dropReplacedStatic(staticFiles, generated);
  diagnostics.push(...kept.diagnostics);
  let files: OutputFile[] = [...generated, ...kept.files];
  const collisions = findCollisions(files);
  diagnostics.push(...collisions);
  if (collisions.length > 0 && options.keepGoing === true) files = firstClaims(files);
  if (config.search) diagnostics.push(...findReserved(files));
  const counts = { posts: posts.length, pages: pages.length, tags: site.tags.length, categories: site.categories.length, files: files.length, drafts: skipped.draft, future: skipped.future, ...renderedAndKept(files, routes.length + feedPlans.length) };
  if (!write) return finish(false, counts, false, { files, basePath: config.basePath, plannedPaths: routes.map((route) => route.outputPath) });
  if (hasErrors(diagnostics) && options.keepGoing !== true) return finish(false, counts);
  const language = config.search ? chooseSearchLanguage([...site.posts, ...site.pages].map((document) => documentLanguage(document, config)), config.language) : undefined;
  const hooks: WriteHooks = language === undefined ? {} : {
    beforeSwap: async (dir, inPlace) => {
      if (inPlace && options.deferSearchIndex !== undefined) {
        options.deferSearchIndex(() => writeSearchIndex(dir, { language, replace: true }));
        return true;
      }
      const indexed = await writeSearchIndex(dir, { language, replace: inPlace });
      diagnostics.push(...indexed.diagnostics);
      searchStats = { pages: indexed.pages, milliseconds: indexed.milliseconds };
      return !hasErrors(indexed.diagnostics);
    },
  };
  if (options.manifest === undefined && rendered.files.filter((file) => !('reuse' in file)).length >= COLLECT_FROM) collectGarbage();
  enter('write');
  if (useDisk) await forgetWrittenFiles(sourceDir);
  const { swapped, written, changed } = await writeOutput(files, outDir, options.manifest, { previous, ...hooks, ...(options.leaveAlone === undefined ? {} : { leaveAlone: options.leaveAlone }) });
  // With colliding paths (kept going), a file may not be its route's page: no page is recorded.
  // Each page's fingerprint as its rendering recorded it (or as compared, when kept).
  const recorded = fingerprints === undefined ? [] : [...routes.map((route, index) => [route.outputPath, rendered.fingerprints[index] ?? ''] as const), ...feedPrinted];
  const pageRecord = new Map(collisions.length === 0 ? recorded.filter(([outputPath]) => written.has(outputPath)) : []);
  if (swapped && useDisk) {
    await saveWrittenFiles(sourceDir, outDir, written);
    await savePageFingerprints(sourceDir, outDir, pageRecord);
  }
  if (swapped && lastOutput !== undefined) {
    lastOutput.written = written;
    lastOutput.pages = pageRecord;
  }
  const model = options.cache?.model;
  if (swapped && model !== undefined) {
    // Dev's fast render starts from the last build written without any error.
    model.current = hasErrors(diagnostics) || collisions.length > 0 ? undefined : { config, configKey, markdownOptions, legacyOptions, site, routes, engine, templateNames: found.templateNames };
  }
  // Only a build without errors is recorded as the base of the next warm build.
  if (swapped && inputKey !== undefined && !hasErrors(diagnostics)) await saveLastBuild(sourceDir, { inputKey, outDir, stats: counts, diagnostics, sources: [...sources] });
  timings.write = Math.round((timings.write ?? 0) + performance.now() - stageStarted);
  return finish(swapped, counts, false, changed === undefined ? undefined : { changed });
}

/** From this many bodies or pages to render, a build collects garbage between its big stages (memory.ts). */
const COLLECT_FROM = 1000;
/** While rendering Markdown, such a build collects after each this many bodies. */
const COLLECT_EVERY = 1000;
/**
 * Characters of Markdown held in memory between reading and rendering; past them, bodies
 * are read again from their files when sent to be rendered. On a 4,000-post site, holding
 * them all kept some 30 MB alive into the Markdown stage, where memory peaks; reading them
 * again costs about 0.1 ms a post.
 */
export const BODIES_HELD_IN_MEMORY = 4_000_000;

/** What {@link prepareBodies} needs to turn a document's body into the Markdown to render. */
interface BodyContext {
  readonly config: SiteConfig;
  readonly legacyOptions: LegacyMarkdownOptions;
  /** The Markdown options' part of every render key (cache.ts). */
  readonly optionsKey: string;
  readonly findPost: ReturnType<typeof indexPosts>;
  /** Characters of Markdown to hold in memory until sent ({@link BODIES_HELD_IN_MEMORY}). */
  readonly holdUpTo: number;
}

/** Where a stage reports: its diagnostics, and the text of the files they name. */
interface Report {
  readonly diagnostics: Diagnostic[];
  readonly sources: Map<string, string>;
}

/**
 * Each included document's body as it goes to {@link renderBodies}: template tags
 * converted and legacy Markdown prepared, problems reported. A body without template tags
 * is held in `markdownHeld` only until first asked for (to be sent for rendering), and only
 * up to `holdUpTo` characters in all; the others, or a body needed again, are read again
 * from their files. `preparable` holds the document key of each document whose prepared
 * body depends on nothing but its own bytes and the config, with no problem, by index.
 * `prepared` counts the bodies prepared here (not taken from the document cache).
 */
function prepareBodies(included: readonly Included[], context: BodyContext, report: Report): { bodies: MarkdownBody[]; preparable: Map<number, string>; markdownHeld: Map<number, string>; prepared: number } {
  const { config, legacyOptions, optionsKey, findPost } = context;
  const preparable = new Map<number, string>();
  const markdownHeld = new Map<number, string>();
  let heldCharacters = 0;
  let preparedHere = 0;
  const bodies = included.map(({ parsed, location, text, body: prepared, cleanKey }, index): MarkdownBody => {
    if (prepared !== undefined) return prepared;
    preparedHere++;
    const tags = hasTemplateTags(parsed.body);
    const body = convertTemplateTags(parsed.body, { file: parsed.source.path, bodyLine: parsed.bodyLine, basePath: config.basePath, origin: config.origin, postUrl: location.url, findPost });
    report.diagnostics.push(...body.diagnostics);
    if (body.diagnostics.length > 0 && text !== undefined) report.sources.set(parsed.source.path, text);
    const legacy = prepareLegacyMarkdown(body.markdown, legacyOptions);
    for (const found of legacy.warnings) report.diagnostics.push(warning(found.code, found.message, { file: parsed.source.path, line: parsed.bodyLine + found.line - 1, hint: 'close the block with the same fence on its own line' }));
    if (legacy.warnings.length > 0 && text !== undefined) report.sources.set(parsed.source.path, text);
    if (cleanKey !== undefined && !tags && legacy.warnings.length === 0) preparable.set(index, cleanKey);
    if (tags) return legacy.markdown;
    const key = renderKey(optionsKey, legacy.markdown);
    if (heldCharacters + legacy.markdown.length > context.holdUpTo) return rereadable(parsed.source, legacyOptions, optionsKey, key);
    heldCharacters += legacy.markdown.length;
    markdownHeld.set(index, legacy.markdown);
    return heldBody(key, markdownHeld, index, rereadable(parsed.source, legacyOptions, optionsKey, key));
  });
  return { bodies, preparable, markdownHeld, prepared: preparedHere };
}

/** A body held in `held` until first asked for, then read again from its file. Made apart, so that the closure holds nothing else. */
function heldBody(key: string, held: Map<number, string>, index: number, reread: KeyedBody): KeyedBody {
  return { key, load: () => takeHeld(held, index) ?? reread.load() };
}

/**
 * The documents to render, in path order, from what reading gave: the ones that failed to
 * read are reported (and counted in `failed` when posts), drafts and future posts set aside
 * in `skipped`, and bodies too big or too deep to render refused (reported, counted).
 */
function includeDocuments(sourcesInOrder: readonly SourceFile[], located: readonly Located[], include: (document: ParsedPage) => Skip | undefined, report: Report): { included: Included[]; failed: number; skipped: SkippedPost[] } {
  const included: Included[] = [];
  const skipped: SkippedPost[] = [];
  let failed = 0;
  for (const [index, source] of sourcesInOrder.entries()) {
    const result = located[index];
    if (result === undefined) continue;
    report.diagnostics.push(...result.diagnostics);
    if (result.diagnostics.length > 0 && result.text !== undefined) report.sources.set(source.path, result.text);
    if (result.document === undefined) {
      if (source.kind === 'post' && hasErrors(result.diagnostics)) failed++;
      continue;
    }
    const skip = include(result.document.parsed);
    if (skip !== undefined) {
      skipped.push({ file: source.path, reason: skip });
      continue;
    }
    if (result.prepared !== undefined) {
      included.push({ ...result.document, text: undefined, body: result.prepared, key: result.key, frontKey: result.frontKey });
      continue;
    }
    // Bodies that would take minutes or overflow the stack are refused before rendering.
    const problem = findLimitProblem(result.document.parsed.body);
    if (problem !== undefined) {
      report.diagnostics.push(limitDiagnostic(problem, source.path, result.document.parsed.bodyLine));
      if (result.text !== undefined) report.sources.set(source.path, result.text);
      if (source.kind === 'post') failed++;
      continue;
    }
    included.push({ ...result.document, text: result.text, key: result.key, cleanKey: result.diagnostics.length === 0 ? result.key : undefined });
  }
  return { included, failed, skipped };
}

/**
 * The rendered posts (dated ones) and pages, each with its keys, in order; a body that
 * failed to render is reported (its file read again for the error's source) and counted
 * in `failed` when it is a post's.
 */
function collectRendered(included: readonly Included[], contents: RenderedBodies, report: Report): { posts: RenderedPost[]; pages: RenderedPage[]; keys: Map<RenderedPost | RenderedPage, DocumentKeys>; failed: number } {
  const posts: RenderedPost[] = [];
  const pages: RenderedPage[] = [];
  const keys = new Map<RenderedPost | RenderedPage, DocumentKeys>();
  let failed = 0;
  for (const [index, { parsed, location, key, frontKey }] of included.entries()) {
    const outcome = contents.outcomes[index] as RenderOutcome;
    if (!outcome.ok) {
      report.diagnostics.push(outcome.sourceChanged === true ? sourceChanged(outcome.message, parsed.source.path) : renderFailure(outcome.message, outcome.stackOverflow, parsed.source.path, parsed.bodyLine));
      const text = rereadText(parsed.source);
      if (text !== undefined) report.sources.set(parsed.source.path, text);
      if (parsed.source.kind === 'post') failed++;
      continue;
    }
    const document = { ...parsed, ...location, content: outcome.value };
    keys.set(document, { document: key, body: contents.keys[index] ?? '', front: frontKey });
    if (parsed.source.kind === 'page') pages.push(document);
    else if (isDated(document)) posts.push(document);
  }
  return { posts, pages, keys, failed };
}

/** A post whose file changed while the build ran, after its front matter was read ({@link SOURCE_CHANGED}). */
function sourceChanged(message: string, file: string): Diagnostic {
  return error('source-changed', message, { file, hint: 'build again (the changed file is read anew)' });
}

/** The value held at `index`, taken out of the map. */
function takeHeld<T>(held: Map<number, T>, index: number): T | undefined {
  const value = held.get(index);
  held.delete(index);
  return value;
}

/** A post or page as read: from its file, or prepared from the document cache (with its front key, if stored); `key` is its document key. */
type Located = ReadOutcome & { readonly key: string | undefined; readonly prepared?: MarkdownBody; readonly frontKey?: string | undefined };

/** A document to render: `body` when prepared from the cache, else `cleanKey` when it was read with no problem. */
interface Included {
  readonly parsed: ParsedPage;
  readonly location: Location;
  readonly text: string | undefined;
  readonly body?: MarkdownBody;
  /** Its document key (read-document.ts), when its file's hash is known. */
  readonly key?: string | undefined;
  readonly cleanKey?: string | undefined;
  /** Its front key (document-cache.ts), when the document cache had it. */
  readonly frontKey?: string | undefined;
}

/** A source's hash, and its bytes when {@link hashInputs} read them. */
function knownBytes(inputs: ReadInputs | undefined, file: string): ReadBytes | undefined {
  const hash = inputs?.hashes.get(file);
  return hash === undefined ? undefined : { bytes: inputs?.bytes.get(file), hash };
}

/** How many of the build's pages and feeds were rendered, and how many kept from the previous build. */
function renderedAndKept(files: readonly OutputFile[], pagesAndFeeds: number): { rendered: number; kept: number } {
  const kept = files.filter((file) => 'reuse' in file && file.rendered !== true).length;
  return { rendered: pagesAndFeeds - kept, kept };
}

/**
 * The previous build's files that can stay as they are: their fingerprint (a page's or
 * a feed's) is unchanged and the file is still as that build wrote it.
 */
function keptFiles(printed: readonly (readonly [string, string])[], before: ReadonlyMap<string, string>, written: ReadonlyMap<string, WrittenFile>, outDir: string): Map<string, WrittenFile> {
  const kept = new Map<string, WrittenFile>();
  for (const [outputPath, fingerprint] of printed) {
    const file = written.get(outputPath);
    if (file === undefined || before.get(outputPath) !== fingerprint) continue;
    if (isIntact(outDir, outputPath, file)) kept.set(outputPath, file);
  }
  return kept;
}

/** The previous build's file for a page rendered again, when it holds these very bytes and is intact. */
function unchangedFile(written: ReadonlyMap<string, WrittenFile>, outDir: string, outputPath: string, contents: Uint8Array): WrittenFile | undefined {
  const file = written.get(outputPath);
  // The size first: most changed pages are told apart without hashing them.
  if (file === undefined || file.size !== contents.byteLength || file.hash !== hashParts(contents)) return undefined;
  return isIntact(outDir, outputPath, file) ? file : undefined;
}

/** Hash of every template's text and the config: part of each rendered page's memo key. */
async function templateSalt(files: readonly string[], config: SiteConfig): Promise<string> {
  const texts = await mapConcurrent(files, IO_CONCURRENCY, (file) => readFile(file));
  return hashParts(JSON.stringify(config), ...files.flatMap((file, index) => [file, texts[index] ?? '']));
}
