// The liquidjs engine: output escaped by default, site-aware URL filters.
import type { Liquid } from 'liquidjs';
import type { SiteConfig } from '../config/schema.js';
import { MemoTag } from './memo-tag.js';
import { DirectPathLiquid } from './path-outputs.js';

/** Creates the template engine for one build. Templates insert HTML with `| raw` on purpose. */
export function createEngine(templateRoots: readonly string[], config: SiteConfig): Liquid {
  const engine = new DirectPathLiquid({
    root: [...templateRoots],
    partials: [...templateRoots],
    layouts: [...templateRoots],
    extname: '.liquid',
    outputEscape: 'escape',
    strictFilters: true,
    ownPropertyOnly: true,
    cache: true,
    timezoneOffset: config.timezone,
  });
  engine.registerTag('memo', MemoTag);
  engine.registerFilter('relative_url', (value: unknown) => relativeUrl(String(value ?? ''), config.basePath));
  engine.registerFilter('absolute_url', (value: unknown) => config.url + relativeUrl(String(value ?? ''), '/'));
  engine.registerFilter('json', (value: unknown) => JSON.stringify(value ?? null).replace(/</g, '\\u003c'));
  return engine;
}

/** `/assets/a.css` → `<basePath>assets/a.css`, percent-encoded; URLs with a scheme are left alone. */
export function relativeUrl(value: string, basePath: string): string {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(value) || value.startsWith('#')) return value;
  if (value.startsWith(basePath) && basePath !== '/') return encodeURI(value);
  return encodeURI(basePath + value.replace(/^\/+/, ''));
}
