import { describe, expect, it } from 'vitest';
import { buildToc } from '../../src/markdown/toc.js';
import type { Heading } from '../../src/types.js';

const h = (depth: number, id: string): Heading => ({ depth, id, text: id.toUpperCase() });

describe('buildToc', () => {
  it('returns an empty toc for no headings', () => {
    expect(buildToc([])).toEqual([]);
  });

  it('nests deeper headings under the previous shallower one', () => {
    expect(buildToc([h(1, 'a'), h(2, 'b'), h(3, 'c'), h(2, 'd')])).toEqual([
      { depth: 1, id: 'a', text: 'A', children: [
        { depth: 2, id: 'b', text: 'B', children: [{ depth: 3, id: 'c', text: 'C', children: [] }] },
        { depth: 2, id: 'd', text: 'D', children: [] },
      ] },
    ]);
  });

  it('leaves out headings deeper than level 3 by default', () => {
    const toc = buildToc([h(1, 'a'), h(4, 'x'), h(5, 'y'), h(2, 'b')]);
    expect(toc).toEqual([{ depth: 1, id: 'a', text: 'A', children: [{ depth: 2, id: 'b', text: 'B', children: [] }] }]);
  });

  it('includes deeper levels when maxDepth allows', () => {
    expect(buildToc([h(1, 'a'), h(4, 'x')], 4)[0]?.children.map((c) => c.id)).toEqual(['x']);
  });

  it('nests a skipped level directly under the nearest shallower heading', () => {
    expect(buildToc([h(1, 'a'), h(3, 'c'), h(2, 'b')])).toEqual([
      { depth: 1, id: 'a', text: 'A', children: [
        { depth: 3, id: 'c', text: 'C', children: [] },
        { depth: 2, id: 'b', text: 'B', children: [] },
      ] },
    ]);
  });

  it('puts a post that starts at h2 at the top level, and a later h1 beside it', () => {
    expect(buildToc([h(2, 'a'), h(1, 'b'), h(3, 'c')])).toEqual([
      { depth: 2, id: 'a', text: 'A', children: [] },
      { depth: 1, id: 'b', text: 'B', children: [{ depth: 3, id: 'c', text: 'C', children: [] }] },
    ]);
  });

  it('keeps sibling headings of the same level side by side', () => {
    expect(buildToc([h(2, 'a'), h(2, 'b'), h(2, 'c')]).map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });
});
