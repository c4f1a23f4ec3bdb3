import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/markdown/words.js';

/** The definition, written with regexes over the whole text (what countWords replaced). */
function byRegex(text: string): { cjkCharacters: number; words: number } {
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
  const cjkCharacters = text.match(cjk)?.length ?? 0;
  const words = text.replace(cjk, ' ').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return { cjkCharacters, words };
}

describe('countWords', () => {
  it('counts CJK characters one each and other words by spaces', () => {
    expect(countWords('容器 and 微服务 came up too.')).toEqual({ cjkCharacters: 5, words: 4 });
    expect(countWords('日本語のテキスト。한국어 문장 — 3.5 %')).toEqual({ cjkCharacters: 13, words: 1 });
    expect(countWords('')).toEqual({ cjkCharacters: 0, words: 0 });
    expect(countWords('𠀀𠀁 a\u00a0b\u3000c 𝐀')).toEqual({ cjkCharacters: 2, words: 4 });
  });

  it('agrees with the regex definition on any text, lone surrogates included', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom(' ', '\n', '\u3000', '\u00a0', 'a', '1', '中', 'あ', 'ア', '한', '。', '-', '𠀀', '𝐀', '\u0301', '\ud800', '\udc00'),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }), (a, b) => {
        expect(countWords(a)).toEqual(byRegex(a));
        expect(countWords(b)).toEqual(byRegex(b));
      }),
      { numRuns: 2000 },
    );
  });
});
