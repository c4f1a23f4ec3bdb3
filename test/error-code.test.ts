import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasErrorCode } from '../src/error-code.js';
import { makeSite } from './helpers.js';

describe('hasErrorCode', () => {
  it("tells Node's file errors apart by code, and is false for anything else", async () => {
    const site = await makeSite({});
    const missing = await readFile(path.join(site, 'missing.md')).catch((cause: unknown) => cause);
    const exists = await mkdir(site).catch((cause: unknown) => cause);
    expect(hasErrorCode(missing, 'ENOENT')).toBe(true);
    expect(hasErrorCode(missing, 'EEXIST')).toBe(false);
    expect(hasErrorCode(exists, 'EEXIST')).toBe(true);
    for (const other of [undefined, null, 'ENOENT', new Error('ENOENT'), { code: 2 }]) expect(hasErrorCode(other, 'ENOENT')).toBe(false);
  });
});
