// Live reload over server-sent events, and the error overlay shown when a build fails.
// The script is injected into HTML responses in dev mode only, never written to disk.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';

export const EVENTS_PATH = '/__lanyard/events';

/** Files a page may load (stylesheets, scripts, images, fonts): a change to one reloads every page. Feeds and sitemaps do not. */
const PAGE_RESOURCE = /\.(css|m?js|svg|png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf)$/i;

export interface BuildState {
  readonly ok: boolean;
  /** Formatted problems, shown in the overlay when `ok` is false. */
  readonly errors: readonly string[];
  readonly version: number;
  /** True when a file the page stands for changed since the version the page was served at. */
  readonly reload: boolean;
  /**
   * True when only the page's own HTML changed, so the page may swap in its new body
   * instead of reloading (a stylesheet or script changed: it must reload).
   */
  readonly swap: boolean;
}

/** What an open page stands for, as its reload script tells the events endpoint. */
export interface OpenPage {
  /** Output files (relative, with `/`); undefined: any change reloads it. */
  readonly files: readonly string[] | undefined;
  /** The version current when the page was served. */
  readonly since: number;
}

/**
 * A hub of connected browsers. Each page says which output files it shows and the version
 * it was served at; it is told to reload only when one of those files changed since (or a
 * file any page may use, such as a stylesheet), so an edit reloads the pages it changes.
 */
export function createLiveReload(options: { allowRemote?: boolean } = {}) {
  const clients = new Map<ServerResponse, OpenPage>();
  let ok = true;
  let errors: readonly string[] = [];
  let version = 0;
  /** The version that last changed each output file. */
  const changedAt = new Map<string, number>();
  /** The version that last changed a file any page may load (a stylesheet, an image), or everything. */
  let everythingAt = 0;
  /** The version that last changed any file. */
  let anythingAt = 0;
  const stateFor = (page: OpenPage): BuildState => {
    const reload = ok && needsReload(page);
    return { ok, errors, version, reload, swap: reload && everythingAt <= page.since };
  };
  const needsReload = ({ files, since }: OpenPage): boolean => {
    if (everythingAt > since) return true;
    if (files === undefined) return anythingAt > since;
    return files.some((file) => (changedAt.get(file) ?? 0) > since);
  };
  const send = (res: ServerResponse, page: OpenPage): void => {
    res.write(`event: state\ndata: ${JSON.stringify(stateFor(page))}\n\n`);
  };
  return {
    /** Answers the events endpoint; returns false for every other request. */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== EVENTS_PATH) return false;
      if (options.allowRemote !== true && !isLoopback(req.socket.remoteAddress)) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('dev endpoints accept loopback clients only\n');
        return true;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write('retry: 500\n\n');
      const since = Number(url.searchParams.get('since') ?? Number.NaN);
      const files = url.searchParams.getAll('file');
      const page: OpenPage = { files: url.searchParams.has('since') && files.length > 0 ? files : undefined, since: Number.isInteger(since) ? since : version };
      send(res, page);
      clients.set(res, page);
      req.on('close', () => clients.delete(res));
      return true;
    },
    /**
     * Publishes a build result to every open page. `changed`: the output files the build
     * wrote or deleted; undefined when it may have changed any of them.
     */
    publish(built: boolean, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, changed?: readonly string[]): void {
      version++;
      ok = built;
      errors = diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, d.file === undefined ? undefined : sources.get(d.file)));
      if (built && changed?.length !== 0) anythingAt = version;
      if (built) {
        if (changed === undefined || changed.some((file) => PAGE_RESOURCE.test(file))) everythingAt = version;
        else for (const file of changed) changedAt.set(file, version);
      }
      for (const [client, page] of clients) send(client, page);
    },
    /** The version of the output now: pages served now are current as of it. */
    get version(): number {
      return version;
    },
    /** False while the last build failed. */
    get ok(): boolean {
      return ok;
    },
    get clientCount(): number {
      return clients.size;
    },
    close(): void {
      for (const client of clients.keys()) client.end();
      clients.clear();
    },
  };
}

/** True for 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.replace(/^::ffff:/, '');
  return plain === '::1' || /^127\./.test(plain);
}

/**
 * Inserts the reload client before `</body>` (or at the end). `files`: the output files
 * the page stands for (undefined: any change reloads it); `since`: the version it shows.
 */
export function injectReloadScript(html: string, page: OpenPage = { files: undefined, since: 0 }): string {
  const query = new URLSearchParams([['since', String(page.since)], ...(page.files ?? []).map((file): [string, string] => ['file', file])]);
  // JSON inside a script: `<` escaped so no file name can close the element.
  const client = CLIENT.replace('__EVENTS_URL__', JSON.stringify(`${EVENTS_PATH}?${query.toString()}`).replace(/</g, '\\u003c'));
  const index = html.lastIndexOf('</body>');
  return index === -1 ? html + client : html.slice(0, index) + client + html.slice(index);
}

// The client: reload when the server says the page changed; show an overlay while the build is broken.
const CLIENT = `<script data-lanyard-dev>
(() => {
  const overlayId = 'lanyard-error-overlay';
  const show = (errors) => {
    let box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement('div');
      box.id = overlayId;
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#ffd7d5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem';
      document.body.appendChild(box);
    }
    box.textContent = '';
    const title = document.createElement('h2');
    title.textContent = 'Lanyard: the build failed — showing the last good version underneath';
    title.style.cssText = 'color:#fff;font-size:16px;margin:0 0 1rem';
    box.appendChild(title);
    for (const error of errors) {
      const pre = document.createElement('pre');
      pre.textContent = error;
      pre.style.cssText = 'white-space:pre-wrap;margin:0 0 1rem';
      box.appendChild(pre);
    }
  };
  // Elements that make a page look or behave as it does: when a new version has the same,
  // its body is swapped in place (keeping the scroll position), else the page reloads.
  const active = (root) => [...root.querySelectorAll('link[rel~="stylesheet"], style, base, script:not([data-lanyard-dev])')]
    // (A parsed document has scripting off: its <noscript> content is elements, the page's is text.)
    .filter((element) => !element.closest('noscript') && (element.tagName !== 'SCRIPT' || ['', 'module', 'text/javascript', 'application/javascript'].includes(element.type)))
    .map((element) => element.outerHTML).join('\\n');
  const swap = async () => {
    const response = await fetch(location.href, { cache: 'no-store' });
    if (!response.ok) return false;
    const next = new DOMParser().parseFromString(await response.text(), 'text/html');
    if (active(next.head) !== active(document.head) || active(next.body) !== '' || active(document.body) !== '') return false;
    const [x, y] = [scrollX, scrollY];
    for (const { name, value } of next.documentElement.attributes) document.documentElement.setAttribute(name, value);
    document.title = next.title;
    document.body.replaceWith(document.adoptNode(next.body));
    scrollTo(x, y);
    return true;
  };
  let url = __EVENTS_URL__;
  const connect = () => {
    const source = new EventSource(url);
    source.addEventListener('state', async (event) => {
      const state = JSON.parse(event.data);
      if (!state.ok) { show(state.errors); return; }
      document.getElementById(overlayId)?.remove();
      if (!state.reload) return;
      source.close();
      if (!state.swap || !(await swap().catch(() => false))) { location.reload(); return; }
      // The page now shows this version (or a newer one): listen for changes after it.
      url = url.replace(/since=\\d+/, 'since=' + state.version);
      connect();
    });
  };
  connect();
})();
</script>
`;
