// Outputs and conditions of a plain variable path (`{{ post.title }}`, `{{ content | raw }}`,
// `{% if post.showToc %}`) are most of what a page evaluates. liquidjs reads each one
// through an expression, a token evaluator, a property-access evaluator and two more
// generators per path segment; reading the path from the context directly does the
// same lookups (`Context._get`, which those layers end in) about twice as fast. Filters,
// escaping and every other kind of expression are left to liquidjs.
import { Liquid, Output, Tag, TypeGuards, Value, UndefinedVariableError, toValueSync, type Context, type LookupType, type PropertyAccessToken, type Template, type Token } from 'liquidjs';

/** liquidjs whose parsed templates read plain-path values directly. */
export class DirectPathLiquid extends Liquid {
  /** Parsed templates already changed: liquidjs's cache hands out the same arrays on every include. */
  private readonly changed = new WeakSet<Template[]>();

  override parse(html: string, filepath?: string): Template[] {
    return this.withDirectPaths(super.parse(html, filepath));
  }

  override *_parseFile(file: string, sync?: boolean, lookupType?: LookupType, currentFile?: string): Generator<unknown, Template[]> {
    return this.withDirectPaths(yield* super._parseFile(file, sync, lookupType, currentFile));
  }

  override *_parsePartialFile(file: string, sync?: boolean, currentFile?: string): Generator<unknown, Template[], string | Template[]> {
    return this.withDirectPaths(yield* super._parsePartialFile(file, sync, currentFile));
  }

  override *_parseLayoutFile(file: string, sync?: boolean, currentFile?: string): Generator<unknown, Template[], string | Template[]> {
    return this.withDirectPaths(yield* super._parseLayoutFile(file, sync, currentFile));
  }

  private withDirectPaths(templates: Template[]): Template[] {
    if (!this.changed.has(templates)) {
      readPathsDirectly(templates);
      this.changed.add(templates);
    }
    return templates;
  }
}

/** Gives every plain-path value in these templates (not in their partials, which are parsed on their own) a direct reader. */
export function readPathsDirectly(templates: readonly Template[]): void {
  for (const template of templates) {
    for (const value of valuesOf(template)) {
      const direct = pathExpression(value);
      // `initial` is readonly in the typings only; Value reads it on each render.
      if (direct !== undefined) Reflect.set(value, 'initial', direct);
    }
    if (template.children !== undefined) readPathsDirectly(toValueSync(template.children(false, true)));
  }
}

/** The values an output prints, and the conditions of `if`, `elsif` and `unless` branches. */
function valuesOf(template: Template): Value[] {
  if (template instanceof Output) return [template.value];
  if (!(template instanceof Tag) || !('branches' in template) || !Array.isArray(template.branches)) return [];
  return template.branches.flatMap((branch: unknown) => (typeof branch === 'object' && branch !== null && 'value' in branch && branch.value instanceof Value ? [branch.value] : []));
}

/** A direct reader for `{{ a.b[0]["c"] }}`; undefined for anything else (literals, ranges, `a[b]`, operators). */
function pathExpression(value: Value): PathExpression | undefined {
  const postfix = value.initial.postfix;
  const token = postfix[0];
  if (postfix.length !== 1 || token === undefined || !TypeGuards.isPropertyAccessToken(token) || token.variable !== undefined) return undefined;
  const path: (string | number)[] = [];
  for (const prop of token.props) {
    // Exactly the segments liquidjs evaluates to their own `content`: names, quoted keys, numbers.
    const content: unknown = 'content' in prop ? prop.content : undefined;
    if (typeof content !== 'string' && typeof content !== 'number') return undefined;
    path.push(content);
  }
  return new PathExpression(postfix, token, path);
}

/** Evaluates like liquidjs's Expression over one property-access token, errors included. */
class PathExpression {
  constructor(
    /** Kept for static analysis, which reads the tokens. */
    readonly postfix: Token[],
    private readonly token: PropertyAccessToken,
    private readonly path: (string | number)[],
  ) {}

  *evaluate(ctx: Context, lenient?: boolean): Generator<unknown, unknown, unknown> {
    try {
      return yield ctx._get(this.path);
    } catch (cause) {
      if (lenient === true && cause instanceof Error && cause.name === 'InternalUndefinedVariableError') return null;
      throw new UndefinedVariableError(cause instanceof Error ? cause : new Error(String(cause)), this.token);
    }
  }

  valid(): boolean {
    return true;
  }
}
