// Issue 4: dev mode in headless Chromium — edit, break and fix a post, and watch the page follow.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/build.js';
import { startDev, type DevServer, type FastRendered } from '../../src/dev/dev-server.js';
import { makeSite } from '../helpers.js';
import { launchBrowser, openContext } from './browser.js';

const post = (body: string): string => `---\ntitle: Live\ndate: 2020-01-02 10:00\ntags: [demo]\n---\n${body}\n`;

let browser: Browser;
let dev: DevServer;
let site: string;
const builds: BuildResult[] = [];
const fast: FastRendered[] = [];

beforeAll(async () => {
  site = await makeSite({ 'lanyard.yml': 'title: Dev\nurl: https://dev.example.org\n', 'posts/2020-01-02-live.md': post('First version.'), 'posts/2019-05-05-older.md': '---\ntitle: Older\ndate: 2019-05-05\n---\nOld.\n' });
  dev = await startDev({ sourceDir: site, port: 0 }, { onBuild: (result) => builds.push(result), onFastRender: (page) => fast.push(page) });
  await dev.ready;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await dev?.close();
});

describe('lanyard dev in the browser', () => {
  it('reloads an open post on save, shows a broken build as an overlay, and recovers', async () => {
    const { context, recorded } = await openContext(browser, { width: 1280, height: 800, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${dev.url}2020/01/02/live/`);
    expect(await page.locator('.post-content').innerText()).toBe('First version.');
    await page.waitForFunction(() => document.querySelector('script[data-lanyard-dev]') !== null);
    await page.waitForTimeout(200); // let the EventSource connect

    const file = path.join(site, 'posts', '2020-01-02-live.md');
    await writeFile(file, post('Second version, saved while the page was open.'));
    await expect.poll(() => page.locator('.post-content').innerText(), { timeout: 5000 }).toBe('Second version, saved while the page was open.');

    await writeFile(file, '---\ntitle: Live\ndate: [broken\n---\nThird.\n');
    const overlay = page.locator('#lanyard-error-overlay');
    await expect.poll(() => overlay.isVisible(), { timeout: 5000 }).toBe(true);
    expect(await overlay.innerText()).toMatch(/posts\/2020-01-02-live\.md:\d+(:\d+)?: error: invalid front matter/);
    expect(await page.locator('.post-content').innerText()).toBe('Second version, saved while the page was open.');

    await writeFile(file, post('Fixed again.'));
    await expect.poll(() => page.locator('.post-content').innerText(), { timeout: 5000 }).toBe('Fixed again.');
    expect(await overlay.count()).toBe(0);
    expect(recorded.consoleErrors).toEqual([]);
    await context.close();
  });

  it('swaps an edited post into the open page without reloading it, keeping the scroll position', async () => {
    const { context, recorded } = await openContext(browser, { width: 800, height: 400, colorScheme: 'light' });
    const page = await context.newPage();
    const file = path.join(site, 'posts', '2020-01-02-live.md');
    const long = (marker: string): string => post(`${Array.from({ length: 60 }, (_, i) => `Paragraph ${i} of a long report.`).join('\n\n')}\n\n${marker}`);
    await writeFile(file, long('Before the edit.'));
    await expect.poll(async () => (await page.goto(`${dev.url}2020/01/02/live/`), page.locator('.post-content').innerText()), { timeout: 5000 }).toContain('Before the edit.');
    await page.waitForTimeout(200);
    await page.evaluate(() => {
      window.scrollTo(0, 600);
      (window as unknown as { keptAcrossSaves: boolean }).keptAcrossSaves = true;
    });
    const renders = fast.length;
    await writeFile(file, long('After the edit.'));
    await expect.poll(() => page.locator('.post-content').innerText(), { timeout: 5000 }).toContain('After the edit.');
    // Rendered at once, ahead of the rebuild, and swapped in: the same window, scrolled where it was.
    expect(fast.slice(renders).map((rendered) => rendered.outputPath)).toContain('2020/01/02/live/index.html');
    expect(await page.evaluate(() => (window as unknown as { keptAcrossSaves?: boolean }).keptAcrossSaves)).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(600);
    expect(await page.locator('script[data-lanyard-dev]').count()).toBe(1);

    // A stylesheet change reloads the page (its new rules must load).
    await mkdir(path.join(site, 'public', 'assets'), { recursive: true });
    await writeFile(path.join(site, 'public', 'extra.css'), 'body { outline: 1px solid red; }\n');
    await expect.poll(() => page.evaluate(() => (window as unknown as { keptAcrossSaves?: boolean }).keptAcrossSaves), { timeout: 5000 }).toBeUndefined();
    // The edit after a swap is seen too (the page listens from the version it now shows).
    await writeFile(file, long('A third version.'));
    await expect.poll(() => page.locator('.post-content').innerText(), { timeout: 5000 }).toContain('A third version.');
    expect(recorded.consoleErrors).toEqual([]);
    await context.close();
  });

  it('updates the home page when posts are added, renamed and deleted', async () => {
    const { context } = await openContext(browser, { width: 1280, height: 800, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(dev.url);
    await page.waitForTimeout(200);
    const titles = (): Promise<string[]> => page.locator('.post-card-title').allInnerTexts();
    const added = path.join(site, 'posts', '2021-03-03-new.md');
    await writeFile(added, '---\ntitle: Brand new\ndate: 2021-03-03\n---\nNew.\n');
    await expect.poll(titles, { timeout: 5000 }).toEqual(['Brand new', 'Live', 'Older']);
    const { rename } = await import('node:fs/promises');
    await rename(added, path.join(site, 'posts', '2021-03-04-renamed.md'));
    await expect.poll(() => page.locator('.post-card-title a').first().getAttribute('href'), { timeout: 5000 }).toBe('/2021/03/03/renamed/');
    await rm(path.join(site, 'posts', '2021-03-04-renamed.md'));
    await expect.poll(titles, { timeout: 5000 }).toEqual(['Live', 'Older']);
    await context.close();
  });

  it('never writes the reload script into the output folder', async () => {
    const html = await readFile(path.join(site, 'dist', '2020', '01', '02', 'live', 'index.html'), 'utf8');
    expect(html).not.toContain('data-lanyard-dev');
    expect(builds.length).toBeGreaterThanOrEqual(5);
  });
});
