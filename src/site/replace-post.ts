// One post of a site model swapped for a new version of itself (same front matter, new
// body): dev mode's fast render shows an edited post without building the model again.
import type { RenderedPost, Site, SiteTalk } from '../types.js';

/**
 * The site with `old` replaced by `next` wherever it appears: the post list, its terms,
 * its year, its event, its talks and their speakers. Only what holds the post is copied;
 * everything else is shared. `next` must have `old`'s date, terms and talks (the caller
 * checks), so no list changes order or membership.
 */
export function replacePost(site: Site, old: RenderedPost, next: RenderedPost): Site {
  const swap = (post: RenderedPost): RenderedPost => (post === old ? next : post);
  const swapIn = <T extends { readonly posts: readonly RenderedPost[] }>(holder: T): T => (holder.posts.includes(old) ? { ...holder, posts: holder.posts.map(swap) } : holder);
  const talks = new Map<SiteTalk, SiteTalk>();
  for (const talk of site.talks) if (talk.post === old) talks.set(talk, { ...talk, post: next });
  const swapTalk = (talk: SiteTalk): SiteTalk => talks.get(talk) ?? talk;
  return {
    posts: site.posts.map(swap),
    pages: site.pages,
    tags: site.tags.map(swapIn),
    categories: site.categories.map(swapIn),
    years: site.years.map(swapIn),
    events: site.events.map((event) => (event.post === old ? { ...event, post: next, talks: event.talks.map(swapTalk) } : event)),
    speakers: site.speakers.map((speaker) => (speaker.talks.some((talk) => talks.has(talk)) ? { ...speaker, talks: speaker.talks.map(swapTalk) } : speaker)),
    talks: site.talks.map(swapTalk),
  };
}
