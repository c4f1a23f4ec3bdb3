// Reads and validates `lanyard.yml` at the source root.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { error, fail, fromYamlError, ok, warning, type Diagnostic, type Result } from '../diagnostics.js';
import { detectLayout, LEGACY_CONFIG_FILE, parseLegacyConfig, type LegacyConfig } from './legacy.js';
import { configKeys, configSchema, resolveConfig, type SiteConfig } from './schema.js';
import { hasErrorCode } from '../error-code.js';

export const CONFIG_FILE = 'lanyard.yml';

/**
 * Parses the text of `lanyard.yml` (pure): unknown keys warn, bad values fail naming the key.
 * With a `legacy` config (from a Jekyll or Hexo `_config.yml`), its keys fill in the ones
 * `lanyard.yml` leaves out.
 */
export function parseConfig(text: string, file: string = CONFIG_FILE, basePathOverride?: string, legacy?: LegacyConfig): Result<SiteConfig> {
  let data: unknown;
  try {
    data = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: file });
  } catch (cause) {
    return fail(fromYamlError(cause, file, 0, 'config'));
  }
  data ??= {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail(error('config-not-a-map', 'the config must be a map of keys to values', { file, line: 1, hint: 'write one `key: value` per line, e.g. `title: My notes`' }));
  }
  const diagnostics: Diagnostic[] = [...(legacy?.diagnostics ?? [])];
  const lines = keyLines(text);
  for (const key of Object.keys(data)) {
    if (!configKeys.includes(key)) {
      diagnostics.push(warning('config-unknown-key', `unknown key \`${key}\` is ignored`, { file, line: lines[key], hint: `known keys: ${configKeys.join(', ')}` }));
    }
  }
  const merged: Record<string, unknown> = { ...legacy?.input, ...data };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const fromLegacy = legacy !== undefined && !Object.hasOwn(data, key) && Object.hasOwn(legacy.input, key);
      const where = fromLegacy ? { file: legacy.file, line: legacy.lines[key] } : { file, line: lines[key] };
      diagnostics.push(error('config-invalid', `\`${issue.path.join('.')}\`: ${issue.message}`, { ...where, hint: fromLegacy ? `fix it in ${legacy.file}, or set \`${key}\` in ${CONFIG_FILE} (which wins)` : `fix or remove \`${key}\` in ${file}` }));
    }
    return fail(...diagnostics);
  }
  return ok(resolveConfig(parsed.data, basePathOverride, legacy?.dialect), diagnostics);
}

/**
 * Reads `<source>/lanyard.yml`; a missing file means all defaults. In a Jekyll or Hexo
 * folder, the old `_config.yml` is read too, and `lanyard.yml` wins key by key.
 */
export async function loadConfig(sourceDir: string, basePathOverride?: string): Promise<Result<SiteConfig>> {
  const text = await readOptional(sourceDir, CONFIG_FILE);
  if (typeof text !== 'string') return fail(text);
  const layout = await detectLayout(sourceDir);
  let legacy: LegacyConfig | undefined;
  if (layout !== 'lanyard') {
    const legacyText = await readOptional(sourceDir, LEGACY_CONFIG_FILE);
    if (typeof legacyText !== 'string') return fail(legacyText);
    legacy = parseLegacyConfig(legacyText, layout, keyLines(legacyText));
  }
  return parseConfig(text, CONFIG_FILE, basePathOverride, legacy);
}

/** A file's text, '' when missing, or a diagnostic when unreadable. */
async function readOptional(sourceDir: string, name: string): Promise<string | Diagnostic> {
  try {
    return await readFile(path.join(sourceDir, name), 'utf8');
  } catch (cause) {
    return isNotFound(cause) ? '' : error('config-unreadable', `cannot read ${name}`, { file: name, cause });
  }
}

const KEY_PATTERNS = {
  yaml: /^(?:"([^"]+)"|'([^']+)'|([^\s#:'"-][^:]*?))\s*:(?:\s|$)/,
  toml: /^(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=/,
  json: /^\s{0,4}(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_$]+))\s*:/,
} as const;

/** The 1-based line of each top-level key of a YAML, TOML or JSON map (first occurrence wins). */
export function keyLines(text: string, firstLine = 1, language: keyof typeof KEY_PATTERNS = 'yaml'): Record<string, number> {
  const lines: Record<string, number> = {};
  const pattern = KEY_PATTERNS[language];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = pattern.exec(line);
    const key = match?.[1] ?? match?.[2] ?? match?.[3];
    if (key !== undefined && lines[key] === undefined) lines[key] = firstLine + index;
  });
  return lines;
}

function isNotFound(cause: unknown): boolean {
  return hasErrorCode(cause, 'ENOENT');
}
