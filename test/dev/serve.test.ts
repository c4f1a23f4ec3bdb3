// The real static server (src/dev/serve.ts) over sites built by the real CLI: pretty URLs,
// 404.html, charsets, ETags, methods, base path, traversal / dotfile / symlink refusal,
// ports; and `lanyard serve` as a child process.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { startServer, type RunningServer } from '../../src/dev/serve.js';
import { CLI, makeSite, runCli } from '../helpers.js';

const SECRET = 'TOP-SECRET-4f1c9a';
const HTML = /^text\/html;\s*charset=utf-8$/i;

const SITE = {
  'posts/2020-01-02-x.md': '---\ntitle: X marks the spot\ndate: 2020-01-02 10:00\n---\nHello x.\n',
  'posts/2020-01-03-beijing.md': '---\ntitle: 北京container技术大会\ndate: 2020-01-03 10:00\nslug: 北京大会\n---\n你好。\n',
  'posts/2020-01-04-note.md': '---\ntitle: A single file\ndate: 2020-01-04 10:00\npermalink: /notes/x.html\n---\nNote.\n',
  'pages/about.md': '---\ntitle: About me\n---\nAbout.\n',
  'public/hello.txt': 'hello from public\n',
  'public/.env': `TOKEN=${SECRET}\n`,
  // Beside the output folder: never to be served.
  'secret.txt': `${SECRET}\n`,
  'outside/inner.txt': `${SECRET}\n`,
};

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A request with the path sent exactly as written (fetch and URL would normalize `..`). */
function rawRequest(port: number, rawPath: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(2000, () => req.destroy(new Error(`${rawPath}: no complete answer within 2 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** Like rawRequest, but a broken answer becomes status 0 with the error as its body, for readable failures. */
function tryRequest(port: number, rawPath: string): Promise<Reply> {
  return rawRequest(port, rawPath).catch((cause: unknown) => ({ status: 0, headers: {}, body: `request failed: ${String(cause)}` }));
}

function h1Of(html: string): string {
  const h1 = select('h1', fromHtml(html));
  return h1 === undefined ? '' : toString(h1).trim();
}

describe('startServer over a site built at the domain root', () => {
  let site: string;
  let out: string;
  let server: RunningServer;
  const get = (pathname: string, init?: RequestInit): Promise<Response> => fetch(`http://127.0.0.1:${server.port}${pathname}`, init);

  beforeAll(async () => {
    site = await makeSite(SITE);
    out = path.join(site, 'dist');
    const run = await runCli(['build', '--source', site, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    // Made by hand after the build: the build itself never copies dotfiles.
    await writeFile(path.join(out, '.hidden'), `${SECRET}\n`);
    await writeFile(path.join(out, 'assets', '.secret'), `${SECRET}\n`);
    await symlink(path.join(site, 'secret.txt'), path.join(out, 'leak.txt'));
    await symlink(path.join(site, 'outside'), path.join(out, 'linked'), 'dir');
    server = await startServer({ dir: out, basePath: '/', port: 0 });
  });

  afterAll(async () => {
    await server.close();
    await rm(site, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 by default and reports its URL', () => {
    const address = server.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(server.port).toBe(address.port);
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  test.each([
    ['/2020/01/02/x/', 'X marks the spot'],
    ['/2020/01/02/x', 'X marks the spot'],
    ['/about/', 'About me'],
    ['/about', 'About me'],
    ['/notes/x.html', 'A single file'],
  ])('serves %s as HTML in UTF-8 (%s)', async (pathname, title) => {
    const res = await get(pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(HTML);
    expect(h1Of(await res.text())).toBe(title);
  });

  it('serves the home page at /', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(HTML);
  });

  test.each([
    ['upper-case', encodeURI('/2020/01/03/北京大会/')],
    ['lower-case', encodeURI('/2020/01/03/北京大会/').toLowerCase()],
  ])('serves a percent-encoded Chinese path (%s escapes) from its UTF-8 folder', async (_case, pathname) => {
    expect(pathname).toMatch(/%e5%8c%97/i);
    const res = await get(pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(HTML);
    expect(h1Of(await res.text())).toBe('北京container技术大会');
  });

  it("answers a missing page with status 404 and the site's 404.html", async () => {
    const res = await get('/no/such/page/');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(HTML);
    expect(await res.text()).toBe(await readFile(path.join(out, '404.html'), 'utf8'));
  });

  test.each([
    ['/assets/lanyard.css', /^text\/css; charset=utf-8$/],
    ['/atom.xml', /^(application\/atom\+xml|text\/xml|application\/xml); charset=utf-8$/],
    ['/rss.xml', /^(application\/rss\+xml|text\/xml|application\/xml); charset=utf-8$/],
    ['/sitemap.xml', /^(text\/xml|application\/xml); charset=utf-8$/],
    ['/feed.json', /^application\/(feed\+)?json; charset=utf-8$/],
    ['/robots.txt', /^text\/plain; charset=utf-8$/],
    ['/hello.txt', /^text\/plain; charset=utf-8$/],
    ['/assets/favicon.svg', /^image\/svg\+xml; charset=utf-8$/],
  ])('labels %s with charset=utf-8', async (pathname, type) => {
    const res = await get(pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    await res.arrayBuffer();
  });

  it('sends an ETag and answers If-None-Match with 304 and no body', async () => {
    const first = await get('/2020/01/02/x/');
    const etag = first.headers.get('etag');
    await first.text();
    expect(etag).toBeTruthy();
    const again = await get('/2020/01/02/x/', { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const full = await get('/about/');
    const body = Buffer.from(await full.arrayBuffer());
    const head = await get('/about/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(HTML);
    expect(head.headers.get('content-length')).toBe(String(body.length));
    expect(await head.text()).toBe('');
  });

  test.each(['POST', 'PUT', 'DELETE'])('refuses %s with 405 and Allow: GET, HEAD', async (method) => {
    const res = await get('/about/', { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    await res.arrayBuffer();
  });

  test.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/a/..%2f..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5c..%5csecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%252e%252e/secret.txt',
    '/%2e%2e/outside/inner.txt',
  ])('never serves a file outside the output folder for %s', async (rawPath) => {
    const res = await rawRequest(server.port, rawPath);
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });

  it('answers a path starting with // as a path, not as a host name (//secret.txt is 404, not the home page)', async () => {
    const res = await rawRequest(server.port, '//secret.txt');
    expect(res.status).toBe(404);
  });

  test.each(['/.hidden', '/%2ehidden', '/assets/.secret', '/.env'])('does not serve the dotfile %s', async (rawPath) => {
    const res = await rawRequest(server.port, rawPath);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
  });

  it('never copies public/.env into the output', async () => {
    await expect(readFile(path.join(out, '.env'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test.each(['/leak.txt', '/linked/inner.txt', '/linked/'])('does not follow the symlink %s out of the output folder', async (rawPath) => {
    const res = await rawRequest(server.port, rawPath);
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });
});

describe('startServer under a base path', () => {
  let site: string;
  let server: RunningServer;

  beforeAll(async () => {
    site = await makeSite(SITE);
    const out = path.join(site, 'dist');
    const run = await runCli(['build', '--source', site, '--out', out, '--base-path', '/blog/']);
    expect(run.code, run.stderr).toBe(0);
    server = await startServer({ dir: out, basePath: '/blog/', port: 0 });
  });

  afterAll(async () => {
    await server.close();
    await rm(site, { recursive: true, force: true });
  });

  it('reports the base path in its URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/blog/`);
  });

  test.each(['/blog/', '/blog/about/', '/blog/2020/01/02/x/', `/blog${encodeURI('/2020/01/03/北京大会/')}`])('serves %s', async (rawPath) => {
    const res = await rawRequest(server.port, rawPath);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(HTML);
  });

  it('serves /blog (no slash) or redirects it to /blog/', async () => {
    const res = await rawRequest(server.port, '/blog');
    if (res.status >= 300 && res.status < 400) expect(res.headers.location).toBe('/blog/');
    else expect(res.status).toBe(200);
  });

  test.each(['/', '/index.html', '/about/', '/blogx/', '/blog-about/'])('answers %s outside the base path with 404', async (rawPath) => {
    const res = await rawRequest(server.port, rawPath);
    expect(res.status).toBe(404);
  });

  test.each(['/blog/../secret.txt', '/blog/%2e%2e/secret.txt', '/blog/..%2fsecret.txt'])('never serves %s', async (rawPath) => {
    const res = await rawRequest(server.port, rawPath);
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });
});

describe('startServer with transformHtml (dev mode), under a base path', () => {
  let site: string;
  let server: RunningServer;
  const seen: (readonly string[] | undefined)[] = [];

  beforeAll(async () => {
    site = await makeSite(SITE);
    const out = path.join(site, 'dist');
    const run = await runCli(['build', '--source', site, '--out', out, '--base-path', '/blog/']);
    expect(run.code, run.stderr).toBe(0);
    server = await startServer({ dir: out, basePath: '/blog/', port: 0, transformHtml: (html, files) => (seen.push(files), `${html}<!-- transformed -->`) });
  });

  afterAll(async () => {
    await server.close();
    await rm(site, { recursive: true, force: true });
  });

  test.each([
    ['/blog/', ['index.html']],
    ['/blog/2020/01/02/x/', ['2020/01/02/x/index.html']],
    ['/blog/2020/01/02/x', ['2020/01/02/x/index.html']],
    [`/blog${encodeURI('/2020/01/03/北京大会/')}`, ['2020/01/03/北京大会/index.html']],
    ['/blog/notes/x.html', ['notes/x.html']],
  ])('tells it which output file %s is', async (rawPath, files) => {
    seen.length = 0;
    const res = await rawRequest(server.port, rawPath);
    expect(res.status).toBe(200);
    expect(res.body.endsWith('<!-- transformed -->')).toBe(true);
    expect(seen).toEqual([files]);
  });

  it('tells it, for a 404, the files that would answer the URL, then 404.html', async () => {
    seen.length = 0;
    const res = await rawRequest(server.port, '/blog/2021/not-yet');
    expect(res.status).toBe(404);
    expect(res.body.endsWith('<!-- transformed -->')).toBe(true);
    expect(seen).toEqual([['2021/not-yet.html', '2021/not-yet/index.html', '404.html']]);
  });
});

describe('startServer when the output folder changes while it runs (as `lanyard build` does)', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await makeSite({ 'index.html': '<!doctype html><title>home</title>', 'a.html': 'old', 'gone.html': 'soon gone', '404.html': 'not here' });
    server = await startServer({ dir, basePath: '/', port: 0 });
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a file rewritten after start with its new contents, not cut at the old length', async () => {
    expect((await rawRequest(server.port, '/a.html')).body).toBe('old');
    await writeFile(path.join(dir, 'a.html'), 'new and longer');
    const res = await tryRequest(server.port, '/a.html');
    expect(res.status, res.body).toBe(200);
    expect(res.body).toBe('new and longer');
  });

  it('serves a file added after start', async () => {
    await mkdir(path.join(dir, 'new'), { recursive: true });
    await writeFile(path.join(dir, 'new', 'index.html'), 'fresh');
    const res = await tryRequest(server.port, '/new/');
    expect(res.status).toBe(200);
    expect(res.body).toBe('fresh');
  });

  it('answers 404 for a file deleted after start, and keeps running', async () => {
    await unlink(path.join(dir, 'gone.html'));
    const res = await tryRequest(server.port, '/gone.html');
    expect(res.status, res.body).toBe(404);
    expect((await tryRequest(server.port, '/')).status).toBe(200);
  });
});

describe('startServer ports', () => {
  let dir: string;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    dir = await makeSite({ 'index.html': 'home' });
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (port: number, fallbackPorts: number): Promise<RunningServer> => {
    const server = await startServer({ dir, basePath: '/', port, fallbackPorts });
    servers.push(server);
    return server;
  };

  it('rejects with EADDRINUSE when the port is taken and no fallback is allowed', async () => {
    const first = await start(0, 0);
    await expect(start(first.port, 0)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('takes the next free port when fallbacks are allowed', async () => {
    const first = await start(0, 0);
    const second = await start(first.port, 5);
    expect(second.port).toBeGreaterThan(first.port);
    expect(second.port).toBeLessThanOrEqual(first.port + 5);
    expect(second.url).toBe(`http://127.0.0.1:${second.port}/`);
    const res = await rawRequest(second.port, '/');
    expect(res.body).toBe('home');
  });
});

interface Child {
  readonly output: () => { stdout: string; stderr: string };
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly waitFor: (pattern: RegExp, ms?: number) => Promise<RegExpMatchArray>;
  readonly kill: (signal: NodeJS.Signals) => void;
}

/** Starts the real CLI as a child process (spawn, so a server keeps running). */
function spawnCli(args: readonly string[], cwd: string): Child {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  let done = false;
  void exited.then(() => (done = true));
  return {
    output: () => ({ stdout, stderr }),
    exited,
    waitFor: async (pattern, ms = 4000) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const match = pattern.exec(stdout);
        if (match !== null) return match;
        if (done || Date.now() > deadline) throw new Error(`no ${pattern} in output; stdout: ${stdout}; stderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    kill: (signal) => {
      if (!done) child.kill(signal);
    },
  };
}

/** Waits for a child's exit, killing it if it outlives `ms`. */
async function exitWithin(child: Child, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  try {
    return await child.exited;
  } finally {
    clearTimeout(timer);
  }
}

describe('lanyard serve (the real CLI)', () => {
  let site: string;

  beforeAll(async () => {
    site = await makeSite({ 'posts/2020-01-02-x.md': SITE['posts/2020-01-02-x.md'] });
    const run = await runCli(['build', '--source', site]);
    expect(run.code, run.stderr).toBe(0);
  });

  afterAll(async () => {
    await rm(site, { recursive: true, force: true });
  });

  it('exits 1 saying the port is already in use when --port names a taken port', async () => {
    const taken = await startServer({ dir: path.join(site, 'dist'), basePath: '/', port: 0 });
    const child = spawnCli(['serve', '--source', site, '--port', String(taken.port)], site);
    try {
      const exit = await exitWithin(child, 4000);
      expect(exit.code, child.output().stdout).toBe(1);
      expect(child.output().stderr).toContain('already in use');
      expect(child.output().stderr).toContain(String(taken.port));
    } finally {
      child.kill('SIGKILL');
      await taken.close();
    }
  });

  it('prints its URL, answers requests and exits 0 on Ctrl-C (SIGINT)', async () => {
    const child = spawnCli(['serve', '--source', site, '--port', '0'], site);
    try {
      const match = await child.waitFor(/^Serving (\S+) at (http:\/\/127\.0\.0\.1:(\d+)\/) \(Ctrl-C to stop\)\n/);
      expect(match[1]).toBe('dist');
      expect(Number(match[3])).toBeGreaterThan(0);
      const res = await fetch(`${match[2]}2020/01/02/x/`);
      expect(res.status).toBe(200);
      expect(h1Of(await res.text())).toBe('X marks the spot');
      child.kill('SIGINT');
      const exit = await exitWithin(child, 4000);
      expect(exit).toEqual({ code: 0, signal: null });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
