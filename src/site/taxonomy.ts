// Groups posts into tags and categories; terms that slug alike merge.
import { slugify } from '../content/slug.js';
import { warning, type Diagnostic } from '../diagnostics.js';
import type { RenderedPost, TaxonomyName, Term } from '../types.js';
import { locatePath } from './permalink.js';

interface Bucket {
  readonly name: string;
  readonly names: Set<string>;
  readonly posts: RenderedPost[];
  /** The first post that spelled the term differently, for the warning. */
  other?: RenderedPost;
}

/**
 * Collects the terms of one taxonomy from posts sorted newest first. `Docker` and
 * `docker` share the slug `docker` and merge, showing the name as first written
 * (the oldest post's spelling wins, so adding a post never renames a term), with a
 * warning naming the first post that spelled it differently.
 */
export function collectTerms(posts: readonly RenderedPost[], taxonomy: TaxonomyName, basePath: string, collator: Intl.Collator): { terms: Term[]; diagnostics: Diagnostic[] } {
  const buckets = new Map<string, Bucket>();
  const diagnostics: Diagnostic[] = [];
  for (const post of [...posts].reverse()) {
    for (const name of post[taxonomy]) {
      const slug = slugify(name);
      if (slug === '') {
        diagnostics.push(warning('term-unusable', `${taxonomy === 'tags' ? 'tag' : 'category'} \`${name}\` has no letters or digits and gets no page`, { file: post.source.path, line: post.keyLines[taxonomy] }));
        continue;
      }
      const bucket = buckets.get(slug) ?? { name, names: new Set<string>(), posts: [] };
      if (!bucket.names.has(name) && bucket.names.size > 0) bucket.other ??= post;
      bucket.names.add(name);
      if (!bucket.posts.includes(post)) bucket.posts.push(post);
      buckets.set(slug, bucket);
    }
  }
  const terms: Term[] = [];
  for (const [slug, bucket] of buckets) {
    const spellings = [...bucket.names];
    if (spellings.length > 1) {
      diagnostics.push(warning('term-merged', `${taxonomy} ${spellings.map((n) => `\`${n}\``).join(', ')} share the page /${taxonomy}/${slug}/ and were merged as \`${bucket.name}\``, {
        file: bucket.other?.source.path,
        line: bucket.other?.keyLines[taxonomy],
        hint: 'spell them the same way, or rename one so it differs in letters or digits',
      }));
    }
    const located = locatePath(`/${taxonomy}/${slug}/`, basePath);
    if (!located.ok) continue;
    terms.push({ name: bucket.name, slug, url: located.value.url, posts: bucket.posts.reverse() });
  }
  terms.sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
  return { terms, diagnostics };
}
