// Plain variable paths read directly (a shortcut past liquidjs's expression layers) give
// exactly what liquidjs gives, errors included, and the shortcut is really taken.
import { Liquid, Output, toValueSync, type LiquidOptions, type Template } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { DirectPathLiquid } from '../../src/render/path-outputs.js';

const scope = {
  post: { title: 'A <b>title</b> & more', tags: [{ name: 'one' }, { name: 'two' }], count: 0, empty: '', missing: undefined, nothing: null, 'dash-key': 'dashed', nested: { list: [1, 2, 3] } },
  page: { t: { home: 'Home' }, feeds: [{ url: '/atom.xml' }] },
  content: '<p>raw</p>',
  flag: true,
};

const sources = [
  '{{ post.title }}|{{ post.title | raw }}|{{ content | raw }}|{{ content }}',
  '{{ post.tags.size }}|{{ post.tags.first.name }}|{{ post.tags.last.name }}|{{ post.tags[1].name }}|{{ post.tags[-1].name }}',
  '{{ page.feeds[0].url }}|{{ page["t"].home }}|{{ post.dash-key }}|{{ post.nested.list }}|{{ post.nested.list.size }}',
  '{{ post.count }}|{{ post.empty }}|{{ post.missing }}|{{ post.nothing }}|{{ nope.deeper.still }}|{{ post.title.size }}',
  '{{ post.title | upcase }}|{{ post.missing | default: "fallback" }}|{{ post.tags | map: "name" | join: ", " }}',
  '{% for tag in post.tags %}{{ forloop.index }}:{{ tag.name }}{% if forloop.last %}.{% endif %} {% endfor %}',
  '{% if post.count %}zero is truthy{% endif %}{% if post.missing %}no{% elsif flag %}flag{% endif %}{% unless post.nothing %}unless{% endunless %}',
  '{% if post.empty == empty %}empty{% endif %}{% if true %}t{% endif %}{{ true }}{{ nil }}{{ "quoted" }}{{ 3 }}{{ (1..3) }}',
];

function outputs(engine: Liquid, source: string, context: object = scope): string {
  return engine.parseAndRenderSync(source, context) as string;
}

const options: LiquidOptions = { outputEscape: 'escape', ownPropertyOnly: true, strictFilters: true };

describe('DirectPathLiquid', () => {
  it.each(sources)('renders %s as liquidjs does', (source) => {
    expect(outputs(new DirectPathLiquid(options), source)).toBe(outputs(new Liquid(options), source));
  });

  it('fails on an undefined variable with strictVariables as liquidjs does', () => {
    const strict = { ...options, strictVariables: true };
    const message = (engine: Liquid): string => {
      try {
        outputs(engine, 'before {{ post.nope }} after');
        return 'no error';
      } catch (cause) {
        return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
      }
    };
    expect(message(new DirectPathLiquid(strict))).toBe(message(new Liquid(strict)));
    expect(message(new DirectPathLiquid(strict))).toMatch(/UndefinedVariableError/);
  });

  it('takes the shortcut for plain paths only', () => {
    const engine = new DirectPathLiquid(options);
    const templates = engine.parse('{{ post.title }}{{ post.tags[0].name | raw }}{% if flag %}{{ 3 }}{{ post[flag] }}{% endif %}');
    const kinds = outputsOf(templates).map((output) => output.value.initial.constructor.name);
    expect(kinds).toEqual(['PathExpression', 'PathExpression', 'Expression', 'Expression']);
  });
});

function outputsOf(templates: readonly Template[]): Output[] {
  return templates.flatMap((template) => {
    if (template instanceof Output) return [template];
    return template.children === undefined ? [] : outputsOf(toValueSync(template.children(false, true)));
  });
}
