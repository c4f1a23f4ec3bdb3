// Markdown written for kramdown, pandoc or R Markdown, read as CommonMark would not.

const FENCE_WITH_BRACES = /^( {0,3})(`{3,}|~{3,})[ \t]*\{\.?([\w+#-]+)[^}\n]*\}[ \t]*$/gm;

/** `~~~ {.python}` and ```` ```{r, echo=FALSE} ```` fences: the language is the first word in the braces (pure). */
export function normalizeFenceInfo(markdown: string): string {
  return markdown.includes('{') ? markdown.replace(FENCE_WITH_BRACES, '$1$2$3') : markdown;
}

export interface LegacyMarkdownOptions {
  /** Read `##Title` (no space) as a heading, as kramdown and marked do. */
  readonly headingsWithoutSpace: boolean;
}

export interface LegacyMarkdownResult {
  readonly markdown: string;
  /** Problems found, with 1-based lines in the body. */
  readonly warnings: readonly { readonly line: number; readonly code: string; readonly message: string }[];
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const CAPTION = /\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/g;
const MARKDOWN_IMAGE = /!\[([^\]]*)\]\(([^)\s]+)(?:\s+"([^"]*)")?\)/;
const HTML_MEDIA = /(<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>)/i;

/**
 * Prepares Markdown written for WordPress, kramdown or marked: `[caption]` shortcodes
 * become figures, `##Title` becomes a heading (when enabled), brace fence infos are
 * normalized, and a fence left open is reported (it runs to the end of the post, as
 * CommonMark says). Code fences are never touched. Pure.
 */
export function prepareLegacyMarkdown(markdown: string, options: LegacyMarkdownOptions): LegacyMarkdownResult {
  const warnings: { line: number; code: string; message: string }[] = [];
  const normalized = normalizeFenceInfo(markdown);
  const lines = normalized.split('\n');
  let fence: { marker: string; line: number } | undefined;
  let changed = false;
  const out = lines.map((line, index) => {
    const marker = FENCE_OPEN.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence.marker[0] && marker.length >= fence.marker.length && line.trim() === marker) fence = undefined;
      return line;
    }
    if (marker !== undefined) {
      fence = { marker, line: index + 1 };
      return line;
    }
    if (!options.headingsWithoutSpace) return line;
    const heading = line.replace(/^( {0,3})(#{1,6})([^#\s])/, '$1$2 $3');
    if (heading !== line) changed = true;
    return heading;
  });
  if (fence !== undefined) {
    warnings.push({ line: fence.line, code: 'fence-unclosed', message: `the code block opened here with \`${fence.marker}\` is never closed, so it runs to the end of the post` });
  }
  // An unchanged body is returned as it came, not as a copy (a big site holds every body until rendered).
  const text = changed ? out.join('\n') : normalized;
  return { markdown: text.includes('[caption') ? text.replace(CAPTION, (_, _attributes: string, inner: string) => captionFigure(inner)) : text, warnings };
}

/** `[caption …]<img …> Caption text[/caption]` → `<figure><img …><figcaption>Caption text</figcaption></figure>`. */
function captionFigure(inner: string): string {
  const html = HTML_MEDIA.exec(inner);
  const markdownImage = html === null ? MARKDOWN_IMAGE.exec(inner) : null;
  const media = html?.[1] ?? (markdownImage === null ? undefined : `<img src="${escapeAttribute(markdownImage[2] ?? '')}" alt="${escapeAttribute(markdownImage[1] ?? '')}">`);
  if (media === undefined) return inner;
  const caption = inner.replace(html?.[0] ?? markdownImage?.[0] ?? '', '').trim();
  return `<figure>${media}${caption === '' ? '' : `<figcaption>${escapeText(caption)}</figcaption>`}</figure>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
