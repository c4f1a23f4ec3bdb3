// Plans every page of the site: one route per output HTML file.
import type { SiteConfig } from '../config/schema.js';
import type { Route, RouteData, Site, TaxonomyName } from '../types.js';
import { paginate } from './paginate.js';
import { locatePath } from './permalink.js';

const TERM_TEMPLATES = { tags: { list: 'tags', one: 'tag' }, categories: { list: 'categories', one: 'category' } } as const;

/** Lists the routes of a site: posts, pages, home, taxonomy pages, archives, events and speakers, 404 and search. */
export function planRoutes(site: Site, config: SiteConfig): Route[] {
  const routes: Route[] = [];
  const add = (sitePath: string, template: string, origin: string, data: RouteData): void => {
    const located = locatePath(sitePath, config.basePath);
    if (located.ok) routes.push({ ...located.value, template, origin, data });
  };

  site.posts.forEach((post, index) => {
    // Jekyll's convention: `previous` is the older post, `next` the newer one.
    routes.push({ url: post.url, outputPath: post.outputPath, template: post.layout ?? 'post', origin: post.source.path, data: { kind: 'post', post, previous: site.posts[index + 1], next: site.posts[index - 1] } });
  });
  for (const page of site.pages) {
    routes.push({ url: page.url, outputPath: page.outputPath, template: page.layout ?? 'page', origin: page.source.path, data: { kind: 'page', page } });
  }
  for (const { sitePath, pagination } of paginate(site.posts, config.paginate, '/', config.basePath)) {
    add(sitePath, 'home', 'home page', { kind: 'home', pagination });
  }
  for (const taxonomy of ['tags', 'categories'] as const satisfies readonly TaxonomyName[]) {
    const templates = TERM_TEMPLATES[taxonomy];
    add(`/${taxonomy}/`, templates.list, `${taxonomy} index`, { kind: 'terms', taxonomy, terms: site[taxonomy] });
    for (const term of site[taxonomy]) {
      for (const { sitePath, pagination } of paginate(term.posts, config.paginate, `/${taxonomy}/${term.slug}/`, config.basePath)) {
        add(sitePath, templates.one, `${taxonomy} page for \`${term.name}\``, { kind: 'term', taxonomy, term, pagination });
      }
    }
  }
  add('/archives/', 'archive', 'archive', { kind: 'archive', years: site.years, year: undefined });
  for (const year of site.years) add(`/archives/${year.year}/`, 'archive', `archive for ${year.year}`, { kind: 'archive', years: [year], year: year.year });
  if (site.events.length > 0) add('/events/', 'events', 'events page', { kind: 'events', events: site.events });
  if (site.speakers.length > 0) add('/speakers/', 'speakers', 'speakers page', { kind: 'speakers', speakers: site.speakers });
  for (const speaker of site.speakers) add(`/speakers/${speaker.slug}/`, 'speaker', `speaker page for \`${speaker.name}\``, { kind: 'speaker', speaker });
  add('/404.html', '404', '404 page', { kind: 'not-found' });
  if (config.search) add('/search/', 'search', 'search page', { kind: 'search' });
  return routes;
}
