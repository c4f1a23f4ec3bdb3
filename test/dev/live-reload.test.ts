// Live reload: loopback check, script injection, and the server-sent events hub over a real server.
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { afterEach, describe, expect, it, test } from 'vitest';
import { error, warning } from '../../src/diagnostics.js';
import { EVENTS_PATH, createLiveReload, injectReloadScript, isLoopback, type BuildState } from '../../src/dev/live-reload.js';

describe('isLoopback', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.168.1.2', false],
    ['10.0.0.5', false],
    ['::ffff:10.0.0.1', false],
    ['128.0.0.1', false],
    ['::2', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});

describe('injectReloadScript', () => {
  const devScripts = (html: string): Element[] => selectAll('script[data-lanyard-dev]', fromHtml(html));

  it('inserts the client just before </body>', () => {
    const html = '<!doctype html><html lang="en"><head><title>t</title></head><body><p>x</p></body></html>';
    const result = injectReloadScript(html);
    expect(result.startsWith('<!doctype html><html lang="en"><head><title>t</title></head><body><p>x</p><script data-lanyard-dev>')).toBe(true);
    expect(result.endsWith('</script>\n</body></html>')).toBe(true);
    const tree = fromHtml(result);
    const body = selectAll('body', tree)[0];
    const scripts = selectAll('script[data-lanyard-dev]', tree);
    expect(scripts).toHaveLength(1);
    expect(body?.children.filter((node): node is Element => node.type === 'element').at(-1)).toBe(scripts[0]);
  });

  it('inserts before the last </body> when the text holds more than one', () => {
    const html = '<html><body><!-- </body> --><pre>&lt;/body&gt;</pre><p>end</p></body></html>';
    const result = injectReloadScript(html);
    expect(result.indexOf('<script data-lanyard-dev>')).toBeGreaterThan(result.indexOf('<p>end</p>'));
    expect(result.indexOf('<!-- </body> -->')).toBe(html.indexOf('<!-- </body> -->'));
    expect(devScripts(result)).toHaveLength(1);
  });

  it('appends the client when there is no </body>', () => {
    const html = '<!doctype html><title>Not found</title><p>404';
    const result = injectReloadScript(html);
    expect(result.startsWith(html)).toBe(true);
    expect(devScripts(result)).toHaveLength(1);
  });

  it('connects to the events endpoint, naming the files the page stands for and the version it shows', () => {
    const script = devScripts(injectReloadScript('<body></body>', { files: ['2020/01/02/live/index.html', '北京/</script>.html'], since: 7 }))[0];
    const text = script?.children.map((node) => (node.type === 'text' ? node.value : '')).join('') ?? '';
    const url = new URL(JSON.parse(/let url = ("[^"]*");/.exec(text)?.[1] ?? '""') as string, 'http://localhost');
    expect(url.pathname).toBe(EVENTS_PATH);
    expect(url.searchParams.get('since')).toBe('7');
    expect(url.searchParams.getAll('file')).toEqual(['2020/01/02/live/index.html', '北京/</script>.html']);
    expect(text).not.toContain('</script>.html');
  });
});

interface SseEvent {
  readonly event: string;
  readonly data: string;
}

/** A minimal EventSource: reads the stream with http.get and splits it into events. */
function connect(port: number, path = EVENTS_PATH): Promise<{ res: IncomingMessage; events: SseEvent[]; retry: string[]; next: (count: number) => Promise<SseEvent[]>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      const events: SseEvent[] = [];
      const retry: string[] = [];
      let buffer = '';
      const waiters: (() => void)[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).replace(/^ /, ''));
          }
          if (fields.has('retry')) retry.push(fields.get('retry') ?? '');
          if (fields.has('data')) events.push({ event: fields.get('event') ?? 'message', data: fields.get('data') ?? '' });
        }
        for (const wake of waiters.splice(0)) wake();
      });
      const next = (count: number): Promise<SseEvent[]> =>
        new Promise((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`expected ${count} events, got ${events.length}: ${JSON.stringify(events)}`)), 2000);
          const check = (): void => {
            if (events.length >= count) {
              clearTimeout(timer);
              done(events.slice(0, count));
            } else waiters.push(check);
          };
          check();
        });
      resolve({ res, events, retry, next, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

const stateOf = (event: SseEvent | undefined): BuildState => JSON.parse(event?.data ?? 'null') as BuildState;

describe('createLiveReload over a real server', () => {
  let server: Server | undefined;
  const cleanups: (() => void)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    if (server !== undefined) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
    }
  });

  async function serve(live: ReturnType<typeof createLiveReload>): Promise<number> {
    server = createServer((req, res) => {
      if (!live.handle(req, res)) res.writeHead(404).end('not an event stream');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => live.close());
    return (server.address() as AddressInfo).port;
  }

  it('sends a retry delay and the current state (ok) on connect', async () => {
    const live = createLiveReload();
    const port = await serve(live);
    const client = await connect(port);
    cleanups.push(client.close);
    expect(client.res.statusCode).toBe(200);
    expect(client.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.res.headers['cache-control']).toBe('no-store');
    const [first] = await client.next(1);
    expect(client.retry).toEqual(['500']);
    expect(first?.event).toBe('state');
    expect(stateOf(first)).toEqual({ ok: true, errors: [], version: 0, reload: false, swap: false });
  });

  it('publishes a failed build with the formatted errors (file:line and the source line), then a good one', async () => {
    const live = createLiveReload();
    const port = await serve(live);
    const client = await connect(port);
    cleanups.push(client.close);
    await client.next(1);
    const source = '---\ntitle: Broken\ndate: 2015-02-30\n---\nBody\n';
    live.publish(
      false,
      [
        error('date-invalid', '`date`: there is no February 30', { file: 'posts/broken.md', line: 3, hint: 'fix the date' }),
        warning('title-missing', 'a warning is not shown in the overlay', { file: 'posts/other.md', line: 1 }),
      ],
      new Map([['posts/broken.md', source]]),
    );
    const events = await client.next(2);
    const failed = stateOf(events[1]);
    expect(events[1]?.event).toBe('state');
    expect(failed.ok).toBe(false);
    expect(failed.version).toBe(1);
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0]).toContain('posts/broken.md:3: error: `date`: there is no February 30');
    expect(failed.errors[0]).toContain('> 3 | date: 2015-02-30');
    expect(failed.errors[0]).toContain('hint: fix the date');

    live.publish(true, [], new Map());
    const good = stateOf((await client.next(3))[2]);
    expect(good).toEqual({ ok: true, errors: [], version: 2, reload: true, swap: false });
  });

  it('sends every open page each change, and forgets pages that disconnect', async () => {
    const live = createLiveReload();
    const port = await serve(live);
    const one = await connect(port);
    const two = await connect(port);
    cleanups.push(one.close, two.close);
    await Promise.all([one.next(1), two.next(1)]);
    expect(live.clientCount).toBe(2);
    live.publish(true, [], new Map());
    expect(stateOf((await one.next(2))[1]).version).toBe(1);
    expect(stateOf((await two.next(2))[1]).version).toBe(1);
    one.close();
    for (let i = 0; i < 100 && live.clientCount !== 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(live.clientCount).toBe(1);
  });

  it('gives a page that connects after a failure the failed state at once', async () => {
    const live = createLiveReload();
    const port = await serve(live);
    live.publish(false, [error('x', 'broken', { file: 'posts/a.md', line: 2 })], new Map());
    const client = await connect(port);
    cleanups.push(client.close);
    const state = stateOf((await client.next(1))[0]);
    expect(state.ok).toBe(false);
    expect(state.errors[0]).toContain('posts/a.md:2');
  });

  it('tells a page to reload only when a file it stands for changed since the version it shows', async () => {
    const live = createLiveReload();
    const port = await serve(live);
    const query = (since: number, ...files: string[]): string => `${EVENTS_PATH}?${new URLSearchParams([['since', String(since)], ...files.map((file): [string, string] => ['file', file])]).toString()}`;
    const post = await connect(port, query(0, 'a/index.html'));
    const home = await connect(port, query(0, 'index.html'));
    const missing = await connect(port, query(0, 'new/index.html', 'new.html', '404.html'));
    cleanups.push(post.close, home.close, missing.close);
    await Promise.all([post.next(1), home.next(1), missing.next(1)]);
    live.publish(true, [], new Map(), ['a/index.html']);
    expect(stateOf((await post.next(2))[1])).toMatchObject({ reload: true, swap: true });
    expect(stateOf((await home.next(2))[1]).reload).toBe(false);
    expect(stateOf((await missing.next(2))[1]).reload).toBe(false);
    // A page that failed to show (404) reloads when its URL gets a file.
    live.publish(true, [], new Map(), ['new/index.html', 'index.html']);
    expect(stateOf((await home.next(3))[2]).reload).toBe(true);
    expect(stateOf((await missing.next(3))[2]).reload).toBe(true);
    // A page served after a change does not reload for it; one served before it does, even when it connects late.
    const late = await connect(port, query(0, 'a/index.html'));
    const current = await connect(port, query(1, 'a/index.html'));
    cleanups.push(late.close, current.close);
    expect(stateOf((await late.next(1))[0]).reload).toBe(true);
    expect(stateOf((await current.next(1))[0]).reload).toBe(false);
  });

  it('reloads every page for a change to what pages load (a stylesheet), none for feeds or a build that changed nothing', async () => {
    const live = createLiveReload();
    const port = await serve(live);
    const page = await connect(port, `${EVENTS_PATH}?since=0&file=a%2Findex.html`);
    const anyChange = await connect(port, `${EVENTS_PATH}?since=0`);
    cleanups.push(page.close, anyChange.close);
    await Promise.all([page.next(1), anyChange.next(1)]);
    live.publish(true, [], new Map(), []);
    expect(stateOf((await page.next(2))[1]).reload).toBe(false);
    expect(stateOf((await anyChange.next(2))[1]).reload).toBe(false);
    // Feeds and the sitemap change with every post edit; the page loads neither.
    live.publish(true, [], new Map(), ['atom.xml', 'feed.json', 'sitemap.xml']);
    expect(stateOf((await page.next(3))[2]).reload).toBe(false);
    expect(stateOf((await anyChange.next(3))[2]).reload).toBe(true);
    live.publish(true, [], new Map(), ['assets/lanyard.css', 'a/index.html']);
    expect(stateOf((await page.next(4))[3])).toMatchObject({ reload: true, swap: false });
    expect(stateOf((await anyChange.next(4))[3]).reload).toBe(true);
  });

  it('keeps a page whose files did not change when a failed build is fixed (the overlay goes, no reload)', async () => {
    const live = createLiveReload();
    const port = await serve(live);
    const page = await connect(port, `${EVENTS_PATH}?since=0&file=a%2Findex.html`);
    cleanups.push(page.close);
    await page.next(1);
    live.publish(false, [error('x', 'broken', { file: 'posts/b.md', line: 2 })], new Map());
    live.publish(true, [], new Map(), ['b/index.html']);
    const [, failed, fixed] = (await page.next(3)).map(stateOf);
    expect(failed?.ok).toBe(false);
    expect(fixed).toEqual({ ok: true, errors: [], version: 2, reload: false, swap: false });
  });

  it('ends every stream on close()', async () => {
    const live = createLiveReload();
    const port = await serve(live);
    const client = await connect(port);
    await client.next(1);
    const ended = new Promise<void>((resolve) => client.res.on('end', resolve));
    live.close();
    await ended;
    expect(live.clientCount).toBe(0);
  });

  it('answers only its own path (query strings allowed)', async () => {
    const live = createLiveReload();
    const port = await serve(live);
    const other = await connect(port, '/index.html');
    cleanups.push(other.close);
    expect(other.res.statusCode).toBe(404);
    const withQuery = await connect(port, `${EVENTS_PATH}?t=1`);
    cleanups.push(withQuery.close);
    expect(withQuery.res.statusCode).toBe(200);
  });
});

describe('createLiveReload with a non-loopback client', () => {
  function fakeExchange(remoteAddress: string): { req: IncomingMessage; res: ServerResponse; written: { status?: number; headers?: unknown; body: string } } {
    const written: { status?: number; headers?: unknown; body: string } = { body: '' };
    const req = { url: EVENTS_PATH, method: 'GET', headers: {}, socket: { remoteAddress }, on: () => req } as unknown as IncomingMessage;
    const res = {
      writeHead(status: number, headers?: unknown) {
        written.status = status;
        written.headers = headers;
        return res;
      },
      write(chunk: string) {
        written.body += chunk;
        return true;
      },
      end(chunk?: string) {
        if (chunk !== undefined) written.body += chunk;
        return res;
      },
    } as unknown as ServerResponse;
    return { req, res, written };
  }

  test.each(['10.0.0.5', '::ffff:10.0.0.5', '192.168.1.2'])('refuses %s with 403 and does not subscribe it', (address) => {
    const live = createLiveReload();
    const { req, res, written } = fakeExchange(address);
    expect(live.handle(req, res)).toBe(true);
    expect(written.status).toBe(403);
    expect(written.body).not.toContain('event: state');
    expect(live.clientCount).toBe(0);
  });

  it('accepts it when allowRemote is set (dev --host)', () => {
    const live = createLiveReload({ allowRemote: true });
    const { req, res, written } = fakeExchange('10.0.0.5');
    expect(live.handle(req, res)).toBe(true);
    expect(written.status).toBe(200);
    expect(written.body).toContain('event: state');
    expect(live.clientCount).toBe(1);
    live.close();
  });
});
