// Issue 6: the same sources give the same bytes on any machine: time zone, locale and
// file-system listing order do not change the output, nor does the build time.
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_000, SEED_001, runCli, snapshot } from './helpers.js';

const FILES: Record<string, string> = {
  'lanyard.yml': 'title: 会议笔记\nurl: https://notes.example.org\ntimezone: Asia/Shanghai\nlanguage: zh-CN\npaginate: 2\n',
  'posts/2019-05-01-zebra.md': '---\ntitle: Zebra\ndate: 2019-05-01 23:30\ntags: [Zebra, 北京, ärger]\ncategories: 技术\n---\nZ notes. 中文段落。\n',
  'posts/2019-05-01-apple.md': '---\ntitle: Apple\ndate: 2019-05-01 23:30\ntags: [apple, 阿里, Äpfel]\n---\nSame instant as Zebra: ordered by path.\n',
  'posts/2019-12-31-eve.md': '---\ntitle: Eve\ndate: 2019-12-31 23:59:59\ntags: [zebra, Go]\n---\nAcross the year boundary in some zones.\n',
  'posts/nested/2018-01-01-deep.md': '---\ntitle: Deep\ndate: 2018-01-01\ntags: [技术, éclair]\n---\n# One\n\n## Two\n',
  'pages/about.md': '---\ntitle: About\n---\nMe.\n',
};

/** Writes the site files in the given order (names and contents always the same). */
async function writeSite(order: readonly string[]): Promise<string> {
  const site = await mkdtemp(path.join(os.tmpdir(), 'lanyard-repro-'));
  const all: Record<string, string> = { ...FILES, 'posts/000.md': await readFile(SEED_000, 'utf8'), 'posts/001.md': await readFile(SEED_001, 'utf8') };
  for (const file of order.length > 0 ? order : Object.keys(all)) {
    await mkdir(path.dirname(path.join(site, file)), { recursive: true });
    await writeFile(path.join(site, file), all[file] ?? '');
  }
  return site;
}

interface Variant {
  readonly name: string;
  readonly env: NodeJS.ProcessEnv;
  /** Extra CLI arguments (room for `--jobs N` once rendering is parallel). */
  readonly args: readonly string[];
  readonly reverse: boolean;
}

const VARIANTS: readonly Variant[] = [
  { name: 'UTC, C locale, creation order', env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }, args: [], reverse: false },
  { name: 'Shanghai, zh_CN.UTF-8, reverse order', env: { TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' }, args: [], reverse: true },
  { name: 'Honolulu, de_DE.UTF-8, creation order', env: { TZ: 'Pacific/Honolulu', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' }, args: [], reverse: false },
  { name: 'Kiritimati (+14), tr_TR.UTF-8, reverse order', env: { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }, args: [], reverse: true },
];

describe('reproducible builds', () => {
  it('give byte-identical output across TZ, LANG/LC_ALL, listing order and build time', async () => {
    const names = [...Object.keys(FILES), 'posts/000.md', 'posts/001.md'];
    const snapshots: Map<string, string>[] = [];
    for (const variant of VARIANTS) {
      const site = await writeSite(variant.reverse ? [...names].reverse() : names);
      const out = path.join(site, 'out');
      const run = await runCli(['build', '--source', site, '--out', out, ...variant.args], { env: variant.env });
      expect(run.code, `${variant.name}: ${run.stderr}`).toBe(0);
      snapshots.push(await snapshot(out));
    }
    const [first, ...rest] = snapshots;
    expect(first?.size).toBeGreaterThan(30);
    for (const [index, other] of rest.entries()) {
      const differing = [...(first?.keys() ?? [])].filter((file) => other.get(file) !== first?.get(file));
      expect({ variant: VARIANTS[index + 1]?.name, differing, files: [...other.keys()] }).toEqual({ variant: VARIANTS[index + 1]?.name, differing: [], files: [...(first?.keys() ?? [])] });
    }
  });
});
