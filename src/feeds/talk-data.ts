// events.json and talks.json: the site's events, talks and speakers as data, with absolute URLs.
import type { SiteConfig } from '../config/schema.js';
import { absoluteUrl } from '../site/permalink.js';
import type { EventInfo, OutputFile, PostDate, RenderedPost, Site, SiteTalk, SpeakerRef } from '../types.js';

/** Version of the JSON layout documented in the README; raised on incompatible changes. */
export const TALK_DATA_VERSION = 1;

/** Builds `events.json` and `talks.json` (always written, with empty lists when there is nothing). */
export function buildTalkData(site: Site, config: SiteConfig): OutputFile[] {
  const url = (path: string): string => absoluteUrl(config, path);
  const post = (p: RenderedPost): Record<string, unknown> => ({ title: p.title, url: url(p.url), date: p.date.iso });
  const speaker = (ref: SpeakerRef): Record<string, unknown> => ({ name: ref.name, url: url(ref.url) });
  const talk = (t: SiteTalk): Record<string, unknown> => ({
    title: t.title,
    speakers: t.speakers.map(speaker),
    url: url(t.url),
    slides: t.slides ?? null,
    video: t.video ?? null,
    event: t.event?.name ?? null,
    post: post(t.post),
  });
  const events = {
    version: TALK_DATA_VERSION,
    events: site.events.map((entry) => ({ ...eventFields(entry.event), post: post(entry.post), talks: entry.talks.map(talk) })),
  };
  const talks = {
    version: TALK_DATA_VERSION,
    talks: site.talks.map(talk),
    speakers: site.speakers.map((s) => ({ ...speaker(s), slug: s.slug, talks: s.talks.length })),
  };
  return [
    { outputPath: 'events.json', origin: 'events.json', contents: `${JSON.stringify(events, null, 2)}\n` },
    { outputPath: 'talks.json', origin: 'talks.json', contents: `${JSON.stringify(talks, null, 2)}\n` },
  ];
}

function eventFields(event: EventInfo): Record<string, unknown> {
  return {
    name: event.name,
    start: day(event.start),
    end: day(event.end),
    city: event.city ?? null,
    venue: event.venue ?? null,
    organizer: event.organizer ?? null,
    url: event.url ?? null,
    slides: event.slides ?? null,
    video: event.video ?? null,
  };
}

/** `YYYY-MM-DD` in the site zone, or null. */
function day(date: PostDate | undefined): string | null {
  return date === undefined ? null : `${date.year}-${date.month}-${date.day}`;
}
