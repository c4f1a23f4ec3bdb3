// Problems found during a build travel as values, never as thrown errors.

export type Severity = 'error' | 'warning';

/** One problem, pointing into the original file (lines are 1-based). */
export interface Diagnostic {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** What the user can do about it. */
  readonly hint?: string;
  readonly cause?: unknown;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** A successful result, with any warnings collected on the way. */
export function ok<T>(value: T, diagnostics: readonly Diagnostic[] = []): Result<T> {
  return { ok: true, value, diagnostics };
}

/** A failed result. */
export function fail<T>(...diagnostics: Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}

/** Optional fields; `undefined` values are dropped. */
type Details = { [K in keyof Omit<Diagnostic, 'severity' | 'code' | 'message'>]?: Diagnostic[K] | undefined };

/** Builds an error diagnostic, dropping undefined fields. */
export function error(code: string, message: string, details: Details = {}): Diagnostic {
  return compact({ severity: 'error', code, message, ...details });
}

/** Builds a warning diagnostic, dropping undefined fields. */
export function warning(code: string, message: string, details: Details = {}): Diagnostic {
  return compact({ severity: 'warning', code, message, ...details });
}

function compact(d: Record<string, unknown>): Diagnostic {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(d)) if (value !== undefined) out[key] = value;
  return out as unknown as Diagnostic;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Formats a diagnostic as `file:line:column: severity: message`, then the
 * offending source line with two lines of context, then the hint.
 */
export function formatDiagnostic(d: Diagnostic, sourceText?: string): string {
  const where = d.file === undefined ? '' : `${d.file}${d.line === undefined ? '' : `:${d.line}`}${d.column === undefined ? '' : `:${d.column}`}: `;
  const lines = [`${where}${d.severity}: ${d.message}`];
  if (sourceText !== undefined && d.line !== undefined) lines.push(...excerptLines(sourceText, d.line));
  if (d.hint !== undefined) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}

function excerptLines(text: string, line: number): string[] {
  const all = text.split(/\r?\n/);
  const from = Math.max(1, line - 2);
  const to = Math.min(all.length, line + 2);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const marker = n === line ? '>' : ' ';
    out.push(`  ${marker} ${String(n).padStart(width)} | ${all[n - 1] ?? ''}`);
  }
  return out;
}

// Conversion of library errors (js-yaml, smol-toml) into diagnostics.

interface YamlMark {
  readonly line: number;
  readonly column: number;
}

/**
 * Turns a YAML (or TOML) exception into a diagnostic. `lineOffset` is the number of
 * file lines before the parsed text, so the line points into the original file.
 */
export function fromYamlError(cause: unknown, file: string, lineOffset: number, what: 'front matter' | 'config' = 'front matter'): Diagnostic {
  const mark = readMark(cause);
  const reason = readReason(cause);
  return error(what === 'config' ? 'config-syntax' : 'front-matter-syntax', `invalid ${what}: ${reason}`, {
    file,
    line: mark === undefined ? lineOffset + 1 : lineOffset + mark.line + 1,
    column: mark === undefined ? undefined : mark.column + 1,
    hint: 'check the indentation and quoting on this line; values containing `: ` or starting with `[`, `{`, `*`, `&` or `@` need quotes',
    cause,
  });
}

function readMark(cause: unknown): YamlMark | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  if ('mark' in cause && isMark(cause.mark)) return cause.mark;
  // smol-toml's TomlError carries 1-based line and column.
  if ('line' in cause && 'column' in cause && typeof cause.line === 'number' && typeof cause.column === 'number') {
    return { line: cause.line - 1, column: cause.column - 1 };
  }
  return undefined;
}

function isMark(value: unknown): value is YamlMark {
  return typeof value === 'object' && value !== null && 'line' in value && typeof value.line === 'number' && 'column' in value && typeof value.column === 'number';
}

function readReason(cause: unknown): string {
  if (typeof cause === 'object' && cause !== null && 'reason' in cause && typeof cause.reason === 'string') return cause.reason;
  if (cause instanceof Error) return cause.message.split('\n')[0] ?? cause.message;
  return String(cause);
}

interface LiquidLikeError {
  readonly message: string;
  readonly token?: { readonly file?: string; getPosition?: () => number[] };
  readonly originalError?: unknown;
}

/** Turns a liquidjs parse or render error into a diagnostic naming the template file and line. */
export function fromTemplateError(cause: unknown, template: string, origin: string, templateRoot?: string): Diagnostic {
  const liquid = typeof cause === 'object' && cause !== null ? (cause as LiquidLikeError) : undefined;
  const position = liquid?.token?.getPosition?.();
  const file = liquid?.token?.file ?? template;
  const relative = templateRoot !== undefined && file.startsWith(templateRoot) ? `templates${file.slice(templateRoot.length)}` : file;
  const message = (liquid?.message ?? String(cause)).split('\n')[0] ?? '';
  return error('template-error', `${message.replace(/, (?:file:.*?, )?line:\d+, col:\d+$/, '')} (rendering ${origin})`, {
    file: relative,
    line: position?.[0],
    column: position?.[1],
    hint: 'fix the template; values from posts are data and never evaluated as Liquid',
    cause,
  });
}
