// What each page is made of, as a hash: the templates and config (`salt`), what every
// page shows of the site (`siteKey`), and the route's own data, with each post replaced
// by its identity. Two builds that give a route the same fingerprint render the same
// page, so a page whose fingerprint is unchanged is not rendered again.
import { hashParts } from '../cache.js';
import type { SiteConfig } from '../config/schema.js';
import { feedPosts, type FeedPlan } from '../feeds/feed.js';
import type { RenderedPage, RenderedPost, Route, Site } from '../types.js';
import { toTermView, type TermView } from './views.js';

export interface FingerprintInput {
  /** Hash of every template's text and the config. */
  readonly salt: string;
  /** Hash of what every page's context holds of the site (render/context's site view). */
  readonly siteKey: string;
  /**
   * Each post's and page's identity: a hash of its source text, config, rendered body
   * and talks. A post's view is a function of these and the site view.
   */
  readonly identities: ReadonlyMap<RenderedPost | RenderedPage, string>;
}

/** The fingerprint of each route, in order. */
export function fingerprintRoutes(routes: readonly Route[], site: Site, input: FingerprintInput): string[] {
  // Posts are replaced by their identity; objects many routes share (terms, years,
  // speakers, events) are hashed once and replaced by that hash.
  const known = new Map<object, string>(input.identities);
  const shared = new Set<object>([...site.years, ...site.speakers, ...site.events]);
  // Pages show a term only as its view (name, slug, URL, count), never its posts.
  const terms = new Map<object, TermView>([...site.tags, ...site.categories].map((term) => [term, toTermView(term)]));
  const replace = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const id = known.get(value);
    if (id !== undefined) return id;
    const term = terms.get(value);
    if (term !== undefined) return term;
    if (!shared.has(value)) return value;
    const hash = hashParts(serialize(value));
    known.set(value, hash);
    return hash;
  };
  const serialize = (value: object): string => JSON.stringify(value, (key, inner: unknown) => (key === '' ? inner : replace(inner)));
  return routes.map((route) => hashParts(input.salt, input.siteKey, route.template, route.outputPath, serialize(route)));
}

/**
 * A document's identity for {@link fingerprintRoutes}: its parsed and located form (which
 * includes the source path and the config's effect) but its body, its body's cache key, and its talks
 * (whose speaker links depend on other posts). When its document key is known (a hash of
 * the config, the source and its bytes, of which that form is a function), the key stands
 * for the form: no need to serialize thousands of documents.
 */
export function documentIdentity(document: RenderedPost | RenderedPage, keys: { readonly document: string | undefined; readonly body: string }, talks: unknown): string {
  const talksJson = JSON.stringify(talks, (key, value: unknown) => (key === 'post' ? undefined : value));
  if (keys.document !== undefined) return hashParts('document key', keys.document, keys.body, talksJson);
  // The Markdown body is left out: the body key stands for it (and it is most of the bytes).
  const { content: _content, body: _body, ...rest } = document;
  return hashParts(JSON.stringify(rest), keys.body, talksJson);
}

/**
 * The fingerprint of each feed, in order: its place, format and title, and the identity
 * of each post it shows (a feed shows nothing else of the site).
 */
export function fingerprintFeeds(plans: readonly FeedPlan[], config: SiteConfig, input: Pick<FingerprintInput, 'salt' | 'identities'>): string[] {
  return plans.map((plan) => hashParts(input.salt, 'feed', plan.outputPath, plan.format, plan.sitePath, plan.title, ...feedPosts(plan, config).map((post) => input.identities.get(post) ?? '')));
}
