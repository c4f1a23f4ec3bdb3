// The rehype-sanitize schema for `markdown.sanitize: true`: GitHub's, plus what
// Lanyard's own Markdown output needs (images, tables, footnotes, code languages).
import { defaultSchema, type Options as Schema } from 'rehype-sanitize';

const attributes = defaultSchema.attributes ?? {};

/**
 * Runs after rehype-raw and before heading ids and highlighting are added, so those
 * are Lanyard's own and kept. Ids are not prefixed (only `name` is): footnote ids
 * already carry remark-rehype's `user-content-` prefix, and heading ids come later.
 * Comments are kept for `<!-- more -->`; scripts, styles, event handlers, iframes,
 * forms and `javascript:` URLs are removed.
 */
export const SANITIZE_SCHEMA: Schema = {
  ...defaultSchema,
  clobber: ['name'],
  allowComments: true,
  attributes: {
    ...attributes,
    img: [...(attributes['img'] ?? []), 'alt', 'title', 'width', 'height', 'loading'],
    a: [...(attributes['a'] ?? []), 'title', 'id', ['className', 'data-footnote-backref']],
    code: [['className', /^language-./]],
    td: [...(attributes['td'] ?? []), 'align', ['style', /^text-align:\s*(left|right|center);?$/]],
    th: [...(attributes['th'] ?? []), 'align', ['style', /^text-align:\s*(left|right|center);?$/]],
    sup: [...(attributes['sup'] ?? []), 'id'],
  },
  protocols: { ...defaultSchema.protocols, src: ['http', 'https'] },
};
