// The language of a post: front matter `lang`, else the site `language`, else detected
// from the text (a post written mostly in Chinese is `zh-CN`).
import type { SiteConfig } from '../config/schema.js';

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
  const han = count(text, HAN);
  const kana = count(text, KANA);
  const hangul = count(text, HANGUL);
  const cjk = han + kana + hangul;
  if (cjk === 0 || cjk <= count(text, LATIN_WORD)) return undefined;
  if (hangul > han + kana) return 'ko';
  if (kana >= cjk * KANA_SHARE_FOR_JAPANESE) return 'ja';
  return 'zh-CN';
}

/** A document's `lang`: its own, else the site's when set, else detected from title and text, else `en`. */
export function documentLanguage(document: { readonly lang: string | undefined; readonly title: string; readonly content: { readonly text: string } }, config: Pick<SiteConfig, 'language' | 'languageIsDefault'>): string {
  if (document.lang !== undefined) return document.lang;
  if (!config.languageIsDefault) return config.language;
  return detectLanguage(`${document.title}\n${document.content.text}`) ?? config.language;
}

function count(text: string, pattern: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(pattern)) n++;
  return n;
}
