// Atom, RSS 2.0 and JSON Feed for the site, and Atom and RSS per tag and category,
// written by the `feed` library.
import { Feed, type Item } from 'feed';
import type { SiteConfig } from '../config/schema.js';
import { absoluteUrl, locatePath } from '../site/permalink.js';
import { escapeHtml } from '../escape.js';
import type { OutputFile, RenderedPost, Site, WrittenFile } from '../types.js';

export const FEED_FILES = { atom: 'atom.xml', rss: 'rss.xml', json: 'feed.json' } as const;

/** One feed file to write: the listing it shows, in one format. */
export interface FeedPlan {
  readonly outputPath: string;
  readonly origin: string;
  /** The listing's posts, newest first (the feed shows the first `feed.limit`). */
  readonly posts: readonly RenderedPost[];
  /** Where the listing lives: `/` or `/tags/x/`. */
  readonly sitePath: string;
  readonly title: string;
  readonly format: Format;
}

/** Every feed file of the site: Atom, RSS and JSON Feed for the site, Atom and RSS per term. */
export function planFeeds(site: Site, config: SiteConfig): FeedPlan[] {
  const plans: FeedPlan[] = [
    { outputPath: FEED_FILES.atom, origin: 'Atom feed', posts: site.posts, sitePath: '/', title: config.title, format: 'atom' },
    { outputPath: FEED_FILES.rss, origin: 'RSS feed', posts: site.posts, sitePath: '/', title: config.title, format: 'rss' },
    { outputPath: FEED_FILES.json, origin: 'JSON feed', posts: site.posts, sitePath: '/', title: config.title, format: 'json' },
  ];
  for (const [taxonomy, terms] of [['tags', site.tags], ['categories', site.categories]] as const) {
    for (const term of terms) {
      const sitePath = `/${taxonomy}/${term.slug}/`;
      const title = `${config.title} · ${term.name}`;
      plans.push(
        { outputPath: `${taxonomy}/${term.slug}/${FEED_FILES.atom}`, origin: `Atom feed of ${taxonomy} \`${term.name}\``, posts: term.posts, sitePath, title, format: 'atom' },
        { outputPath: `${taxonomy}/${term.slug}/${FEED_FILES.rss}`, origin: `RSS feed of ${taxonomy} \`${term.name}\``, posts: term.posts, sitePath, title, format: 'rss' },
      );
    }
  }
  return plans;
}

/** The posts a feed shows. */
export function feedPosts(plan: FeedPlan, config: SiteConfig): readonly RenderedPost[] {
  return plan.posts.slice(0, config.feed.limit);
}

/** A feed file's text. */
export function renderFeed(plan: FeedPlan, config: SiteConfig): string {
  const feed = createFeed(config, feedPosts(plan, config), plan.sitePath, plan.title, config.description, plan.format);
  return plan.format === 'atom' ? feed.atom1() : plan.format === 'rss' ? feed.rss2() : feed.json1();
}

/**
 * All feed files of the site. `reuse` may hand back a file the previous build wrote
 * that needs no change (by fingerprint); that feed is not rendered again.
 */
export function buildFeeds(plans: readonly FeedPlan[], config: SiteConfig, reuse: (plan: FeedPlan, index: number) => WrittenFile | undefined = () => undefined): OutputFile[] {
  return plans.map((plan, index): OutputFile => {
    const kept = reuse(plan, index);
    return kept === undefined ? { outputPath: plan.outputPath, origin: plan.origin, contents: renderFeed(plan, config) } : { outputPath: plan.outputPath, origin: plan.origin, reuse: kept };
  });
}

/** The site paths of the feeds of a listing rooted at `sitePath` (`/` or `/tags/x/`). */
export function feedUrls(config: SiteConfig, sitePath: string): { atom: string; rss: string; json: string | undefined } {
  const url = (file: string): string => {
    const located = locatePath(`${sitePath}${file}`, config.basePath);
    return located.ok ? located.value.url : '';
  };
  return { atom: url(FEED_FILES.atom), rss: url(FEED_FILES.rss), json: sitePath === '/' ? url(FEED_FILES.json) : undefined };
}

/**
 * Which fields are HTML differs by format: Atom titles and summaries (`type="html"`),
 * RSS descriptions; RSS titles and all JSON Feed text fields are plain text.
 */
export type Format = 'atom' | 'rss' | 'json';

function createFeed(config: SiteConfig, newest: readonly RenderedPost[], sitePath: string, title: string, description: string, format: Format): Feed {
  const links = feedUrls(config, sitePath);
  const home = absoluteUrl(config, encodeURI(config.basePath + sitePath.slice(1)));
  const updated = newest.reduce((latest, post) => Math.max(latest, post.updated.epochMs), 0);
  const author = config.author === undefined ? undefined : { name: config.author.name, ...(config.author.email === undefined ? {} : { email: config.author.email }), ...(config.author.url === undefined ? {} : { link: config.author.url }) };
  const feed = new Feed({
    id: home,
    title,
    description: description === '' ? title : description,
    link: home,
    language: config.language,
    // The newest post's update, never the build time: same input, same bytes.
    updated: new Date(updated),
    generator: 'Lanyard',
    copyright: config.author === undefined ? '' : `© ${config.author.name}`,
    feedLinks: { atom: absoluteUrl(config, links.atom), rss: absoluteUrl(config, links.rss), ...(links.json === undefined ? {} : { json: absoluteUrl(config, links.json) }) },
    ...(author === undefined ? {} : { author }),
  });
  for (const post of newest) feed.addItem(toItem(post, config, format));
  return feed;
}

function toItem(post: RenderedPost, config: SiteConfig, format: Format): Item {
  const link = absoluteUrl(config, post.url);
  const html = (value: string, isHtml: boolean): string => (isHtml ? escapeHtml(value) : value);
  const excerptText = post.excerpt ?? post.content.more?.text ?? post.content.autoExcerpt;
  const excerptHtml = post.excerpt === undefined && post.content.more !== undefined ? post.content.more.html : `<p>${escapeHtml(excerptText)}</p>`;
  const author = post.author ?? config.author?.name;
  return {
    title: html(post.title, format === 'atom'),
    id: link,
    link,
    date: new Date(post.updated.epochMs),
    published: new Date(post.date.epochMs),
    description: html(excerptText, format !== 'json'),
    content: absolutizeHtml(config.feed.content === 'full' ? post.content.html : excerptHtml, config),
    category: [...new Set([...post.categories, ...post.tags])].map((name) => ({ name, term: name })),
    ...(author === undefined ? {} : { author: [{ name: author }] }),
  };
}

/** Feed readers resolve links without a base: make root-relative `href`/`src` absolute. */
function absolutizeHtml(html: string, config: SiteConfig): string {
  return html.replace(/\b(href|src)="(\/(?!\/)[^"]*)"/g, (_, attribute: string, url: string) => `${attribute}="${absoluteUrl(config, url)}"`);
}
