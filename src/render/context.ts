// The template context of each route: `site`, `page` (SEO and language), and the
// route's own data as views.
import type { SiteConfig } from '../config/schema.js';
import { feedUrls } from '../feeds/feed.js';
import { absoluteUrl } from '../site/permalink.js';
import type { RenderedPage, RenderedPost, Route, Site } from '../types.js';
import { labelsFor, type Labels } from './i18n.js';
import { groupEventsByYear, markTalkHeadings, talksByPost, toSpeakerView, withTalks, type PostTalkFields } from './talk-views.js';
import { termLookup, toPostView, toTermView, type PostView, type TermView } from './views.js';

export interface SiteView {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly basePath: string;
  readonly language: string;
  readonly timezone: string;
  readonly author: SiteConfig['author'];
  readonly postCount: number;
  /** Posts with an `event`; the theme links `/events/` when there are any. */
  readonly eventCount: number;
  readonly speakerCount: number;
  readonly tags: readonly TermView[];
  readonly categories: readonly TermView[];
  readonly pages: readonly { readonly title: string; readonly url: string }[];
  readonly feeds: ReturnType<typeof feedUrls>;
  readonly generator: string;
  /** True when the site has a search index and `/search/` page. */
  readonly search: boolean;
}

/** What every template gets as `page`. */
export interface PageView {
  readonly kind: Route['data']['kind'];
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly absoluteUrl: string;
  readonly lang: string;
  /** Open Graph type. */
  readonly type: 'article' | 'website';
  readonly image: string | undefined;
  /** Feeds to announce with `<link rel="alternate">`: the site's, plus the term's on term pages. */
  readonly feeds: readonly { readonly type: string; readonly title: string; readonly url: string }[];
  /** Theme strings in the page's language. */
  readonly t: Labels;
}

export interface Contexts {
  /** The template context of one route. */
  readonly contextFor: (route: Route) => Record<string, unknown>;
  /** What every page shows of the site (part of each page's fingerprint). */
  readonly siteView: SiteView;
}

/** Builds the site view once and returns the context builder for routes. */
export function createContext(site: Site, config: SiteConfig): Contexts {
  const terms = { tags: termLookup(site.tags), categories: termLookup(site.categories) };
  const cache = new Map<RenderedPost | RenderedPage, PostView & PostTalkFields>();
  const postTalks = talksByPost(site.talks);
  const view = (document: RenderedPost | RenderedPage): PostView & PostTalkFields => {
    let cached = cache.get(document);
    if (cached === undefined) {
      const talks = isPost(document) ? postTalks.get(document) ?? [] : [];
      cached = withTalks(toPostView(document, config, terms, (html, lang) => markTalkHeadings(html, talks, labelsFor(lang))), document.event, talks, config);
      cache.set(document, cached);
    }
    return cached;
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
    eventCount: site.events.length,
    speakerCount: site.speakers.length,
    tags: site.tags.map(toTermView),
    categories: site.categories.map(toTermView),
    pages: site.pages.map((page) => ({ title: page.title, url: page.url })),
    feeds: feedUrls(config, '/'),
    generator: 'Lanyard',
    search: config.search,
  };
  const siteFeeds = [
    { type: 'application/atom+xml', title: config.title, url: siteView.feeds.atom },
    { type: 'application/rss+xml', title: config.title, url: siteView.feeds.rss },
    { type: 'application/feed+json', title: config.title, url: siteView.feeds.json ?? '' },
  ];

  const contextFor = (route: Route): Record<string, unknown> => {
    const page = (fields: Partial<PageView> & { title: string }): PageView => {
      const lang = fields.lang ?? config.language;
      return { kind: route.data.kind, description: config.description === '' ? config.title : config.description, url: route.url, absoluteUrl: absoluteUrl(config, route.url), lang, type: 'website', image: undefined, feeds: siteFeeds, t: labelsFor(lang), ...fields };
    };
    const t = labelsFor(config.language);
    const data = route.data;
    switch (data.kind) {
      case 'post':
      case 'page': {
        const post = view(data.kind === 'post' ? data.post : data.page);
        const neighbours = data.kind === 'post' ? { previous: data.previous && view(data.previous), next: data.next && view(data.next) } : {};
        const pageView = page({ title: post.title, lang: post.lang, description: post.description, type: data.kind === 'post' ? 'article' : 'website', image: post.image });
        return { site: siteView, page: pageView, post, content: post.content, jsonLd: data.kind === 'post' ? blogPosting(post, config) : undefined, ...neighbours };
      }
      case 'home':
      case 'term': {
        const term = data.kind === 'term' ? toTermView(data.term) : undefined;
        const paginator = {
          number: data.pagination.number,
          total: data.pagination.total,
          posts: data.pagination.items.map(view),
          previousUrl: data.pagination.previousUrl,
          nextUrl: data.pagination.nextUrl,
          label: t.pageOf.replace('{n}', String(data.pagination.number)).replace('{total}', String(data.pagination.total)),
        };
        const termFeeds = term === undefined ? [] : termFeedLinks(config, data.kind === 'term' ? data.taxonomy : 'tags', term);
        return { site: siteView, page: page({ title: term?.name ?? config.title, feeds: [...termFeeds, ...siteFeeds] }), paginator, term, taxonomy: data.kind === 'term' ? data.taxonomy : undefined };
      }
      case 'terms':
        return { site: siteView, page: page({ title: data.taxonomy === 'tags' ? t.tags : t.categories }), taxonomy: data.taxonomy, terms: data.terms.map(toTermView) };
      case 'archive':
        return { site: siteView, page: page({ title: data.year === undefined ? t.archive : `${t.archive} ${data.year}` }), year: data.year, years: data.years.map((y) => ({ year: y.year, url: y.url, count: y.posts.length, posts: y.posts.map(view) })) };
      case 'events':
        return { site: siteView, page: page({ title: t.events }), years: groupEventsByYear(data.events, config) };
      case 'speakers':
        return { site: siteView, page: page({ title: t.speakers }), speakers: data.speakers.map((speaker) => ({ ...toSpeakerView(speaker, config), talks: [] })) };
      case 'speaker':
        return { site: siteView, page: page({ title: data.speaker.name }), speaker: toSpeakerView(data.speaker, config) };
      case 'not-found':
        return { site: siteView, page: page({ title: t.notFound }) };
      case 'search':
        return { site: siteView, page: page({ title: t.search }) };
    }
  };
  return { contextFor, siteView };
}

function isPost(document: RenderedPost | RenderedPage): document is RenderedPost {
  return document.source.kind === 'post' && document.date !== undefined;
}

function termFeedLinks(config: SiteConfig, taxonomy: 'tags' | 'categories', term: TermView): PageView['feeds'] {
  const urls = feedUrls(config, `/${taxonomy}/${term.slug}/`);
  return [
    { type: 'application/atom+xml', title: `${config.title} · ${term.name}`, url: urls.atom },
    { type: 'application/rss+xml', title: `${config.title} · ${term.name}`, url: urls.rss },
  ];
}

/** schema.org `BlogPosting` for a post's JSON-LD block. */
function blogPosting(post: PostView, config: SiteConfig): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: post.description,
    url: post.absoluteUrl,
    mainEntityOfPage: post.absoluteUrl,
    inLanguage: post.lang,
    datePublished: post.date?.iso,
    dateModified: post.updated?.iso,
    wordCount: post.wordCount,
    keywords: post.tags.map((tag) => tag.name).join(', '),
    articleSection: post.categories.map((category) => category.name),
    ...(post.author === undefined ? {} : { author: { '@type': 'Person', name: post.author } }),
    ...(post.image === undefined ? {} : { image: post.image }),
    publisher: { '@type': 'Organization', name: config.title, url: `${config.url}/` },
  };
}
