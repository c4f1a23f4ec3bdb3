// Front-matter dates: an offset makes an instant; no offset means wall-clock
// time in the site's time zone. Never the machine's zone, never a silent default.
import { DateTime, FixedOffsetZone } from 'luxon';
import type { PostDate } from '../types.js';

export type DateResult = { readonly ok: true; readonly value: PostDate } | { readonly ok: false; readonly message: string };

const DATE_PATTERN =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const MIN_YEAR = 1000;

/** Parses a front-matter date value (text as written, or a TOML date) in the given zone. */
export function parseDate(value: unknown, zone: string): DateResult {
  if (value instanceof Date) {
    // TOML dates keep their text form; a plain Date is already an instant.
    const text = value.toISOString();
    return 'isLocal' in value ? parseDateText(text, zone) : fromDateTime(DateTime.fromJSDate(value), zone, text);
  }
  if (typeof value !== 'string') return { ok: false, message: `expected a date such as 2015-08-30 19:22, found ${describe(value)}` };
  return parseDateText(value.trim(), zone);
}

/** Parses `YYYY-MM-DD[ HH:mm[:ss[.fff]]][offset]`, the forms Jekyll and Hexo accept. */
export function parseDateText(text: string, zone: string): DateResult {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return { ok: false, message: `\`${text}\` is not a date; write it as YYYY-MM-DD, YYYY-MM-DD HH:mm or YYYY-MM-DD HH:mm:ss, optionally followed by an offset such as +08:00` };
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
  };
  const problem = checkFields(fields);
  if (problem !== undefined) return { ok: false, message: `\`${text}\` is not a valid date: ${problem}` };
  const dateTime = DateTime.fromObject(fields, { zone: offset === undefined ? zone : parseOffset(offset) });
  return fromDateTime(dateTime, zone, text);
}

/** Reads a `YYYY-MM-DD-` prefix of a file name as midnight in the site zone. */
export function dateFromFileName(fileName: string, zone: string): PostDate | undefined {
  const match = /^(\d{4}-\d{1,2}-\d{1,2})(?:-|$)/.exec(fileName.replace(/\.[^./]+$/, ''));
  if (match?.[1] === undefined) return undefined;
  const result = parseDateText(match[1], zone);
  return result.ok ? result.value : undefined;
}

/** Converts an instant to the plain date value passed between stages. */
export function toPostDate(dateTime: DateTime, zone: string): PostDate {
  const local = dateTime.setZone(zone);
  return {
    iso: local.toISO({ suppressMilliseconds: true }) ?? '',
    epochMs: local.toMillis(),
    year: local.toFormat('yyyy'),
    month: local.toFormat('LL'),
    day: local.toFormat('dd'),
    hour: local.toFormat('HH'),
    minute: local.toFormat('mm'),
    second: local.toFormat('ss'),
  };
}

function fromDateTime(dateTime: DateTime, zone: string, text: string): DateResult {
  if (!dateTime.isValid) return { ok: false, message: `\`${text}\` is not a valid date: ${dateTime.invalidExplanation ?? 'unknown reason'}` };
  return { ok: true, value: toPostDate(dateTime, zone) };
}

function checkFields(f: { year: number; month: number; day: number; hour: number; minute: number; second: number }): string | undefined {
  if (f.year < MIN_YEAR) return `year ${f.year} is out of range (a date before ${MIN_YEAR} is almost certainly a typo)`;
  if (f.month < 1 || f.month > 12) return `month ${f.month} does not exist`;
  const daysInMonth = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  if (f.day < 1 || f.day > daysInMonth) return `day ${f.day} does not exist in ${f.year}-${String(f.month).padStart(2, '0')}`;
  if (f.hour > 23) return `hour ${f.hour} is out of range`;
  if (f.minute > 59) return `minute ${f.minute} is out of range`;
  if (f.second > 59) return `second ${f.second} is out of range`;
  return undefined;
}

function parseOffset(offset: string): FixedOffsetZone {
  if (offset.toUpperCase() === 'Z') return FixedOffsetZone.utcInstance;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return FixedOffsetZone.instance(sign * minutes);
}

function describe(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `\`${String(value)}\``;
}
