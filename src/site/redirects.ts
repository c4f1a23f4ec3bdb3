// Redirect pages for old URLs listed in front matter (`redirect_from`, Hugo's `aliases`).
import type { SiteConfig } from '../config/schema.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { escapeHtml } from '../escape.js';
import type { Location, OutputFile, ParsedPage } from '../types.js';
import { absoluteUrl, locatePath } from './permalink.js';

const KEYS = ['redirect_from', 'aliases'] as const;

/** One small HTML page per old URL of each document, sending readers (and search engines) to its URL. */
export function buildRedirects(documents: readonly (ParsedPage & Location)[], config: SiteConfig): { files: OutputFile[]; diagnostics: Diagnostic[] } {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const document of documents) {
    for (const key of KEYS) {
      const value = document.data[key];
      const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
      for (const item of items) {
        if (typeof item !== 'string' || item.trim() === '') continue;
        const located = locatePath(`/${item.trim().replace(/^\/+/, '')}`, config.basePath);
        if (!located.ok) {
          diagnostics.push(error('redirect-invalid', `\`${key}\`: ${located.message}`, { file: document.source.path, line: document.keyLines[key], hint: 'list old paths inside the site, such as /2014/10/22/old-name/' }));
          continue;
        }
        files.push({ outputPath: located.value.outputPath, origin: `${document.source.path} (${key})`, contents: redirectPage(document.url, absoluteUrl(config, document.url), config.language) });
      }
    }
  }
  return { files, diagnostics };
}

function redirectPage(url: string, absolute: string, language: string): string {
  const target = escapeHtml(absolute);
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<title>Redirecting…</title>',
    `<link rel="canonical" href="${target}">`,
    '<meta name="robots" content="noindex">',
    `<meta http-equiv="refresh" content="0; url=${target}">`,
    '</head>',
    `<body><p><a href="${escapeHtml(url)}">${target}</a></p></body>`,
    '</html>',
    '',
  ].join('\n');
}
