// Issue 6: property tests (fast-check, 1,000 cases each). Arbitrary front matter and
// Markdown never crash a build, never place a file outside the output folder and always
// give well-formed pages; excerpts keep their limit; slugs are stable and path-safe.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { slugify } from '../src/content/slug.js';
import { EXCERPT_LENGTH, makeExcerpt } from '../src/markdown/excerpt.js';
import { resolveInside } from '../src/output/write.js';

const RUNS = 1000;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const countGraphemes = (text: string): number => [...graphemes.segment(text)].length;

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('../../etc/passwd', '%2e%2e%2f', 'C:\\x', '/abs/path', 'a\u0000b', '北京 container 技术', '%e5%8c%97', 'C++', '{{ x }}', '{% if %}', '<script>x</script>', '..', '.', ''),
);

describe('slugify', () => {
  it('is stable and never contains /, %, . or control characters', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const slug = slugify(text);
        expect(slugify(slug)).toBe(slug);
        expect(slug).not.toMatch(/[/%.\\\u0000-\u001f\u007f-\u009f]/);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('makeExcerpt', () => {
  it('never exceeds its limit in graphemes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 8 }), fc.integer({ min: 2, max: 300 }), (paragraphs, limit) => {
        expect(countGraphemes(makeExcerpt(paragraphs, limit))).toBeLessThanOrEqual(limit);
        expect(countGraphemes(makeExcerpt(paragraphs))).toBeLessThanOrEqual(EXCERPT_LENGTH);
      }),
      { numRuns: RUNS },
    );
  });
});

const scalar = fc.oneof(anyText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('2015-02-30', '2015-08-30 19:22', '0000-00-00', '2999-01-01', '2020-01-01T10:00:00+08:00'));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }));
const KEYS = ['title', 'date', 'updated', 'slug', 'permalink', 'url', 'tags', 'categories', 'excerpt', 'description', 'toc', 'layout', 'author', 'lang', 'draft', 'published'];
const frontMatter = fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), value, { maxKeys: 8 });
const markdownPiece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom('# H', '## 标题', '> quote', '- item', '1. one', '```js\nx\n```', '| a | b |\n|---|---|\n| 1 | 2 |', '[^1]\n\n[^1]: note', '<!-- more -->', '<div>', '</div>', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[l](/x/#y)', '![i](/i.png)', '{{ site.title }}', '{% raw %}', '***', '\\', '<', '&amp;', '\u0000'),
);
const markdown = fc.array(markdownPiece, { maxLength: 10 }).map((pieces) => pieces.join('\n\n'));
/** Either well-formed YAML front matter, or arbitrary text that may not be front matter at all. */
const postText = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(frontMatter, markdown).map(([data, body]) => `---\n${yaml.dump(data, { skipInvalid: true })}---\n${body}\n`) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'binary', maxLength: 80 }), markdown).map(([head, body]) => `${head}\n${body}`) },
);

describe('a build of arbitrary posts', () => {
  it('succeeds or names the file in every diagnostic; pages are well-formed and stay inside the output', { timeout: 600_000 }, async () => {
    const site = await mkdtemp(path.join(os.tmpdir(), 'lanyard-prop-'));
    await mkdir(path.join(site, 'posts'), { recursive: true });
    await writeFile(path.join(site, 'lanyard.yml'), 'url: https://example.org\n');
    const out = path.join(site, 'out');
    await fc.assert(
      fc.asyncProperty(postText, postText, async (first, second) => {
        await writeFile(path.join(site, 'posts', '2020-01-01-first.md'), first);
        await writeFile(path.join(site, 'posts', 'second.md'), second);
        const result = await build({ sourceDir: site, outDir: out, write: false, now: new Date('2030-01-01T00:00:00Z') });
        for (const diagnostic of result.diagnostics) expect(diagnostic.file, diagnostic.message).toMatch(/^posts\/(2020-01-01-first|second)\.md$|^templates\//);
        for (const file of result.files ?? []) expect(resolveInside(out, file.outputPath), file.outputPath).toBeDefined();
        for (const file of result.files ?? []) {
          if (!('contents' in file) || !file.outputPath.endsWith('.html')) continue;
          const problems: string[] = [];
          fromHtml(Buffer.from(file.contents).toString('utf8'), {
            onerror: (message) => {
              problems.push(`${message.ruleId ?? ''}: ${message.reason}`);
            },
          });
          expect(problems, file.outputPath).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
