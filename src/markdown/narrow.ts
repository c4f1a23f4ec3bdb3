// rehype-slug and rehype-highlight, run on just the parts of the tree they can change.
// Both walk every node of the tree with unist-util-visit, which costs more than the work
// they do (a post has ten headings and a few code blocks among a thousand nodes).
import type { Element, Root, RootContent } from 'hast';
import rehypeHighlight from 'rehype-highlight';
import rehypeSlug from 'rehype-slug';

type HighlightOptions = NonNullable<Parameters<typeof rehypeHighlight>[0]>;
type HighlightFile = Parameters<ReturnType<typeof rehypeHighlight>>[1];

/**
 * The elements matching `test` that have no matching ancestor, in document order, as the
 * children of a new root (the nodes are shared, not copied: changes to them change `tree`).
 * Visiting that root reaches every matching element of `tree` in the same order as
 * visiting `tree` does, because each one is, or lies inside, an outermost match.
 */
export function outermost(tree: Root, test: (element: Element) => boolean): Root {
  const found: RootContent[] = [];
  const walk = (children: readonly RootContent[]): void => {
    for (const node of children) {
      if (node.type !== 'element') continue;
      if (test(node)) found.push(node);
      else walk(node.children);
    }
  };
  walk(tree.children);
  return { type: 'root', children: found };
}

/** hast-util-heading-rank's test, which rehype-slug uses: `h1`–`h6` in any case. */
export function isHeading(element: Element): boolean {
  return /^h[1-6]$/i.test(element.tagName);
}

/**
 * rehype-slug on the headings only. Its visitor acts on headings alone and numbers
 * repeated slugs in visiting order, which `outermost` keeps, so the ids are the same.
 */
export function rehypeSlugOnHeadings() {
  const slug = rehypeSlug();
  return (tree: Root): undefined => slug(outermost(tree, isHeading));
}

/**
 * rehype-highlight on the `<pre>` elements only. Its visitor acts only on a `<code>`
 * whose parent is a `<pre>`, and every such `<code>` lies inside an outermost `<pre>`;
 * a post without any `<pre>` (most Markdown without fenced or indented code) skips it.
 */
export function rehypeHighlightOnPre(options: HighlightOptions) {
  const highlight = rehypeHighlight(options);
  return (tree: Root, file: HighlightFile): undefined => {
    const pres = outermost(tree, (element) => element.tagName === 'pre');
    return pres.children.length === 0 ? undefined : highlight(pres, file);
  };
}
