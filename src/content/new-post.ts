// `lanyard new`: the file name and text of a new post.
import yaml from 'js-yaml';
import { DateTime } from 'luxon';
import type { SiteConfig } from '../config/schema.js';
import { slugify } from './slug.js';

export interface NewPostOptions {
  readonly event?: string;
  readonly draft?: boolean;
}

/** Makes `posts/YYYY-MM-DD-<slug>.md` and its front matter, dated `now` in the site zone. */
export function newPost(title: string, options: NewPostOptions, config: SiteConfig, now: Date): { readonly path: string; readonly text: string } {
  const local = DateTime.fromJSDate(now, { zone: config.timezone });
  const slug = slugify(title) || 'post';
  const data: Record<string, unknown> = {
    title,
    date: local.toFormat('yyyy-LL-dd HH:mm:ss'),
    tags: [],
    categories: [],
    ...(options.event === undefined ? {} : { event: options.event }),
    ...(options.draft === true ? { draft: true } : {}),
  };
  const frontMatter = yaml.dump(data, { schema: yaml.CORE_SCHEMA, lineWidth: -1, flowLevel: 1, quotingType: '"' });
  return { path: `posts/${local.toFormat('yyyy-LL-dd')}-${slug}.md`, text: `---\n${frontMatter}---\n\n` };
}
