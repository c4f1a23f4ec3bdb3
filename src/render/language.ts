// The language of a post: front matter `lang`, else the site `language`, else detected
// from the text (a post written mostly in Chinese is `zh-CN`).
import type { SiteConfig } from '../config/schema.js';
import { characterClasses, KNOWN, WIDE } from '../text/character-classes.js';
import type { ScriptCounts } from '../types.js';

const HAN = /^\p{Script=Han}$/u;
const KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const HANGUL = /^\p{Script=Hangul}$/u;
const LATIN = /^\p{Script=Latin}$/u;

const IS_HAN = 2;
const IS_KANA = 4;
const IS_HANGUL = 8;
const IS_LATIN = 16;

const classAt = characterClasses((character) => KNOWN | (HAN.test(character) ? IS_HAN : 0) | (KANA.test(character) ? IS_KANA : 0) | (HANGUL.test(character) ? IS_HANGUL : 0) | (LATIN.test(character) ? IS_LATIN : 0));

/** Kana make up at least this share of Japanese text (particles, endings); Chinese has none. */
const KANA_SHARE_FOR_JAPANESE = 0.1;

/**
 * Guesses a language tag from text: `zh-CN`, `ja` or `ko` when the CJK characters
 * outnumber the Latin words (each character counts as a word), else undefined.
 */
export function detectLanguage(text: string): string | undefined {
  return languageOf(countScripts(text));
}

/**
 * How many characters (code points) of each CJK script, and Latin words (runs of
 * Latin-script characters), a text holds.
 */
export function countScripts(text: string): ScriptCounts {
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let latinWords = 0;
  let inLatin = false;
  for (let index = 0; index < text.length; index++) {
    const kind = classAt(text, index);
    if ((kind & WIDE) !== 0) index++;
    if ((kind & IS_HAN) !== 0) han++;
    else if ((kind & IS_KANA) !== 0) kana++;
    else if ((kind & IS_HANGUL) !== 0) hangul++;
    if ((kind & IS_LATIN) === 0) inLatin = false;
    else if (!inLatin) {
      inLatin = true;
      latinWords++;
    }
  }
  return { han, kana, hangul, latinWords };
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

