// Bundles Lanyard for fast start-up, run by `npm run compile` after tsc:
// - lib/markdown/processor.bundle.js: the Markdown processor (unified, remark, rehype and
//   Lanyard's plugins), loaded by each Markdown worker in about 50 ms instead of about
//   300 ms for its ~400 separate modules;
// - lib/cli.bundle.js: the CLI and the build (liquidjs, zod, luxon, gray-matter…), which
//   bin/lanyard.js loads when present: about 130 ms instead of 300.
// Both sit where the modules they replace expect to be (src/paths.ts). Without them,
// Lanyard loads the modules. Pagefind stays outside (it finds its binary by itself), and
// so does the processor (workers load it).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const lib = fileURLToPath(new URL('../lib/', import.meta.url));
// Chunks of an earlier bundle (their names are hashes of their contents).
for (const name of readdirSync(lib)) if (name.startsWith('cli.chunk-')) rmSync(`${lib}${name}`);
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', legalComments: 'none', logLevel: 'warning' };

await build({ ...common, entryPoints: [`${lib}markdown/processor.js`], outfile: `${lib}markdown/processor.bundle.js` });

/** The processor, imported by load-processor only when running from sources: left out. */
const leaveOutProcessor = {
  name: 'leave-out-processor',
  setup(build) {
    build.onResolve({ filter: /^\.\/processor\.js$/ }, (args) => (args.importer.endsWith('load-processor.js') ? { path: args.path, external: true } : undefined));
  },
};
await build({
  ...common,
  // Split: `--help` and `--version` load only the small entry; a build loads the chunk it needs.
  // The chunks sit at the top of lib/ too (src/paths.ts).
  entryPoints: { 'cli.bundle': `${lib}cli.js` },
  outdir: lib,
  splitting: true,
  chunkNames: 'cli.chunk-[hash]',
  external: ['pagefind', 'fsevents'],
  plugins: [leaveOutProcessor],
  // CommonJS dependencies (gray-matter, js-yaml…) call require for Node's modules.
  banner: { js: "import { createRequire as lanyardCreateRequire } from 'node:module'; const require = lanyardCreateRequire(import.meta.url);" },
});
