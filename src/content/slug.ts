// URL slugs that keep Chinese (and every other script's) letters and digits.

export interface SlugOptions {
  /** Lowercase A–Z (other scripts are left as written). Default true. */
  readonly lowercase?: boolean;
}

/**
 * Makes a slug: decodes `%XX` once, keeps Unicode letters, marks, digits and `_`,
 * turns every other run of characters into one `-`. Idempotent; never contains
 * `/`, `%`, `.` or control characters. May return '' (the caller picks a fallback).
 */
export function slugify(text: string, options: SlugOptions = {}): string {
  const slug = decodePercentOnce(text)
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}_]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return options.lowercase === false ? slug : lowercaseAscii(slug);
}

/** Decodes percent-escapes once, but only when the result is valid UTF-8. */
export function decodePercentOnce(text: string): string {
  if (!/%[0-9a-f]{2}/i.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Strips a Jekyll/Hexo `YYYY-MM-DD-` date prefix and the extension from a file name. */
export function fileNameStem(fileName: string): string {
  const base = fileName.replace(/\.[^./]+$/, '');
  return base.replace(/^\d{4}-\d{1,2}-\d{1,2}(?:-|$)/, '');
}

function lowercaseAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
