// Splits a post into front matter and body with gray-matter (YAML, JSON, TOML).
import matter from 'gray-matter';
import yaml from 'js-yaml';
import { parse as parseToml } from 'smol-toml';
import { keyLines } from '../config/load.js';
import { error, fail, fromYamlError, ok, type Result } from '../diagnostics.js';
import type { RawPost, SourceFile } from '../types.js';
import { mapStringsDeep, stripInvisible } from './invisible.js';

// CORE_SCHEMA has no timestamp type: dates stay the text the author wrote, so a
// zone-less `2015-08-30 19:22:05` is not turned into a UTC Date by js-yaml.
const engines = {
  yaml: { parse: (text: string): object => yaml.load(text, { schema: yaml.CORE_SCHEMA }) as object, stringify: (): string => '' },
  toml: { parse: (text: string): object => parseToml(text), stringify: (): string => '' },
};

/** Keys whose values become file paths. */
const PATH_KEYS: readonly string[] = ['permalink', 'url', 'slug'];

/** Parses front matter and body of one post's text (pure). */
export function parseFrontMatter(text: string, source: SourceFile): Result<RawPost> {
  const file = source.path;
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const delimiter = /^(---|\+\+\+)/.exec(normalized)?.[1];
  if (delimiter !== undefined && !hasClosingDelimiter(normalized, delimiter)) {
    return fail(error('front-matter-unclosed', `front matter opened on line 1 is never closed`, { file, line: 1, hint: `add a line with only \`${delimiter}\` after the last front-matter key` }));
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = delimiter === '+++'
      ? matter(normalized, { engines, delimiters: '+++', language: 'toml' })
      : matter(normalized, { engines });
  } catch (cause) {
    return fail(fromYamlError(cause, file, 0));
  }
  const data: unknown = parsed.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail(error('front-matter-not-a-map', `front matter must be a map of keys to values, found ${Array.isArray(data) ? 'a list' : 'a single value'}`, { file, line: 2, hint: 'write one `key: value` per line, e.g. `title: My notes`' }));
  }
  // gray-matter leaves `matter` undefined for an empty file.
  const matterText: string = typeof parsed.matter === 'string' ? parsed.matter : '';
  const bodyLine = matterText === '' && delimiter === undefined ? 1 : 1 + countNewlines(matterText) + 2;
  return ok({
    source,
    // YAML escapes (`"\\0"`) can put characters into values that HTML and XML do not allow.
    // Path keys keep them: a control character there is reported as an error later.
    // Every string is also copied off the file's text (`detached`).
    data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, PATH_KEYS.includes(key) ? mapStringsDeep(value, detached) : mapStringsDeep(value, (text) => detached(stripInvisible(text)), true)])),
    body: parsed.content,
    bodyLine: delimiter === undefined ? 1 : bodyLine,
    keyLines: keyLines(matterText, 1, parsed.language === 'toml' || parsed.language === 'json' ? parsed.language : 'yaml'),
  });
}

/**
 * A new copy of a string. The YAML parser's strings are slices of the file's text, and V8
 * keeps a whole string alive while any slice of it lives: a title would keep its post's
 * text in memory for as long as the site model lives (on a 4,000-post site, some 30 MB).
 */
function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function hasClosingDelimiter(text: string, delimiter: string): boolean {
  const lines = text.split('\n');
  return lines.slice(1).some((line) => line.trimEnd() === delimiter);
}

function countNewlines(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\n') count++;
  return count;
}
