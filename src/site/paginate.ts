// Splits a list into pages: `/base/`, `/base/page/2/`, …
import type { Pagination } from '../types.js';
import { locatePath } from './permalink.js';

export interface PaginatedPage<T> {
  /** Site path (no base path), e.g. `/tags/docker/page/2/`. */
  readonly sitePath: string;
  readonly pagination: Pagination<T>;
}

/** The site path of page `number` of a list rooted at `sitePath`. */
export function pagePath(sitePath: string, number: number): string {
  return number === 1 ? sitePath : `${sitePath}page/${number}/`;
}

/** Splits `items` into pages of `perPage`; an empty list still has one page. */
export function paginate<T>(items: readonly T[], perPage: number, sitePath: string, basePath: string): PaginatedPage<T>[] {
  const total = Math.max(1, Math.ceil(items.length / perPage));
  const url = (number: number): string | undefined => {
    if (number < 1 || number > total) return undefined;
    const located = locatePath(pagePath(sitePath, number), basePath);
    return located.ok ? located.value.url : undefined;
  };
  return Array.from({ length: total }, (_, index) => ({
    sitePath: pagePath(sitePath, index + 1),
    pagination: {
      number: index + 1,
      total,
      items: items.slice(index * perPage, (index + 1) * perPage),
      previousUrl: url(index),
      nextUrl: url(index + 2),
    },
  }));
}
