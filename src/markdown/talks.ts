// Talks from a post's headings: `Speakers（Title）`, `Speakers: Title`, `Title by Speakers`…
// Pure functions of the heading texts, so they run on what the Markdown stage returns.
import type { Heading, Talk, TalkEntry } from '../types.js';

/** Speakers and title read from one heading. */
export interface TalkHeading {
  readonly speakers: readonly string[];
  readonly title: string;
}

interface Pattern {
  readonly regex: RegExp;
  readonly speakers: 1 | 2;
  /** Every Latin name needs two words or more (`Testing by Default` is not a talk by Default). */
  readonly fullNames?: boolean;
}

// Tried in this order; the first whose speaker part holds only names wins.
const PATTERNS: readonly Pattern[] = [
  { regex: /^([^（(]+?)\s*[（(](.+)[）)]$/u, speakers: 1 },
  { regex: /^《(.+?)》\s*(?:(?:by|[-—–:：]+)\s*)?(.+)$/u, speakers: 2 },
  { regex: /^([^:：]+?)\s*[:：]\s*(.+)$/u, speakers: 1 },
  { regex: /^(.+?)\s*(?:——|—|–|\s-)\s*(.+)$/u, speakers: 1 },
  { regex: /^(.+)\s+by\s+(.+)$/iu, speakers: 2, fullNames: true },
];

const SEPARATORS = /\s*(?:[&＆、,，]|\band\b)\s*/u;
const CHINESE_SEPARATORS = /[和与]/u;

const HAN_NAME = /^\p{Script=Han}{2,4}$|^\p{Script=Han}+(?:[·•・]\p{Script=Han}+)+$/u;
const HANGUL_NAME = /^\p{Script=Hangul}{2,4}$/u;
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’.-]+)$/u;
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'del', 'la', 'le', 'bin', 'al', 'ter']);

/** Words that make a heading part a section name rather than a person. */
const LATIN_STOP_WORDS = new Set([
  'agenda', 'afternoon', 'appendix', 'bof', 'bonus', 'break', 'chapter', 'closing', 'conclusion', 'conclusions',
  'conference', 'day', 'default', 'demo', 'design', 'dinner', 'discussion', 'evening', 'example', 'final', 'hallway',
  'intro', 'introduction', 'keynote', 'keynotes', 'kickoff', 'lesson', 'lightning', 'lunch', 'meetup', 'morning',
  'notes', 'overview', 'panel', 'part', 'q&a', 'question', 'questions', 'recap', 'roundtable', 'schedule', 'section',
  'session', 'sessions', 'step', 'summary', 'takeaways', 'talk', 'talks', 'track', 'tutorial', 'update', 'welcome',
  'workshop', 'wrap-up',
]);

const HAN_STOP_WORDS = [
  '活动', '会场', '专场', '分享', '讨论', '总结', '小结', '前言', '后记', '附录', '问答', '议程', '主题', '演讲',
  '开场', '闭幕', '圆桌', '上午', '下午', '晚上', '介绍', '简介', '概述', '背景', '现场', '入门', '实践', '环节',
  '茶歇', '午餐', '晚宴', '签到', '致辞', '报告', '培训', '大会', '峰会', '论坛', '沙龙', '感想', '收获', '体会',
  '心得', '笔记', '见闻', '回顾', '展望', '技术', '社区', '同期',
];

/** True when `text` looks like one person's name (Chinese, Korean or Latin script). */
export function isSpeakerName(text: string, fullName = false): boolean {
  const name = text.trim();
  if (HAN_NAME.test(name)) return !name.startsWith('第') && !HAN_STOP_WORDS.some((word) => name.includes(word));
  if (HANGUL_NAME.test(name)) return true;
  const words = name.split(/\s+/u);
  if (words.length > 4 || words.length < (fullName ? 2 : 1)) return false;
  if (words.some((word) => LATIN_STOP_WORDS.has(word.toLowerCase()))) return false;
  const capitalized = words.filter((word) => NAME_WORD.test(word));
  return capitalized.length > 0 && words.every((word) => NAME_WORD.test(word) || PARTICLES.has(word));
}

/**
 * Splits a speaker list on `&`, `＆`, `、`, `,`, `，` and ` and`; `和` and `与` split
 * only when every part is a name, so `王和平` stays one person.
 */
export function splitSpeakers(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .flatMap((part) => {
      if (isSpeakerName(part) && !CHINESE_SEPARATORS.test(part)) return [part];
      const pieces = part.split(CHINESE_SEPARATORS).map((piece) => piece.trim());
      return pieces.length > 1 && pieces.every((piece) => isSpeakerName(piece)) ? pieces : [part];
    });
}

/** Reads speakers and title from a heading's text, or undefined when it is not a talk. */
export function parseTalkHeading(text: string): TalkHeading | undefined {
  const heading = text.replace(/\s+/gu, ' ').trim();
  for (const pattern of PATTERNS) {
    const match = pattern.regex.exec(heading);
    if (match === null) continue;
    const speakerText = match[pattern.speakers] ?? '';
    const title = unquote(match[pattern.speakers === 1 ? 2 : 1] ?? '');
    const speakers = splitSpeakers(speakerText);
    if (title !== '' && speakers.length > 0 && speakers.every((name) => isSpeakerName(name, pattern.fullNames))) return { speakers, title };
  }
  return undefined;
}

/** Every heading that names speakers and a title, as a talk linked to the heading's id. */
export function extractTalks(headings: readonly Heading[]): Talk[] {
  return headings.flatMap((heading) => {
    const talk = parseTalkHeading(heading.text);
    return talk === undefined ? [] : [{ ...talk, anchor: heading.id, slides: undefined, video: undefined }];
  });
}

/**
 * Talks listed in front matter, each linked to the first unused heading that contains its
 * title (or that was extracted with that title), else to no heading.
 */
export function anchorTalks(entries: readonly TalkEntry[], headings: readonly Heading[]): Talk[] {
  const used = new Set<string>();
  return entries.map((entry) => {
    const wanted = comparable(entry.title);
    const heading = headings.find((h) => !used.has(h.id) && wanted !== '' && (comparable(h.text).includes(wanted) || comparable(parseTalkHeading(h.text)?.title ?? '') === wanted));
    if (heading !== undefined) used.add(heading.id);
    return { ...entry, anchor: heading?.id };
  });
}

function comparable(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Drops quotes around a whole title: `《微服务》`, `“Title”`, `"Title"`. */
function unquote(title: string): string {
  const trimmed = title.trim();
  const match = /^(?:《(.+)》|“(.+)”|"(.+)"|「(.+)」)$/u.exec(trimmed);
  return (match?.[1] ?? match?.[2] ?? match?.[3] ?? match?.[4] ?? trimmed).trim();
}
