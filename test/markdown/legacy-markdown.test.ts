import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { describe, expect, it, test } from 'vitest';
import { normalizeFenceInfo, prepareLegacyMarkdown } from '../../src/markdown/legacy-markdown.js';
import { createMarkdownRenderer } from '../../src/markdown/processor.js';

describe('normalizeFenceInfo', () => {
  test.each([
    ['~~~ {.python}\nprint(1)\n~~~\n', '~~~python\nprint(1)\n~~~\n'],
    ['```{r}\nx <- 1\n```\n', '```r\nx <- 1\n```\n'],
    ['```{r, echo=FALSE}\nx\n```\n', '```r\nx\n```\n'],
    ['```js\n{.x}\n```\n', '```js\n{.x}\n```\n'],
    ['Text {.python} stays.\n', 'Text {.python} stays.\n'],
  ])('%j → %j', (input, output) => {
    expect(normalizeFenceInfo(input)).toBe(output);
  });

  test('the language reaches the highlighter', () => {
    const html = createMarkdownRenderer({ basePath: '/' })(normalizeFenceInfo('~~~ {.python}\nprint(1)\n~~~\n')).html;
    expect(select('pre code', fromHtml(html, { fragment: true }))?.properties['className']).toEqual(['hljs', 'language-python']);
  });
});

describe('prepareLegacyMarkdown', () => {
  const on = { headingsWithoutSpace: true };
  const off = { headingsWithoutSpace: false };

  it('turns a WordPress [caption] with an HTML image into a figure with its caption', () => {
    const input = '[caption id="attachment_12" align="aligncenter" width="600"]<a href="/big.jpg"><img src="/small.jpg" alt="Stage" /></a> 会议现场 & friends[/caption]';
    expect(prepareLegacyMarkdown(input, off).markdown).toBe('<figure><a href="/big.jpg"><img src="/small.jpg" alt="Stage" /></a><figcaption>会议现场 &amp; friends</figcaption></figure>');
  });

  it('turns a [caption] around a Markdown image into a figure', () => {
    expect(prepareLegacyMarkdown('[caption]![Keynote](/k.png) The keynote[/caption]', off).markdown).toBe('<figure><img src="/k.png" alt="Keynote"><figcaption>The keynote</figcaption></figure>');
  });

  it('reads ##Title as a heading when enabled, and leaves code and #hashtags alone when not', () => {
    const input = '##Title\n\n```\n##not a heading\n```\n#tag';
    expect(prepareLegacyMarkdown(input, on).markdown).toBe('## Title\n\n```\n##not a heading\n```\n# tag');
    expect(prepareLegacyMarkdown(input, off).markdown).toBe(input);
  });

  it('warns about a code fence that is never closed, at its line', () => {
    const result = prepareLegacyMarkdown('text\n\n~~~ {.python}\nprint(1)\n', off);
    expect(result.markdown).toBe('text\n\n~~~python\nprint(1)\n');
    expect(result.warnings).toEqual([{ line: 3, code: 'fence-unclosed', message: expect.stringContaining('never closed') }]);
    expect(prepareLegacyMarkdown('```js\nx\n```\n', off).warnings).toEqual([]);
  });
});
