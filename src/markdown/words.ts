// Word counts for reading time: CJK characters count one each, other text by spaces.
import { characterClasses, KNOWN, WIDE } from '../text/character-classes.js';

/** Han, kana and hangul (the scripts written without spaces between words). */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const SPACE = /\s/;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

const IS_CJK = 2;
const IS_SPACE = 4;
const IS_LETTER_OR_NUMBER = 8;

const classAt = characterClasses((character) => KNOWN | (CJK.test(character) ? IS_CJK : 0) | (SPACE.test(character) ? IS_SPACE : 0) | (LETTER_OR_NUMBER.test(character) ? IS_LETTER_OR_NUMBER : 0));

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
    const kind = classAt(text, index);
    if ((kind & WIDE) !== 0) index++;
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
