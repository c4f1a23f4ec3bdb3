// The plain values passed between build stages. Every stage imports its
// input and output types from here, so no stage depends on a later one.
import type { Diagnostic } from './diagnostics.js';

/** One file found under the source folder. `path` is relative to the source root, with `/`. */
export interface SourceFile {
  readonly path: string;
  readonly absolutePath: string;
  readonly kind: 'post' | 'page';
  /** The posts folder it was found in (`posts`, `_posts`, `source/_posts`…), when not `posts`. */
  readonly folder?: string;
  /** Found in a drafts folder (`_drafts`, `source/_drafts`): left out unless `--drafts`. */
  readonly draft?: boolean;
}

/** A static file copied verbatim into the output. */
export interface StaticFile {
  readonly sourcePath: string;
  readonly outputPath: string;
}

/** An instant, shown in the site's time zone. */
export interface PostDate {
  /** ISO 8601 with the site zone's offset, e.g. `2014-10-22T11:31:08+08:00`. */
  readonly iso: string;
  readonly epochMs: number;
  /** Calendar fields in the site zone, zero-padded strings as used in URLs. */
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

/** A post's source text split into front matter and body. */
export interface RawPost {
  readonly source: SourceFile;
  readonly data: Readonly<Record<string, unknown>>;
  readonly body: string;
  /** 1-based line in the file where the body starts. */
  readonly bodyLine: number;
  /** 1-based line of each top-level front-matter key, for error messages. */
  readonly keyLines: Readonly<Record<string, number>>;
}

/**
 * A post or page whose front matter is normalized, whatever its dialect.
 * `D` is the date type: posts always have one, standalone pages may not.
 */
export interface ParsedDocument<D extends PostDate | undefined = PostDate> {
  readonly source: SourceFile;
  readonly title: string;
  readonly date: D;
  /** `updated` / `lastmod` / `last_modified_at` / `modified`, else `date`; never the file's mtime. */
  readonly updated: D;
  /** URL-safe slug: Unicode letters and digits kept, never `/` or `%`. */
  readonly slug: string;
  /** The slug before lowercasing, for the `:title` permalink token. */
  readonly titleSlug: string;
  /** Explicit `permalink` / `url` from front matter, rooted at `/`. */
  readonly permalink: string | undefined;
  readonly tags: readonly string[];
  readonly categories: readonly string[];
  /** Plain-text excerpt from front matter (`excerpt`, then `summary`). */
  readonly excerpt: string | undefined;
  readonly description: string | undefined;
  readonly toc: boolean | undefined;
  readonly layout: string | undefined;
  readonly author: string | undefined;
  readonly lang: string | undefined;
  readonly draft: boolean;
  readonly body: string;
  readonly bodyLine: number;
  /** Every front-matter key, for templates (`post.data.wordpress_id`). */
  readonly data: Readonly<Record<string, unknown>>;
  /** 1-based file line of each front-matter key, for later diagnostics. */
  readonly keyLines: Readonly<Record<string, number>>;
  /** The conference or meetup the post reports on (front matter `event`). */
  readonly event: EventInfo | undefined;
  /** Front matter `talks`: switches heading extraction on or off, or lists the talks. */
  readonly talks: boolean | readonly TalkEntry[] | undefined;
}

/** An event from front matter: `event: Name`, or a map of these fields. */
export interface EventInfo {
  readonly name: string;
  /** Midnight of the first and last day in the site zone. */
  readonly start: PostDate | undefined;
  readonly end: PostDate | undefined;
  readonly city: string | undefined;
  readonly venue: string | undefined;
  readonly organizer: string | undefined;
  readonly url: string | undefined;
  readonly slides: string | undefined;
  readonly video: string | undefined;
}

/** A talk listed in front matter `talks:`. */
export interface TalkEntry {
  readonly speakers: readonly string[];
  readonly title: string;
  readonly slides: string | undefined;
  readonly video: string | undefined;
}

/** A talk of one post: from a heading, or from front matter matched to a heading when possible. */
export interface Talk extends TalkEntry {
  /** The heading's id, when the talk has a heading. */
  readonly anchor: string | undefined;
}

/** One heading of a rendered post. */
export interface Heading {
  readonly depth: number;
  readonly id: string;
  readonly text: string;
}

/** A node of a nested table of contents. */
export interface TocEntry {
  readonly depth: number;
  readonly id: string;
  readonly text: string;
  readonly children: readonly TocEntry[];
}

/** What the Markdown stage returns for one post. */
export interface RenderedMarkdown {
  readonly html: string;
  readonly headings: readonly Heading[];
  readonly toc: readonly TocEntry[];
  /** The content before `<!-- more -->`, when the marker is present. */
  readonly more: { readonly html: string; readonly text: string } | undefined;
  /** Automatic plain-text excerpt, about 140 graphemes. */
  readonly autoExcerpt: string;
  /** Han, kana and hangul characters in the body: each counts as a word. */
  readonly cjkCharacters: number;
  /** Space-separated words in the body, CJK characters excluded. */
  readonly words: number;
  /** `src` of every image, in order (for social cards). */
  readonly images: readonly string[];
  /** Script counts of the body's plain text, for guessing the language without scanning the text again. */
  readonly scripts: ScriptCounts;
}

/** Han, kana and hangul characters and Latin words in a text (render/language.ts). */
export interface ScriptCounts {
  readonly han: number;
  readonly kana: number;
  readonly hangul: number;
  readonly latinWords: number;
}

export type ParsedPost = ParsedDocument<PostDate>;
export type ParsedPage = ParsedDocument<PostDate | undefined>;

/** Where a document or generated page lives. */
export interface Location {
  /** Percent-encoded URL with the base path (`/blog/2014/10/22/%E5%8C%97/`), for hrefs. */
  readonly url: string;
  /** File path relative to the output root, with `/`, decoded (`2014/10/22/北京/index.html`). */
  readonly outputPath: string;
}

/** A post or page with its URL fixed and its Markdown rendered. */
export interface RenderedDocument<D extends PostDate | undefined = PostDate> extends ParsedDocument<D>, Location {
  readonly content: RenderedMarkdown;
}

export type RenderedPost = RenderedDocument<PostDate>;
export type RenderedPage = RenderedDocument<PostDate | undefined>;

/** A tag or a category with its posts, newest first. */
export interface Term {
  readonly name: string;
  readonly slug: string;
  readonly url: string;
  readonly posts: readonly RenderedPost[];
}

export type TaxonomyName = 'tags' | 'categories';

export interface YearArchive {
  readonly year: string;
  readonly url: string;
  readonly posts: readonly RenderedPost[];
}

/** Everything templates may show, computed once per build. */
export interface Site {
  readonly posts: readonly RenderedPost[];
  readonly pages: readonly RenderedPage[];
  readonly tags: readonly Term[];
  readonly categories: readonly Term[];
  readonly years: readonly YearArchive[];
  /** Posts with an `event`, newest event first. */
  readonly events: readonly SiteEvent[];
  /** Every speaker, sorted by name (pinyin order for Chinese). */
  readonly speakers: readonly Speaker[];
  /** Every talk, in post order (newest first), then in the order of the post. */
  readonly talks: readonly SiteTalk[];
}

/** An event and the post that reports on it. */
export interface SiteEvent {
  readonly event: EventInfo;
  readonly post: RenderedPost;
  /** The year it is listed under: the event's start, else the post's date. */
  readonly year: string;
  readonly talks: readonly SiteTalk[];
}

/** A talk with its post, its URL (the heading anchor) and its speakers' pages. */
export interface SiteTalk {
  readonly title: string;
  readonly speakers: readonly SpeakerRef[];
  /** The post's URL plus `#anchor` when the talk has a heading. */
  readonly url: string;
  readonly anchor: string | undefined;
  readonly slides: string | undefined;
  readonly video: string | undefined;
  readonly post: RenderedPost;
  readonly event: EventInfo | undefined;
}

export interface SpeakerRef {
  readonly name: string;
  readonly slug: string;
  readonly url: string;
}

/** One speaker (variants merged) and their talks, newest first. */
export interface Speaker extends SpeakerRef {
  readonly talks: readonly SiteTalk[];
}

/** One page of a paginated list. `number` is 1-based. */
export interface Pagination<T> {
  readonly number: number;
  readonly total: number;
  readonly items: readonly T[];
  readonly previousUrl: string | undefined;
  readonly nextUrl: string | undefined;
}

/** What a route shows; render/context turns it into the template's view. */
export type RouteData =
  | { readonly kind: 'post'; readonly post: RenderedPost; readonly previous: RenderedPost | undefined; readonly next: RenderedPost | undefined }
  | { readonly kind: 'page'; readonly page: RenderedPage }
  | { readonly kind: 'home'; readonly pagination: Pagination<RenderedPost> }
  | { readonly kind: 'term'; readonly taxonomy: TaxonomyName; readonly term: Term; readonly pagination: Pagination<RenderedPost> }
  | { readonly kind: 'terms'; readonly taxonomy: TaxonomyName; readonly terms: readonly Term[] }
  | { readonly kind: 'archive'; readonly years: readonly YearArchive[]; readonly year: string | undefined }
  | { readonly kind: 'events'; readonly events: readonly SiteEvent[] }
  | { readonly kind: 'speakers'; readonly speakers: readonly Speaker[] }
  | { readonly kind: 'speaker'; readonly speaker: Speaker }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'search' };

/** One page to render: a template, a URL and the data it shows. */
export interface Route extends Location {
  readonly template: string;
  /** The source claiming this URL (a file path or a description), for collision messages. */
  readonly origin: string;
  readonly data: RouteData;
}

/** What a file in the output folder was when Lanyard wrote it. */
export interface WrittenFile {
  readonly hash: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** A rendered page set down in the spool (output/spool.ts), with the hash of its bytes. */
export interface SpooledFile {
  readonly file: string;
  readonly hash: string;
}

/**
 * One file of the finished site: text to write, a file to copy, a rendered page waiting
 * in the spool (moved into place when written), or (`reuse`) the file the previous build
 * wrote at this path, unchanged, which is not rendered again.
 */
export type OutputFile =
  | { readonly outputPath: string; readonly origin: string; readonly contents: string | Uint8Array }
  | { readonly outputPath: string; readonly origin: string; readonly spooled: SpooledFile }
  | { readonly outputPath: string; readonly origin: string; readonly copyFrom: string }
  /** The previous build's file, left as it is; `rendered` when the page was rendered again and came out the same. */
  | { readonly outputPath: string; readonly origin: string; readonly reuse: WrittenFile; readonly rendered?: true };

/** A post or page after front matter, normalization and URL location, with its problems. */
export interface LocatedDocument {
  readonly document: { readonly parsed: ParsedPage; readonly location: Location } | undefined;
  readonly diagnostics: readonly Diagnostic[];
}
