// Headless Chromium (Debian's, never a downloaded one) driven by playwright-core.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

// A 1×1 transparent PNG served instead of any remote image, so pages never leave localhost.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** Launches Debian's Chromium; fails with a clear message when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface Recorded {
  /** Requests that would have left localhost, with their resource type. */
  readonly external: { url: string; type: string }[];
  readonly consoleErrors: string[];
}

/**
 * Opens a context that records console errors and answers every non-local request
 * itself (a 1×1 PNG for images, an abort for anything else), recording each one.
 */
export async function openContext(browser: Browser, options: { width: number; height: number; colorScheme: 'light' | 'dark'; javaScriptEnabled?: boolean }): Promise<{ context: BrowserContext; recorded: Recorded }> {
  const context = await browser.newContext({ viewport: { width: options.width, height: options.height }, colorScheme: options.colorScheme, javaScriptEnabled: options.javaScriptEnabled ?? true });
  const recorded: Recorded = { external: [], consoleErrors: [] };
  await context.route('**/*', async (route) => {
    const request = route.request();
    const { hostname } = new URL(request.url());
    if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    recorded.external.push({ url: request.url(), type: request.resourceType() });
    if (request.resourceType() === 'image') return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
    return route.abort();
  });
  context.on('page', (page) => watchConsole(page, recorded));
  return { context, recorded };
}

function watchConsole(page: Page, recorded: Recorded): void {
  page.on('console', (message) => {
    if (message.type() === 'error') recorded.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => recorded.consoleErrors.push(error.message));
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Runs axe-core in the page and returns its violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}
