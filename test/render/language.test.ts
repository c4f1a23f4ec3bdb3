// Issue 7: the language of a post without `lang`, detected from its text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countScripts, detectLanguage, documentLanguage, languageOf } from '../../src/render/language.js';

describe('detectLanguage', () => {
  it.each([
    ['Chinese with English terms', '此次去北京参加的container大会，主办方为csdn，会议主持为docker中文社区创始人马全一。', 'zh-CN'],
    ['a short Chinese title', '秒杀', 'zh-CN'],
    ['traditional Chinese (still zh-CN: scripts are not told apart)', '每個月都有技術分享', 'zh-CN'],
    ['Japanese (kana among the kanji)', 'コンテナ技術のカンファレンスに参加しました。', 'ja'],
    ['Korean', '쿠버네티스 네트워킹 발표를 들었습니다', 'ko'],
    ['English', 'Notes from the Kubernetes networking talk at KubeCon.', undefined],
    ['English quoting a few Chinese characters', 'The talk was titled 容器 and covered Docker networking in depth for an hour.', undefined],
    ['no letters at all', '2015-08-30 19:22 :) 100%', undefined],
    ['empty text', '', undefined],
  ])('reads %s as %s', (_name, text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });

  it('counts CJK characters against Latin words, so a Chinese post with many English terms stays Chinese', () => {
    expect(detectLanguage('使用Heat这个编排引擎来启动和管理docker镜像，通过nova list查看虚拟机创建进度')).toBe('zh-CN');
    expect(detectLanguage('Heat Docker nova list cloudfoundry diego openstack 虚拟机')).toBeUndefined();
  });
});

describe('languageOf', () => {
  it('adds up: counts of title and body joined by a line break equal the counts of the joined text', () => {
    const title = 'Docker 大会';
    const body = 'Kubernetes networking 的分享很精彩。\nコンテナ\n한국어 Latin';
    const a = countScripts(title);
    const b = countScripts(body);
    const sum = { han: a.han + b.han, kana: a.kana + b.kana, hangul: a.hangul + b.hangul, latinWords: a.latinWords + b.latinWords };
    expect(sum).toEqual(countScripts(`${title}\n${body}`));
    expect(languageOf(sum)).toBe(detectLanguage(`${title}\n${body}`));
  });
});

describe('documentLanguage', () => {
  const chinese = { lang: undefined, title: '北京container技术大会', content: { scripts: countScripts('此次去北京参加的container大会，总的来说收获颇丰。') } };
  const english = { lang: undefined, title: 'KubeCon notes', content: { scripts: countScripts('Networking, storage and the usual hallway track.') } };

  it('uses the post’s own `lang` first', () => {
    expect(documentLanguage({ ...chinese, lang: 'zh-TW' }, { language: 'en', languageIsDefault: true })).toBe('zh-TW');
    expect(documentLanguage({ ...chinese, lang: 'en' }, { language: 'zh-CN', languageIsDefault: false })).toBe('en');
  });

  it('uses the site `language` when it is set, without detecting', () => {
    expect(documentLanguage(chinese, { language: 'en', languageIsDefault: false })).toBe('en');
  });

  it('detects the language when neither is set, falling back to the default', () => {
    expect(documentLanguage(chinese, { language: 'en', languageIsDefault: true })).toBe('zh-CN');
    expect(documentLanguage(english, { language: 'en', languageIsDefault: true })).toBe('en');
  });
});

describe('countScripts', () => {
  /** The definition: each script's code points, and the runs of Latin-script ones, as Unicode regexes match them. */
  const reference = (text: string): { han: number; kana: number; hangul: number; latinWords: number } => ({
    han: [...text.matchAll(/\p{Script=Han}/gu)].length,
    kana: [...text.matchAll(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu)].length,
    hangul: [...text.matchAll(/\p{Script=Hangul}/gu)].length,
    latinWords: [...text.matchAll(/\p{Script=Latin}+/gu)].length,
  });

  it('counts as the Unicode script regexes do, astral characters and lone surrogates included', () => {
    const pieces = ['中', '文', '𠮷', '𪚥', 'か', 'カ', 'ー', '한', '글', 'a', 'Z', 'é', 'ǅ', 'ﬀ', '𝐀', '\u{1DF00}', '1', ' ', '\n', '-', '’', '\ud800', '\udc00', 'Ω', 'я', '々', '〆', 'ｱ', 'Ａ'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(countScripts(text)).toEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
