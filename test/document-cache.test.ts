// The parsed-document cache: what it stores comes back equal; what it cannot store
// faithfully it leaves out; a damaged or foreign file is ignored.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { openDocumentCache } from '../src/document-cache.js';
import { readDocument } from '../src/read-document.js';
import type { SourceFile } from '../src/types.js';
import { makeSite } from './helpers.js';

const texts: Record<string, string> = {
  'posts/2015-08-30-lf.md': '---\ntitle: 大会笔记\ndate: 2015-08-30 19:22:05\ntags: [docker, 容器]\nevent:\n  name: CNUTCon\n  start: 2015-08-28\n---\n## 张三：Docker\n\nBody.\n',
  'posts/2015-08-31-crlf.md': '---\r\ntitle: CRLF\r\ndate: 2015-08-31\r\n---\r\nLine one.\r\nLine two.\r\n',
  'posts/2015-09-01-nan.md': '---\ntitle: Odd values\ndate: 2015-09-01\nscore: .nan\n---\nBody.\n',
};

async function setup(): Promise<{ site: string; sources: SourceFile[]; read: (source: SourceFile, memo?: Awaited<ReturnType<typeof openDocumentCache>>) => ReturnType<typeof readDocument> }> {
  const site = await makeSite({ 'lanyard.yml': 'url: https://x.org\ntimezone: Asia/Shanghai\n', ...texts });
  const config = await loadConfig(site);
  if (!config.ok) throw new Error('config');
  const sources = Object.keys(texts).map((file): SourceFile => ({ path: file, absolutePath: path.join(site, file), kind: 'post' }));
  return { site, sources, read: (source, memo) => readDocument(source, config.value, JSON.stringify(config.value), memo) };
}

describe('the document cache', () => {
  it('gives back exactly the parsed documents, and leaves out front matter JSON would change', async () => {
    const { site, sources, read } = await setup();
    const fresh = await Promise.all(sources.map((source) => read(source)));
    const first = await openDocumentCache(site);
    expect(await Promise.all(sources.map((source) => read(source, first)))).toEqual(fresh);
    await first.save();
    const stored = await readFile(path.join(site, '.lanyard-cache', 'documents.json'), 'utf8');
    // The `.nan` post is not stored; the CRLF one stores its normalized body itself.
    const entries = JSON.parse(stored.slice(stored.indexOf('\n') + 1)) as [string, { parsed: { title: string }; body: number | string }][];
    expect(entries.map(([, entry]) => entry.parsed.title).sort()).toEqual(['CRLF', '大会笔记']);
    expect(entries.find(([, entry]) => entry.parsed.title === 'CRLF')?.[1].body).toBe('Line one.\nLine two.\n');
    expect(typeof entries.find(([, entry]) => entry.parsed.title === '大会笔记')?.[1].body).toBe('number');
    const second = await openDocumentCache(site);
    const cached = await Promise.all(sources.map((source) => read(source, second)));
    expect(cached).toEqual(fresh);
    // Same keys in the same order: page fingerprints hash documents as JSON, so a cached
    // document must serialize like a fresh one or every page renders again.
    expect(cached.map((result) => JSON.stringify(result.document))).toEqual(fresh.map((result) => JSON.stringify(result.document)));
  });

  it('ignores a file whose entries do not match its hash', async () => {
    const { site, sources, read } = await setup();
    const first = await openDocumentCache(site);
    await Promise.all(sources.map((source) => read(source, first)));
    await first.save();
    const file = path.join(site, '.lanyard-cache', 'documents.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('大会笔记', '被篡改'));
    const damaged = await openDocumentCache(site);
    const [lf] = sources;
    expect(damaged.get('anything', '')).toBeUndefined();
    expect((await read(lf as SourceFile, damaged)).document?.parsed.title).toBe('大会笔记');
  });
});
