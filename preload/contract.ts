// The one contract every side shares: model types, the table of requests (API, channels, routes) and Result. Imports nothing.

// ---------------------------------------------------------------------------------------------
// Results: errors cross every boundary (IPC, HTTP, worker) as data, never as thrown objects.
// ---------------------------------------------------------------------------------------------

/** Machine-readable reasons an archive (or a request) could not be served. */
export type ErrorCode =
  | 'not-found' // the path does not exist
  | 'not-archive' // neither zip, tar.gz nor a folder holding outbox.json
  | 'empty' // zero-byte file
  | 'truncated' // the container ends early or its directory is damaged
  | 'no-outbox' // no outbox.json anywhere in the archive
  | 'bad-json' // outbox.json is not JSON
  | 'not-collection' // outbox.json is JSON but not an (Ordered)Collection
  | 'encrypted' // an entry we need is encrypted
  | 'unsafe' // sizes that lie, overlapping entries, inflation bombs, unsafe names
  | 'too-large' // a limit was hit (entry count, inflated bytes)
  | 'io' // the operating system refused a read
  | 'bad-request' // a caller sent arguments of the wrong shape
  | 'not-open' // no archive with that id is open
  | 'damaged-cache' // the saved index of an archive was damaged; it was removed, and opening again rebuilds it
  | 'internal'; // a bug: the message says what

export interface ErrorInfo {
  code: ErrorCode;
  /** One sentence for the user: what happened, to which file, what they can do. */
  message: string;
  /** The file inside or outside the archive that the message is about, when there is one. */
  file?: string;
}

export type Result<T> = { ok: true; value: T } | ({ ok: false } & ErrorInfo);

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

// ---------------------------------------------------------------------------------------------
// The model: what Outbox knows about one archive.
// ---------------------------------------------------------------------------------------------

/** 'file': one exported file on its own (a Bluesky .car, a Misskey notes .json), not a container. */
export type ContainerFormat = 'zip' | 'tar.gz' | 'folder' | 'file';
/** Where an account's history comes from (the reader that read it). */
export type AccountSource = 'mastodon' | 'pleroma' | 'misskey' | 'twitter' | 'bluesky' | 'pixelfed';
export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';
export type PostType = 'post' | 'boost';
export type MediaKind = 'image' | 'video' | 'gifv' | 'audio' | 'unknown';

export interface MediaAttachment {
  /** The entry name inside the archive when the file is there, else null. */
  path: string | null;
  /** The url as written in the archive (often rewritten to a relative path by the server). */
  url: string;
  mediaType: string;
  kind: MediaKind;
  /** Alt text; null when the author wrote none. */
  description: string | null;
  present: boolean;
  width: number | null;
  height: number | null;
  blurhash: string | null;
  /** [x, y] in -1..1 */
  focalPoint: [number, number] | null;
}

/** A `Link` attachment (preview card, Mastodon 4.7+). */
export interface LinkAttachment {
  href: string;
  name: string | null;
}

export interface PollOption {
  title: string;
  /** null when the archive does not say */
  votes: number | null;
}

export interface Poll {
  /** true for anyOf (several choices allowed) */
  multiple: boolean;
  options: PollOption[];
  votersCount: number | null;
  endTime: string | null;
  closed: boolean;
}

export interface Mention {
  /** "@user" or "@user@domain" as written */
  name: string;
  /** the actor URI */
  href: string;
}

export interface CustomEmoji {
  /** without colons */
  shortcode: string;
  /** absolute remote url: never loaded, only shown as text */
  url: string | null;
}

/** One normalized item of the outbox: an own status (post) or a boost. */
export interface Post {
  /** The status URI; the activity id for a boost. Unique within an archive. */
  id: string;
  /** Web permalink of the status (the boosted status's URI for a boost). */
  url: string | null;
  type: PostType;
  /** ISO 8601 */
  published: string;
  /** ISO 8601 when edited, else null */
  updated: string | null;
  visibility: Visibility;
  /** BCP-47 code, normalized (zhCn → zh-CN), or null */
  language: string | null;
  /** content warning, null when none */
  summary: string | null;
  sensitive: boolean;
  /** plain text of `html` (what search and exports use) */
  text: string;
  /** HTML exactly as in the archive (unsanitized: only renderer/lib/safe-html.ts turns it into DOM) */
  html: string;
  inReplyTo: string | null;
  /** for a boost: the URI of the boosted status */
  boostOf: string | null;
  /** for a boost whose object was inlined (own followers-only post): that post */
  boosted: Post | null;
  media: MediaAttachment[];
  links: LinkAttachment[];
  /** lower-case names without '#' */
  hashtags: string[];
  mentions: Mention[];
  emojis: CustomEmoji[];
  poll: Poll | null;
  /** URI of the quoted status (quote, quoteUri or _misskey_quote), null when none */
  quote: string | null;
  /** favourites total Mastodon 4.3+ writes on own posts (`likes.totalItems`); null when absent */
  likesCount: number | null;
  /** boosts total (`shares.totalItems`, 4.3+); null when absent. Exported as `boostsCount` */
  sharesCount: number | null;
  /** replies total (`replies.totalItems`) when the server wrote one; null when absent */
  repliesCount: number | null;
  /** true when inReplyTo names a post that is in this archive */
  parentInArchive: boolean;
  /** position of the item in the archive's orderedItems (0-based, after skipping nothing) */
  seq: number;
  /**
   * true when the export keeps a post its author deleted (X/Twitter's deleted-tweets.js): shown marked "Deleted",
   * found by `is:deleted`. Absent on every other post.
   */
  deleted?: boolean;
}

export interface ProfileField {
  name: string;
  /** HTML */
  value: string;
}

export interface Profile {
  /** actor URI ('' when actor.json is missing) */
  id: string;
  username: string;
  /** host of the actor URI, or null */
  server: string | null;
  displayName: string;
  /** HTML */
  bio: string;
  fields: ProfileField[];
  /** entry names inside the archive, null when absent */
  avatar: string | null;
  header: string | null;
  avatarDescription: string | null;
  headerDescription: string | null;
  /** ISO 8601 */
  joined: string | null;
  url: string | null;
  movedTo: string | null;
  alsoKnownAs: string[];
  suspended: boolean;
  memorial: boolean;
  /** Person, Service (bot), Group… */
  actorType: string;
  emojis: CustomEmoji[];
  /** false when the archive has no actor.json */
  present: boolean;
}

export interface SkippedItem {
  index: number;
  reason: string;
}

/** The JSON of `outbox summary`. Keys are fixed: outside checks read them. */
export interface Summary {
  format: ContainerFormat;
  /** which kind of export the account's posts came from; absent in summaries cached before readers existed */
  source?: AccountSource;
  profile: {
    username: string;
    displayName: string;
    movedTo: string | null;
    alsoKnownAs: string[];
    fields: number;
  };
  counts: {
    items: number;
    posts: number;
    boosts: number;
    replies: number;
    selfReplies: number;
    polls: number;
    withMedia: number;
    cw: number;
    edited: number;
    quotes: number;
    likes: number;
    bookmarks: number;
    skipped: number;
  };
  media: { referenced: number; present: number; missing: number };
  visibility: Record<Visibility, number>;
  languages: Record<string, number>;
  hashtags: Record<string, number>;
  dates: { first: string | null; last: string | null };
  skippedItems: SkippedItem[];
}

/** What the viewer needs to draw an open archive's frame. */
export interface ArchiveInfo {
  /** stable id of this archive (derived from its identity); lower-case [a-z0-9-]: it is the host of media urls */
  id: string;
  /** file name the user opened (no directories) */
  name: string;
  profile: Profile;
  summary: Summary;
  /** posts+boosts per month over the whole archive, "YYYY-MM" → count */
  months: Record<string, number>;
  /** true when the archive was read from the cache */
  fromCache: boolean;
  /** human sentences about what was skipped or missing (partial opens) */
  warnings: string[];
  /**
   * true while a cold open is still reading (browser mode shows the newest page early): only the newest page is
   * answered, and summary, months and warnings are not known yet (summary's counts are zero: show none of them).
   * current() answers again without it once the open is done (the progress stream then says 'done').
   */
  indexing?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

/** Which posts to show. Every field is optional; fields combine with AND. */
export interface PostFilter {
  /** free text (the search engine's query language) */
  q?: string;
  /** post: own statuses that are not replies; reply: own replies; boost: boosts */
  kinds?: Array<'post' | 'reply' | 'boost'>;
  visibility?: Visibility[];
  language?: string;
  hashtag?: string;
  /** actor URI or "@user@domain" */
  mention?: string;
  hasMedia?: boolean;
  hasPoll?: boolean;
  hasCw?: boolean;
  edited?: boolean;
  /** posts with at least one media attachment lacking alt text */
  noAlt?: boolean;
  /** inclusive, YYYY-MM-DD (or YYYY-MM, YYYY) */
  from?: string;
  to?: string;
  /** popularity minimums (Mastodon 4.3+ totals; a post without the total never passes): likesCount >= minLikes */
  minLikes?: number;
  /** sharesCount >= minBoosts */
  minBoosts?: number;
}

/** 'likes' / 'boosts': most favourited / boosted first (posts without totals last), newest first among equals. */
export type SortOrder = 'newest' | 'oldest' | 'relevance' | 'likes' | 'boosts';

export interface PageQuery {
  archive: string;
  filter: PostFilter;
  order: SortOrder;
  offset: number;
  /** at most 500 */
  limit: number;
}

/** Counts of the current result set, one per filter the viewer offers. */
export interface Facets {
  posts: number;
  replies: number;
  boosts: number;
  withMedia: number;
  polls: number;
  cw: number;
  edited: number;
  noAlt: number;
  visibility: Record<Visibility, number>;
  languages: Record<string, number>;
  /** top hashtags (lower-case) */
  hashtags: Record<string, number>;
  /** "YYYY-MM" → count, for the date scrubber */
  months: Record<string, number>;
}

/** Character ranges [start, end) inside a post's `text` (or summary when field says so). */
export interface MatchRange {
  field: 'text' | 'summary' | 'media' | 'poll' | 'hashtags' | 'mentions' | 'links' | 'url';
  start: number;
  end: number;
}

export interface PageItem {
  post: Post;
  /** only for text queries */
  matches?: MatchRange[];
  /** ArchiveInfo.id of the archive this copy comes from: set on pages of the merged timeline (archive ALL_ARCHIVES) */
  archive?: string;
}

export interface Page {
  total: number;
  offset: number;
  items: PageItem[];
  /** computed when the query asked for them (offset 0) */
  facets: Facets | null;
  /** words the query matched (for highlighting) */
  terms: string[];
  /**
   * true: the newest posts of an archive still being read (ArchiveInfo.indexing). `total` counts only these items;
   * the whole list, its count and its facets come once the open is done.
   */
  partial?: boolean;
}

export interface Thread {
  /** ancestors that are in the archive, oldest first */
  ancestors: Post[];
  post: Post;
  /** replies in the archive, depth first, oldest first */
  descendants: Post[];
  /** the inReplyTo of the oldest ancestor when that post is not in the archive */
  missingParent: string | null;
}

/** The JSON of `outbox search --json` and `GET /api/search`. */
export interface SearchResponse {
  query: string;
  total: number;
  tookMs: number;
  results: SearchResult[];
}

export interface SearchResult {
  id: string;
  url: string | null;
  published: string;
  snippet: string;
  matches?: MatchRange[];
  /** ArchiveInfo.id of the archive whose copy matched: set when several archives were searched together */
  archive?: string;
}

export interface UriList {
  /** server host → URIs */
  byServer: Record<string, string[]>;
  total: number;
}

// ---------------------------------------------------------------------------------------------
// Several archives and relationship CSVs together (the library): people, moves, the merged timeline.
// ---------------------------------------------------------------------------------------------

/** The `archive` of a page (or search) request that asks for the merged timeline of every open archive. */
export const ALL_ARCHIVES = '*';

/** The relationship exports Mastodon writes (and imports) as CSV. */
export type RelationshipKind = 'following' | 'followers' | 'lists' | 'blocks' | 'mutes' | 'domainBlocks' | 'bookmarks';

export const RELATIONSHIP_KINDS: readonly RelationshipKind[] = ['following', 'followers', 'lists', 'blocks', 'mutes', 'domainBlocks', 'bookmarks'];

/** The file name Mastodon gives each export (what saving it again suggests). */
export const RELATIONSHIP_FILE_NAMES: Readonly<Record<RelationshipKind, string>> = {
  following: 'following_accounts.csv',
  followers: 'followers.csv',
  lists: 'lists.csv',
  blocks: 'blocked_accounts.csv',
  mutes: 'muted_accounts.csv',
  domainBlocks: 'blocked_domains.csv',
  bookmarks: 'bookmarks.csv',
};

export interface FollowedAccount {
  /** user@domain, without a leading @ */
  acct: string;
  showBoosts: boolean;
  notify: boolean;
  /** language codes; empty = every language */
  languages: string[];
}

export interface MutedAccount {
  acct: string;
  hideNotifications: boolean;
}

/** One filter of Mastodon's filters export (custom_filters.json), read beside the CSV exports. */
export interface CustomFilter {
  title: string;
  /** ISO 8601, or null when it never expires */
  expiresAt: string | null;
  /** where it applies: home, notifications, public, thread, account */
  context: string[];
  /** warn, hide or blur */
  action: string;
  keywords: Array<{ keyword: string; wholeWord: boolean }>;
  /** URIs of the posts it filters */
  statuses: string[];
}

/** A row of a CSV file that did not load. */
export interface RelationshipProblem {
  /** file name (no directories) */
  file: string;
  /** 1-based line of the file */
  line: number;
  reason: string;
}

/** The answer of relationships(): every CSV given (and found beside the archives) merged by kind. */
export interface RelationshipsInfo {
  following: FollowedAccount[];
  /** user@domain */
  followers: string[];
  /** list title → members (user@domain), in file order */
  lists: Record<string, string[]>;
  blocks: string[];
  mutes: MutedAccount[];
  /** domains */
  domainBlocks: string[];
  /** status URIs: the CSVs' and the archives' bookmarks.json, each once */
  bookmarks: string[];
  problems: RelationshipProblem[];
  /** per kind: server host → how many (lists: distinct members; domainBlocks: the domain itself; bookmarks: host of the URI) */
  byServer: Record<RelationshipKind, Record<string, number>>;
  /**
   * accounts of these lists (as written above) that the open archives talk about → how many shown posts mention
   * them, reply to one of their posts or boost one; accounts with none are left out
   */
  inArchive: Record<string, number>;
  /** the CSV files read: name (no directories), kind, rows loaded */
  files: Array<{ name: string; kind: RelationshipKind; rows: number }>;
  /** the filters of the custom_filters.json files given or found beside the archives; absent from older servers */
  filters?: CustomFilter[];
  /** sentences for the person: how files were read, rows left out, moves found */
  notes: string[];
}

/** A move between two open accounts (old → new): movedTo on the old one, or alsoKnownAs on the new one. */
export interface AccountMove {
  /** actor URI of the old account */
  from: string;
  to: string;
  /** "@user@server" of each, null when unknown */
  fromAcct: string | null;
  toAcct: string | null;
  /** the old account's last post here (the move came after it; archives do not record the move itself), or null */
  date: string | null;
  /** first and last post of each account across its open archives */
  fromDates: { first: string | null; last: string | null };
  toDates: { first: string | null; last: string | null };
  /** ArchiveInfo.id of the archives of each account */
  fromArchives: string[];
  toArchives: string[];
}

/** A relationship list written again in Mastodon's import format. */
export interface CsvFile {
  /** Mastodon's file name for it (RELATIONSHIP_FILE_NAMES) */
  fileName: string;
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Stats: every figure of `outbox stats`, the viewer's Stats view and GET /api/stats (computed in main/engine/stats).
// ---------------------------------------------------------------------------------------------

/** A run of consecutive local days with posts, "YYYY-MM-DD" in the stats' time zone. */
export interface StatsStreak {
  days: number;
  from: string;
  to: string;
}

/**
 * The JSON of `outbox stats --json` and `GET /api/stats` (README "Stats" is written from these comments). "posts" are own statuses,
 * replies included; "boosts" are Announce items. A figure about content (hashtags, mentions, languages,
 * visibility, media, replies, content warnings, length, streaks) counts posts only: a boost has no content of
 * its own. Every date key is a local date in `timeZone`.
 */
export interface Stats {
  /** the IANA time zone of every month, day, hour and weekday below ("UTC" with --utc) */
  timeZone: string;
  /** posts and boosts counted; `undated` ones (no readable date) are in totals but in no time figure */
  totals: { posts: number; boosts: number; undated: number };
  /** "YYYY-MM" → exact counts; every month from the first to the last one with an item, empty months as 0 */
  perMonth: Record<string, { posts: number; boosts: number }>;
  /** "YYYY-MM-DD" → posts that day (the calendar heatmap); only days with posts appear */
  perDay: Record<string, number>;
  /** [weekday][hour]: posts and boosts; weekday 0 = Monday … 6 = Sunday, hour 0..23 */
  hourByWeekday: number[][];
  /** hashtags (lower-case, without '#'), by number of posts using them */
  topHashtags: Array<{ tag: string; count: number }>;
  /** mentioned accounts as "@name@host", by number of posts mentioning them */
  topMentions: Array<{ account: string; count: number }>;
  /** hosts of boosted statuses, by number of boosts */
  topBoostedServers: Array<{ server: string; count: number }>;
  /**
   * accounts of boosted statuses, derived from the boosted status URI's path (accountOf in accounts.ts):
   * `/users/<name>/statuses/<id>` and `/@<name>/<id>` → "@name@host"; numeric ids → the actor URI;
   * URIs that name no account (`/objects/<uuid>`) are counted in topBoostedServers only
   */
  topBoostedAccounts: Array<{ account: string; count: number }>;
  /** BCP-47 language → posts; posts without a language count as "und" */
  languages: Record<string, number>;
  /** posts by visibility ("private" is followers-only) */
  visibility: Record<Visibility, number>;
  /**
   * attachments of posts: by kind, total, how many have alt text, withAlt / total (null without media),
   * and how many posts have at least one attachment
   */
  media: { kinds: Record<MediaKind, number>; total: number; withAlt: number; altShare: number | null; posts: number };
  /** replies (to anyone), originals (not replies), selfReplies (replies to a post in this archive) */
  replies: { replies: number; originals: number; selfReplies: number };
  /** posts with a content warning, and their share of posts (null without posts) */
  contentWarnings: { count: number; share: number | null };
  /** post length in characters (Unicode code points of the plain text, content warning excluded) */
  length: { average: number | null; longest: { chars: number; id: string } | null };
  /** runs of consecutive local days with posts: the longest (earliest on a tie) and the one ending on the last day with a post */
  streak: { longest: StatsStreak | null; latest: StatsStreak | null };
}

export interface StatsRequest {
  /** ArchiveInfo.id, or ALL_ARCHIVES for every open archive together */
  archive: string;
  filter: PostFilter;
  /** IANA time zone of the reader (Intl.DateTimeFormat().resolvedOptions().timeZone) */
  timeZone: string;
  /** true: count days, months and hours in UTC instead */
  utc: boolean;
}

export interface OpenProgress {
  archive: string;
  phase: 'reading' | 'indexing' | 'cache' | 'done';
  bytesRead: number;
  bytesTotal: number;
  items: number;
}

// ---------------------------------------------------------------------------------------------
// The requests: one table, from which the API the renderer sees and every transport are derived.
// ---------------------------------------------------------------------------------------------

/** The archive a request is about: an ArchiveInfo.id; left out, the first of current() (the one the viewer shows). */
export interface ArchiveRef {
  archive?: string;
}

/**
 * THE table of requests: name → [request, response]. The engine's service answers each once; the IPC channels, the
 * HTTP routes, the preload bridge, the worker messages and OutboxApi below are derived from it (REQUESTS gives each
 * its channel and route), so a new request is an entry here and a method of the service, nothing else by hand.
 */
export interface Requests {
  /** The archive(s) open now; the first is the one to show. */
  current: [Record<string, never>, ArchiveInfo[]];
  /** Open an archive: a path (desktop), or the built-in demo when path is omitted. */
  open: [{ path?: string; demo?: boolean }, ArchiveInfo];
  /** The archives opened before, newest first (browser mode keeps the list; the desktop's is in its menu). */
  recent: [Record<string, never>, RecentArchive[]];
  page: [PageQuery, Page];
  post: [{ archive: string; id: string }, Post];
  thread: [{ archive: string; id: string }, Thread];
  search: [{ archive: string; q: string; limit: number }, SearchResponse];
  likes: [{ archive: string }, UriList];
  bookmarks: [{ archive: string }, UriList];
  /** Desktop: asks the user to confirm, then opens an http(s) url in the system browser (elsewhere: false). */
  openExternal: [{ url: string }, boolean];
  /** People: follows, followers, lists, blocks, mutes, domain blocks and bookmarks of the open library. */
  relationships: [Record<string, never>, RelationshipsInfo];
  /** Moves between the open accounts, old → new. */
  moves: [Record<string, never>, AccountMove[]];
  /** One relationship list as Mastodon's import CSV. */
  exportCsv: [{ kind: RelationshipKind }, CsvFile];
  /** Every figure of the Stats view over the posts the filter (text query included) selects. */
  stats: [StatsRequest, Stats];
}

export type RequestName = keyof Requests;
export type RequestOf<K extends RequestName> = Requests[K][0];
export type ResponseOf<K extends RequestName> = Requests[K][1];

/** How each request travels: its IPC channel, and its HTTP route (null: not offered over HTTP). */
export const REQUESTS = {
  current: { channel: 'outbox:current', route: '/api/current' },
  open: { channel: 'outbox:open', route: null },
  recent: { channel: 'outbox:recent', route: '/api/recent' }, // → Result<RecentArchive[]>
  page: { channel: 'outbox:page', route: '/api/page' }, // ?archive=&order=&offset=&limit=&filter=<JSON PostFilter>; archive=* (ALL_ARCHIVES): merged
  post: { channel: 'outbox:post', route: '/api/post' }, // ?archive=&id=
  thread: { channel: 'outbox:thread', route: '/api/thread' }, // ?archive=&id=
  search: { channel: 'outbox:search', route: '/api/search' }, // ?q=&limit=&archive= (archive optional: the first open one; * searches every one)
  likes: { channel: 'outbox:likes', route: '/api/likes' },
  bookmarks: { channel: 'outbox:bookmarks', route: '/api/bookmarks' },
  openExternal: { channel: 'outbox:open-external', route: null },
  relationships: { channel: 'outbox:relationships', route: '/api/relationships' }, // → Result<RelationshipsInfo>
  moves: { channel: 'outbox:moves', route: '/api/moves' }, // → Result<AccountMove[]>
  exportCsv: { channel: 'outbox:export-csv', route: '/api/export-csv' }, // ?kind=<RelationshipKind> → text/csv attachment (errors: Result JSON)
  stats: { channel: 'outbox:stats', route: '/api/stats' }, // ?archive=&filter=<JSON PostFilter>&tz=<IANA zone>&utc=1 → Result<Stats>
} as const satisfies { readonly [K in RequestName]: { readonly channel: `outbox:${string}`; readonly route: `/api/${string}` | null } };

export const REQUEST_NAMES = Object.keys(REQUESTS) as RequestName[];

type Table = typeof REQUESTS;
type Routed = { [K in RequestName]: Table[K]['route'] extends null ? never : K }[RequestName];

/** A request with no parameters may be called without an argument. */
type Call<K extends RequestName> = RequestOf<K> extends Record<string, never>
  ? (request?: RequestOf<K>) => Promise<Result<ResponseOf<K>>>
  : (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>;

/** The API the renderer sees (through IPC in the desktop app, HTTP in browser mode): every request, none optional. */
export type OutboxApi = { [K in RequestName]: Call<K> } & {
  /**
   * Progress of opens. Returns the unsubscribe: an AbortSignal does not cross Electron's contextBridge, so in the
   * desktop app only the returned function unsubscribes (the signal still works over HTTP).
   */
  onProgress(listener: (progress: OpenProgress) => void, signal: AbortSignal): () => void;
  /** A url the renderer may put in src= for an archive entry (media, avatar, header). */
  mediaUrl(archive: string, path: string): string;
};

function derive<F extends 'channel' | 'route'>(field: F): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of REQUEST_NAMES) {
    const value = REQUESTS[name][field];
    if (value !== null) out[name] = value;
  }
  return out;
}

/** IPC channel names: one per request of REQUESTS, plus the progress events. */
export const Channels = {
  ...(derive('channel') as { [K in RequestName]: Table[K]['channel'] }),
  progress: 'outbox:progress',
} as const;

/** The custom schemes of the desktop app (registered privileged before `ready`). */
export const Schemes = {
  app: 'outbox-app',
  media: 'outbox-media',
} as const;

/** HTTP routes of browser mode (all GET, token required): one per routed request of REQUESTS, plus these. */
export const Routes = {
  ...(derive('route') as { [K in Routed]: NonNullable<Table[K]['route']> }),
  progress: '/api/progress', // text/event-stream of OpenProgress
  media: '/media', // /media/<archive>/<entry name, URI-encoded>
  export: '/api/export', // ?archive=&format=jsonl|csv&filter=<JSON PostFilter> → attachment (errors: Result JSON)
  // Browser mode's open flow (POST, same origin only):
  open: '/api/open', // POST JSON OpenRequest → Result<ArchiveInfo>; replaces what is open
  upload: '/api/upload', // POST ?name=<file name> with the file as the body → saved in the cache folder, opened → Result<ArchiveInfo>
} as const;

/** What POST /api/open asks for: a path on this computer, or the built-in demo. */
export interface OpenRequest {
  path?: string;
  demo?: boolean;
}

/** An archive opened before in browser mode, newest first. */
export interface RecentArchive {
  /** where it is on this computer (an uploaded file: its copy in the cache folder) */
  path: string;
  /** the file name shown */
  name: string;
  /** ISO 8601 */
  openedAt: string;
}

export const PAGE_LIMIT_MAX = 500;

/**
 * The media types an archive entry may be served as (browser mode and the desktop's media scheme). Anything else
 * the archive declares (text/html, application/javascript…) goes out as application/octet-stream, so archive
 * bytes can never run as a page.
 */
export const SERVABLE_MEDIA_TYPE = /^(?:image|video|audio)\/[a-z0-9][a-z0-9.+-]*$/i;

/**
 * Desktop only, preload → main, fire and forget: the path of a file dropped on the window (webUtils.getPathForFile in
 * the preload; the page never sees a path). Not in Channels: it is no request of the OutboxApi.
 */
export const DropChannel = 'outbox:drop-file';

/** Content-Security-Policy for every response and the desktop app. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; " +
  "media-src 'self' blob:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
