import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every test run gets its own temporary folder, removed when the run ends:
 * the sites that tests make with `mkdtemp(os.tmpdir())` (and the CLI
 * children they start, which inherit TMPDIR) land there rather than piling
 * up in the system's temporary folder.
 */
export default function setup(): () => void {
  const run = mkdtempSync(path.join(os.tmpdir(), 'lanyard-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = run;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(run, { recursive: true, force: true });
  };
}
