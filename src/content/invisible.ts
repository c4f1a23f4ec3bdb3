// Characters HTML and XML do not allow: removed from sources and front-matter values.

/** C0 controls (NUL too: in a source file it already means binary) except tab, newline and carriage return; DEL; C1 controls; Unicode non-characters. */
const INVISIBLE_SOURCE = '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufdd0-\\ufdef\\ufffe\\uffff]|[\\u{1fffe}\\u{1ffff}\\u{2fffe}\\u{2ffff}\\u{3fffe}\\u{3ffff}\\u{4fffe}\\u{4ffff}\\u{5fffe}\\u{5ffff}\\u{6fffe}\\u{6ffff}\\u{7fffe}\\u{7ffff}\\u{8fffe}\\u{8ffff}\\u{9fffe}\\u{9ffff}\\u{afffe}\\u{affff}\\u{bfffe}\\u{bffff}\\u{cfffe}\\u{cffff}\\u{dfffe}\\u{dffff}\\u{efffe}\\u{effff}\\u{ffffe}\\u{fffff}\\u{10fffe}\\u{10ffff}]';
export const INVISIBLE = new RegExp(INVISIBLE_SOURCE, 'u');
export const INVISIBLE_ALL = new RegExp(INVISIBLE_SOURCE, 'gu');

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE_ALL, '');
}

/** A new value with `change` applied to every string in a parsed front-matter value (and to the keys of its maps, when `keys`). */
export function mapStringsDeep(value: unknown, change: (text: string) => string, keys = false): unknown {
  if (typeof value === 'string') return change(value);
  if (Array.isArray(value)) return value.map((item) => mapStringsDeep(item, change, keys));
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [keys ? change(key) : key, mapStringsDeep(item, change, keys)]));
  }
  return value;
}
