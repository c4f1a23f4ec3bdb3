// The language of a post: front matter `lang`, else the site `language`, else detected
// from the text (a post written mostly in Chinese is `zh-CN`).
import type { SiteConfig } from '../config/schema.js';
import type { ScriptCounts } from '../types.js';

const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /\p{Script=Hangul}/gu;
const LATIN_WORD = /\p{Script=Latin}+/gu;

/** Kana make up at least this share of Japanese text (particles, endings); Chinese has none. */
const KANA_SHARE_FOR_JAPANESE = 0.1;

/**
 * Guesses a language tag from text: `zh-CN`, `ja` or `ko` when the CJK characters
 * outnumber the Latin words (each character counts as a word), else undefined.
 */
export function detectLanguage(text: string): string | undefined {
  return languageOf(countScripts(text));
}

/** How many characters of each CJK script, and Latin words, a text holds. */
export function countScripts(text: string): ScriptCounts {
  return { han: count(text, HAN), kana: count(text, KANA), hangul: count(text, HANGUL), latinWords: count(text, LATIN_WORD) };
}

/** {@link detectLanguage} from counts (counts of texts joined by a line break add up). */
export function languageOf(counts: ScriptCounts): string | undefined {
  const { han, kana, hangul } = counts;
  const cjk = han + kana + hangul;
  if (cjk === 0 || cjk <= counts.latinWords) return undefined;
  if (hangul > han + kana) return 'ko';
  if (kana >= cjk * KANA_SHARE_FOR_JAPANESE) return 'ja';
  return 'zh-CN';
}

/**
 * A document's `lang`: its own, else the site's when set, else detected from title and
 * text, else `en`. The body's counts come from the Markdown stage, so the (possibly not
 * loaded) body text is never scanned here.
 */
export function documentLanguage(document: { readonly lang: string | undefined; readonly title: string; readonly content: { readonly scripts: ScriptCounts } }, config: Pick<SiteConfig, 'language' | 'languageIsDefault'>): string {
  if (document.lang !== undefined) return document.lang;
  if (!config.languageIsDefault) return config.language;
  const title = countScripts(document.title);
  const body = document.content.scripts;
  return languageOf({ han: title.han + body.han, kana: title.kana + body.kana, hangul: title.hangul + body.hangul, latinWords: title.latinWords + body.latinWords }) ?? config.language;
}

function count(text: string, pattern: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(pattern)) n++;
  return n;
}
