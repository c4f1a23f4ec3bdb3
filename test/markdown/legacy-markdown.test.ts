import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { describe, expect, test } from 'vitest';
import { normalizeFenceInfo } from '../../src/markdown/legacy-markdown.js';
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
