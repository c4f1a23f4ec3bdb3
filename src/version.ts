// Lanyard's version, read once from package.json (part of every cache key).
import { readFileSync } from 'node:fs';
import { PACKAGE_URL } from './paths.js';

function readVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('package.json', PACKAGE_URL), 'utf8'));
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : 'unknown';
}

export const LANYARD_VERSION: string = readVersion();
