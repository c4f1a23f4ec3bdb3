// Plain views for templates, built from the site model. Templates never see the
// internal model, so they cannot reach unrendered content or trigger more work.
import { DateTime } from 'luxon';
import type { SiteConfig } from '../config/schema.js';
import { slugify } from '../content/slug.js';
import type { PostDate, RenderedPage, RenderedPost, Route, Site, Term, TocEntry } from '../types.js';

export interface DateView {
  readonly iso: string;
  /** Long date in the document's language: `August 30, 2015`, `2015年8月30日`. */
  readonly display: string;
  readonly year: string;
  readonly month: string;
  readonly day: string;
}

export interface TermView {
  readonly name: string;
  readonly slug: string;
  readonly url: string;
  readonly count: number;
}

export interface LinkView {
  readonly title: string;
  readonly url: string;
}

export interface PostView {
  readonly kind: 'post' | 'page';
  readonly title: string;
  readonly url: string;
  readonly absoluteUrl: string;
  readonly lang: string;
  readonly date: DateView | undefined;
  readonly updated: DateView | undefined;
  /** True when `updated` is a different day or time than `date`. */
  readonly isUpdated: boolean;
  readonly author: string | undefined;
  readonly tags: readonly TermView[];
  readonly categories: readonly TermView[];
  /** Excerpt as HTML: front-matter text (escaped), the part before `<!-- more -->`, or the automatic one. */
  readonly excerpt: string;
  readonly excerptText: string;
  readonly description: string;
  readonly content: string;
  readonly toc: readonly TocEntry[];
  readonly showToc: boolean;
  /** Every front-matter key as written. */
  readonly data: Readonly<Record<string, unknown>>;
}

export interface SiteView {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly basePath: string;
  readonly language: string;
  readonly timezone: string;
  readonly author: SiteConfig['author'];
  readonly postCount: number;
  readonly tags: readonly TermView[];
  readonly categories: readonly TermView[];
  readonly pages: readonly LinkView[];
  readonly generator: string;
}

/** Builds views once per build and the template context of each route. */
export function createViews(site: Site, config: SiteConfig): { site: SiteView; contextFor: (route: Route) => Record<string, unknown> } {
  const termUrls = { tags: termMap(site.tags), categories: termMap(site.categories) };
  const cache = new Map<RenderedPost | RenderedPage, PostView>();
  const view = (document: RenderedPost | RenderedPage): PostView => {
    let result = cache.get(document);
    if (result === undefined) {
      result = toPostView(document, config, termUrls);
      cache.set(document, result);
    }
    return result;
  };
  const siteView: SiteView = {
    title: config.title,
    description: config.description,
    url: config.url,
    basePath: config.basePath,
    language: config.language,
    timezone: config.timezone,
    author: config.author,
    postCount: site.posts.length,
    tags: site.tags.map(toTermView),
    categories: site.categories.map(toTermView),
    pages: site.pages.map((page) => ({ title: page.title, url: page.url })),
    generator: 'Lanyard',
  };
  const contextFor = (route: Route): Record<string, unknown> => {
    const base = { site: siteView, page: { url: route.url, absoluteUrl: config.url + stripBase(route.url, config.basePath), kind: route.data.kind, lang: config.language } };
    const data = route.data;
    switch (data.kind) {
      case 'post':
      case 'page': {
        const document = data.kind === 'post' ? data.post : data.page;
        const post = view(document);
        const neighbours = data.kind === 'post' ? { previous: data.previous && view(data.previous), next: data.next && view(data.next) } : {};
        return { ...base, page: { ...base.page, title: post.title, lang: post.lang, description: post.description }, post, content: post.content, ...neighbours };
      }
      case 'home':
      case 'term': {
        const paginator = { number: data.pagination.number, total: data.pagination.total, posts: data.pagination.items.map(view), previousUrl: data.pagination.previousUrl, nextUrl: data.pagination.nextUrl };
        const term = data.kind === 'term' ? toTermView(data.term) : undefined;
        return { ...base, page: { ...base.page, title: term?.name ?? config.title, description: config.description }, paginator, term, taxonomy: data.kind === 'term' ? data.taxonomy : undefined };
      }
      case 'terms':
        return { ...base, page: { ...base.page, title: data.taxonomy }, taxonomy: data.taxonomy, terms: data.terms.map(toTermView) };
      case 'archive':
        return { ...base, page: { ...base.page, title: data.year ?? 'archives' }, year: data.year, years: data.years.map((y) => ({ year: y.year, url: y.url, count: y.posts.length, posts: y.posts.map(view) })) };
      case 'not-found':
        return { ...base, page: { ...base.page, title: '404' } };
    }
  };
  return { site: siteView, contextFor };
}

function toPostView(document: RenderedPost | RenderedPage, config: SiteConfig, terms: { tags: Map<string, TermView>; categories: Map<string, TermView> }): PostView {
  const lang = document.lang ?? config.language;
  const { content } = document;
  const excerptText = document.excerpt ?? content.more?.text ?? content.autoExcerpt;
  const excerpt = document.excerpt !== undefined ? `<p>${escapeHtml(document.excerpt)}</p>` : content.more?.html ?? (content.autoExcerpt === '' ? '' : `<p>${escapeHtml(content.autoExcerpt)}</p>`);
  return {
    kind: document.source.kind,
    title: document.title,
    url: document.url,
    absoluteUrl: config.url + stripBase(document.url, config.basePath),
    lang,
    date: document.date && toDateView(document.date, lang),
    updated: document.updated && toDateView(document.updated, lang),
    isUpdated: document.updated !== undefined && document.date !== undefined && document.updated.epochMs !== document.date.epochMs,
    author: document.author ?? config.author?.name,
    tags: lookupTerms(document.tags, terms.tags),
    categories: lookupTerms(document.categories, terms.categories),
    excerpt,
    excerptText,
    description: document.description ?? excerptText,
    content: content.html,
    toc: content.toc,
    showToc: (document.toc ?? config.toc) && content.headings.length >= 2,
    data: document.data,
  };
}

function toDateView(date: PostDate, lang: string): DateView {
  const local = DateTime.fromISO(date.iso, { setZone: true }).setLocale(lang);
  return { iso: date.iso, display: local.toLocaleString(DateTime.DATE_FULL), year: date.year, month: date.month, day: date.day };
}

function toTermView(term: Term): TermView {
  return { name: term.name, slug: term.slug, url: term.url, count: term.posts.length };
}

function termMap(terms: readonly Term[]): Map<string, TermView> {
  const map = new Map<string, TermView>();
  for (const term of terms) map.set(term.slug, toTermView(term));
  return map;
}

function lookupTerms(names: readonly string[], terms: Map<string, TermView>): TermView[] {
  return names.flatMap((name) => {
    const found = terms.get(slugify(name));
    return found === undefined ? [] : [found];
  });
}

function stripBase(url: string, basePath: string): string {
  return url.startsWith(basePath) ? `/${url.slice(basePath.length)}` : url;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
