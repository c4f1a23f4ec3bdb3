// Assembles the site model: posts newest first, terms, yearly archives.
import type { SiteConfig } from '../config/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import { compare } from '../discover.js';
import type { RenderedPage, RenderedPost, Site, YearArchive } from '../types.js';
import { locatePath } from './permalink.js';
import { collectTalks } from './talks.js';
import { collectTerms } from './taxonomy.js';

/** Newest first; posts with the same instant are ordered by source path. */
export function comparePosts(a: RenderedPost, b: RenderedPost): number {
  return b.date.epochMs - a.date.epochMs || compare(a.source.path, b.source.path);
}

/** The collator used for every term and name list. */
export function createCollator(language: string): Intl.Collator {
  return new Intl.Collator([language, 'zh-CN', 'en'], { numeric: true, sensitivity: 'base' });
}

/** Builds the site model from rendered posts and pages. */
export function buildSite(posts: readonly RenderedPost[], pages: readonly RenderedPage[], config: SiteConfig): { site: Site; diagnostics: Diagnostic[] } {
  const sorted = [...posts].sort(comparePosts);
  const collator = createCollator(config.language);
  const tags = collectTerms(sorted, 'tags', config.basePath, collator);
  const categories = collectTerms(sorted, 'categories', config.basePath, collator);
  const talks = collectTalks(sorted, config);
  const site: Site = {
    posts: sorted,
    pages: [...pages].sort((a, b) => compare(a.source.path, b.source.path)),
    tags: tags.terms,
    categories: categories.terms,
    years: groupByYear(sorted, config.basePath),
    events: talks.events,
    speakers: talks.speakers,
    talks: talks.talks,
  };
  return { site, diagnostics: [...tags.diagnostics, ...categories.diagnostics, ...talks.diagnostics] };
}

function groupByYear(posts: readonly RenderedPost[], basePath: string): YearArchive[] {
  const years = new Map<string, RenderedPost[]>();
  for (const post of posts) {
    const list = years.get(post.date.year) ?? [];
    list.push(post);
    years.set(post.date.year, list);
  }
  return [...years].map(([year, list]) => {
    const located = locatePath(`/archives/${year}/`, basePath);
    return { year, url: located.ok ? located.value.url : '', posts: list };
  });
}
