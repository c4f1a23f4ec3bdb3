// Views of events, talks and speakers for templates, and the speaker line under each talk heading.
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { SiteConfig } from '../config/schema.js';
import type { EventInfo, RenderedPage, RenderedPost, SiteEvent, SiteTalk, Speaker, SpeakerRef } from '../types.js';
import type { Labels } from './i18n.js';
import { toDateView, type DateView, type PostView } from './views.js';

/** An event as templates see it: the event's own fields, its dates shown in the page's language. */
export interface EventView extends Omit<EventInfo, 'start' | 'end'> {
  readonly start: DateView | undefined;
  readonly end: DateView | undefined;
  /** The dates as one range in the page's language: `August 28 – 29, 2015`, `2015年8月28日至29日`. */
  readonly dates: string;
}

export interface PostLinkView {
  readonly title: string;
  readonly url: string;
  readonly lang: string;
  readonly date: DateView;
}

export interface TalkView {
  readonly title: string;
  /** The post's URL with the heading's anchor. */
  readonly url: string;
  readonly speakers: readonly SpeakerRef[];
  readonly slides: string | undefined;
  readonly video: string | undefined;
  readonly post: PostLinkView;
  readonly event: string | undefined;
}

export interface SiteEventView extends EventView {
  readonly year: string;
  readonly post: PostLinkView;
  readonly talkCount: number;
}

export interface SpeakerView extends SpeakerRef {
  readonly count: number;
  readonly talks: readonly TalkView[];
}

/** An event in the page's language, its dates shown in the site zone. */
export function toEventView(event: EventInfo, lang: string, config: SiteConfig): EventView {
  return {
    name: event.name,
    start: event.start && toDateView(event.start, lang),
    end: event.end && toDateView(event.end, lang),
    dates: formatDates(event, lang, config.timezone),
    city: event.city,
    venue: event.venue,
    organizer: event.organizer,
    url: event.url,
    slides: event.slides,
    video: event.video,
  };
}

export function toSiteEventView(entry: SiteEvent, config: SiteConfig): SiteEventView {
  const lang = entry.post.lang ?? config.language;
  return { ...toEventView(entry.event, lang, config), year: entry.year, post: toPostLink(entry.post, config), talkCount: entry.talks.length };
}

export function toTalkView(talk: SiteTalk, config: SiteConfig): TalkView {
  return { title: talk.title, url: talk.url, speakers: talk.speakers, slides: talk.slides, video: talk.video, post: toPostLink(talk.post, config), event: talk.event?.name };
}

export function toSpeakerView(speaker: Speaker, config: SiteConfig): SpeakerView {
  return { name: speaker.name, slug: speaker.slug, url: speaker.url, count: speaker.talks.length, talks: speaker.talks.map((talk) => toTalkView(talk, config)) };
}

/** Events grouped by year, newest first (the events come sorted). */
export function groupEventsByYear(events: readonly SiteEvent[], config: SiteConfig): { year: string; events: SiteEventView[] }[] {
  const years: { year: string; events: SiteEventView[] }[] = [];
  for (const entry of events) {
    const last = years.at(-1);
    const view = toSiteEventView(entry, config);
    if (last?.year === entry.year) last.events.push(view);
    else years.push({ year: entry.year, events: [view] });
  }
  return years;
}

function toPostLink(post: RenderedPost, config: SiteConfig): PostLinkView {
  const lang = post.lang ?? config.language;
  return { title: post.title, url: post.url, lang, date: toDateView(post.date, lang) };
}

const NUMERIC_DATE = /\d\/\d/;

function formatDates(event: EventInfo, lang: string, timezone: string): string {
  if (event.start === undefined) return '';
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: timezone });
  const end = event.end ?? event.start;
  const first = format.format(event.start.epochMs);
  if (end.epochMs === event.start.epochMs) return first;
  const range = format.formatRange(event.start.epochMs, end.epochMs);
  // Some ICU data gives Chinese ranges a numeric pattern (`2014/10/18 – 2014/10/19`) while
  // single dates are spelled out (`2014年10月18日`): then spell out both days instead.
  return NUMERIC_DATE.test(range) && !NUMERIC_DATE.test(first) ? `${first} – ${format.format(end.epochMs)}` : range;
}

/**
 * Adds a line naming the speakers (linked to their pages) and the talk's slides and video
 * after each talk heading of a post's HTML. HTML without talk headings is returned as is.
 */
export function markTalkHeadings(html: string, talks: readonly SiteTalk[], labels: Labels): string {
  const byAnchor = new Map(talks.filter((talk) => talk.anchor !== undefined && talk.speakers.length > 0).map((talk) => [talk.anchor, talk]));
  if (byAnchor.size === 0) return html;
  const tree: Root = fromHtml(html, { fragment: true });
  const walk = (parent: Root | Element): void => {
    for (let index = parent.children.length - 1; index >= 0; index--) {
      const node = parent.children[index];
      if (node?.type !== 'element') continue;
      const id = node.properties['id'];
      const talk = /^h[1-6]$/.test(node.tagName) && typeof id === 'string' ? byAnchor.get(id) : undefined;
      if (talk === undefined) {
        walk(node);
        continue;
      }
      node.properties['className'] = [...classesOf(node), 'talk-heading'];
      parent.children.splice(index + 1, 0, talkLine(talk, labels));
    }
  };
  walk(tree);
  return toHtml(tree);
}

function classesOf(node: Element): string[] {
  const value = node.properties['className'];
  return Array.isArray(value) ? value.map(String) : [];
}

function talkLine(talk: SiteTalk, labels: Labels): Element {
  const children: ElementContent[] = [element('span', { className: ['talk-label'] }, [text(talk.speakers.length > 1 ? labels.speakers : labels.speaker)]), text(' ')];
  talk.speakers.forEach((speaker, index) => {
    if (index > 0) children.push(text(', '));
    children.push(element('a', { className: ['talk-speaker'], href: speaker.url }, [text(speaker.name)]));
  });
  for (const [label, href] of [[labels.slides, talk.slides], [labels.video, talk.video]] as const) {
    if (href !== undefined) children.push(text(' · '), element('a', { href }, [text(label)]));
  }
  return element('p', { className: ['talk-byline'] }, children);
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

/** What a post view gains: its event card and its talks. */
export interface PostTalkFields {
  readonly event: EventView | undefined;
  readonly talks: readonly TalkView[];
}

/** Adds the event and talks to a post's view (views.ts: the speaker lines are added to its content by {@link markTalkHeadings}). */
export function withTalks(view: PostView, event: EventInfo | undefined, talks: readonly SiteTalk[], config: SiteConfig): PostView & PostTalkFields {
  // Assigned, not spread: a spread would read the view's lazy `content`.
  return Object.assign(view, { event: event && toEventView(event, view.lang, config), talks: talks.map((talk) => toTalkView(talk, config)) });
}

/** Each post's talks, for its page. */
export function talksByPost(talks: readonly SiteTalk[]): Map<RenderedPost | RenderedPage, SiteTalk[]> {
  const map = new Map<RenderedPost | RenderedPage, SiteTalk[]>();
  for (const talk of talks) map.set(talk.post, [...(map.get(talk.post) ?? []), talk]);
  return map;
}
