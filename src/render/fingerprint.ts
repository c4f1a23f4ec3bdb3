// What each page is made of, as a hash: the templates and config (`salt`), what every
// page shows of the site (`siteKey`), and the route's own data, with each post replaced
// by its identity. Two builds that give a route the same fingerprint render the same
// page, so a page whose fingerprint is unchanged is not rendered again.
import { hashParts } from '../cache.js';
import { frontKey } from '../document-cache.js';
import type { SiteConfig } from '../config/schema.js';
import { feedPosts, type FeedPlan } from '../feeds/feed.js';
import type { RenderedPage, RenderedPost, Route, Site, SiteTalk } from '../types.js';
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
  /**
   * The same without the body ({@link documentIdentities}): for pages whose last rendering
   * read nothing of any post's body (body-reads.ts).
   */
  readonly lightIdentities?: ReadonlyMap<RenderedPost | RenderedPage, string>;
}

/** How a light fingerprint starts, so that a page's recorded fingerprint tells which kind to compare. */
export const LIGHT = 'light:';

/**
 * The fingerprint of the route at an index: light (posts standing for their identity
 * without the body) or full. Each is computed once; each kind hashes the objects routes
 * share once.
 */
export function routeFingerprints(routes: readonly Route[], site: Site, input: FingerprintInput): (index: number, light: boolean) => string {
  const full = routeSerializer(site, input.identities);
  const lightIdentities = input.lightIdentities;
  let light: ((route: Route) => string) | undefined;
  const computed = { full: new Map<number, string>(), light: new Map<number, string>() };
  return (index, asLight) => {
    const kind = asLight && lightIdentities !== undefined ? 'light' : 'full';
    const known = computed[kind].get(index);
    if (known !== undefined) return known;
    const route = routes[index] as Route;
    const fingerprint = (serialize: (route: Route) => string): string => hashParts(input.salt, input.siteKey, route.template, route.outputPath, serialize(route));
    const value = kind === 'full' || lightIdentities === undefined ? fingerprint(full) : LIGHT + fingerprint((light ??= routeSerializer(site, lightIdentities)));
    computed[kind].set(index, value);
    return value;
  };
}

/** JSON of a route's data, each post replaced by its identity in `identities`. */
function routeSerializer(site: Site, identities: ReadonlyMap<RenderedPost | RenderedPage, string>): (route: Route) => string {
  // Posts are replaced by their identity; objects many routes share (terms, years,
  // speakers, events) are hashed once and replaced by that hash.
  const known = new Map<object, string>(identities);
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
  return serialize;
}

/** A document's key (standing for its parsed and located form), its body's render key, and its front key when known. */
export interface DocumentKeys {
  readonly document: string | undefined;
  readonly body: string;
  readonly front?: string | undefined;
}

/**
 * Each document's identities for {@link routeFingerprints}. The full one: its parsed and
 * located form (which includes the source path and the config's effect) but its body, its
 * body's cache key, and its talks (whose speaker links depend on other posts); when its
 * document key is known (a hash of the config, the source and its bytes, of which that
 * form is a function), the key stands for the form: no need to serialize thousands of
 * documents. The light one, for pages that read nothing of bodies: its form but its body
 * (its front key, stored by the document cache or computed), its talks and its language
 * (which the body's scripts may decide, and dates show); not its document key, which
 * hashes the whole file, body and all.
 */
export function documentIdentities(documents: readonly (RenderedPost | RenderedPage)[], talks: ReadonlyMap<RenderedPost | RenderedPage, readonly SiteTalk[]>, keysOf: (document: RenderedPost | RenderedPage) => DocumentKeys, languageOf: (document: RenderedPost | RenderedPage) => string): { full: Map<RenderedPost | RenderedPage, string>; light: Map<RenderedPost | RenderedPage, string> } {
  const full = new Map<RenderedPost | RenderedPage, string>();
  const light = new Map<RenderedPost | RenderedPage, string>();
  for (const document of documents) {
    const keys = keysOf(document);
    const talksJson = talksOf(talks.get(document) ?? []);
    const front = keys.front ?? frontKey(document);
    // The Markdown body is left out: the body key stands for it (and it is most of the bytes).
    full.set(document, keys.document !== undefined ? hashParts('document key', keys.document, keys.body, talksJson) : hashParts(front, keys.body, talksJson));
    light.set(document, hashParts('light', front, languageOf(document), talksJson));
  }
  return { full, light };
}

/** A document's talks as JSON, without the post each points back to. */
function talksOf(talks: unknown): string {
  return JSON.stringify(talks, (key, value: unknown) => (key === 'post' ? undefined : value));
}

/**
 * The fingerprint of each feed, in order: its place, format and title, and the identity
 * of each post it shows (a feed shows nothing else of the site).
 */
export function fingerprintFeeds(plans: readonly FeedPlan[], config: SiteConfig, input: Pick<FingerprintInput, 'salt' | 'identities'>): string[] {
  return plans.map((plan) => hashParts(input.salt, 'feed', plan.outputPath, plan.format, plan.sitePath, plan.title, ...feedPosts(plan, config).map((post) => input.identities.get(post) ?? '')));
}
