// Character classes as bit flags, for scanning long texts: each BMP code unit is
// classified once (against Unicode property regexes, say), the first time it is seen,
// and looked up after that, which is several times faster than matching the regexes
// over every post's text. A surrogate pair is one character, classified each time.

/** Set in every class, so that a looked-up 0 means "not seen yet". */
export const KNOWN = 1;
/** Set for a character of two code units (a surrogate pair): the caller steps over both. */
export const WIDE = 128;

/**
 * The class of the character at `index` of a text; `classify` gives a character's flags
 * (below {@link WIDE}) and must include {@link KNOWN}.
 */
export function characterClasses(classify: (character: string) => number): (text: string, index: number) => number {
  const table = new Uint8Array(0x10000);
  return (text, index) => {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) return classify(text.slice(index, index + 2)) | WIDE;
    }
    return table[code] || (table[code] = classify(text.charAt(index)));
  };
}
