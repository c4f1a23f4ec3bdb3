// Markdown written for kramdown, pandoc or R Markdown, read as CommonMark would not.

const FENCE_WITH_BRACES = /^( {0,3})(`{3,}|~{3,})[ \t]*\{\.?([\w+#-]+)[^}\n]*\}[ \t]*$/gm;

/** `~~~ {.python}` and ```` ```{r, echo=FALSE} ```` fences: the language is the first word in the braces (pure). */
export function normalizeFenceInfo(markdown: string): string {
  return markdown.includes('{') ? markdown.replace(FENCE_WITH_BRACES, '$1$2$3') : markdown;
}
