// Events, talks and speakers across all posts: conference notes as data.
import type { SiteConfig } from '../config/schema.js';
import { slugify } from '../content/slug.js';
import { warning, type Diagnostic } from '../diagnostics.js';
import { anchorTalks, extractTalks } from '../markdown/talks.js';
import type { RenderedPost, SiteEvent, SiteTalk, Speaker, SpeakerRef, Talk } from '../types.js';
import { locatePath } from './permalink.js';

export interface TalkData {
  readonly events: SiteEvent[];
  readonly speakers: Speaker[];
  readonly talks: SiteTalk[];
  readonly diagnostics: Diagnostic[];
}

/**
 * The collator for speaker names: pinyin order for Chinese where the runtime's ICU has it
 * (Node's full ICU does), then Latin names, numbers compared by value.
 */
export function createSpeakerCollator(): Intl.Collator {
  return new Intl.Collator(['zh-CN-u-co-pinyin', 'zh-CN', 'en'], { numeric: true, sensitivity: 'base' });
}

/** A post's talks: the front-matter list, else its headings when extraction is on. */
export function talksOfPost(post: RenderedPost): Talk[] {
  if (Array.isArray(post.talks)) return anchorTalks(post.talks, post.content.headings);
  const extract = post.talks === true || (post.talks === undefined && post.event !== undefined);
  return extract ? extractTalks(post.content.headings) : [];
}

/** Collects events, talks and speakers from posts sorted newest first. */
export function collectTalks(posts: readonly RenderedPost[], config: SiteConfig, collator: Intl.Collator = createSpeakerCollator()): TalkData {
  const diagnostics: Diagnostic[] = [];
  const resolve = speakerResolver(config, diagnostics);
  const own = posts.map(talksOfPost);
  // Speakers are resolved oldest post first, so the oldest spelling names a merged speaker
  // and adding a post never renames a page (as with tags).
  const speakersOf = new Map<Talk, SpeakerRef[]>();
  for (let index = posts.length - 1; index >= 0; index--) {
    const post = posts[index];
    if (post === undefined) continue;
    for (const talk of own[index] ?? []) speakersOf.set(talk, dedupe(talk.speakers.flatMap((name) => resolve(name, post))));
  }
  const talks: SiteTalk[] = [];
  const events: SiteEvent[] = [];
  posts.forEach((post, index) => {
    const siteTalks = (own[index] ?? []).map((talk): SiteTalk => ({
      title: talk.title,
      speakers: speakersOf.get(talk) ?? [],
      url: talk.anchor === undefined ? post.url : `${post.url}#${encodeURIComponent(talk.anchor)}`,
      anchor: talk.anchor,
      slides: talk.slides,
      video: talk.video,
      post,
      event: post.event,
    }));
    talks.push(...siteTalks);
    if (post.event !== undefined) events.push({ event: post.event, post, year: (post.event.start ?? post.date).year, talks: siteTalks });
  });
  events.sort((a, b) => (b.event.start ?? b.post.date).epochMs - (a.event.start ?? a.post.date).epochMs || posts.indexOf(a.post) - posts.indexOf(b.post));
  return { events, talks, speakers: groupSpeakers(talks, collator), diagnostics };
}

/** Maps a written name to its speaker (aliases applied, same slug merged); `[]` for a name without letters. */
function speakerResolver(config: SiteConfig, diagnostics: Diagnostic[]): (name: string, post: RenderedPost) => SpeakerRef[] {
  const aliases = new Map(Object.entries(config.speakers.aliases).map(([variant, name]) => [keyOf(variant), name]));
  const refs = new Map<string, SpeakerRef>();
  return (written, post) => {
    const name = aliases.get(keyOf(written)) ?? written.trim();
    const slug = slugify(name);
    if (slug === '') {
      diagnostics.push(warning('speaker-unusable', `speaker \`${written}\` has no letters or digits and gets no page`, { file: post.source.path, line: post.keyLines['talks'] }));
      return [];
    }
    let ref = refs.get(slug);
    if (ref === undefined) {
      const located = locatePath(`/speakers/${slug}/`, config.basePath);
      if (!located.ok) return [];
      ref = { name, slug, url: located.value.url };
      refs.set(slug, ref);
    }
    return [ref];
  };
}

function groupSpeakers(talks: readonly SiteTalk[], collator: Intl.Collator): Speaker[] {
  const bySlug = new Map<string, { ref: SpeakerRef; talks: SiteTalk[] }>();
  for (const talk of talks) {
    for (const ref of talk.speakers) {
      const entry = bySlug.get(ref.slug) ?? { ref, talks: [] };
      entry.talks.push(talk);
      bySlug.set(ref.slug, entry);
    }
  }
  return [...bySlug.values()]
    .map(({ ref, talks: own }) => ({ ...ref, talks: own }))
    .sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

function keyOf(name: string): string {
  return slugify(name.trim()) || name.trim().toLowerCase();
}

function dedupe(refs: readonly SpeakerRef[]): SpeakerRef[] {
  return refs.filter((ref, index) => refs.findIndex((other) => other.slug === ref.slug) === index);
}
