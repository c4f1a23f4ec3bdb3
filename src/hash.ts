// Content hashes: the keys of every cache, fingerprint and record.
import { createHash } from 'node:crypto';

/** sha256 of the given parts, separated so that ('ab','c') ≠ ('a','bc'). */
export function hashParts(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}
