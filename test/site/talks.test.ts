// Issue 8: the speaker collator (pinyin order in this Node's ICU) and event dates shown as ranges.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { parseDate } from '../../src/content/dates.js';
import { toEventView } from '../../src/render/talk-views.js';
import { createSpeakerCollator } from '../../src/site/talks.js';
import type { PostDate } from '../../src/types.js';

describe('createSpeakerCollator', () => {
  it('runs on an ICU with the Chinese pinyin collation', () => {
    expect(Intl.Collator.supportedLocalesOf(['zh-CN-u-co-pinyin'])).toEqual(['zh-CN-u-co-pinyin']);
    expect(createSpeakerCollator().resolvedOptions().locale).toMatch(/^zh/);
  });

  it('sorts Chinese names by pinyin, then Latin names case-insensitively and numbers by value', () => {
    const names = ['喻勇', 'bob', 'Jrome', '艾奇伟', '孙宏亮', '于顺治', '李明宇', '刘永峰', 'Alice', '蔡书', 'Speaker 10', 'Speaker 9'];
    expect([...names].sort(createSpeakerCollator().compare)).toEqual(['艾奇伟', '蔡书', '李明宇', '刘永峰', '孙宏亮', '于顺治', '喻勇', 'Alice', 'bob', 'Jrome', 'Speaker 9', 'Speaker 10']);
  });
});

describe('toEventView', () => {
  const parsed = parseConfig('timezone: Asia/Shanghai');
  if (!parsed.ok) throw new Error('config should parse');
  const config = parsed.value;
  const day = (text: string): PostDate => {
    const result = parseDate(text, config.timezone);
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };
  const event = (start: string | undefined, end: string | undefined) => ({ name: 'X', start: start === undefined ? undefined : day(start), end: end === undefined ? undefined : day(end), city: undefined, venue: undefined, organizer: undefined, url: undefined, slides: undefined, video: undefined });

  // ICU puts thin spaces (U+2009) around the en dash.
  it.each([
    ['en', '2018-08-16', '2018-08-17', 'August 16\u2009–\u200917, 2018'],
    ['en', '2018-08-30', '2018-09-01', 'August 30\u2009–\u2009September 1, 2018'],
    ['en', '2018-08-16', '2018-08-16', 'August 16, 2018'],
    ['zh-CN', '2015-08-28', '2015-08-28', '2015年8月28日'],
  ])('shows %s dates %s … %s as %j', (lang, start, end, expected) => {
    expect(toEventView(event(start, end), lang, config).dates).toBe(expected);
  });

  it('spells out both Chinese days of a range', () => {
    expect(toEventView(event('2015-08-28', '2015-08-29'), 'zh-CN', config).dates).toMatch(/^2015年8月28日(?:至29日| – 2015年8月29日)$/);
  });

  it('shows no dates for an event without a start', () => {
    expect(toEventView(event(undefined, undefined), 'en', config).dates).toBe('');
  });
});
