// `lanyard new`: the file name and text of a new post.
import yaml from 'js-yaml';
import { DateTime } from 'luxon';
import type { SiteConfig } from '../config/schema.js';
import { slugify } from './slug.js';

export interface NewPostOptions {
  readonly event?: string;
  readonly draft?: boolean;
}

/** File names are limited to 255 bytes; leave room for the date prefix and `.md`. */
const MAX_SLUG_BYTES = 200;

function truncate(slug: string, maxBytes: number): string {
  let result = '';
  for (const char of slug) {
    if (Buffer.byteLength(result + char) > maxBytes) break;
    result += char;
  }
  return result.replace(/-+$/, '');
}

/** Makes `posts/YYYY-MM-DD-<slug>.md` and its front matter, dated `now` in the site zone. */
export function newPost(title: string, options: NewPostOptions, config: SiteConfig, now: Date): { readonly path: string; readonly text: string } {
  const local = DateTime.fromJSDate(now, { zone: config.timezone }).startOf('second');
  const slug = truncate(slugify(title), MAX_SLUG_BYTES) || 'post';
  const wallClock = local.toFormat('yyyy-LL-dd HH:mm:ss');
  // When clocks go back, a wall-clock time happens twice: then write the offset too.
  const ambiguous = DateTime.fromFormat(wallClock, 'yyyy-LL-dd HH:mm:ss', { zone: config.timezone }).toMillis() !== local.toMillis();
  const data: Record<string, unknown> = {
    title,
    date: ambiguous ? local.toFormat('yyyy-LL-dd HH:mm:ssZZ') : wallClock,
    tags: [],
    categories: [],
    ...(options.event === undefined ? {} : { event: options.event }),
    ...(options.draft === true ? { draft: true } : {}),
  };
  const frontMatter = yaml.dump(data, { schema: yaml.CORE_SCHEMA, lineWidth: -1, flowLevel: 1, quotingType: '"' });
  return { path: `posts/${local.toFormat('yyyy-LL-dd')}-${slug}.md`, text: `---\n${frontMatter}---\n\n` };
}
