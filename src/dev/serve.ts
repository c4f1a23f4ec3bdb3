// A local static server for the output folder (sirv), aware of the base path.
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { lookup } from 'mrmime';
import sirv from 'sirv';
import { hasErrorCode } from '../error-code.js';

export interface ServeOptions {
  /** The folder to serve (a built site). */
  readonly dir: string;
  /** `/` or `/sub/`: requests outside it get 404. */
  readonly basePath: string;
  readonly host?: string;
  /** Port to listen on; 0 picks a free one. */
  readonly port?: number;
  /** When the port is taken, try the next ones (only when no port was asked for). */
  readonly fallbackPorts?: number;
  /** Handles a request before static files (dev endpoints); returns true when it answered. */
  readonly intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * Rewrites HTML responses (dev mode injects its reload script). `files` are the output
   * files the response stands for, relative to the folder with `/`: the file served, or
   * for a 404 the files that would answer the URL, then `404.html`; undefined for the
   * built-in 404 page.
   */
  readonly transformHtml?: (html: string, files: readonly string[] | undefined) => string;
}

export interface RunningServer {
  readonly server: Server;
  /** `http://127.0.0.1:4000/blog/` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const TEXT_TYPES = /^(text\/|application\/(javascript|json|xml|atom\+xml|rss\+xml|feed\+json|manifest\+json)|image\/svg\+xml)/;

/** Creates the request handler: base path, sirv, `404.html` with status 404. */
export function createHandler(options: ServeOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const root = path.resolve(options.dir);

  const notFound = (res: ServerResponse, pathname?: string): void => sendNotFound(root, res, options.transformHtml, pathname);
  // sirv's dev mode checks the disk on every request: the folder may be rebuilt (and
  // swapped) while serving, and a listing cached at start-up would go stale.
  const files = sirv(root, {
    dev: true,
    etag: true,
    dotfiles: false,
    extensions: ['html'],
    // sirv adds a charset to HTML only; every text type here is UTF-8.
    setHeaders: (res, pathname) => {
      const type = lookup(pathname);
      if (type !== undefined && TEXT_TYPES.test(type)) res.setHeader('Content-Type', `${type}; charset=utf-8`);
    },
    onNoMatch: (req, res) => notFound(res, req.url),
  });
  return (req, res) => {
    if (options.intercept?.(req, res) === true) return;
    // `//x` would parse as a host name: collapse leading slashes first.
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const rest = stripBase(url.pathname, options.basePath);
    if (rest === undefined || !isSafePath(rest, root)) {
      notFound(res);
      return;
    }
    req.url = rest + url.search;
    if (options.transformHtml !== undefined) serveTransformed(req, res, root, rest, options.transformHtml, () => files(req, res));
    else files(req, res);
  };
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const handler = createHandler(options);
  const host = options.host ?? '127.0.0.1';
  let port = options.port ?? 4000;
  const attempts = 1 + (options.fallbackPorts ?? 0);
  for (let attempt = 1; ; attempt++) {
    const server = createServer(handler);
    try {
      await listen(server, port, host);
      const address = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      return {
        server,
        port: address.port,
        url: `http://${shownHost}:${address.port}${options.basePath}`,
        close: () => new Promise((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
      };
    } catch (cause) {
      if (!hasErrorCode(cause, 'EADDRINUSE') || attempt >= attempts) throw cause;
      port++;
    }
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** `/blog/a/` with base `/blog/` → `/a/`; undefined when outside the base path. */
export function stripBase(pathname: string, basePath: string): string | undefined {
  if (basePath === '/') return pathname;
  if (pathname === basePath.slice(0, -1)) return '/';
  return pathname.startsWith(basePath) ? `/${pathname.slice(basePath.length)}` : undefined;
}

/**
 * Refuses traversal (`..`, encoded or not, encoded slashes and backslashes), dotfiles,
 * and files whose real path (symlinks resolved) is outside the served folder.
 */
export function isSafePath(pathname: string, root: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (/%2f|%5c/i.test(pathname) || decoded.includes('\\') || decoded.includes('\0')) return false;
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '..' || segment.startsWith('.'))) return false;
  const target = path.join(root, ...segments);
  try {
    const real = realpathSync(target);
    const realRoot = realpathSync(root);
    return real === realRoot || real.startsWith(realRoot + path.sep);
  } catch {
    return true; // missing: sirv answers 404
  }
}

function sendNotFound(root: string, res: ServerResponse, transform?: (html: string, files: readonly string[] | undefined) => string, pathname?: string): void {
  const file = path.join(root, '404.html');
  try {
    statSync(file);
  } catch {
    // No 404.html (nothing built yet): still give dev mode a page to show its overlay on.
    const body = transform === undefined ? '404 Not Found\n' : transform('<!doctype html><html lang="en"><title>Not found</title><body><p>404 Not Found</p></body></html>', undefined);
    res.writeHead(404, { 'Content-Type': `${transform === undefined ? 'text/plain' : 'text/html'}; charset=utf-8` }).end(body);
    return;
  }
  if (transform !== undefined) {
    // The page shown stands for 404.html, and for the files a build may yet create at this URL.
    const files = [...(pathname === undefined ? [] : fileCandidates(pathname.split('?')[0] ?? '/')), '404.html'];
    readText(file).then((html) => res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(transform(html, files)), () => res.writeHead(404).end());
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
  createReadStream(file).pipe(res);
}

/** The output files (relative, with `/`) that answer a URL path below the base path, in the order tried. */
export function fileCandidates(pathname: string): string[] {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return [];
  }
  const relative = decoded.replace(/^\/+/, '');
  if (relative === '' || relative.endsWith('/')) return [`${relative}index.html`];
  return relative.endsWith('.html') ? [relative] : [`${relative}.html`, `${relative}/index.html`];
}

function serveTransformed(req: IncomingMessage, res: ServerResponse, root: string, pathname: string, transform: (html: string, files: readonly string[] | undefined) => string, fallback: () => void): void {
  const candidates = fileCandidates(pathname);
  const served = candidates.find((candidate) => {
    try {
      return statSync(path.join(root, candidate)).isFile();
    } catch {
      return false;
    }
  });
  if (served === undefined) {
    fallback();
    return;
  }
  readText(path.join(root, served)).then((html) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : transform(html, [served]));
  }, fallback);
}

function readText(file: string): Promise<string> {
  return readFile(file, 'utf8');
}

