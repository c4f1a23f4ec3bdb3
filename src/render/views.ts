// Plain views of posts, dates and terms for templates. Templates never see the
// internal model, so they cannot reach unrendered content or trigger more work.
import { DateTime } from 'luxon';
import type { SiteConfig } from '../config/schema.js';
import { slugify } from '../content/slug.js';
import { escapeHtml } from '../escape.js';
import { absoluteUrl } from '../site/permalink.js';
import type { PostDate, RenderedPage, RenderedPost, Term, TocEntry } from '../types.js';
import { noteBodyRead } from './body-reads.js';
import { documentLanguage } from './language.js';

/** Reading speeds: Chinese/Japanese/Korean characters and other words per minute. */
export const CJK_PER_MINUTE = 400;
export const WORDS_PER_MINUTE = 200;

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

export interface PostView {
  readonly kind: 'post' | 'page';
  readonly title: string;
  readonly url: string;
  readonly absoluteUrl: string;
  readonly lang: string;
  readonly date: DateView | undefined;
  readonly updated: DateView | undefined;
  /** True when `updated` differs from `date`. */
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
  /** CJK characters + other words. */
  readonly wordCount: number;
  readonly readingMinutes: number;
  /** Absolute URL of the first image, for social cards. */
  readonly image: string | undefined;
  /** Every front-matter key as written. */
  readonly data: Readonly<Record<string, unknown>>;
}

export type TermLookup = ReadonlyMap<string, TermView>;

/** The view of one post or page. */
export function toPostView(document: RenderedPost | RenderedPage, config: SiteConfig, terms: { tags: TermLookup; categories: TermLookup }, finishHtml: (html: string, lang: string) => string = (html) => html): PostView {
  const lang = documentLanguage(document, config);
  const { content } = document;
  // What comes from the body is computed when first read, and each read is noted (body-reads.ts).
  let derived: BodyFields | undefined;
  const body = (): BodyFields => (derived ??= bodyFields(document, config));
  const view = {
    kind: document.source.kind,
    title: document.title,
    url: document.url,
    absoluteUrl: absoluteUrl(config, document.url),
    lang,
    date: document.date && toDateView(document.date, lang),
    updated: document.updated && toDateView(document.updated, lang),
    isUpdated: document.updated !== undefined && document.date !== undefined && document.updated.epochMs !== document.date.epochMs,
    author: document.author ?? config.author?.name,
    tags: lookupTerms(document.tags, terms.tags),
    categories: lookupTerms(document.categories, terms.categories),
  };
  return withLazyContent(Object.assign(withBodyFields(view, body), { data: document.data }), () => finishHtml(content.html, lang));
}

/** Adds the body-derived fields, in order, as properties that note each read (body-reads.ts). */
function withBodyFields<V extends object>(fields: V, body: () => BodyFields): V & BodyFields {
  for (const key of BODY_FIELDS) {
    Object.defineProperty(fields, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        noteBodyRead();
        return body()[key];
      },
    });
  }
  return fields as V & BodyFields;
}

/** The fields of a post view that come from its body (or may: `description` falls back on the excerpt). */
type BodyFields = Pick<PostView, 'excerpt' | 'excerptText' | 'description' | 'toc' | 'showToc' | 'wordCount' | 'readingMinutes' | 'image'>;

const BODY_FIELDS = ['excerpt', 'excerptText', 'description', 'toc', 'showToc', 'wordCount', 'readingMinutes', 'image'] as const satisfies readonly (keyof BodyFields)[];

function bodyFields(document: RenderedPost | RenderedPage, config: SiteConfig): BodyFields {
  const { content } = document;
  const excerptText = document.excerpt ?? content.more?.text ?? content.autoExcerpt;
  const firstImage = content.images[0];
  return {
    excerpt: document.excerpt !== undefined ? paragraph(document.excerpt) : content.more?.html ?? paragraph(content.autoExcerpt),
    excerptText,
    description: document.description ?? excerptText,
    toc: content.toc,
    showToc: (document.toc ?? config.toc) && content.toc.length + content.toc.reduce((n, e) => n + e.children.length, 0) >= 2,
    wordCount: content.cjkCharacters + content.words,
    readingMinutes: Math.max(1, Math.round(content.cjkCharacters / CJK_PER_MINUTE + content.words / WORDS_PER_MINUTE)),
    image: firstImage === undefined ? undefined : firstImage.startsWith('/') && !firstImage.startsWith('//') ? config.origin + encodeURI(firstImage) : firstImage,
  };
}

/**
 * Adds `content` as a property computed on first read: list pages never read it, so a
 * post whose HTML is still in the cache is not loaded for them (see cache.ts). Each read
 * is noted (body-reads.ts).
 */
export function withLazyContent<V extends object>(fields: V, content: () => string): V & { readonly content: string } {
  // Held weakly: views live as long as the build, and on a big site all their HTML would
  // not fit in memory. Within one page render it stays put (a WeakRef's target survives the job).
  let held: WeakRef<{ readonly html: string }> | undefined;
  const get = (): string => {
    noteBodyRead();
    const found = held?.deref();
    if (found !== undefined) return found.html;
    const fresh = { html: content() };
    held = new WeakRef(fresh);
    return fresh.html;
  };
  return Object.defineProperty(fields, 'content', { enumerable: true, configurable: true, get }) as V & { readonly content: string };
}

/** A date shown in the document's language, in the site zone (the offset is kept in `iso`). */
export function toDateView(date: PostDate, lang: string): DateView {
  return { iso: date.iso, display: displayDate(date.iso, lang), year: date.year, month: date.month, day: date.day };
}

/**
 * `August 30, 2015` for the day `iso` starts with (its day in its own offset). luxon's
 * DATE_FULL formats the same Intl fields with a fixed-offset zone, which shows that same
 * day; a cached Intl formatter takes 1 µs where luxon takes 10.
 */
function displayDate(iso: string, lang: string): string {
  const day = ISO_DAY.exec(iso);
  // luxon reads '' as the system's locale; that and any other form of date take the long way.
  if (day === null || lang === '') return DateTime.fromISO(iso, { setZone: true }).setLocale(lang).toLocaleString(DateTime.DATE_FULL);
  return longDateFormat(lang).format(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})T/;
const longDateFormats = new Map<string, Intl.DateTimeFormat>();

function longDateFormat(lang: string): Intl.DateTimeFormat {
  let format = longDateFormats.get(lang);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    longDateFormats.set(lang, format);
  }
  return format;
}

export function toTermView(term: Term): TermView {
  return { name: term.name, slug: term.slug, url: term.url, count: term.posts.length };
}

/** Term views keyed by slug, to link a post's terms to their pages. */
export function termLookup(terms: readonly Term[]): Map<string, TermView> {
  return new Map(terms.map((term) => [term.slug, toTermView(term)]));
}

function lookupTerms(names: readonly string[], terms: TermLookup): TermView[] {
  return names.flatMap((name) => {
    const found = terms.get(slugOf(name));
    return found === undefined ? [] : [found];
  });
}

/** Slugs of term names: a site has a few hundred names, used by thousands of posts. */
const slugs = new Map<string, string>();

function slugOf(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) {
    slug = slugify(name);
    slugs.set(name, slug);
  }
  return slug;
}

function paragraph(text: string): string {
  return text === '' ? '' : `<p>${escapeHtml(text)}</p>`;
}
