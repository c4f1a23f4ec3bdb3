// Nests a post's headings into a Hexo-style table of contents.
import type { Heading, TocEntry } from '../types.js';

interface MutableEntry {
  depth: number;
  id: string;
  text: string;
  children: MutableEntry[];
}

/** Builds a nested TOC from headings up to `maxDepth` (levels 1–3 by default). */
export function buildToc(headings: readonly Heading[], maxDepth = 3): TocEntry[] {
  const root: MutableEntry[] = [];
  const stack: MutableEntry[] = [];
  for (const heading of headings) {
    if (heading.depth > maxDepth) continue;
    const entry: MutableEntry = { depth: heading.depth, id: heading.id, text: heading.text, children: [] };
    while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= heading.depth) stack.pop();
    const parent = stack.at(-1);
    if (parent === undefined) root.push(entry);
    else parent.children.push(entry);
    stack.push(entry);
  }
  return root;
}
