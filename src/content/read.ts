// Reads a source file as UTF-8, refusing binary files and invalid encodings.
import { readFile } from 'node:fs/promises';
import { error, fail, ok, warning, type Result } from '../diagnostics.js';
import type { SourceFile } from '../types.js';
import { INVISIBLE, INVISIBLE_ALL } from './invisible.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes file bytes: NUL bytes mean a binary file (skipped), bad UTF-8 is an error, control characters are removed with a warning. */
export function decodeSource(bytes: Uint8Array, file: string): Result<string | undefined> {
  if (bytes.includes(0)) {
    return ok(undefined, [warning('binary-file', 'skipped: this looks like a binary file, not Markdown', { file, hint: 'move images and other files to public/' })]);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch (cause) {
    const line = lineOfInvalidByte(bytes);
    return fail(error('invalid-utf8', 'the file is not valid UTF-8', { file, line, cause, hint: 'save the file as UTF-8 (most editors have a "Save with encoding" option)' }));
  }
  const first = text.search(INVISIBLE);
  if (first === -1) return ok(text);
  const line = text.slice(0, first).split('\n').length;
  const code = `U+${(text.codePointAt(first) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return ok(text.replace(INVISIBLE_ALL, ''), [
    warning('control-character', `removed control characters or non-characters (the first, ${code}, on this line): they are not allowed in HTML or XML`, { file, line, hint: 'often left by a WordPress or Word export; delete them in the source' }),
  ]);
}

/** Reads one source file; `undefined` value means skipped with a warning. */
export async function readSource(source: SourceFile): Promise<Result<string | undefined>> {
  try {
    return decodeSource(await readFile(source.absolutePath), source.path);
  } catch (cause) {
    return fail(error('unreadable', 'cannot read the file', { file: source.path, cause }));
  }
}

/** The first line that is not valid UTF-8 on its own (a character never spans a newline). */
function lineOfInvalidByte(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    const newline = bytes.indexOf(10, start);
    const end = newline === -1 ? bytes.length : newline;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    if (newline === -1) break;
    start = newline + 1;
    line++;
  }
  return line;
}
