// Live reload over server-sent events, and the error overlay shown when a build fails.
// The script is injected into HTML responses in dev mode only, never written to disk.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';

export const EVENTS_PATH = '/__lanyard/events';

export interface BuildState {
  readonly ok: boolean;
  /** Formatted problems, shown in the overlay when `ok` is false. */
  readonly errors: readonly string[];
  readonly version: number;
}

/** A hub of connected browsers: each gets the current state on connect and every change. */
export function createLiveReload(options: { allowRemote?: boolean } = {}) {
  const clients = new Set<ServerResponse>();
  let state: BuildState = { ok: true, errors: [], version: 0 };
  const send = (res: ServerResponse): void => {
    res.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`);
  };
  return {
    /** Answers the events endpoint; returns false for every other request. */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== EVENTS_PATH) return false;
      if (options.allowRemote !== true && !isLoopback(req.socket.remoteAddress)) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('dev endpoints accept loopback clients only\n');
        return true;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write('retry: 500\n\n');
      send(res);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return true;
    },
    /** Publishes a build result to every open page. */
    publish(ok: boolean, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): void {
      const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, d.file === undefined ? undefined : sources.get(d.file)));
      state = { ok, errors, version: state.version + 1 };
      for (const client of clients) send(client);
    },
    get clientCount(): number {
      return clients.size;
    },
    close(): void {
      for (const client of clients) client.end();
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

/** Inserts the reload client before `</body>` (or at the end). */
export function injectReloadScript(html: string): string {
  const index = html.lastIndexOf('</body>');
  return index === -1 ? html + CLIENT : html.slice(0, index) + CLIENT + html.slice(index);
}

// The client: reload when a newer good build arrives; show an overlay while the build is broken.
const CLIENT = `<script data-lanyard-dev>
(() => {
  let seen = null;
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
  const source = new EventSource('${EVENTS_PATH}');
  source.addEventListener('state', (event) => {
    const state = JSON.parse(event.data);
    if (!state.ok) { show(state.errors); seen = state.version; return; }
    if (seen !== null && state.version !== seen) { location.reload(); return; }
    seen = state.version;
    document.getElementById(overlayId)?.remove();
  });
})();
</script>
`;
