// rehype plugin: lazy-loads images and puts the base path on root-relative links.
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export interface ImageOptions {
  /** Site base path, `/` or `/sub/`. */
  readonly basePath: string;
}

const URL_ATTRIBUTES: Readonly<Record<string, string>> = { a: 'href', img: 'src', source: 'src', video: 'src', audio: 'src' };

/** Adds `loading="lazy"` and `decoding="async"` to images; prefixes `/x` links with the base path. */
export function rehypeImages(options: ImageOptions) {
  return (tree: Root): undefined => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'img') {
        node.properties['loading'] ??= 'lazy';
        node.properties['decoding'] ??= 'async';
      }
      const attribute = URL_ATTRIBUTES[node.tagName];
      if (attribute === undefined || options.basePath === '/') return;
      const value = node.properties[attribute];
      if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith(options.basePath)) {
        node.properties[attribute] = options.basePath + value.slice(1);
      }
    });
    return undefined;
  };
}
