// Renders every route through its Liquid template.
import type { Liquid } from 'liquidjs';
import { error, fromTemplateError, type Diagnostic } from '../diagnostics.js';
import type { OutputFile, Route } from '../types.js';

export interface RenderInput {
  readonly engine: Liquid;
  readonly routes: readonly Route[];
  readonly templateNames: ReadonlySet<string>;
  readonly contextFor: (route: Route) => Record<string, unknown>;
  /** The site's own template folder, for shorter paths in messages. */
  readonly templateRoot?: string;
}

/** Renders all routes; a missing template or a template error becomes a diagnostic. */
export async function renderRoutes(input: RenderInput): Promise<{ files: OutputFile[]; diagnostics: Diagnostic[] }> {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const route of input.routes) {
    if (!input.templateNames.has(route.template)) {
      diagnostics.push(unknownTemplate(route, input.templateNames));
      continue;
    }
    try {
      const contents = await input.engine.renderFile(route.template, input.contextFor(route));
      files.push({ outputPath: route.outputPath, origin: route.origin, contents });
    } catch (cause) {
      diagnostics.push(fromTemplateError(cause, route.template, route.origin, input.templateRoot));
    }
  }
  return { files, diagnostics };
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
