// sitemap.xml (every page but the 404 and the search page, `lastmod` from `updated`) and robots.txt.
import type { SiteConfig } from '../config/schema.js';
import type { OutputFile, PostDate, RenderedPost, Route } from '../types.js';
import { absoluteUrl } from '../site/permalink.js';

/** Builds `sitemap.xml` from the planned routes. */
export function buildSitemap(routes: readonly Route[], config: SiteConfig): OutputFile {
  const entries = routes
    .filter((route) => route.data.kind !== 'not-found' && route.data.kind !== 'search')
    .map((route) => {
      const lastmod = lastModified(route);
      return `  <url>\n    <loc>${escapeXml(absoluteUrl(config, route.url))}</loc>\n${lastmod === undefined ? '' : `    <lastmod>${lastmod.iso}</lastmod>\n`}  </url>\n`;
    });
  const contents = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</urlset>\n`;
  return { outputPath: 'sitemap.xml', origin: 'sitemap', contents };
}

/** Builds `robots.txt` allowing everything and pointing at the sitemap. */
export function buildRobots(config: SiteConfig): OutputFile {
  return { outputPath: 'robots.txt', origin: 'robots.txt', contents: `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(config, encodeURI(`${config.basePath}sitemap.xml`))}\n` };
}

function lastModified(route: Route): PostDate | undefined {
  const data = route.data;
  switch (data.kind) {
    case 'post':
      return data.post.updated;
    case 'page':
      return data.page.updated;
    case 'home':
    case 'term':
      return newest(data.pagination.items);
    case 'terms':
      return newest(data.terms.flatMap((term) => term.posts.slice(0, 1)));
    case 'archive':
      return newest(data.years.flatMap((year) => year.posts));
    case 'events':
      return newest(data.events.map((entry) => entry.post));
    case 'speakers':
      return newest(data.speakers.flatMap((speaker) => speaker.talks.map((talk) => talk.post)));
    case 'speaker':
      return newest(data.speaker.talks.map((talk) => talk.post));
    case 'not-found':
    case 'search':
      return undefined;
  }
}

function newest(posts: readonly RenderedPost[]): PostDate | undefined {
  let latest: PostDate | undefined;
  for (const post of posts) if (latest === undefined || post.updated.epochMs > latest.epochMs) latest = post.updated;
  return latest;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}
