// The migration report: what a build did with every source, grouped by reason.
import type { SiteLayout } from './config/schema.js';
import type { Diagnostic, Severity } from './diagnostics.js';

export interface ReportReason {
  readonly severity: Severity;
  readonly code: string;
  /** How many diagnostics had this code. */
  readonly count: number;
  /** The distinct files they name, in order. */
  readonly files: readonly string[];
}

export interface MigrationReport {
  readonly layout: SiteLayout;
  readonly posts: { readonly built: number; readonly failed: number; readonly drafts: number; readonly future: number };
  /** Errors first, then warnings; within each, the most frequent first. */
  readonly reasons: readonly ReportReason[];
}

/** Groups a build's diagnostics by severity and code (pure). */
export function summarizeBuild(layout: SiteLayout, diagnostics: readonly Diagnostic[], posts: MigrationReport['posts']): MigrationReport {
  const groups = new Map<string, { severity: Severity; code: string; count: number; files: string[] }>();
  for (const d of diagnostics) {
    const key = `${d.severity}\0${d.code}`;
    const group = groups.get(key) ?? { severity: d.severity, code: d.code, count: 0, files: [] };
    group.count++;
    if (d.file !== undefined && !group.files.includes(d.file)) group.files.push(d.file);
    groups.set(key, group);
  }
  const reasons = [...groups.values()].sort((a, b) => (a.severity === b.severity ? b.count - a.count || (a.code < b.code ? -1 : 1) : a.severity === 'error' ? -1 : 1));
  return { layout, posts, reasons };
}
