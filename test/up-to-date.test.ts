// Input records: a post whose file is as the last build recorded it is not read again;
// any sign of change (size, times, inode) or a change just before the record means a read.
import { readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/discover.js';
import { hashInputs, loadInputRecords, saveInputRecords, type InputRecords } from '../src/up-to-date.js';
import { makeSite } from './helpers.js';

const post = (title: string): string => `---\ntitle: ${title}\ndate: 2020-01-02\n---\nBody of ${title}.\n`;

async function setup(): Promise<{ site: string; files: string[]; hash: (known?: InputRecords) => ReturnType<typeof hashInputs> }> {
  const site = await makeSite({ 'posts/2020-01-02-a.md': post('A'), 'posts/2020-01-03-b.md': post('B'), 'posts/2020-01-04-c.md': post('C') });
  const files = ['a', 'b', 'c'].map((name, index) => path.join(site, 'posts', `2020-01-0${index + 2}-${name}.md`));
  // Files older than the race window: their records can be trusted.
  const old = new Date(Date.now() - 60_000);
  for (const file of files) await utimes(file, old, old);
  const found = await discover(site);
  return { site, files, hash: (known) => hashInputs(found, { settings: 1 }, known) };
}

describe('input records', () => {
  it('skip reading files unchanged since they were recorded, with the same key', async () => {
    const { site, files, hash } = await setup();
    const first = hash();
    expect(first.read).toBe(3);
    await saveInputRecords(site, first, undefined);
    const records = await loadInputRecords(site);
    expect(records?.files.size).toBe(3);
    const second = hash(records);
    expect(second.read).toBe(0);
    expect(second.bytes.size).toBe(0);
    expect(second.key).toBe(first.key);
    expect(second.hashes).toEqual(first.hashes);
    // The recorded hash is what stands for the bytes: a record is trusted, not re-checked.
    const [a] = files as [string];
    const forged: InputRecords = { checkedAt: records?.checkedAt ?? 0, files: new Map([...(records?.files ?? [])].map(([file, record]) => [file, file === a ? { ...record, hash: 'forged' } : record])) };
    expect(hash(forged).hashes.get(a)).toBe('forged');
  });

  it('read a file again when its size, times or inode changed, even with its old mtime restored', async () => {
    const { files, hash } = await setup();
    const first = hash();
    const [a, b] = files as [string, string];
    // Same size, mtime put back: the change time still moved.
    const old = new Date(Date.now() - 60_000);
    await writeFile(a, post('X'));
    await utimes(a, old, old);
    const second = hash(first.records);
    expect(second.read).toBe(1);
    expect(second.hashes.get(a)).not.toBe(first.hashes.get(a));
    expect(second.key).not.toBe(first.key);
    expect(second.hashes.get(b)).toBe(first.hashes.get(b));
  });

  it('do not trust a record taken within two seconds of the file changing', async () => {
    const { files, hash } = await setup();
    const first = hash();
    const racy: InputRecords = { checkedAt: Date.now() - 60_000 + 1_000, files: first.records.files };
    expect(hash(racy).read).toBe(3);
    expect(hash({ ...racy, checkedAt: Date.now() }).read).toBe(0);
    expect(files.length).toBe(3);
  });

  it('are ignored when the file is damaged', async () => {
    const { site, hash } = await setup();
    await saveInputRecords(site, hash(), undefined);
    const file = path.join(site, '.lanyard-cache', 'inputs.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"hash":"', '"hash":"0'));
    expect(await loadInputRecords(site)).toBeUndefined();
  });
});
