// Finds a post by the names Jekyll's `post_url` and Hexo's `post_link` use.
import type { Dialect } from '../config/schema.js';
import type { Location, ParsedPage } from '../types.js';
import { hexoPostSlug } from './legacy-permalink.js';

export interface LinkedPost {
  readonly url: string;
  readonly title: string;
}

/**
 * Indexes posts by file name without extension (`2014-10-22-beijing`), by the path under
 * the posts folder (`2014/2014-10-22-beijing`), by Hexo slug and by title; the first post
 * claiming a name keeps it.
 */
export function indexPosts(posts: readonly { readonly parsed: ParsedPage; readonly location: Location }[], dialect: Dialect | undefined): (name: string) => LinkedPost | undefined {
  const byName = new Map<string, LinkedPost>();
  const add = (name: string, post: LinkedPost): void => {
    if (name !== '' && !byName.has(name)) byName.set(name, post);
  };
  for (const { parsed, location } of posts) {
    const post = { url: location.url, title: parsed.title };
    const folder = parsed.source.folder ?? 'posts';
    const inner = parsed.source.path.startsWith(`${folder}/`) ? parsed.source.path.slice(folder.length + 1) : parsed.source.path;
    const withoutExtension = inner.replace(/\.[^./]+$/, '');
    add(withoutExtension, post);
    add(withoutExtension.split('/').at(-1) ?? '', post);
    if (dialect?.layout === 'hexo') add(hexoPostSlug(parsed.source.path, parsed.source.folder, dialect.newPostName), post);
  }
  for (const { parsed, location } of posts) add(parsed.title, { url: location.url, title: parsed.title });
  return (name) => byName.get(name.trim()) ?? byName.get(name.trim().replace(/\.[^./]+$/, ''));
}
