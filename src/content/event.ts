// Front matter `event` and `talks`: validated with zod, problems named by file and key.
import { z } from 'zod';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { EventInfo, PostDate, TalkEntry } from '../types.js';
import { parseDate } from './dates.js';

const text = z.union([z.string(), z.number()]).transform((value) => String(value).trim());
const link = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://example.org/slides.pdf' });
const optionalText = text.optional().nullable();
const optionalLink = link.optional().nullable();

/** Keys of an `event` map. */
export const EVENT_KEYS = ['name', 'start', 'end', 'city', 'venue', 'url', 'organizer', 'slides', 'video'] as const;

const eventSchema = z.object({
  name: text.pipe(z.string().min(1, 'must not be empty')),
  start: z.unknown().optional(),
  end: z.unknown().optional(),
  city: optionalText,
  venue: optionalText,
  organizer: optionalText,
  url: optionalLink,
  slides: optionalLink,
  video: optionalLink,
});

const speakerList = z.union([text, z.array(text)]).transform((value) => (Array.isArray(value) ? value : [value]));
const talkSchema = z.object({
  speaker: speakerList.optional(),
  speakers: speakerList.optional(),
  title: text.pipe(z.string().min(1, 'must not be empty')),
  slides: optionalLink,
  video: optionalLink,
});

interface Where {
  readonly file: string;
  readonly line: number | undefined;
  readonly timezone: string;
}

/** Reads front matter `event`: a name, or a map of name, dates, place and links. */
export function readEvent(value: unknown, where: Where): { event: EventInfo | undefined; diagnostics: Diagnostic[] } {
  const { file, line } = where;
  const diagnostics: Diagnostic[] = [];
  if (value === undefined || value === null) return { event: undefined, diagnostics };
  const input = typeof value === 'string' || typeof value === 'number' ? { name: value } : value;
  if (typeof input !== 'object' || Array.isArray(input)) {
    diagnostics.push(error('event-invalid', '`event` must be the event name or a map with `name`, `start`, `end`, `city`, `venue`, `url`, `organizer`, `slides`, `video`', { file, line, hint: 'write `event: CNUTCon 2015`, or `event:` followed by indented `name: …` and `start: 2015-08-28` lines' }));
    return { event: undefined, diagnostics };
  }
  for (const key of Object.keys(input)) {
    if (!(EVENT_KEYS as readonly string[]).includes(key)) diagnostics.push(warning('event-unknown-key', `unknown key \`event.${key}\` is ignored`, { file, line, hint: `known keys: ${EVENT_KEYS.join(', ')}` }));
  }
  const parsed = eventSchema.safeParse(input);
  if (!parsed.success) {
    const hasName = 'name' in input && input.name !== null && input.name !== undefined;
    for (const issue of parsed.error.issues) {
      const message = issue.path[0] === 'name' && !hasName ? 'the event needs a name' : issue.message;
      diagnostics.push(error('event-invalid', `\`event.${issue.path.join('.')}\`: ${message}`, { file, line, hint: hasName ? 'fix the value under `event`' : 'add `name: …` under `event`' }));
    }
    return { event: undefined, diagnostics };
  }
  const start = readDay(parsed.data.start, 'start', where, diagnostics);
  const end = readDay(parsed.data.end, 'end', where, diagnostics);
  if (start !== undefined && end !== undefined && end.epochMs < start.epochMs) {
    diagnostics.push(error('event-invalid', `\`event.end\` (${end.iso.slice(0, 10)}) is before \`event.start\` (${start.iso.slice(0, 10)})`, { file, line, hint: 'swap the dates, or fix the typo' }));
  }
  const data = parsed.data;
  const event: EventInfo = {
    name: data.name,
    start,
    end: end ?? start,
    city: data.city ?? undefined,
    venue: data.venue ?? undefined,
    organizer: data.organizer ?? undefined,
    url: data.url ?? undefined,
    slides: data.slides ?? undefined,
    video: data.video ?? undefined,
  };
  return { event: diagnostics.some((d) => d.severity === 'error') ? undefined : event, diagnostics };
}

/** Reads front matter `talks`: `true`/`false`, or a list of `{ speaker, title, slides, video }`. */
export function readTalks(value: unknown, where: Where): { talks: boolean | TalkEntry[] | undefined; diagnostics: Diagnostic[] } {
  const { file, line } = where;
  if (value === undefined || value === null) return { talks: undefined, diagnostics: [] };
  if (typeof value === 'boolean') return { talks: value, diagnostics: [] };
  const hint = 'write `talks: true`, `talks: false`, or a list of `- { speaker: 喻勇, title: …, slides: https://…, video: https://… }`';
  if (!Array.isArray(value)) return { talks: undefined, diagnostics: [error('talks-invalid', '`talks` must be true, false or a list of talks', { file, line, hint })] };
  const diagnostics: Diagnostic[] = [];
  const talks: TalkEntry[] = [];
  value.forEach((item: unknown, index) => {
    const parsed = talkSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) diagnostics.push(error('talks-invalid', `\`talks[${index}]${issue.path.map((p) => `.${String(p)}`).join('')}\`: ${issue.message}`, { file, line, hint }));
      return;
    }
    const speakers = [...(parsed.data.speakers ?? []), ...(parsed.data.speaker ?? [])].map((name) => name.trim()).filter((name) => name !== '');
    if (speakers.length === 0) {
      diagnostics.push(error('talks-invalid', `\`talks[${index}]\` has no \`speaker\``, { file, line, hint }));
      return;
    }
    talks.push({ speakers, title: parsed.data.title, slides: parsed.data.slides ?? undefined, video: parsed.data.video ?? undefined });
  });
  return { talks: diagnostics.length > 0 ? undefined : talks, diagnostics };
}

function readDay(value: unknown, key: 'start' | 'end', where: Where, diagnostics: Diagnostic[]): PostDate | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = parseDate(value, where.timezone);
  if (parsed.ok) return parsed.value;
  diagnostics.push(error('event-invalid', `\`event.${key}\`: ${parsed.message}`, { file: where.file, line: where.line, hint: 'write the day as YYYY-MM-DD, in the site time zone' }));
  return undefined;
}
