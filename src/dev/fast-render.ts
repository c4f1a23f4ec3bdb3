// Dev mode's fast render (after Hugo's): a saved post whose front matter is unchanged is
// rendered at once from the last good build's site model, so its open page reloads in
// tens of milliseconds. The rebuild that follows brings every other page showing the post
// (lists, feeds, archives) up to date, and re-renders this page too should it differ.
import { renderBodies, type Memo, type SiteModel } from '../cache.js';
import { findLimitProblem } from '../markdown/limits.js';
import { prepareLegacyMarkdown } from '../markdown/legacy-markdown.js';
import { hasTemplateTags } from '../markdown/template-tags.js';
import { readDocument } from '../read-document.js';
import { createContext } from '../render/context.js';
import { replacePost } from '../site/replace-post.js';
import { talksOfPost } from '../site/talks.js';
import type { RenderedMarkdown, RenderedPost, Route } from '../types.js';

/** A post's page, rendered. */
export interface FastPage {
  readonly outputPath: string;
  readonly contents: Uint8Array;
}

/**
 * Renders the post at `file` (relative to the source folder, with `/`) as the full build
 * would, or returns undefined when a full build is needed to know: the post is new, its
 * file fails to read or has any problem, its front matter or URL changed, its talks
 * changed (speaker pages link them), its body uses template tags (they need every post),
 * or its template fails. Rendered Markdown goes into `memo`, for the rebuild to reuse.
 */
export async function renderEditedPost(model: SiteModel, file: string, memo: Memo<RenderedMarkdown>): Promise<FastPage | undefined> {
  const route = model.routes.find((candidate) => candidate.data.kind === 'post' && candidate.data.post.source.path === file);
  if (route?.data.kind !== 'post' || !model.templateNames.has(route.template)) return undefined;
  const old = route.data.post;
  const read = await readDocument(old.source, model.config, model.configKey, undefined);
  if (read.document === undefined || read.diagnostics.length > 0) return undefined;
  const { parsed, location } = read.document;
  if (hasTemplateTags(parsed.body) || findLimitProblem(parsed.body) !== undefined) return undefined;
  const legacy = prepareLegacyMarkdown(parsed.body, model.legacyOptions);
  if (legacy.warnings.length > 0) return undefined;
  // The same fields, built the same way as the full build's (build.ts), so equal JSON means equal posts but for the body.
  const after = { ...parsed, body: '', ...location };
  const { content: _content, ...before } = old;
  if (parsed.date === undefined || JSON.stringify(after) !== JSON.stringify(before)) return undefined;
  const rendered = await renderBodies([legacy.markdown], model.markdownOptions, { memo, jobs: 1 });
  const outcome = rendered.outcomes[0];
  if (outcome?.ok !== true) return undefined;
  const next: RenderedPost = { ...after, date: parsed.date, updated: old.updated, content: outcome.value };
  if (JSON.stringify(talksOfPost(next)) !== JSON.stringify(talksOfPost(old))) return undefined;
  const site = replacePost(model.site, old, next);
  const shown: Route = { ...route, data: { ...route.data, post: next } };
  try {
    const html: unknown = model.engine.renderFileSync(route.template, createContext(site, model.config).contextFor(shown));
    return typeof html === 'string' ? { outputPath: route.outputPath, contents: Buffer.from(html) } : undefined;
  } catch {
    // The rebuild reports the template's error.
    return undefined;
  }
}
