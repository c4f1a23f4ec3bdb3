// Issue 8: front matter `event` and `talks`, read through the real normalize stage.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { parseFrontMatter } from '../../src/content/front-matter.js';
import { normalizePost } from '../../src/content/normalize.js';
import type { Diagnostic, Result } from '../../src/diagnostics.js';
import type { ParsedPage } from '../../src/types.js';

const configResult = parseConfig('timezone: Asia/Shanghai');
if (!configResult.ok) throw new Error('config should parse');
const config = configResult.value;

function normalize(...lines: string[]): Result<ParsedPage> {
  const text = ['---', 'title: Notes', 'date: 2015-08-30', ...lines, '---', 'Body', ''].join('\n');
  const raw = parseFrontMatter(text, { path: 'posts/a.md', absolutePath: '/x/posts/a.md', kind: 'post' });
  if (!raw.ok) throw new Error('front matter should parse');
  return normalizePost(raw.value, config);
}

function post(...lines: string[]): ParsedPage {
  const result = normalize(...lines);
  if (!result.ok) throw new Error(`expected a post: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.value;
}

function problems(...lines: string[]): Diagnostic[] {
  return [...normalize(...lines).diagnostics];
}

describe('front matter `event`', () => {
  it('reads a plain string as the event name', () => {
    expect(post('event: CNUTCon 2015').event).toEqual({ name: 'CNUTCon 2015', start: undefined, end: undefined, city: undefined, venue: undefined, organizer: undefined, url: undefined, slides: undefined, video: undefined });
  });

  it('reads every field of a map, dates as days in the site time zone', () => {
    const event = post(
      'event:',
      '  name: CNUTCon 全球容器技术大会',
      '  start: 2015-08-28',
      '  end: 2015-08-29',
      '  city: 北京',
      '  venue: 国家会议中心',
      '  organizer: InfoQ',
      '  url: https://cnutcon.example.org/',
      '  slides: https://slides.example.org/cnutcon.pdf',
      '  video: https://video.example.org/cnutcon',
    ).event;
    expect(event?.name).toBe('CNUTCon 全球容器技术大会');
    expect(event?.start?.iso).toBe('2015-08-28T00:00:00+08:00');
    expect(event?.end?.iso).toBe('2015-08-29T00:00:00+08:00');
    expect([event?.city, event?.venue, event?.organizer]).toEqual(['北京', '国家会议中心', 'InfoQ']);
    expect([event?.url, event?.slides, event?.video]).toEqual(['https://cnutcon.example.org/', 'https://slides.example.org/cnutcon.pdf', 'https://video.example.org/cnutcon']);
  });

  it('takes a one-day event’s end from its start', () => {
    expect(post('event:', '  name: Meetup', '  start: 2015-08-28').event?.end?.iso).toBe('2015-08-28T00:00:00+08:00');
  });

  it('leaves posts without `event` without one', () => {
    expect(post().event).toBeUndefined();
  });

  it.each([
    [['event:', '  city: 北京'], /`event\.name`: the event needs a name/],
    [['event:', '  name: X', '  start: 2015-02-30'], /`event\.start`: `2015-02-30` is not a valid date/],
    [['event:', '  name: X', '  start: 2015-08-29', '  end: 2015-08-28'], /`event\.end` \(2015-08-28\) is before `event\.start` \(2015-08-29\)/],
    [['event:', '  name: X', '  url: not a url'], /`event\.url`: must be an http\(s\) URL/],
    [['event:', '  name: X', '  video: ftp://x.example/v'], /`event\.video`: must be an http\(s\) URL/],
    [['event: [a, b]'], /`event` must be the event name or a map/],
  ])('rejects %j with an error naming the file, key and line', (lines, message) => {
    const found = problems(...lines).filter((d) => d.severity === 'error');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(message)]);
    expect(found[0]).toMatchObject({ file: 'posts/a.md', line: 4 });
  });

  it('warns about an unknown key under `event` and keeps the rest', () => {
    const result = normalize('event:', '  name: X', '  room: 3');
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'event-unknown-key', file: 'posts/a.md', line: 4, message: 'unknown key `event.room` is ignored' })]);
  });
});

describe('front matter `talks`', () => {
  it('reads true and false as the extraction switch', () => {
    expect(post('talks: true').talks).toBe(true);
    expect(post('talks: false').talks).toBe(false);
    expect(post().talks).toBeUndefined();
  });

  it('reads a list of talks; `speaker` may be one name or a list', () => {
    expect(post(
      'talks:',
      '  - { speaker: 喻勇, title: container技术在cloudfoundry中的演化, slides: "https://s.example/1.pdf" }',
      '  - speaker: [Alice, Bob]',
      '    title: Pairing',
      '    video: https://v.example/2',
    ).talks).toEqual([
      { speakers: ['喻勇'], title: 'container技术在cloudfoundry中的演化', slides: 'https://s.example/1.pdf', video: undefined },
      { speakers: ['Alice', 'Bob'], title: 'Pairing', slides: undefined, video: 'https://v.example/2' },
    ]);
  });

  it.each([
    [['talks: yes please'], /`talks` must be true, false or a list of talks/],
    [['talks:', '  - { title: No speaker }'], /`talks\[0\]` has no `speaker`/],
    [['talks:', '  - { speaker: A, title: T, slides: nope }'], /`talks\[0\]\.slides`: must be an http\(s\) URL/],
    [['talks:', '  - { speaker: A }'], /`talks\[0\]\.title`/],
  ])('rejects %j naming the key', (lines, message) => {
    const found = problems(...lines).filter((d) => d.severity === 'error');
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(message)]);
    expect(found[0]).toMatchObject({ file: 'posts/a.md', line: 4 });
  });
});
