import type { Element, ElementContent, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { isHeading, outermost } from '../../src/markdown/narrow.js';

function element(tagName: string, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties: {}, children };
}

describe('outermost', () => {
  const inner = element('h3');
  const nested = element('h2', [inner]);
  const quoted = element('h1');
  const tree: Root = { type: 'root', children: [element('p', [{ type: 'text', value: 'x' }]), nested, element('blockquote', [quoted]), { type: 'comment', value: 'h1' }] };

  it('returns matching elements without a matching ancestor, in document order, shared with the tree', () => {
    const found = outermost(tree, isHeading);
    expect(found.type).toBe('root');
    expect(found.children).toHaveLength(2);
    expect(found.children[0]).toBe(nested);
    expect(found.children[1]).toBe(quoted);
  });

  it('returns an empty root when nothing matches', () => {
    expect(outermost(tree, (node) => node.tagName === 'pre').children).toEqual([]);
  });
});

describe('isHeading', () => {
  it('matches h1–h6 in any case, as hast-util-heading-rank does', () => {
    expect(['h1', 'h6', 'H2'].map((tagName) => isHeading(element(tagName)))).toEqual([true, true, true]);
    expect(['h7', 'h0', 'header', 'hr', 'h'].map((tagName) => isHeading(element(tagName)))).toEqual([false, false, false, false, false]);
  });
});
