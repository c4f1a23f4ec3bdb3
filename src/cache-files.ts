// Writing and reading Lanyard's cache files: every write is atomic (temporary file +
// rename) and its failure ignored (the cache is only an optimization); big files of many
// entries are "checked": a version-and-sha256 header line, and a file that does not
// match it is ignored whole, never trusted.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { hashParts } from './hash.js';
import { LANYARD_VERSION } from './version.js';

/**
 * Writes one cache file as JSON atomically (temporary file + rename), so a killed build
 * never leaves half an entry. Failures are ignored: the cache is only an optimization.
 */
export async function writeCacheFile(file: string, value: unknown): Promise<void> {
  await writeCacheText(file, JSON.stringify(value));
}

/** {@link writeCacheFile} for text already serialized. */
async function writeCacheText(file: string, text: string): Promise<void> {
  await writeCacheBytes(file, [text]);
}

/** Writes the parts, one after the other, as one file, atomically (failures ignored). */
async function writeCacheBytes(file: string, parts: readonly (string | Uint8Array)[]): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, parts);
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true });
  }
}

// Big cache files of many entries: line 1 holds Lanyard's version and the sha256 of line 2,
// the entries. Checking the hash instead of a schema keeps a 4,000-entry file fast to
// load; a file whose version or hash does not match is ignored whole.
const checkedHeader = z.object({ lanyard: z.literal(LANYARD_VERSION), sha256: z.string() }).strict();

/** Writes `entries` (JSON text) under a checked header, atomically. */
export async function writeChecked(file: string, entries: string): Promise<void> {
  // Hashed as bytes, and the bytes written: encoding megabytes of text once, not twice.
  const bytes = Buffer.from(entries);
  await writeCacheBytes(file, [Buffer.from(`${JSON.stringify({ lanyard: LANYARD_VERSION, sha256: hashParts(bytes) })}\n`), bytes]);
}

/** The entries text of a file written by {@link writeChecked}, or undefined when missing, foreign or damaged. */
export async function readChecked(file: string): Promise<string | undefined> {
  return (await readCheckedWithHash(file))?.entries;
}

/** {@link readChecked}, with the sha256 its header gives (and its entries have). */
export async function readCheckedWithHash(file: string): Promise<{ entries: string; sha256: string } | undefined> {
  try {
    // Checked as bytes; only checked entries are decoded.
    const bytes = await readFile(file);
    const newline = bytes.indexOf(10);
    if (newline < 0) return undefined;
    const head = checkedHeader.safeParse(JSON.parse(bytes.subarray(0, newline).toString('utf8')));
    const entries = bytes.subarray(newline + 1);
    return head.success && head.data.sha256 === hashParts(entries) ? { entries: entries.toString('utf8'), sha256: head.data.sha256 } : undefined;
  } catch {
    return undefined;
  }
}
