// Issue 4: dev mode in headless Chromium — edit, break and fix a post, and watch the page follow.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/build.js';
import { startDev, type DevServer } from '../../src/dev/dev-server.js';
import { makeSite } from '../helpers.js';
import { launchBrowser, openContext } from './browser.js';

const post = (body: string): string => `---\ntitle: Live\ndate: 2020-01-02 10:00\ntags: [demo]\n---\n${body}\n`;

let browser: Browser;
let dev: DevServer;
let site: string;
const builds: BuildResult[] = [];

beforeAll(async () => {
  site = await makeSite({ 'lanyard.yml': 'title: Dev\nurl: https://dev.example.org\n', 'posts/2020-01-02-live.md': post('First version.'), 'posts/2019-05-05-older.md': '---\ntitle: Older\ndate: 2019-05-05\n---\nOld.\n' });
  dev = await startDev({ sourceDir: site, port: 0 }, { onBuild: (result) => builds.push(result) });
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
