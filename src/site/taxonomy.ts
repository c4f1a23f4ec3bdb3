// Groups posts into tags and categories; terms that slug alike merge.
import { slugify } from '../content/slug.js';
import { warning, type Diagnostic } from '../diagnostics.js';
import type { RenderedPost, TaxonomyName, Term } from '../types.js';
import { locatePath } from './permalink.js';

interface Bucket {
  readonly name: string;
  readonly names: Set<string>;
  readonly posts: RenderedPost[];
}

/**
 * Collects the terms of one taxonomy from posts sorted newest first. `Docker` and
 * `docker` share the slug `docker` and merge, showing the name as first written
 * (the oldest post's spelling wins, so adding a post never renames a term).
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
      bucket.names.add(name);
      if (!bucket.posts.includes(post)) bucket.posts.push(post);
      buckets.set(slug, bucket);
    }
  }
  const terms: Term[] = [];
  for (const [slug, bucket] of buckets) {
    const spellings = [...bucket.names];
    if (new Set(spellings.map((n) => n.toLowerCase())).size > 1) {
      diagnostics.push(warning('term-merged', `${taxonomy} ${spellings.map((n) => `\`${n}\``).join(', ')} share the page /${taxonomy}/${slug}/ and were merged`, { hint: 'spell them the same way, or rename one so it differs in letters or digits' }));
    }
    const located = locatePath(`/${taxonomy}/${slug}/`, basePath);
    if (!located.ok) continue;
    terms.push({ name: bucket.name, slug, url: located.value.url, posts: bucket.posts.reverse() });
  }
  terms.sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
  return { terms, diagnostics };
}
