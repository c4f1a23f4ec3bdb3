// A small body touching what real notes use (CJK and English text, headings, lists, a
// table, code with a language, an image, inline HTML, a footnote), rendered a few times
// before the first real body so that the parsers' code is compiled and their call sites
// warmed: the first real post then renders in a few milliseconds, not tens.
import { renderOutcome } from './outcome.js';
import type { MarkdownRenderer } from './processor.js';

export const WARM_UP_MARKDOWN = `# 会议笔记 Conference notes

## 张三：容器网络 (Container networking)

A *paragraph* with **bold**, a [link](/x/), \`code\` and https://example.com/ 和中文。

- a list item
  - nested, with [a link](https://example.com/)
1. ordered

> a quote

| 时间 | Talk |
| ---- | :--- |
| 9:00 | Keynote |

\`\`\`js
const x = 1;
\`\`\`

![图片](https://example.com/a.png)

<p align="center"><img src="/images/a.png" alt="a"></p>

Footnote[^1].

[^1]: The note.
`;

/** Renders the warm-up body `times` times (its results are dropped). */
export function warmUp(render: MarkdownRenderer, times = 3): void {
  for (let index = 0; index < times; index++) renderOutcome(render, WARM_UP_MARKDOWN);
}
