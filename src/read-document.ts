// Reading one post or page: read → front matter → normalize → locate, memoized in dev.
import { hashParts, renderKey, type KeyedBody } from './cache.js';
import type { DocumentMemo } from './document-cache.js';
import type { SiteConfig } from './config/schema.js';
import { error, type Diagnostic } from './diagnostics.js';
import { locateDocument } from './site/locate.js';
import type { LocatedDocument, SourceFile } from './types.js';
import { parseFrontMatter } from './content/front-matter.js';
import { normalizePost } from './content/normalize.js';
import { decodeSource, readSource } from './content/read.js';
import { readFileSync } from 'node:fs';
import type { PreparedDocument } from './document-cache.js';
import { prepareLegacyMarkdown, type LegacyMarkdownOptions } from './markdown/legacy-markdown.js';

export interface ReadOutcome extends LocatedDocument {
  /** The file's text, for showing the lines diagnostics point at. */
  readonly text: string | undefined;
}

/** A file's hash, and its bytes when already read. */
export interface ReadBytes {
  readonly bytes?: Uint8Array | undefined;
  readonly hash: string;
}

/**
 * Reads one source file (unless its bytes were already read), then parses it. With a memo
 * (in memory in dev, on disk otherwise), the parse is memoized per config (`configKey`),
 * source and bytes (by their hash when known, else by the text).
 */
export async function readDocument(source: SourceFile, config: SiteConfig, configKey: string, memo: DocumentMemo | undefined, known?: ReadBytes): Promise<ReadOutcome> {
  const read = known?.bytes === undefined ? await readSource(source) : decodeSource(known.bytes, source.path);
  if (!read.ok || read.value === undefined) return { document: undefined, diagnostics: read.diagnostics, text: undefined };
  const text = read.value;
  const key = memo === undefined ? undefined : documentKey(configKey, source, known?.hash ?? text);
  const cached = key === undefined ? undefined : memo?.get(key, text);
  const located = cached ?? parseSafely(text, source, config);
  if (key !== undefined && cached === undefined) memo?.set(key, located, text);
  return { ...located, diagnostics: [...read.diagnostics, ...located.diagnostics], text };
}

/**
 * A document the cache holds prepared (read before with no problem at all, its file
 * unchanged since): the document without its body, and the body's render key. The body
 * is read only should no cache hold its rendering after all.
 */
export function preparedDocument(source: SourceFile, prepared: PreparedDocument, legacy: LegacyMarkdownOptions, optionsKey: string): ReadOutcome & { readonly prepared: KeyedBody; readonly frontKey: string | undefined } {
  return { document: prepared.document, diagnostics: [], text: undefined, prepared: rereadable(source, legacy, optionsKey, prepared.bodyKey), frontKey: prepared.frontKey };
}

/**
 * A body known by its render key, its Markdown read again from its file when asked for
 * ({@link rereadBody}); `undefined` then means the file no longer holds that Markdown.
 */
export function rereadable(source: SourceFile, legacy: LegacyMarkdownOptions, optionsKey: string, key: string): KeyedBody {
  return { key, load: () => rereadBody(source, legacy, { optionsKey, key }) };
}

/**
 * A post's Markdown as prepared for rendering, read again from its file: for a body the
 * build did not keep in memory (on a big site, most), or whose rendering must be redone
 * after the build let its text go (or never read it). Only for bodies without template
 * tags (those need every post's URL). With `expected`, the Markdown must still have the
 * render key it was known by: should the file have changed since it was read or recorded,
 * the result is `undefined` (rendering it under the old key would put the wrong HTML in
 * the cache), as it is when the file is gone or its front matter no longer parses.
 */
export function rereadBody(source: SourceFile, legacy: LegacyMarkdownOptions, expected?: { readonly optionsKey: string; readonly key: string }): string | undefined {
  const text = rereadText(source);
  const raw = text === undefined ? undefined : parseFrontMatter(text, source);
  if (raw === undefined || !raw.ok) return undefined;
  const markdown = prepareLegacyMarkdown(raw.value.body, legacy).markdown;
  return expected === undefined || renderKey(expected.optionsKey, markdown) === expected.key ? markdown : undefined;
}

/** A source's text read again, decoded as the build reads it; undefined when it is gone or not text. */
export function rereadText(source: SourceFile): string | undefined {
  try {
    const read = decodeSource(readFileSync(source.absolutePath), source.path);
    return read.ok ? read.value : undefined;
  } catch {
    return undefined;
  }
}

/** A document's memo key: the config's key, its source, and its bytes' hash (or its text). */
export function documentKey(configKey: string, source: SourceFile, hashOrText: string): string {
  return hashParts(configKey, JSON.stringify(source), hashOrText);
}

/** {@link parseDocument}, turning a bug's exception into an error naming the file, so other posts still build. */
function parseSafely(text: string, source: SourceFile, config: SiteConfig): LocatedDocument {
  try {
    return parseDocument(text, source, config);
  } catch (cause) {
    return { document: undefined, diagnostics: [error('internal-error', `Lanyard failed on this file: ${cause instanceof Error ? cause.message : String(cause)}`, { file: source.path, cause, hint: 'this is a bug in Lanyard; please report it with the file' })] };
  }
}

/** front matter → normalize → locate, for one post or page (pure). */
function parseDocument(text: string, source: SourceFile, config: SiteConfig): LocatedDocument {
  const diagnostics: Diagnostic[] = [];
  const done = (document?: LocatedDocument['document']): LocatedDocument => ({ document, diagnostics });
  const raw = parseFrontMatter(text, source);
  diagnostics.push(...raw.diagnostics);
  if (!raw.ok) return done();
  const parsed = normalizePost(raw.value, config);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.ok) return done();
  const location = locateDocument(parsed.value, config);
  diagnostics.push(...location.diagnostics);
  if (!location.ok) return done();
  return done({ parsed: parsed.value, location: location.value });
}
