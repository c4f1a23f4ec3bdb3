#!/usr/bin/env node
// The one-file bundle of the CLI when `npm run compile` made it (faster to load), else the modules.
import { existsSync } from 'node:fs';

const bundle = new URL('../lib/cli.bundle.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../lib/cli.js');
process.exitCode = await main(process.argv.slice(2));
