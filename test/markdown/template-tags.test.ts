import { beforeAll, describe, expect, it } from 'vitest';
import { convertTemplateTags, prepareTemplateTags, type TagContext } from '../../src/markdown/template-tags.js';

const POSTS: Record<string, { url: string; title: string }> = {
  '2014-10-22-beijing': { url: '/blog/2014/10/22/%E5%8C%97%E4%BA%AC/', title: '北京 & container' },
};

const context: TagContext = {
  file: '_posts/2016-01-05-x.md',
  bodyLine: 5,
  basePath: '/blog/',
  origin: 'https://notes.example.org',
  postUrl: '/blog/2016/01/05/x/',
  findPost: (name) => POSTS[name],
};

const convert = (markdown: string): ReturnType<typeof convertTemplateTags> => convertTemplateTags(markdown, context);

describe('convertTemplateTags', () => {
  beforeAll(prepareTemplateTags);

  it('leaves a body without tags exactly as it is', () => {
    expect(convert('# Hi\n\nText { not a tag }.\n')).toEqual({ markdown: '# Hi\n\nText { not a tag }.\n', diagnostics: [] });
  });

  it('keeps {% raw %} content literally, without warnings', () => {
    const result = convert('a {% raw %}{{ page.title }} {% if x %}{% endraw %} b');
    expect(result.markdown).toBe('a {{ page.title }} {% if x %} b');
    expect(result.diagnostics).toEqual([]);
  });

  it('turns {% highlight %} and Hexo {% codeblock %} into fenced code with a language', () => {
    expect(convert('{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}').markdown).toBe('\n```ruby\nputs 1\n```\n');
    expect(convert('{% codeblock hello.js lang:javascript %}\nlet a = "```";\n{% endcodeblock %}').markdown).toBe('\n````javascript\nlet a = "```";\n````\n');
    expect(convert('{% codeblock %}\nplain\n{% endcodeblock %}').diagnostics).toEqual([]);
  });

  it('resolves {% post_url %} to the URL without the base path and {% post_link %} to a link with the title', () => {
    expect(convert('[x]({% post_url 2014-10-22-beijing %})').markdown).toBe('[x](/2014/10/22/%E5%8C%97%E4%BA%AC/)');
    expect(convert('{% post_link 2014-10-22-beijing %}').markdown).toBe('<a href="/blog/2014/10/22/%E5%8C%97%E4%BA%AC/" title="北京 &#38; container">北京 &#38; container</a>');
    expect(convert("{% post_link 2014-10-22-beijing 'the notes' %}").markdown).toContain('>the notes</a>');
  });

  it('warns with file and line when post_url names no post, and leaves the tag', () => {
    const result = convert('one\ntwo {% post_url 2099-01-01-nothing %}');
    expect(result.markdown).toBe('one\ntwo {% post_url 2099-01-01-nothing %}');
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'post-link-missing', file: '_posts/2016-01-05-x.md', line: 6 })]);
  });

  it('substitutes site.baseurl, site.url and root', () => {
    expect(convert('{{ site.url }}{{ site.baseurl }}/a.png {{root}}b.png').markdown).toBe('https://notes.example.org/blog/a.png /blog/b.png');
  });

  it('converts Hexo asset_img, blockquote and youtube', () => {
    expect(convert('{% asset_img wide pic.png 300 200 "A title" "Alt text" %}').markdown).toBe('<img src="/blog/2016/01/05/x/pic.png" class="wide" width="300" height="200" title="A title" alt="Alt text">');
    expect(convert('{% blockquote David Levithan, Wide Awake %}\nThink.\n{% endblockquote %}').markdown).toBe('\n> Think.\n>\n> — David Levithan, Wide Awake\n');
    expect(convert('{% youtube dQw4w9WgXcQ %}').markdown).toContain('src="https://www.youtube.com/embed/dQw4w9WgXcQ"');
  });

  it('leaves unknown tags, Jinja-like variables and stray {% as text, one warning each with its line', () => {
    const body = 'x\n{% include note.html %}\nHello {{ name }}!\n{% note info %}\ninside\n{% endnote %}\n100{% off\n';
    const result = convert(body);
    expect(result.markdown).toBe(body);
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['template-tag-unknown', 6],
      ['template-variable', 7],
      ['template-tag-unknown', 8],
      ['template-stray', 11],
    ]);
    expect(result.diagnostics.every((d) => d.severity === 'warning' && d.file === '_posts/2016-01-05-x.md')).toBe(true);
  });

  it('warns about an unclosed block and keeps going', () => {
    const result = convert('{% highlight ruby %}\nputs 1\n');
    expect(result.markdown).toBe('{% highlight ruby %}\nputs 1\n');
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'template-unclosed', line: 5 })]);
  });

  it('never touches code spans and fenced code', () => {
    const body = 'Use `{{ site.url }}` and\n\n```liquid\n{% include x %}\n{{ y }}\n```\n';
    expect(convert(body)).toEqual({ markdown: body, diagnostics: [] });
  });
});
