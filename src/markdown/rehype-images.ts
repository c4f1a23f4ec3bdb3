// rehype plugin: lazy-loads images, captions titled images, and puts the base path
// on root-relative links.
import type { Element, ElementContent, Root } from 'hast';

export interface ImageOptions {
  /** Site base path, `/` or `/sub/`. */
  readonly basePath: string;
}

const URL_ATTRIBUTES: Readonly<Record<string, string>> = { a: 'href', img: 'src', source: 'src', video: 'src', audio: 'src' };

/**
 * Adds `loading="lazy"`, `decoding="async"` and a missing `alt=""` to images; turns a paragraph holding
 * only an image with a title into a `<figure>` captioned by the title; prefixes
 * root-relative URLs (`/images/a.png`) with the base path.
 */
export function rehypeImages(options: ImageOptions) {
  return (tree: Root): undefined => {
    improveImages(tree, options.basePath);
    return undefined;
  };
}

/**
 * Every element below `parent`, in document order (a plain loop: unist-util-visit's
 * per-node overhead costs more than this work).
 */
function improveImages(parent: Root | Element, basePath: string): void {
  const children = parent.children;
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node?.type !== 'element') continue;
    if (node.tagName === 'img') {
      // An image written without alt text (common in WordPress and Hexo posts) gets an
      // empty one: screen readers skip it instead of reading out its file name.
      node.properties['alt'] ??= '';
      node.properties['loading'] ??= 'lazy';
      node.properties['decoding'] ??= 'async';
    }
    if (node.tagName === 'p') {
      const figure = toFigure(node);
      if (figure !== undefined) children[index] = figure;
    }
    prefixBasePath(node, basePath);
    // A paragraph turned into a figure is still walked: its image is now the figure's.
    improveImages(node, basePath);
  }
}

function toFigure(paragraph: Element): Element | undefined {
  const meaningful = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const image = meaningful[0];
  if (meaningful.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return undefined;
  const title = image.properties['title'];
  if (typeof title !== 'string' || title.trim() === '') return undefined;
  const caption: ElementContent = { type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: title }] };
  return { type: 'element', tagName: 'figure', properties: {}, children: [image, caption] };
}

function prefixBasePath(node: Element, basePath: string): void {
  const attribute = URL_ATTRIBUTES[node.tagName];
  if (attribute === undefined || basePath === '/') return;
  const value = node.properties[attribute];
  if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith(basePath)) {
    node.properties[attribute] = basePath + value.slice(1);
  }
}
