// Loads the Markdown processor: the one-file bundle scripts/bundle.mjs makes next to the
// compiled modules when there is one (six times faster to load), else the modules.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { LIB_URL, RUNNING_FROM_SOURCES } from '../paths.js';

type Processor = typeof import('./processor.js');

const BUNDLE = new URL('markdown/processor.bundle.js', LIB_URL);
const MODULES = new URL('markdown/processor.js', LIB_URL);
// From TypeScript sources (the test runner) the sources are loaded, not lib/.
const bundled = (): boolean => !RUNNING_FROM_SOURCES && existsSync(BUNDLE);

export async function importProcessor(): Promise<Processor> {
  if (RUNNING_FROM_SOURCES) return import('./processor.js');
  // A computed address: the CLI's own bundle must not take in the processor.
  return (await import((bundled() ? BUNDLE : MODULES).href)) as Processor;
}

/**
 * The processor, loaded synchronously (`require` of an ES module, Node ≥ 20.19), for the
 * rare body that must be rendered where nothing can wait (cache.ts). From TypeScript
 * sources, the compiled copy in lib/.
 */
export function requireProcessor(): Processor {
  const require = createRequire(LIB_URL);
  return require(fileURLToPath(bundled() ? BUNDLE : MODULES)) as Processor;
}
