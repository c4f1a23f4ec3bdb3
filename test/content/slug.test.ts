import { describe, expect, it, test } from 'vitest';
import { decodePercentOnce, fileNameStem, slugify } from '../../src/content/slug.js';

const WORDPRESS_SLUG = '%e5%8c%97%e4%ba%accontainer%e6%8a%80%e6%9c%af%e5%a4%a7%e4%bc%9a';

const TRICKY = [
  WORDPRESS_SLUG,
  '北京container技术大会',
  '喻勇&孙宏亮（container技术在cloudfoundry中的演化）',
  'C++',
  'Hello, World!',
  '你好，世界！',
  '../etc/passwd',
  'a%2Fb%2e%2e',
  'a%252Fb',
  '100%',
  '%e5%8c',
  'v1.2.3',
  'tab\there\nand\u0000nul\u007f',
  'Cafe\u0301 ÄÖÜ',
  '😃 emoji  --trailing--',
  'ＡＢＣ全角',
  'snake_case and kebab-case',
];

describe('slugify', () => {
  test.each([
    [WORDPRESS_SLUG, '北京container技术大会'],
    ['北京container技术大会', '北京container技术大会'],
    ['Hello World', 'hello-world'],
    ['CNUTCon Docker', 'cnutcon-docker'],
    ['C++', 'c'],
    ['你好，世界！', '你好-世界'],
    ['喻勇&孙宏亮（container技术在cloudfoundry中的演化）', '喻勇-孙宏亮-container技术在cloudfoundry中的演化'],
    ['  --lead--trail--  ', 'lead-trail'],
    ['v1.2.3', 'v1-2-3'],
    ['snake_case', 'snake_case'],
    ['Cafe\u0301', 'café'],
    ['ÄÖÜ', 'ÄÖÜ'],
    ['%e5%8c', 'e5-8c'],
    ['+++', ''],
  ])('slugs %j as %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('keeps ASCII case when lowercase is false', () => {
    expect(slugify('CNUTCon Docker', { lowercase: false })).toBe('CNUTCon-Docker');
  });

  it('lowercases only ASCII letters', () => {
    expect(slugify('Docker ÄÖÜ İstanbul')).toBe('docker-ÄÖÜ-İstanbul');
  });

  it('drops full-width punctuation between Chinese words', () => {
    expect(slugify('容器，技术：未来。（上）')).toBe('容器-技术-未来-上');
  });

  it('does not throw on an invalid percent sequence', () => {
    expect(() => slugify('%zz%e5%8c%')).not.toThrow();
  });

  test.each(TRICKY)('is idempotent for %j', (input) => {
    const once = slugify(input);
    expect(slugify(once)).toBe(once);
    const kept = slugify(input, { lowercase: false });
    expect(slugify(kept, { lowercase: false })).toBe(kept);
  });

  test.each(TRICKY)('never puts /, %, . or control characters in the slug of %j', (input) => {
    // eslint-disable-next-line no-control-regex
    expect(slugify(input)).not.toMatch(/[/%.\u0000-\u001f\u007f]/);
  });
});

describe('decodePercentOnce', () => {
  test.each([
    [WORDPRESS_SLUG, '北京container技术大会'],
    ['%41', 'A'],
    ['a%2520b', 'a%20b'],
    ['plain', 'plain'],
    ['100%', '100%'],
    ['%zz', '%zz'],
    ['%e5%8c', '%e5%8c'],
    ['%e5%8c%97 100%', '%e5%8c%97 100%'],
  ])('decodes %j once to %j, leaving invalid sequences as they are', (input, expected) => {
    expect(decodePercentOnce(input)).toBe(expected);
  });
});

describe('fileNameStem', () => {
  test.each([
    ['2013-12-3-title.md', 'title'],
    ['2015-08-30-CNUTCon-Docker.markdown', 'CNUTCon-Docker'],
    ['2015-8-3-中文.md', '中文'],
    ['about.md', 'about'],
    ['a.b.md', 'a.b'],
    ['noext', 'noext'],
    ['2015-08-30.md', ''],
  ])('turns %j into %j', (fileName, stem) => {
    expect(fileNameStem(fileName)).toBe(stem);
  });
});
