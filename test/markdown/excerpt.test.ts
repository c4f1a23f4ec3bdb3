import { describe, expect, it, test } from 'vitest';
import fc from 'fast-check';
import { EXCERPT_LENGTH, firstGraphemes, makeExcerpt, SIMPLE_GRAPHEMES } from '../../src/markdown/excerpt.js';

function graphemes(text: string): number {
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
}

const SENTENCE = '作为容器技术的发展，自认为是互联网技术公司的基础设施架构的不可或缺的一部分。'; // 38 graphemes

describe('makeExcerpt', () => {
  it('returns short text unchanged', () => {
    expect(makeExcerpt(['短文。'])).toBe('短文。');
  });

  it('joins paragraphs with one space and collapses whitespace', () => {
    expect(makeExcerpt(['  hello\n\n  world  ', '', 'x'])).toBe('hello world x');
  });

  it('returns an empty string for no text', () => {
    expect(makeExcerpt([])).toBe('');
    expect(makeExcerpt(['  ', '\n'])).toBe('');
  });

  it('ends at the last 。 inside the limit', () => {
    const excerpt = makeExcerpt([SENTENCE.repeat(6)]);
    expect(excerpt).toBe(SENTENCE.repeat(3));
    expect(graphemes(excerpt)).toBe(114);
  });

  test.each(['！', '？', '!', '?', '…'])('ends at the sentence mark %s', (mark) => {
    const text = `${'字'.repeat(99)}${mark} ${'字'.repeat(100)}`;
    expect(makeExcerpt([text])).toBe(`${'字'.repeat(99)}${mark}`);
  });

  it('cuts with … when no sentence ends in the second half of the window', () => {
    const excerpt = makeExcerpt([`短句。${'长'.repeat(200)}`]);
    expect(graphemes(excerpt)).toBe(EXCERPT_LENGTH);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt.startsWith('短句。')).toBe(true);
  });

  it('never goes past limit + 1 graphemes', () => {
    for (const text of ['a'.repeat(500), `${'word '.repeat(100)}`, SENTENCE.repeat(10), '👨‍👩‍👧'.repeat(300)]) {
      expect(graphemes(makeExcerpt([text]))).toBeLessThanOrEqual(EXCERPT_LENGTH + 1);
    }
  });

  it('counts a family emoji as one grapheme and never splits it', () => {
    const excerpt = makeExcerpt(['👨‍👩‍👧'.repeat(200)]);
    expect(graphemes(excerpt)).toBe(EXCERPT_LENGTH);
    expect(excerpt.replace('…', '')).toBe('👨‍👩‍👧'.repeat(EXCERPT_LENGTH - 1));
  });

  it('does not treat the dot in 3.5 as a sentence end', () => {
    const excerpt = makeExcerpt([`${'x'.repeat(100)} 3.5 ${'y'.repeat(100)}`]);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).not.toMatch(/3\.$/);
  });

  it('ends at a full stop followed by a space', () => {
    expect(makeExcerpt([`Hello there. ${'x'.repeat(200)}`], 20)).toBe('Hello there.');
  });

  it('honours a custom limit', () => {
    expect(makeExcerpt(['abcdefghij'], 5)).toBe('abcd…');
  });
});

describe('joining paragraphs', () => {
  it('joins Chinese paragraphs without a space and English ones with one', () => {
    expect(makeExcerpt(['格式更加漂亮一些。', '此次去北京参加。'])).toBe('格式更加漂亮一些。此次去北京参加。');
    expect(makeExcerpt(['First part.', 'Second part.'])).toBe('First part. Second part.');
  });
});

describe('firstGraphemes', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const count = (text: string): number => [...segmenter.segment(text)].length;

  it('treats as simple only code units that never join a neighbour', () => {
    // Every simple unit breaks from a letter on both sides and from itself: so it is no
    // combining mark, joiner, prepended mark, jamo or regional indicator, and two simple
    // units never form one grapheme.
    for (let code = 0; code <= 0xffff; code++) {
      const unit = String.fromCharCode(code);
      if (!SIMPLE_GRAPHEMES.test(unit)) continue;
      expect(code === 0x0d || code === 0x0a).toBe(false);
      expect(count(`a${unit}a`)).toBe(3);
      expect(count(`${unit}${unit}${unit}`)).toBe(3);
      expect(count(`${unit}中가${unit}`)).toBe(4);
    }
  });

  it('gives the same graphemes as Intl.Segmenter', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', ' ', '.', '中', '。', 'あ', 'ア', '가', '\u1100', '\u1161', '\u11a8', '\u0301', '\u200d', '\ufe0f', '\u3099', '\uff9e', '👨', '🇨', '🇳', '\r', '\n', '\u0600', '\u0915', '\u094d'),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), fc.integer({ min: 1, max: 25 }), (text, n) => {
        expect(firstGraphemes(text, n)).toEqual(firstGraphemes(text, n, true));
      }),
      { numRuns: 5000 },
    );
  });

  it('splits simple text by code unit without segmenting', () => {
    expect(firstGraphemes('ab中。', 3)).toEqual(['a', 'b', '中']);
    expect(firstGraphemes('ab', 5)).toEqual(['a', 'b']);
    expect(firstGraphemes('abe\u0301', 3)).toEqual(['a', 'b', 'e\u0301']);
  });
});
