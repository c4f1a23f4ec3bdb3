// The shape of `lanyard.yml`: every key optional, validated, with defaults.
import { IANAZone } from 'luxon';
import { z } from 'zod';

const author = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), email: z.string().optional(), url: z.string().optional() }),
]);

const language = z.string().refine(isLanguageTag, 'must be a language tag such as en or zh-CN');

/** The schema of `lanyard.yml`, before defaults are derived. */
export const configSchema = z.object({
  title: z.string().default('My conference notes'),
  description: z.string().default(''),
  url: z.url({ protocol: /^https?$/ }).optional(),
  basePath: z.string().regex(/^\//, 'must start with /').optional(),
  language: language.optional(),
  timezone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as UTC or Asia/Shanghai').default('UTC'),
  permalink: z.string().min(1).default('/:year/:month/:day/:slug/'),
  paginate: z.number().int().min(1).max(1000).default(10),
  author: author.optional(),
  toc: z.boolean().default(false),
  feed: z
    .object({
      limit: z.number().int().min(1).default(20),
      content: z.enum(['full', 'excerpt']).default('full'),
    })
    .strict()
    .default({ limit: 20, content: 'full' }),
  speakers: z
    .object({
      // `Frank: 喻勇` (variant → name), or `喻勇: [Frank, Yu Yong]` (name → variants).
      aliases: z.record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1))])).default({}),
    })
    .strict()
    .default({ aliases: {} }),
  search: z.boolean().default(true),
  markdown: z
    .object({
      sanitize: z.boolean().default(false),
      // `##Title` without a space as a heading (kramdown, marked); default: on in Jekyll and Hexo folders.
      headingsWithoutSpace: z.boolean().optional(),
    })
    .strict()
    .default({ sanitize: false }),
});

export type ConfigInput = z.input<typeof configSchema>;

/** The keys `lanyard.yml` understands, for the unknown-key warning. */
export const configKeys: readonly string[] = Object.keys(configSchema.shape);

export interface Author {
  readonly name: string;
  readonly email?: string;
  readonly url?: string;
}

/** The validated site configuration with every default filled in. */
export interface SiteConfig {
  readonly title: string;
  readonly description: string;
  /** Origin plus base path, no trailing slash (`https://x.org/blog`). */
  readonly url: string;
  /** Scheme, host and port only (`https://x.org`): prefix of every absolute URL. */
  readonly origin: string;
  /** Always starts and ends with `/`. */
  readonly basePath: string;
  readonly language: string;
  /** True when `language` was not set (`en` stands in): posts without `lang` get a detected one. */
  readonly languageIsDefault: boolean;
  readonly timezone: string;
  readonly permalink: string;
  readonly paginate: number;
  readonly author: Author | undefined;
  readonly toc: boolean;
  /** Newest `limit` posts per feed, with full content or the excerpt. */
  readonly feed: { readonly limit: number; readonly content: 'full' | 'excerpt' };
  /** Speaker name variants: each alias maps to the name shown. */
  readonly speakers: { readonly aliases: Readonly<Record<string, string>> };
  /** Build a Pagefind search index and the `/search/` page. */
  readonly search: boolean;
  /** `sanitize: true` cleans raw HTML in posts with rehype-sanitize (sites publishing others' writing). */
  readonly markdown: { readonly sanitize: boolean; readonly headingsWithoutSpace?: boolean | undefined };
  /** True when `url` was not set and {@link DEFAULT_URL} stands in for it. */
  readonly urlIsDefault: boolean;
  /** Set for a Jekyll or Hexo site folder: how its files and permalinks are read. */
  readonly dialect?: Dialect;
}

/** Which folder layout a site uses: Lanyard's own, Jekyll's or Hexo's. */
export type SiteLayout = 'lanyard' | 'jekyll' | 'hexo';

/** What a Jekyll or Hexo site's `_config.yml` says about reading its files. */
export type Dialect =
  | { readonly layout: 'jekyll'; readonly exclude: readonly string[] }
  | { readonly layout: 'hexo'; readonly newPostName: string; readonly defaultCategory: string; readonly exclude: readonly string[] };
/** The site language when `language` is unset. */
export const DEFAULT_LANGUAGE = 'en';

/** Stands in for `url` when unset, so feeds and the sitemap still have absolute URLs. */
export const DEFAULT_URL = 'http://localhost:4000';

/** Fills in derived values: the base path from `url` when unset, normalized slashes. */
export function resolveConfig(input: z.output<typeof configSchema>, basePathOverride?: string, dialect?: Dialect): SiteConfig {
  const url = input.url === undefined ? undefined : new URL(input.url);
  const basePath = normalizeBasePath(basePathOverride ?? input.basePath ?? url?.pathname ?? '/');
  const author = typeof input.author === 'string' ? { name: input.author } : input.author;
  return {
    title: input.title,
    description: input.description,
    url: `${url?.origin ?? DEFAULT_URL}${basePath.replace(/\/$/, '')}`,
    origin: url?.origin ?? DEFAULT_URL,
    basePath,
    language: input.language ?? DEFAULT_LANGUAGE,
    languageIsDefault: input.language === undefined,
    timezone: input.timezone,
    permalink: input.permalink,
    paginate: input.paginate,
    author: author === undefined ? undefined : stripUndefined(author),
    toc: input.toc,
    feed: input.feed,
    speakers: { aliases: resolveAliases(input.speakers.aliases) },
    search: input.search,
    markdown: input.markdown,
    urlIsDefault: url === undefined,
    ...(dialect === undefined ? {} : { dialect }),
  };
}

/** `blog`, `/blog`, `/blog/` → `/blog/`; `` and `/` → `/`. */
export function normalizeBasePath(value: string): string {
  const parts = value.split('/').filter((part) => part !== '');
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}

/** `{ Frank: 喻勇, 喻勇: [Yu Yong] }` → `{ Frank: 喻勇, 'Yu Yong': 喻勇 }`. */
function resolveAliases(aliases: Readonly<Record<string, string | readonly string[]>>): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(aliases)) {
    if (typeof value === 'string') resolved[key.trim()] = value.trim();
    else for (const variant of value) resolved[variant.trim()] = key.trim();
  }
  return resolved;
}

function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function stripUndefined(author: { name: string; email?: string | undefined; url?: string | undefined }): Author {
  return {
    name: author.name,
    ...(author.email === undefined ? {} : { email: author.email }),
    ...(author.url === undefined ? {} : { url: author.url }),
  };
}
