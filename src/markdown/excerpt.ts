// Automatic excerpts counted in graphemes, so Chinese and English get the same length.

export const EXCERPT_LENGTH = 140;

const SENTENCE_END = /[。！？!?.…]$/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Joins paragraph texts and cuts them at about `limit` graphemes, preferring a sentence end. */
export function makeExcerpt(paragraphs: readonly string[], limit: number = EXCERPT_LENGTH): string {
  const text = paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '').join(' ');
  const graphemes = Array.from(segmenter.segment(text), (s) => s.segment);
  if (graphemes.length <= limit) return text;
  const head = graphemes.slice(0, limit);
  // Prefer the last sentence end in the second half of the window.
  for (let end = head.length; end > limit / 2; end--) {
    if (SENTENCE_END.test(head[end - 1] ?? '') && isSentenceBoundary(graphemes, end)) return head.slice(0, end).join('').trim();
  }
  return `${head.slice(0, limit - 1).join('').trimEnd()}…`;
}

/** A `.` ends a sentence only when followed by a space or the end (not `3.5` or `a.b`). */
function isSentenceBoundary(graphemes: readonly string[], end: number): boolean {
  const last = graphemes[end - 1];
  if (last !== '.' && last !== '!' && last !== '?') return true;
  const next = graphemes[end];
  return next === undefined || /\s/.test(next);
}
