// Renders every route through its Liquid template.
import type { Liquid } from 'liquidjs';
import type { Memo } from '../cache.js';
import { error, fromTemplateError, type Diagnostic } from '../diagnostics.js';
import type { Spool } from '../output/spool.js';
import { trackBodyReads } from './body-reads.js';
import type { OutputFile, Route, WrittenFile } from '../types.js';

export interface RenderInput {
  readonly engine: Liquid;
  readonly routes: readonly Route[];
  readonly templateNames: ReadonlySet<string>;
  readonly contextFor: (route: Route) => Record<string, unknown>;
  /** The site's own template folder, for shorter paths in messages. */
  readonly templateRoot?: string;
  /** Each route's fingerprint (render/fingerprint.ts), in order: needed by `memo` and `reuse`. */
  readonly fingerprints?: readonly string[];
  /**
   * A rendered route's fingerprint of the kind its rendering showed: light when it read
   * nothing of any post's body (body-reads.ts). What the memo keeps, and `fingerprints` returns.
   */
  readonly fingerprintAs?: (index: number, light: boolean) => string;
  /** Pages rendered by earlier builds in this process, by fingerprint (dev mode). */
  readonly memo?: Memo<Uint8Array>;
  /**
   * The file the previous build wrote for this route, when it had the same fingerprint and
   * is still intact: the page is not rendered again, the file stays.
   */
  readonly reuse?: (outputPath: string, fingerprint: string) => WrittenFile | undefined;
  /**
   * The file the previous build wrote for this route, when `contents` are what it holds and
   * it is still intact: the page is then neither held nor written again (with a spool, a
   * template edit that changes few pages writes few).
   */
  readonly unchanged?: (outputPath: string, contents: Uint8Array) => WrittenFile | undefined;
  /** Where pages go once too many bytes of them are in memory (big sites; not with `memo`). */
  readonly spool?: Spool;
}

/** Rendering gives way to other work (spooled writes finishing, dev's server) this often. */
const SLICE_MS = 20;

/**
 * Renders all routes; a missing template or a template error becomes a diagnostic.
 * Each page renders synchronously: our templates do no I/O beyond reading themselves,
 * and liquidjs's sync path avoids a promise per tag (3× faster on a 1,000-post site).
 * Every {@link SLICE_MS} it gives way, so spooled pages are let go once written, and dev
 * mode's server answers while a rebuild renders.
 */
export async function renderRoutes(input: RenderInput): Promise<{ files: OutputFile[]; diagnostics: Diagnostic[]; fingerprints: (string | undefined)[] }> {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  // Each route's fingerprint as recorded: the one looked up, or for a page rendered now, the kind its rendering showed.
  const fingerprints: (string | undefined)[] = [...(input.fingerprints ?? [])];
  let sliceStarted = performance.now();
  for (const [index, route] of input.routes.entries()) {
    if (performance.now() - sliceStarted > SLICE_MS) {
      await (input.spool?.ready() ?? new Promise<void>((resolve) => setImmediate(resolve)));
      sliceStarted = performance.now();
    }
    if (!input.templateNames.has(route.template)) {
      diagnostics.push(unknownTemplate(route, input.templateNames));
      continue;
    }
    const key = input.fingerprints?.[index];
    const kept = key === undefined ? undefined : input.reuse?.(route.outputPath, key);
    if (kept !== undefined) {
      files.push({ outputPath: route.outputPath, origin: route.origin, reuse: kept });
      continue;
    }
    try {
      // Held as UTF-8 until written: a page with any CJK character is a two-byte string,
      // so the site's pages take about half the memory as bytes (and off the JS heap).
      let contents = key === undefined ? undefined : input.memo?.get(key);
      if (contents === undefined) {
        const rendered = trackBodyReads(() => Buffer.from(renderPage(input.engine, route.template, input.contextFor(route))));
        contents = rendered.value;
        fingerprints[index] = input.fingerprintAs?.(index, !rendered.readBody) ?? key;
      }
      const recorded = fingerprints[index];
      if (recorded !== undefined) input.memo?.set(recorded, contents);
      const same = input.unchanged?.(route.outputPath, contents);
      if (same !== undefined) {
        files.push({ outputPath: route.outputPath, origin: route.origin, reuse: same, rendered: true });
        continue;
      }
      const held = input.spool?.keep(contents) ?? contents;
      files.push(held instanceof Uint8Array ? { outputPath: route.outputPath, origin: route.origin, contents: held } : { outputPath: route.outputPath, origin: route.origin, spooled: held });
    } catch (cause) {
      diagnostics.push(fromTemplateError(cause, route.template, route.origin, input.templateRoot));
    }
  }
  return { files, diagnostics, fingerprints };
}

function renderPage(engine: Liquid, template: string, context: Record<string, unknown>): string {
  const contents: unknown = engine.renderFileSync(template, context);
  if (typeof contents !== 'string') throw new Error(`template ${template} did not render to text`);
  return contents;
}

function unknownTemplate(route: Route, known: ReadonlySet<string>): Diagnostic {
  const document = route.data.kind === 'post' ? route.data.post : route.data.kind === 'page' ? route.data.page : undefined;
  const choices = [...known].filter((name) => !name.includes('/')).sort().join(', ');
  return error('unknown-layout', `layout \`${route.template}\` has no template (templates/${route.template}.liquid)`, {
    file: document?.source.path ?? route.origin,
    line: document?.keyLines['layout'],
    hint: `use one of: ${choices}, or add templates/${route.template}.liquid`,
  });
}
