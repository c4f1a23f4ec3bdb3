// Lanyard's public API: re-exports only.
export { build } from './build.js';
export type { BuildOptions, BuildResult, BuildStats } from './build.js';
export { parseConfig, loadConfig } from './config/load.js';
export type { SiteConfig } from './config/schema.js';
export { parseFrontMatter } from './content/front-matter.js';
export { normalizePost } from './content/normalize.js';
export { parseDate } from './content/dates.js';
export { slugify } from './content/slug.js';
export { createMarkdownRenderer } from './markdown/processor.js';
export { formatDiagnostic } from './diagnostics.js';
export type { Diagnostic, Result } from './diagnostics.js';
export type * from './types.js';
