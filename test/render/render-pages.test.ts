import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import type { Spool } from '../../src/output/spool.js';
import { renderRoutes } from '../../src/render/render-pages.js';
import type { Route, WrittenFile } from '../../src/types.js';

const route = (outputPath: string): Route => ({ url: `/${outputPath}`, outputPath, template: 'page', origin: 'test', data: { kind: 'archive', years: [], year: undefined } });

/** A spool that only records what it was given to keep. */
function recordingSpool(): Spool & { kept: string[] } {
  const kept: string[] = [];
  return {
    kept,
    keep(contents) {
      kept.push(Buffer.from(contents).toString('utf8'));
      return contents;
    },
    ready: () => undefined,
    flush: async () => undefined,
    dispose: async () => undefined,
  };
}

describe('renderRoutes', () => {
  const engine = new Liquid({ templates: { page: '<p>{{ name }}</p>' } });
  const routes = [route('a/index.html'), route('b/index.html')];
  const contextFor = (r: Route): Record<string, unknown> => ({ name: r.outputPath.slice(0, 1) });

  it('neither holds nor spools a page rendered again the same as the file on disk', async () => {
    const onDisk: WrittenFile = { hash: 'h', size: 8, mtimeMs: 1 };
    const spool = recordingSpool();
    const asked: [string, string][] = [];
    const { files } = await renderRoutes({
      engine,
      routes,
      templateNames: new Set(['page']),
      contextFor,
      spool,
      unchanged: (outputPath, contents) => {
        asked.push([outputPath, Buffer.from(contents).toString('utf8')]);
        return outputPath === 'a/index.html' ? onDisk : undefined;
      },
    });
    expect(asked).toEqual([['a/index.html', '<p>a</p>'], ['b/index.html', '<p>b</p>']]);
    expect(files).toEqual([
      { outputPath: 'a/index.html', origin: 'test', reuse: onDisk, rendered: true },
      { outputPath: 'b/index.html', origin: 'test', contents: Buffer.from('<p>b</p>') },
    ]);
    expect(spool.kept).toEqual(['<p>b</p>']);
  });
});
