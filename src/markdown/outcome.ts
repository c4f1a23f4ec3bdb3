// The result of rendering one body, as a value (so one bad post never stops the others).
import type { RenderedMarkdown } from '../types.js';

/** One body's result: rendered, or the reason it could not be (a bad post never stops the others). */
export type RenderOutcome = { readonly ok: true; readonly value: RenderedMarkdown } | { readonly ok: false; readonly message: string; readonly stackOverflow: boolean; readonly sourceChanged?: true };

/** A body that could not be rendered because its file changed while the build ran (its Markdown, read again, was no longer what the build knew). */
export const SOURCE_CHANGED: RenderOutcome = { ok: false, message: 'the file changed while Lanyard was building it', stackOverflow: false, sourceChanged: true };

/** Renders one body, turning an exception (such as a stack overflow on absurd nesting) into a value. */
export function renderOutcome(render: (body: string) => RenderedMarkdown, body: string): RenderOutcome {
  try {
    return { ok: true, value: render(body) };
  } catch (cause) {
    return { ok: false, message: cause instanceof Error ? cause.message : String(cause), stackOverflow: cause instanceof RangeError };
  }
}
