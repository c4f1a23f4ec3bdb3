// The keyed store: a few changes go to a small delta; its entries come back merged; a
// delta for another base, or a damaged file, is ignored; many changes rewrite the base.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKeyedStore } from '../src/keyed-store.js';
import { makeSite } from './helpers.js';

type Value = { readonly n: number };
const parse = (json: unknown): [string, Value][] => {
  if (!Array.isArray(json)) throw new Error('not a list');
  return json as [string, Value][];
};
const entries = (count: number, from = 0): Map<string, Value> => new Map(Array.from({ length: count }, (_, index) => [`key-${from + index}`, { n: from + index }]));

async function setup(): Promise<{ file: string; open: () => ReturnType<typeof openKeyedStore<Value>> }> {
  const dir = await makeSite({});
  const file = path.join(dir, 'store.json');
  return { file, open: () => openKeyedStore<Value>(file, parse) };
}

describe('the keyed store', () => {
  it('writes a few added or changed entries as a delta, leaving the base as it was', async () => {
    const { file, open } = await setup();
    await (await open()).save(entries(1000));
    const base = await readFile(file);
    const before = await stat(file);
    const used = new Map([...entries(999), ['new', { n: -1 }], ['key-5', { n: 55 }]]);
    await (await open()).save(used, new Set(['key-5']));
    expect(await readFile(file)).toEqual(base);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    const delta = await readFile(`${file}.delta`, 'utf8');
    expect(JSON.parse(delta.slice(delta.indexOf('\n') + 1)).entries).toEqual([['key-5', { n: 55 }], ['new', { n: -1 }]]);
    const reopened = await open();
    expect(reopened.entries.get('key-5')).toEqual({ n: 55 });
    expect(reopened.entries.get('new')).toEqual({ n: -1 });
    expect(reopened.entries.get('key-999')).toEqual({ n: 999 });
    expect(reopened.entries.size).toBe(1001);
  });

  it('rewrites the base when more than a tenth of it changed', async () => {
    const { file, open } = await setup();
    await (await open()).save(entries(1000));
    await (await open()).save(new Map([...entries(800), ...entries(300, 5000)]));
    const reopened = await open();
    expect(reopened.entries.size).toBe(1100);
    expect(reopened.entries.has('key-900')).toBe(false);
    await expect(stat(`${file}.delta`)).rejects.toThrow();
  });

  it('ignores a delta written for another base, and a damaged delta or base', async () => {
    const { file, open } = await setup();
    await (await open()).save(entries(100));
    await (await open()).save(new Map([...entries(100), ['new', { n: -1 }]]));
    const delta = await readFile(`${file}.delta`);
    // Another base (same entries, another order): the delta no longer applies.
    await (await openKeyedStore<Value>(path.join(path.dirname(file), 'other.json'), parse)).save(new Map([...entries(100)].reverse()));
    await writeFile(file, await readFile(path.join(path.dirname(file), 'other.json')));
    expect((await open()).entries.has('new')).toBe(false);
    expect((await open()).entries.size).toBe(100);
    // A tampered delta: its hash no longer matches.
    await (await open()).save(new Map([...entries(100), ['new', { n: -1 }]]));
    await writeFile(`${file}.delta`, (await readFile(`${file}.delta`, 'utf8')).replace('-1', '-2'));
    expect((await open()).entries.has('new')).toBe(false);
    // A damaged base: nothing is trusted, not even a delta.
    await writeFile(`${file}.delta`, delta);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"key-1"', '"key-X"'));
    expect((await open()).entries.size).toBe(0);
  });

  it('treats entries that do not parse as missing', async () => {
    const { file, open } = await setup();
    await (await openKeyedStore<unknown>(file, (json) => json as [string, unknown][])).save(new Map([['a', 1]]));
    const strict = await openKeyedStore<Value>(file, () => {
      throw new Error('unexpected');
    });
    expect(strict.entries.size).toBe(0);
    expect((await open()).entries.get('a')).toBe(1);
  });
});
