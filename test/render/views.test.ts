// Long dates: formatted with a cached Intl formatter, exactly as luxon's DATE_FULL shows them.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseDateText } from '../../src/content/dates.js';
import { toDateView } from '../../src/render/views.js';

const LANGUAGES = ['en', 'zh-CN', 'zh-TW', 'ja', 'ko', 'de', 'fr', 'ar-SA', 'fa-IR', 'th', 'he', 'en-u-ca-buddhist', 'ja-JP-u-ca-japanese', 'english', 'und', ''];
const DATES = ['2015-08-30 19:22', '2015-08-30 00:00 +14:00', '2015-08-30 23:59 -12:00', '2024-02-29 12:00 +05:30', '1582-10-15 08:00', '1000-01-01', '9999-12-31 23:59'];

describe('toDateView', () => {
  it.each(LANGUAGES)('shows dates in %j as luxon does', (lang) => {
    for (const text of DATES) {
      for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'UTC']) {
        const parsed = parseDateText(text, zone);
        if (!parsed.ok) throw new Error(parsed.message);
        const luxon = DateTime.fromISO(parsed.value.iso, { setZone: true }).setLocale(lang).toLocaleString(DateTime.DATE_FULL);
        expect(toDateView(parsed.value, lang).display, `${text} ${zone}`).toBe(luxon);
      }
    }
  });

  it('fails on a malformed language as luxon does', () => {
    const parsed = parseDateText('2015-08-30', 'UTC');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(() => toDateView(parsed.value, 'zh_CN')).toThrow(RangeError);
  });
});
