// Finds broken internal links, missing images and missing anchors in rendered pages.
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { error, type Diagnostic } from '../diagnostics.js';
import type { OutputFile } from '../types.js';

const LINKS = 'a[href], area[href], link[href], img[src], source[src], video[src], audio[src], script[src], iframe[src]';
const ORIGIN = 'http://lanyard.invalid';

interface Problem {
  readonly code: 'link-broken' | 'image-missing' | 'anchor-missing';
  readonly raw: string;
  readonly message: string;
  readonly origin: string;
}

/** Where a link was written: the line in the origin's source text, when it can be found. */
export type LineFinder = (origin: string, raw: string) => number | undefined;

/**
 * Checks every internal `href`/`src` of the HTML files among `files`: its target must
 * be a file of the site (`/a/` → `a/index.html`), and a `#fragment` an `id` in the
 * target page. Links outside `basePath` and to other hosts are not checked. A problem
 * repeated on list pages (an excerpt) is reported once, for the post that has it.
 * `alsoExisting` lists output paths to treat as present (pages whose rendering failed).
 */
export function findBrokenLinks(files: readonly OutputFile[], basePath: string, lineOf: LineFinder = () => undefined, alsoExisting: readonly string[] = []): Diagnostic[] {
  // A `reuse` file (never produced by `check`, which writes nothing) counts as present, its links unchecked.
  const paths = new Set([...files.map((file) => file.outputPath), ...alsoExisting]);
  const pages = new Map(files.flatMap((file) => ('contents' in file && file.outputPath.endsWith('.html') ? [[file.outputPath, file] as const] : [])));
  const trees = new Map<string, Root>();
  const treeOf = (outputPath: string, contents: string | Uint8Array): Root => {
    const tree = trees.get(outputPath) ?? fromHtml(typeof contents === 'string' ? contents : Buffer.from(contents).toString('utf8'));
    trees.set(outputPath, tree);
    return tree;
  };
  const idCache = new Map<string, Set<string>>();
  const idsOf = (outputPath: string): Set<string> | undefined => {
    const page = pages.get(outputPath);
    if (page === undefined || !('contents' in page)) return undefined;
    const found = idCache.get(outputPath) ?? new Set(selectAll('[id]', treeOf(outputPath, page.contents)).map((node) => String(node.properties['id'])));
    idCache.set(outputPath, found);
    return found;
  };
  const problems: Problem[] = [];
  for (const [outputPath, page] of pages) {
    if (!('contents' in page)) continue;
    const pageUrl = `${ORIGIN}${basePath}${outputPath === 'index.html' ? '' : outputPath.replace(/(^|\/)index\.html$/, '$1')}`;
    for (const node of selectAll(LINKS, treeOf(outputPath, page.contents))) {
      const problem = checkLink(node, pageUrl, outputPath, basePath, paths, idsOf);
      if (problem !== undefined) problems.push({ ...problem, origin: page.origin });
    }
  }
  return report(problems, lineOf);
}

function checkLink(node: Element, pageUrl: string, outputPath: string, basePath: string, paths: ReadonlySet<string>, idsOf: (outputPath: string) => Set<string> | undefined): Omit<Problem, 'origin'> | undefined {
  const isImage = node.tagName !== 'a' && node.tagName !== 'area' && node.tagName !== 'link';
  const raw = String(node.properties[isImage ? 'src' : 'href'] ?? '').trim();
  if (raw === '' || raw === '#' || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(raw)) return undefined;
  let url: URL;
  let decoded: string;
  try {
    url = new URL(raw, pageUrl);
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { code: 'link-broken', raw, message: `link \`${raw}\` is not a valid URL` };
  }
  if (url.origin !== ORIGIN || !decoded.startsWith(basePath)) return undefined;
  const relative = decoded.slice(basePath.length);
  const target = [relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative, `${relative}/index.html`, `${relative}.html`].find((candidate) => paths.has(candidate));
  if (target === undefined) {
    return isImage
      ? { code: 'image-missing', raw, message: `image \`${raw}\` is missing: no file ${relative} in public/ or the output` }
      : { code: 'link-broken', raw, message: `link \`${raw}\` points to a page that does not exist (${relative === '' ? 'index.html' : relative})` };
  }
  const fragment = safeDecode(url.hash.slice(1));
  if (fragment === '' || isImage) return undefined;
  const ids = idsOf(target);
  if (ids === undefined || ids.has(fragment)) return undefined;
  const where = target === outputPath ? 'this page' : target;
  return { code: 'anchor-missing', raw, message: `link \`${raw}\` points to \`#${fragment}\`, which is not an id in ${where}` };
}

/** One diagnostic per broken link, preferring the post or page that contains it over list pages. */
function report(problems: readonly Problem[], lineOf: LineFinder): Diagnostic[] {
  const isSource = (origin: string): boolean => /^(posts|pages)\//.test(origin);
  const fromSources = new Set(problems.filter((p) => isSource(p.origin)).map((p) => `${p.code}\0${p.raw}`));
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const problem of problems) {
    const key = `${problem.code}\0${problem.raw}`;
    if (!isSource(problem.origin) && fromSources.has(key)) continue;
    const keyed = isSource(problem.origin) ? `${problem.origin}\0${key}` : key;
    if (seen.has(keyed)) continue;
    seen.add(keyed);
    diagnostics.push(error(problem.code, problem.message, {
      file: problem.origin,
      line: isSource(problem.origin) ? lineOf(problem.origin, problem.raw) : undefined,
      hint: problem.code === 'image-missing' ? 'add the image under public/ or fix the path' : 'fix the link, or create the page it points to',
    }));
  }
  return diagnostics;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
