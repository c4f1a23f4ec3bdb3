// Word counts for reading time: CJK characters count one each, other text by spaces.

/** Han, kana and hangul (the scripts written without spaces between words). */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const SPACE = /\s/;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

const KNOWN = 1;
const IS_CJK = 2;
const IS_SPACE = 4;
const IS_LETTER_OR_NUMBER = 8;

/**
 * Character classes of the BMP code units, filled in as they are first seen: testing each
 * character once against the Unicode property regexes is ten times faster than matching
 * them over every post's text.
 */
const classes = new Uint8Array(0x10000);

function classify(character: string): number {
  return KNOWN | (CJK.test(character) ? IS_CJK : 0) | (SPACE.test(character) ? IS_SPACE : 0) | (LETTER_OR_NUMBER.test(character) ? IS_LETTER_OR_NUMBER : 0);
}

/**
 * Counts CJK characters and, in the rest, the words: runs of characters other than white
 * space and CJK that hold at least one letter or number.
 */
export function countWords(text: string): { cjkCharacters: number; words: number } {
  let cjkCharacters = 0;
  let words = 0;
  let inWord = false;
  let counted = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    let kind: number;
    if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(index + 1))) {
      kind = classify(text.slice(index, index + 2));
      index++;
    } else {
      kind = classes[code] || (classes[code] = classify(text.charAt(index)));
    }
    if ((kind & (IS_CJK | IS_SPACE)) !== 0) {
      if ((kind & IS_CJK) !== 0) cjkCharacters++;
      inWord = false;
    } else {
      if (!inWord) counted = false;
      inWord = true;
      if (!counted && (kind & IS_LETTER_OR_NUMBER) !== 0) {
        counted = true;
        words++;
      }
    }
  }
  return { cjkCharacters, words };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
