// Issue 3: the default theme in real headless Chromium, on a phone and a desktop,
// light and dark: no overflow, no console errors, nothing leaves localhost, axe clean.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/dev/serve.js';
import { PROJECT_ROOT, addSeeds, makeSite, runCli } from '../helpers.js';
import { launchBrowser, openContext, runAxe } from './browser.js';

const SCREENSHOTS = path.join(PROJECT_ROOT, 'test-results', 'screenshots');
const VIEWPORTS = [{ width: 360, height: 740 }, { width: 390, height: 844 }, { width: 1280, height: 800 }] as const;
const SCHEMES = ['light', 'dark'] as const;
const PAGES = {
  home: '',
  'post-000': `2014/10/22/${encodeURIComponent('北京container技术大会')}/`,
  'post-001': '201508-CNUTCon-Docker-Beijing.html',
  tag: `tags/${encodeURIComponent('技术')}/`,
  archive: 'archives/',
  events: 'events/',
  speakers: 'speakers/',
  speaker: `speakers/${encodeURIComponent('喻勇')}/`,
} as const;

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  const site = await makeSite({ 'lanyard.yml': 'title: Seeds\nurl: https://seeds.example.org\ntimezone: Asia/Shanghai\nlanguage: zh-CN\n' });
  await addSeeds(site);
  // Issue 8: seed 000 as the notes of an event, for the event card, talk lines and speaker pages.
  const post000 = path.join(site, 'posts', '000_0f664ff68171fa9a.md');
  const event = 'event:\n  name: 北京 Container 技术大会\n  start: 2014-10-18\n  end: 2014-10-19\n  city: 北京\n  url: https://container.example.org/\n';
  await writeFile(post000, (await readFile(post000, 'utf8')).replace(/^---\n/, `---\n${event}`));
  const out = path.join(site, 'out');
  const run = await runCli(['build', '--source', site, '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  server = await startServer({ dir: out, basePath: '/', port: 0 });
  browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the default theme on the seed posts', () => {
  for (const viewport of VIEWPORTS) {
    for (const colorScheme of SCHEMES) {
      it(`renders every page cleanly at ${viewport.width}×${viewport.height}, ${colorScheme}`, async () => {
        const { context, recorded } = await openContext(browser, { ...viewport, colorScheme });
        try {
          for (const [name, url] of Object.entries(PAGES)) {
            const page = await context.newPage();
            const response = await page.goto(server.url + url);
            expect(response?.status(), name).toBe(200);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            expect(overflow, `${name} overflows horizontally by ${overflow}px`).toBeLessThanOrEqual(0);
            const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
            expect(serious.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), name).toEqual([]);
            await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${viewport.width}-${colorScheme}.png`), fullPage: true });
            await page.close();
          }
          expect(recorded.consoleErrors).toEqual([]);
          // Only the posts' own remote images were requested; the theme loads nothing remote.
          expect(recorded.external.filter((r) => r.type !== 'image')).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('follows the system colour scheme', async () => {
    const backgrounds: string[] = [];
    for (const colorScheme of SCHEMES) {
      const { context } = await openContext(browser, { width: 1280, height: 800, colorScheme });
      const page = await context.newPage();
      await page.goto(server.url);
      backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
      await context.close();
    }
    expect(backgrounds[0]).toBe('rgb(255, 255, 255)');
    expect(backgrounds[1]).not.toBe(backgrounds[0]);
  });

  it('shows the TOC as a sticky sidebar at 1280 px whose links scroll to the headings', async () => {
    const { context } = await openContext(browser, { width: 1280, height: 800, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(server.url + PAGES['post-001']);
    const toc = page.locator('nav.toc');
    await expect.poll(() => toc.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    const tocBox = await toc.boundingBox();
    const contentBox = await page.locator('.post-content').boundingBox();
    expect(tocBox && contentBox && tocBox.x >= contentBox.x + contentBox.width).toBe(true);
    await page.locator('nav.toc a', { hasText: '0x09 后记' }).click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe('#0x09-后记');
    const top = await page.locator('[id="0x09-后记"]').evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(100);
    await expect.poll(async () => (await toc.boundingBox())?.y ?? -1).toBeLessThan(100);
    await context.close();
  });

  it('shows the TOC as a collapsible block on a phone, readable without JavaScript', async () => {
    const { context } = await openContext(browser, { width: 390, height: 844, colorScheme: 'light', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + PAGES['post-001']);
    const toc = page.locator('nav.toc');
    expect(await toc.evaluate((el) => getComputedStyle(el).position)).toBe('static');
    await expect.poll(() => page.locator('nav.toc a').first().isVisible()).toBe(true);
    await page.locator('nav.toc summary').click();
    await expect.poll(() => page.locator('nav.toc a').first().isVisible()).toBe(false);
    expect(await page.locator('.post-content p').first().isVisible()).toBe(true);
    await context.close();
  });

  it('shows both dates, reading time, tags and categories on a post', async () => {
    const { context } = await openContext(browser, { width: 1280, height: 800, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(server.url + PAGES['post-001']);
    expect(await page.locator('time.published').innerText()).toBe('2015年8月30日');
    expect(await page.locator('time.updated').getAttribute('datetime')).toBe('2015-08-30T20:23:00+08:00');
    expect(await page.locator('.reading-time').innerText()).toMatch(/^\d+ 分钟阅读$/);
    expect(await page.locator('.terms a.tag').allInnerTexts()).toEqual(['#CNUTCon', '#Docker', '#技术']);
    expect(await page.locator('.terms a.category').allInnerTexts()).toEqual(['Docker']);
    await context.close();
  });
});

describe('sub-path hosting in the browser', () => {
  it('serves the sample site under /blog/ with every link and asset resolving', async () => {
    const site = await makeSite({});
    const out = path.join(site, 'out');
    expect((await runCli(['build', '--source', PROJECT_ROOT, '--out', out, '--base-path', '/blog/'])).code).toBe(0);
    const blog = await startServer({ dir: out, basePath: '/blog/', port: 0 });
    const { context, recorded } = await openContext(browser, { width: 1280, height: 800, colorScheme: 'light' });
    try {
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('response', (response) => {
        if (response.url().startsWith(blog.url.replace(/\/blog\/$/, '')) && response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(blog.url);
      expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('PingFang SC');
      const links = await page.locator('a[href^="/"]').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
      expect(links.length).toBeGreaterThan(10);
      for (const link of new Set(links)) {
        expect(new URL(link).pathname.startsWith('/blog/'), link).toBe(true);
        const response = await page.goto(link);
        expect(response?.status(), link).toBe(200);
      }
      expect(failed).toEqual([]);
      expect(recorded.consoleErrors).toEqual([]);
      const outside = await page.goto(blog.url.replace(/\/blog\/$/, '/index.html'));
      expect(outside?.status()).toBe(404);
    } finally {
      await context.close();
      await blog.close();
    }
  });
});
