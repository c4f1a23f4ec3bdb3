// Issue 7: search in headless Chromium on built sites — the search page, the header box
// with the keyboard, sub-path hosting, no JavaScript, dark mode, and dev-mode re-indexing.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev } from '../../src/dev/dev-server.js';
import type { SearchIndexResult } from '../../src/output/search.js';
import { startServer, type RunningServer } from '../../src/dev/serve.js';
import { PROJECT_ROOT, addSeeds, makeSite, runCli } from '../helpers.js';
import { launchBrowser, openContext, runAxe } from './browser.js';

const TITLE_000 = '北京container技术大会';
const TITLE_001 = 'CNUTCon全球容器技术大会有感';
const URL_000 = `/2014/10/22/${encodeURIComponent('北京container技术大会')}/`;
const URL_001 = '/201508-CNUTCon-Docker-Beijing.html';

let browser: Browser;
let seeds: RunningServer;

beforeAll(async () => {
  // No `language`: the seed posts are detected as zh-CN.
  const site = await makeSite({ 'lanyard.yml': 'title: Seeds\nurl: https://seeds.example.org\ntimezone: Asia/Shanghai\n' });
  await addSeeds(site);
  const out = path.join(site, 'out');
  const run = await runCli(['build', '--source', site, '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  seeds = await startServer({ dir: out, basePath: '/', port: 0 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await seeds?.close();
});

/** Titles listed on the search page for a query given in the URL. */
async function searchPage(page: Page, base: string, query: string): Promise<string[]> {
  await page.goto(`${base}search/?q=${encodeURIComponent(query)}`);
  await expect.poll(() => page.locator('.search-status[role="status"]').innerText(), { timeout: 10_000 }).not.toBe('');
  return page.locator('.search-results .search-result-title').allInnerTexts();
}

describe('the search page on the seeds site', () => {
  it.each([
    ['秒杀', [TITLE_001]],
    ['cloudfoundry', [TITLE_000]],
    ['Heat', [TITLE_000]],
    ['容器 Heat', [TITLE_000]],
    ['微服务', [TITLE_001]],
    ['基础设施', [TITLE_001]],
    ['Heat 秒杀', []],
  ])('finds %s in %j', async (query, titles) => {
    const { context, recorded } = await openContext(browser, { width: 1280, height: 800, colorScheme: 'light' });
    const page = await context.newPage();
    expect((await searchPage(page, seeds.url, query)).sort()).toEqual([...titles].sort());
    if (titles.length > 0) expect(await page.locator('.search-result-excerpt mark').count()).toBeGreaterThan(0);
    else expect(await page.locator('.search-status[role="status"]').innerText()).toContain(query);
    expect(recorded.consoleErrors).toEqual([]);
    expect(recorded.external).toEqual([]);
    await context.close();
  });

  it('shows the date and tags of each result and links to the post', async () => {
    const { context } = await openContext(browser, { width: 1280, height: 800, colorScheme: 'light' });
    const page = await context.newPage();
    await searchPage(page, seeds.url, '秒杀');
    expect(await page.locator('.search-result-meta').innerText()).toBe('2015年8月30日 · #CNUTCon #Docker #技术');
    expect(await page.locator('.search-result-title').getAttribute('href')).toBe(URL_001);
    await context.close();
  });
});

describe('the header search box', () => {
  it('loads no search code until focused, then finds 容器 + an English word as you type, and follows a result with the keyboard', async () => {
    const { context, recorded } = await openContext(browser, { width: 1280, height: 800, colorScheme: 'light' });
    const page = await context.newPage();
    const requested: string[] = [];
    let bytes = 0;
    const measuring: Promise<void>[] = [];
    page.on('requestfinished', (request) => {
      requested.push(new URL(request.url()).pathname);
      measuring.push(request.sizes().then((sizes) => { bytes += sizes.responseBodySize + sizes.responseHeadersSize; }, () => undefined));
    });
    await page.goto(seeds.url + URL_001.slice(1));
    await page.waitForLoadState('networkidle');
    await Promise.all(measuring);
    expect(requested.filter((url) => url.includes('pagefind') || url.endsWith('search.js'))).toEqual([]);
    const before = bytes;

    await page.keyboard.press('Tab'); // skip link
    for (let i = 0; i < 20 && !(await page.locator('.site-search-input').evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.type('容器 Heat');
    const titles = page.locator('.site-search-panel .search-result-title');
    await expect.poll(() => titles.allInnerTexts(), { timeout: 10_000 }).toEqual([TITLE_000]);
    await page.waitForLoadState('networkidle');
    await Promise.all(measuring);
    expect(requested.some((url) => url.endsWith('/pagefind/pagefind.js'))).toBe(true);
    expect(requested.some((url) => url.endsWith('/assets/search.js'))).toBe(true);
    console.log(`search box: ${bytes - before} bytes downloaded for the first query (${requested.filter((url) => url.includes('pagefind') || url.endsWith('search.js')).length} requests)`);

    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(TITLE_000);
    await Promise.all([page.waitForURL(`**${URL_000}`), page.keyboard.press('Enter')]);
    expect(await page.locator('h1.post-title').innerText()).toBe(TITLE_000);
    expect(recorded.consoleErrors).toEqual([]);
    await Promise.all(measuring);
    await context.close();
  });

  it('closes with Escape, and Enter opens the search page with the query', async () => {
    const { context } = await openContext(browser, { width: 390, height: 844, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(seeds.url);
    await page.locator('.site-search-input').focus();
    await page.keyboard.type('docker');
    const panel = page.locator('.site-search-panel');
    await expect.poll(() => panel.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await panel.locator('.search-result').count()).toBe(2);
    // Styled with the theme's dark colours, and no wider than the phone.
    expect(await panel.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await panel.isVisible()).toBe(false);
    await Promise.all([page.waitForURL('**/search/?q=docker'), page.keyboard.press('Enter')]);
    await expect.poll(() => page.locator('.search-results .search-result').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator('#search-query').inputValue()).toBe('docker');
    await context.close();
  });

  it('is a plain link to the search page without JavaScript', async () => {
    const { context } = await openContext(browser, { width: 1280, height: 800, colorScheme: 'light', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(seeds.url);
    expect(await page.locator('.site-search').isVisible()).toBe(false);
    const link = page.locator('.site-search-link');
    expect(await link.isVisible()).toBe(true);
    await Promise.all([page.waitForURL('**/search/'), link.click()]);
    expect(await page.locator('noscript p.search-status').isVisible()).toBe(true);
    expect(await page.locator('noscript p.search-status').innerText()).toBe('Search runs in your browser and needs JavaScript.');
    expect(await page.locator('.search-form').isVisible()).toBe(false);
    await context.close();
  });

  it('passes axe on the search page with results, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { context } = await openContext(browser, { width: 1280, height: 800, colorScheme });
      const page = await context.newPage();
      await searchPage(page, seeds.url, '容器');
      const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), colorScheme).toEqual([]);
      await context.close();
    }
  });
});

describe('search under --base-path /blog/', () => {
  it('finds posts of the sample site and links to them under /blog/', async () => {
    const site = await makeSite({});
    const out = path.join(site, 'out');
    expect((await runCli(['build', '--source', PROJECT_ROOT, '--out', out, '--base-path', '/blog/'])).code).toBe(0);
    const blog = await startServer({ dir: out, basePath: '/blog/', port: 0 });
    const { context, recorded } = await openContext(browser, { width: 1280, height: 800, colorScheme: 'light' });
    try {
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      const english = await searchPage(page, blog.url, 'kubernetes');
      expect(english.length).toBeGreaterThan(1);
      const chinese = await searchPage(page, blog.url, '容器');
      expect(chinese.length).toBeGreaterThan(0);
      const hrefs = await page.locator('.search-result-title').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      for (const href of hrefs) expect(new URL(href).pathname.startsWith('/blog/'), href).toBe(true);
      const first = page.locator('.search-result-title').first();
      const title = await first.innerText();
      await Promise.all([page.waitForURL('**/blog/**'), first.click()]);
      expect(await page.locator('h1.post-title').innerText()).toBe(title);
      expect(failed).toEqual([]);
      expect(recorded.consoleErrors).toEqual([]);
    } finally {
      await context.close();
      await blog.close();
    }
  });
});

describe('search in lanyard dev', () => {
  it('re-indexes after a rebuild (once the page has reloaded), so a new post is found', async () => {
    const site = await makeSite({ 'lanyard.yml': 'title: Dev\n', 'posts/2020-01-02-first.md': '---\ntitle: First\n---\nThe first post.\n' });
    const indexed: SearchIndexResult[] = [];
    const dev = await startDev({ sourceDir: site, port: 0 }, { onBuild: () => undefined, onSearchIndex: (result) => indexed.push(result) });
    const { context } = await openContext(browser, { width: 1280, height: 800, colorScheme: 'light' });
    try {
      await dev.ready;
      const page = await context.newPage();
      expect(await searchPage(page, dev.url, 'zanzibar')).toEqual([]);
      await writeFile(path.join(site, 'posts', '2020-01-03-second.md'), '---\ntitle: Second\n---\nNotes from the Zanzibar meetup.\n');
      await expect.poll(async () => {
        const probe = await context.newPage();
        const titles = await searchPage(probe, dev.url, 'zanzibar');
        await probe.close();
        return titles;
      }, { timeout: 20_000, interval: 500 }).toEqual(['Second']);
      // The first build indexes before its swap; the rebuild re-indexes after it, reported on its own.
      expect(indexed.at(-1)).toMatchObject({ diagnostics: [], pages: 2 });
    } finally {
      await context.close();
      await dev.close();
    }
  });
});
