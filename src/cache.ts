// A memo of rendered Markdown, keyed by a hash of the body and the options that
// affect rendering. Stages know nothing of it; build.ts wraps the renderer.
import { createHash } from 'node:crypto';
import type { MarkdownOptions, MarkdownRenderer } from './markdown/processor.js';
import type { RenderedMarkdown } from './types.js';

export interface RenderCache {
  get(key: string): RenderedMarkdown | undefined;
  set(key: string, value: RenderedMarkdown): void;
}

/** An in-memory cache (used by `lanyard dev` across rebuilds). */
export function createMemoryCache(): RenderCache & { readonly size: number } {
  const entries = new Map<string, RenderedMarkdown>();
  return {
    get: (key) => entries.get(key),
    set: (key, value) => {
      entries.set(key, value);
    },
    get size() {
      return entries.size;
    },
  };
}

/** Wraps a renderer so each distinct (body, options) pair is rendered once. */
export function cachedRenderer(render: MarkdownRenderer, options: MarkdownOptions, cache: RenderCache | undefined): MarkdownRenderer {
  if (cache === undefined) return render;
  const optionsKey = JSON.stringify(options);
  return (markdown) => {
    const key = createHash('sha256').update(optionsKey).update('\0').update(markdown).digest('hex');
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const rendered = render(markdown);
    cache.set(key, rendered);
    return rendered;
  };
}
