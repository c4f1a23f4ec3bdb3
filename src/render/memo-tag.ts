// `{% memo post, page.t %}…{% endmemo %}`: renders its body once per build for each
// combination of the listed values and reuses the HTML after that. A post card is on
// the home page and on each of its terms' pages, the site header on every page; in
// liquidjs each variable read costs about a microsecond, so reusing them halves the
// templates stage of a large site.
import { endSection, noteBodyRead, startSection } from './body-reads.js';
import { Tag, TypeGuards, Value, toValueSync, type Context, type Emitter, type Liquid, type Parser, type StaticAnalysis, type TagToken, type Template, type TopLevelToken } from 'liquidjs';

/** A key: a variable path such as `post` or `page.t`, and the same as a value for static analysis. */
interface MemoKey {
  readonly path: string[];
  readonly value: Value;
}

/**
 * Rendered bodies, one level per key. Map keys compare objects by identity (views are
 * built once per build and never change) and the rest by value.
 */
interface Entry {
  readonly next: Map<unknown, Entry>;
  html: string | undefined;
  /** Whether rendering the body read anything of a post's body: reused, it counts as read again (body-reads.ts). */
  readBody: boolean;
}

const VARIABLE_PATH = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$/;

/**
 * Tags whose effect reaches past the body (variables, loop control, layout blocks,
 * counters): a reused body would skip it, so a body with one is rendered every time.
 */
const EFFECT_TAGS = new Set(['assign', 'capture', 'increment', 'decrement', 'cycle', 'break', 'continue', 'layout', 'block']);

export class MemoTag extends Tag {
  private readonly keys: readonly MemoKey[];
  private readonly templates: Template[] = [];
  /** Rendered bodies by key values; the engine, and so this tag, lives for one build. */
  private readonly rendered: Entry = { next: new Map(), html: undefined, readBody: false };
  private reusable: boolean | undefined;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid);
    this.keys = token.args.split(',').map((text) => {
      const path = text.trim();
      if (!VARIABLE_PATH.test(path)) throw new Error(`memo keys are variables such as \`post\` or \`page.t\`, not \`${path}\``);
      return { path: path.split('.'), value: new Value(path, liquid) };
    });
    for (let next = remainTokens.shift(); next !== undefined; next = remainTokens.shift()) {
      if (TypeGuards.isTagToken(next) && next.name === 'endmemo') return;
      this.templates.push(parser.parseToken(next, remainTokens));
    }
    throw new Error(`tag ${token.getText()} not closed`);
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const renderer = this.liquid.renderer;
    this.reusable ??= isReusable(this.liquid, this.templates, this.keys);
    if (!this.reusable) {
      yield renderer.renderTemplates(this.templates, ctx, emitter);
      return;
    }
    let entry = this.rendered;
    for (const key of this.keys) {
      // `_get` reads the path as `{{ page.t }}` would, minus the layers for filters.
      const value: unknown = yield ctx._get(key.path);
      let next = entry.next.get(value);
      if (next === undefined) {
        next = { next: new Map(), html: undefined, readBody: false };
        entry.next.set(value, next);
      }
      entry = next;
    }
    if (entry.html === undefined) {
      // Rendering is synchronous: nothing else renders between the start and the end.
      const outer = startSection();
      try {
        entry.html = String(yield renderer.renderTemplates(this.templates, ctx));
      } finally {
        entry.readBody = endSection(outer);
      }
    } else if (entry.readBody) noteBodyRead();
    emitter.write(entry.html);
  }

  // For static analysis (liquidjs's, and an enclosing memo's): the body and the keys.
  *children(): Generator<unknown, Template[], unknown> {
    return this.templates;
  }

  *arguments(): Generator<Value, void, unknown> {
    for (const key of this.keys) yield key.value;
  }
}

/**
 * True when the body reads nothing but the keys (and what hangs off them), through its
 * partials too, and has no effect outside itself. Otherwise reusing it could show one
 * page's HTML on another (a site may override any partial), so it is rendered each time.
 */
function isReusable(liquid: Liquid, templates: readonly Template[], keys: readonly MemoKey[]): boolean {
  if (hasEffects(templates, new Set())) return false;
  let analysis: StaticAnalysis;
  try {
    analysis = liquid.analyzeSync([...templates], { partials: true });
  } catch {
    // liquidjs's analysis loops on a partial whose first node includes the partial itself.
    return false;
  }
  if (Object.keys(analysis.locals).length > 0) return false;
  return Object.values(analysis.globals).every((variables) =>
    variables.every((variable) => keys.some((key) => key.path.every((segment, index) => variable.segments[index] === segment))),
  );
}

/** Effect tags anywhere in the body or its partials, or a partial named by a variable (which analysis cannot follow). */
function hasEffects(templates: readonly Template[], seen: Set<Template | string>): boolean {
  for (const template of templates) {
    if (seen.has(template)) continue;
    seen.add(template);
    const name = template instanceof Tag ? template.name : undefined;
    if (name !== undefined && EFFECT_TAGS.has(name)) return true;
    if (name === 'include' || name === 'render') {
      const partial = template.partialScope?.();
      if (partial === undefined) return true;
      // Each partial is looked into once (the table of contents includes itself).
      if (seen.has(partial.name)) continue;
      seen.add(partial.name);
    }
    const children = template.children === undefined ? [] : toValueSync(template.children(true, true));
    if (hasEffects(children, seen)) return true;
  }
  return false;
}
