// Issue 7: the Pagefind index, built with the real Pagefind binary on real files.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseSearchLanguage, writeSearchIndex } from '../../src/output/search.js';
import { listFiles, makeSite } from '../helpers.js';

const post = (lang: string, title: string, text: string): string =>
  `<!doctype html><html lang="${lang}"><head><title>${title}</title></head><body><nav>导航 navigation</nav><article data-pagefind-body><h1 data-pagefind-meta="title">${title}</h1><p>${text}</p></article></body></html>`;

async function entry(dir: string): Promise<{ languages: Record<string, { page_count: number }> }> {
  return JSON.parse(await readFile(path.join(dir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
}

describe('chooseSearchLanguage', () => {
  it.each([
    [['en', 'en'], 'en', 'en'],
    [['zh-CN', 'zh-CN'], 'en', 'zh-cn'],
    [['en', 'en', 'en', 'zh-CN'], 'en', 'zh-cn'],
    [['en', 'zh-CN', 'zh-TW', 'zh-TW'], 'en', 'zh-tw'],
    [['en', 'fr', 'fr'], 'en', 'fr'],
    [['en', 'fr'], 'fr', 'fr'],
    [[], 'de', 'de'],
  ])('indexes %j (site language %s) as %s', (languages, site, expected) => {
    expect(chooseSearchLanguage(languages, site)).toBe(expected);
  });
});

describe('writeSearchIndex', () => {
  const saved = process.env['PAGEFIND_BINARY_PATH'];
  afterEach(() => {
    if (saved === undefined) delete process.env['PAGEFIND_BINARY_PATH'];
    else process.env['PAGEFIND_BINARY_PATH'] = saved;
  });

  it('indexes the pages marked data-pagefind-body into pagefind/, in one language', async () => {
    const site = await makeSite({
      'a/index.html': post('zh-CN', '北京container技术大会', '分享了一个秒杀的例子'),
      'b/index.html': post('en', 'Kubernetes networking', 'Containers at KubeCon'),
      'index.html': '<!doctype html><html lang="en"><head><title>Home</title></head><body><p>A list page</p></body></html>',
    });
    const result = await writeSearchIndex(site, { language: 'zh-cn' });
    expect(result.diagnostics).toEqual([]);
    expect(result.pages).toBe(2);
    expect(Object.keys((await entry(site)).languages)).toEqual(['zh-cn']);
    const files = await listFiles(path.join(site, 'pagefind'));
    expect(files).toContain('pagefind.js');
    expect(files.some((file) => file.startsWith('index/') && file.endsWith('.pf_index'))).toBe(true);
    expect(files.filter((file) => file.startsWith('fragment/'))).toHaveLength(2);
  });

  it('replaces an existing index in place without leaving temporary folders (dev mode)', async () => {
    const site = await makeSite({ 'a/index.html': post('en', 'One', 'first') });
    expect((await writeSearchIndex(site, { language: 'en' })).pages).toBe(1);
    await writeFile(path.join(site, 'b.html'), post('en', 'Two', 'second'));
    const again = await writeSearchIndex(site, { language: 'en', replace: true });
    expect(again.diagnostics).toEqual([]);
    expect(again.pages).toBe(2);
    expect((await entry(site)).languages['en']?.page_count).toBe(2);
    expect((await readdir(site)).sort()).toEqual(['a', 'b.html', 'pagefind']);
  });

  it('turns a Pagefind failure into an error diagnostic instead of throwing', async () => {
    const site = await makeSite({ 'a/index.html': post('en', 'One', 'first') });
    process.env['PAGEFIND_BINARY_PATH'] = path.join(site, 'no-such-pagefind');
    const result = await writeSearchIndex(site, { language: 'en' });
    expect(result.pages).toBe(0);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code: 'search-index', file: 'pagefind' });
    expect(result.diagnostics[0]?.hint).toContain('--no-search');
  });
});
