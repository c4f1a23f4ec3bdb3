// Automatic excerpts counted in graphemes, so Chinese and English get the same length.

export const EXCERPT_LENGTH = 140;

const SENTENCE_END = /[。！？!?.…]$/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Joins paragraph texts and cuts them at about `limit` graphemes, preferring a sentence end. */
export function makeExcerpt(paragraphs: readonly string[], limit: number = EXCERPT_LENGTH): string {
  const text = joinUntil(paragraphs, limit);
  const graphemes = firstGraphemes(text, limit + 1);
  if (graphemes.length <= limit) return text;
  const head = graphemes.slice(0, limit);
  // Prefer the last sentence end in the second half of the window.
  for (let end = head.length; end > limit / 2; end--) {
    if (SENTENCE_END.test(head[end - 1] ?? '') && isSentenceBoundary(graphemes, end)) return head.slice(0, end).join('').trim();
  }
  return `${head.slice(0, limit - 1).join('').trimEnd()}…`;
}

/**
 * Code units that are each a whole grapheme next to one another: printable Latin, common
 * punctuation, kana, CJK ideographs and punctuation, Hangul syllables and fullwidth forms.
 * None is a combining mark, a joiner, a prepended mark, a Hangul jamo, a regional indicator
 * or a surrogate, the only things Unicode grapheme rules join to a neighbour
 * (test/markdown/excerpt.test.ts checks each one against Intl.Segmenter).
 */
export const SIMPLE_GRAPHEMES = /^[\x20-\x7e\xa0-\xac\xae-\u024f\u2010-\u2027\u2030-\u205e\u3000-\u3029\u3030-\u303f\u3041-\u3096\u309b-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff9d]*$/;

/**
 * The first `count` graphemes of `text`. Intl.Segmenter costs more than the rest of the
 * excerpt, so text whose first `count + 1` code units are all simple (nearly every post)
 * is split by code unit: the unit after the window is included so that it cannot join
 * the last one.
 */
export function firstGraphemes(text: string, count: number, alwaysSegment = false): string[] {
  const window = text.slice(0, count + 1);
  if (!alwaysSegment && SIMPLE_GRAPHEMES.test(window)) return window.slice(0, count).split('');
  // Segment lazily: only the first `count` graphemes are ever needed.
  const graphemes: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    graphemes.push(segment);
    if (graphemes.length >= count) break;
  }
  return graphemes;
}

/** Joins normalized paragraphs, stopping once there is more than enough text. */
function joinUntil(paragraphs: readonly string[], limit: number): string {
  const parts: string[] = [];
  let length = 0;
  for (const paragraph of paragraphs) {
    const normalized = paragraph.replace(/\s+/g, ' ').trim();
    if (normalized === '') continue;
    parts.push(normalized);
    length += normalized.length + 1;
    // A grapheme is at most a few code units; 8 per grapheme leaves room for emoji sequences.
    if (length > limit * 8) break;
  }
  return parts.reduce((text, part) => (text === '' ? part : CJK_EDGE.test(text.slice(-1)) || CJK_EDGE.test(part[0] ?? '') ? text + part : `${text} ${part}`), '');
}

/** Chinese and Japanese text (and its punctuation) needs no space between paragraphs. */
const CJK_EDGE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/** A `.` ends a sentence only when followed by a space or the end (not `3.5` or `a.b`). */
function isSentenceBoundary(graphemes: readonly string[], end: number): boolean {
  const last = graphemes[end - 1];
  if (last !== '.' && last !== '!' && last !== '?') return true;
  const next = graphemes[end];
  return next === undefined || /\s/.test(next);
}
