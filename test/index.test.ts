// The public API: exactly these names are exported.
import { expect, it } from 'vitest';
import * as lanyard from '../src/index.js';

it('exports the documented API and nothing else', () => {
  expect(Object.keys(lanyard).sort()).toEqual([
    'build',
    'createMarkdownRenderer',
    'formatDiagnostic',
    'loadConfig',
    'normalizePost',
    'parseConfig',
    'parseDate',
    'parseFrontMatter',
    'slugify',
  ]);
});
