// Guards the Markdown stage against input that would overflow the stack or take
// minutes: the unified libraries recurse per nesting level and slow down on huge input.
import { error, fail, ok, type Diagnostic, type Result } from '../diagnostics.js';
import type { RenderedMarkdown } from '../types.js';
import type { MarkdownRenderer } from './processor.js';

/** Largest post body rendered (Markdown parsing runs at roughly 5 s per MB on CI). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Deepest nesting of blockquotes and lists. */
export const MAX_NESTING = 64;
/** Longest run of `*` or `_` inside text (emphasis resolution is quadratic in it). */
export const MAX_DELIMITER_RUN = 100;

export interface LimitProblem {
  readonly code: 'post-too-large' | 'markdown-too-complex';
  /** 1-based line in the body. */
  readonly line: number;
  readonly message: string;
}

/** Finds the first way a Markdown body exceeds the limits, scanning it once. */
export function findLimitProblem(body: string): LimitProblem | undefined {
  const bytes = Buffer.byteLength(body);
  if (bytes > MAX_BODY_BYTES) return { code: 'post-too-large', line: 1, message: `the post is ${(bytes / 1024 / 1024).toFixed(1)} MB; posts over ${MAX_BODY_BYTES / 1024 / 1024} MB are not rendered` };
  let fence: string | undefined;
  const lines = body.split('\n');
  for (const [index, line] of lines.entries()) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined && (fence === undefined || marker.startsWith(fence))) fence = fence === undefined ? marker : undefined;
    if (fence !== undefined) continue;
    const depth = nestingDepth(line);
    if (depth > MAX_NESTING) return { code: 'markdown-too-complex', line: index + 1, message: `blockquotes or lists are nested ${depth} levels deep here; at most ${MAX_NESTING} are rendered` };
    const run = /(?:\*|_){101,}/.exec(line);
    if (run !== null && line.trim() !== run[0]) return { code: 'markdown-too-complex', line: index + 1, message: `a run of ${run[0].length} \`*\`/\`_\` characters; at most ${MAX_DELIMITER_RUN} are rendered` };
  }
  return undefined;
}

/** Blockquote markers plus list indentation (two spaces a level) at the start of a line. */
function nestingDepth(line: string): number {
  const quotes = /^(?:[ \t]*>)+/.exec(line)?.[0] ?? '';
  const rest = line.slice(quotes.length);
  const indent = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:\s|$)/.exec(rest)?.[1] ?? '';
  return (quotes.match(/>/g)?.length ?? 0) + Math.floor(indent.replace(/\t/g, '    ').length / 2);
}

/**
 * Renders one body, or returns an error naming the file and line: when it exceeds the
 * limits, or when the renderer throws (a last line of defence, such as deeply nested HTML).
 */
export function renderWithinLimits(render: MarkdownRenderer, body: string, file: string, bodyLine: number): Result<RenderedMarkdown> {
  const problem = findLimitProblem(body);
  if (problem !== undefined) return fail(limitDiagnostic(problem, file, bodyLine));
  try {
    return ok(render(body));
  } catch (cause) {
    return fail(renderFailure(cause instanceof Error ? cause.message : String(cause), cause instanceof RangeError, file, bodyLine, cause));
  }
}

/** The error for a body over the limits, at its file line. */
export function limitDiagnostic(problem: LimitProblem, file: string, bodyLine: number): Diagnostic {
  return tooBig(problem, file, bodyLine + problem.line - 1);
}

/** The error for a body the renderer failed on (on any thread). */
export function renderFailure(message: string, stackOverflow: boolean, file: string, bodyLine: number, cause?: unknown): Diagnostic {
  const text = stackOverflow ? 'the Markdown is nested too deeply to render (for example thousands of nested HTML tags or brackets)' : `the Markdown could not be rendered: ${message}`;
  return error('markdown-too-complex', text, { file, line: bodyLine, cause, hint: 'simplify or split the post' });
}

function tooBig(problem: LimitProblem, file: string, line: number): Diagnostic {
  return error(problem.code, problem.message, { file, line, hint: 'simplify or split the post; such input is almost always an import or conversion error' });
}
