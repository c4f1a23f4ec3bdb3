import { parse } from 'smol-toml';
import { describe, expect, it, test } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { dateFromFileName, parseDate, parseDateText } from '../../src/content/dates.js';
import type { PostDate } from '../../src/types.js';

const SHANGHAI = 'Asia/Shanghai';

function expectDate(result: ReturnType<typeof parseDate>): PostDate {
  if (!result.ok) throw new Error(`expected a date, got: ${result.message}`);
  return result.value;
}

describe('parseDate', () => {
  test.each([
    ['2014-10-22 03:31:08+00:00', '2014-10-22T11:31:08+08:00', 'converts a WordPress UTC timestamp into the site zone'],
    ['2015-08-30 19:22', '2015-08-30T19:22:00+08:00', 'reads a Hexo minute-precision date as wall clock in the site zone'],
    ['2015-08-30 19:22:05', '2015-08-30T19:22:05+08:00', 'reads seconds as wall clock in the site zone'],
    ['2015-08-30', '2015-08-30T00:00:00+08:00', 'reads a bare day as midnight in the site zone'],
    ['2015-08-30T19:22:05', '2015-08-30T19:22:05+08:00', 'reads an ISO local date-time as wall clock in the site zone'],
    ['2015-08-30 19:22:05+0800', '2015-08-30T19:22:05+08:00', 'accepts an offset written without a colon'],
    ['2015-08-30 19:22:05+08:00', '2015-08-30T19:22:05+08:00', 'accepts an offset written with a colon'],
    ['2015-08-30T11:22:05Z', '2015-08-30T19:22:05+08:00', 'reads Z as UTC'],
    ['2015-08-30 12:22:05 -0700', '2015-08-31T03:22:05+08:00', 'accepts a negative offset after a space'],
    ['2014-03-18 8:00', '2014-03-18T08:00:00+08:00', 'accepts a single-digit hour'],
    ['2015/8/3', '2015-08-03T00:00:00+08:00', 'accepts slashes and single-digit month and day'],
    ['  2015-08-30 19:22  ', '2015-08-30T19:22:00+08:00', 'ignores surrounding whitespace'],
  ])('%s → %s (%s)', (input, iso) => {
    expect(expectDate(parseDate(input, SHANGHAI)).iso).toBe(iso);
  });

  test.each([
    ['2014-10-21 20:00:00Z', { year: '2014', month: '10', day: '22', hour: '04', minute: '00', second: '00' }],
    ['2015-12-31T23:30:00Z', { year: '2016', month: '01', day: '01', hour: '07', minute: '30', second: '00' }],
    ['2015-08-03 09:05:07', { year: '2015', month: '08', day: '03', hour: '09', minute: '05', second: '07' }],
  ])('takes the URL fields of %s from the site zone', (input, fields) => {
    expect(expectDate(parseDate(input, SHANGHAI))).toMatchObject(fields);
  });

  it('gives the same instant for the same moment written in two zones', () => {
    const utc = expectDate(parseDate('2014-10-22 03:31:08+00:00', SHANGHAI));
    const local = expectDate(parseDate('2014-10-22 11:31:08', SHANGHAI));
    expect(utc.epochMs).toBe(local.epochMs);
    expect(utc.epochMs).toBe(Date.UTC(2014, 9, 22, 3, 31, 8));
  });

  test.each([
    ['2015-02-30', /2015-02-30/],
    ['2015-13-01', /month 13/],
    ['2015-08-30 24:00', /hour 24/],
    ['2015-08-30 19:60', /minute 60/],
    ['0000-00-00', /0000-00-00/],
    ['0001-01-01', /year 1 /],
    ['not a date', /not a date/],
    ['', /is not a date/],
  ])('rejects the text %j with a message', (input, message) => {
    const result = parseDate(input, SHANGHAI);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  test.each([
    [20150830, /found `20150830`/],
    [null, /found an empty value/],
    [['2015-08-30'], /found a list/],
    [{ date: '2015-08-30' }, /found a map/],
    [true, /found `true`/],
  ])('rejects the non-text value %j with a message', (input, message) => {
    const result = parseDate(input, SHANGHAI);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('uses UTC, the default site zone, when the config sets none', () => {
    const config = parseConfig('');
    if (!config.ok) throw new Error('default config should parse');
    expect(config.value.timezone).toBe('UTC');
    const date = expectDate(parseDate('2015-08-30 19:22', config.value.timezone));
    expect(date.iso).toBe('2015-08-30T19:22:00Z');
    expect(date.epochMs).toBe(Date.UTC(2015, 7, 30, 19, 22));
  });

  it('reads a plain JavaScript Date as an instant', () => {
    const date = expectDate(parseDate(new Date(Date.UTC(2014, 9, 21, 20, 0, 0)), SHANGHAI));
    expect(date.iso).toBe('2014-10-22T04:00:00+08:00');
  });

  it('reads a TOML local date-time as wall clock in the site zone', () => {
    const { date } = parse('date = 2015-08-30T19:22:05');
    expect(expectDate(parseDate(date, SHANGHAI)).iso).toBe('2015-08-30T19:22:05+08:00');
  });

  it('reads a TOML local date as midnight in the site zone', () => {
    const { date } = parse('date = 2015-08-30');
    expect(expectDate(parseDate(date, SHANGHAI)).iso).toBe('2015-08-30T00:00:00+08:00');
  });

  it('reads a TOML offset date-time as an instant shown in the site zone', () => {
    const { date } = parse('date = 2015-08-30T19:22:05+02:00');
    const value = expectDate(parseDate(date, SHANGHAI));
    expect(value.iso).toBe('2015-08-31T01:22:05+08:00');
    expect(value.day).toBe('31');
  });

  it('rejects a TOML time without a date', () => {
    const { time } = parse('time = 19:22:05');
    expect(parseDate(time, SHANGHAI).ok).toBe(false);
  });
});

describe('parseDateText', () => {
  test.each([
    ['2015-08-30 19:22:05.123', '2015-08-30T19:22:05.123+08:00'],
    ['2015-08-30t19:22:05z', '2015-08-31T03:22:05+08:00'],
    ['2015-08-30 19:22:05 +08:00', '2015-08-30T19:22:05+08:00'],
  ])('parses %s as %s', (input, iso) => {
    expect(expectDate(parseDateText(input, SHANGHAI)).iso).toBe(iso);
  });

  it('does not trim; parseDate does', () => {
    expect(parseDateText(' 2015-08-30', SHANGHAI).ok).toBe(false);
  });

  it('reports a leap day only in leap years', () => {
    expect(parseDateText('2016-02-29', SHANGHAI).ok).toBe(true);
    expect(parseDateText('2015-02-29', SHANGHAI).ok).toBe(false);
  });
});

describe('dateFromFileName', () => {
  test.each([
    ['2013-12-3-title.md', '2013-12-03T00:00:00+08:00'],
    ['2015-08-30-CNUTCon.md', '2015-08-30T00:00:00+08:00'],
    ['2015-8-3-中文.markdown', '2015-08-03T00:00:00+08:00'],
  ])('reads the date prefix of %s as midnight in the site zone', (fileName, iso) => {
    expect(dateFromFileName(fileName, SHANGHAI)?.iso).toBe(iso);
  });

  it('reads the date of a file named only by its date (2015-08-30.md), whose stem is empty', () => {
    // fileNameStem('2015-08-30.md') treats the name as a date prefix, so the date must be found too.
    expect(dateFromFileName('2015-08-30.md', SHANGHAI)?.iso).toBe('2015-08-30T00:00:00+08:00');
  });

  test.each([
    ['title.md'],
    ['2015-13-01-bad-month.md'],
    ['2015-02-30-no-such-day.md'],
    ['20150830-compact.md'],
    ['post-2015-08-30.md'],
  ])('finds no date in %s', (fileName) => {
    expect(dateFromFileName(fileName, SHANGHAI)).toBeUndefined();
  });
});
