// remark-gfm finds literal autolinks its parser left in plain text ("see www.x.org",
// "mail a@b.co") with a tree transform that walks the whole tree once per pattern, four
// times in all, and tries each pattern on every text. Most posts have no text that any
// pattern could match, so the transform is run only on trees that do.
import type { Root, RootContent } from 'mdast';
import type { Data, Processor } from 'unified';

type FromMarkdownExtensions = NonNullable<Data['fromMarkdownExtensions']>;
type FromMarkdownExtension = Exclude<FromMarkdownExtensions[number], readonly unknown[]>;
type Transform = NonNullable<FromMarkdownExtension['transforms']>[number];

/**
 * Each of the transform's patterns (`https?://` or `www.`, matched case-insensitively, and
 * the `@` of `xmpp:`, `mailto:` and bare e-mail addresses) must lie inside one text node,
 * so a tree whose texts hold none of these is left unchanged by it.
 */
export const AUTOLINK_CANDIDATE = /@|http|www/i;

/**
 * Use right after remark-gfm: takes the literal-autolink transform out of the parser
 * (where it runs last) and runs it first among the transformers, which is the same moment,
 * only when a text could match. Leaves everything as it was if another extension has
 * transforms too, since running ours later would change their order.
 */
export function remarkAutolinkLiteralsWhenNeeded(this: Processor) {
  const data = this.data();
  const extensions = (data.fromMarkdownExtensions ?? []).flat();
  const autolinks = extensions.filter((extension) => extension.enter?.['literalAutolink'] !== undefined);
  const others = extensions.filter((extension) => !autolinks.includes(extension));
  const [autolink] = autolinks;
  if (autolinks.length !== 1 || autolink === undefined || others.some((extension) => (extension.transforms ?? []).length > 0)) return undefined;
  const deferred: Transform[] = [...(autolink.transforms ?? [])];
  data.fromMarkdownExtensions = [...others.slice(0, extensions.indexOf(autolink)), { ...autolink, transforms: [] }, ...others.slice(extensions.indexOf(autolink))];
  return (tree: Root): Root | undefined => {
    if (!hasCandidateText(tree.children)) return undefined;
    let result = tree;
    for (const transform of deferred) result = transform(result) ?? result;
    return result;
  };
}

function hasCandidateText(nodes: readonly RootContent[]): boolean {
  for (const node of nodes) {
    if (node.type === 'text' && AUTOLINK_CANDIDATE.test(node.value)) return true;
    if ('children' in node && hasCandidateText(node.children)) return true;
  }
  return false;
}
