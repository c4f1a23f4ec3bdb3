// Where Lanyard's own files are. This module sits at the top of lib/ (compiled), as does
// the one-file bundle of the CLI (scripts/bundle.mjs), so every path is taken from here,
// never from a module's own place. From TypeScript sources (the test runner), the
// compiled copies in lib/ are used for what must run as JavaScript (workers).
const HERE = new URL('.', import.meta.url);
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** The compiled modules: lib/. */
export const LIB_URL: URL = FROM_SOURCES ? new URL('../lib/', HERE) : HERE;

/** Lanyard's package folder (package.json, templates/). */
export const PACKAGE_URL: URL = new URL('../', HERE);

/** True when running from TypeScript sources rather than lib/. */
export const RUNNING_FROM_SOURCES: boolean = FROM_SOURCES;
