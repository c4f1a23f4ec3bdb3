// Loads the Markdown processor: the one-file bundle scripts/bundle.mjs makes next to the
// compiled modules when there is one (six times faster to load), else the modules.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

type Processor = typeof import('./processor.js');

// From TypeScript sources (the test runner) there is no bundle: the sources are loaded.
const BUNDLE = new URL('./processor.bundle.js', import.meta.url);
const bundled = (): boolean => !import.meta.url.endsWith('.ts') && existsSync(BUNDLE);

export async function importProcessor(): Promise<Processor> {
  return bundled() ? ((await import(BUNDLE.href)) as Processor) : import('./processor.js');
}

/**
 * The processor, loaded synchronously (`require` of an ES module, Node ≥ 20.19), for the
 * rare body that must be rendered where nothing can wait (cache.ts). From TypeScript
 * sources, the compiled copy in lib/.
 */
export function requireProcessor(): Processor {
  const require = createRequire(import.meta.url);
  if (import.meta.url.endsWith('.ts')) return require('../../lib/markdown/processor.js') as Processor;
  return require(bundled() ? './processor.bundle.js' : './processor.js') as Processor;
}
