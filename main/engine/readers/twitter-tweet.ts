// One tweet of an X/Twitter archive ({"tweet": {...}} in data/tweets.js) → a Post, shaped as Mastodon's would be.
import type { MediaAttachment, MediaKind, Mention, Post } from '../../../preload/contract.js';
import { isObject, isoDate, NONE, normalizeLanguage, str, type Json } from '../normalize/fields.js';
import { mediaTypeOf } from '../source/media-type.js';
import { anchor, escapeHtml, kindOf, newPost, paragraphs } from './common.js';

export type TweetResult = Post | { skipped: string };

/** Twitter's permalink for any tweet, whoever wrote it: replies and self-threads link up without knowing authors. */
export const tweetUri = (id: string): string => `https://twitter.com/i/web/status/${id}`;

/** full_text escapes only these three (FORMAT facts in the samples' SOURCE.txt). */
export const unescapeTwitter = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Every number in an archive is a string. */
function int(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

const ID = /^\d{1,25}$/;
/** "RT @user: …", how a retweet appears: the archive keeps no retweeted_status. */
const RETWEET = /^RT @(\w{1,15}): ?/;
/** A status link: what a quote tweet leaves in entities.urls. */
const STATUS_LINK = /^https?:\/\/(?:mobile\.)?(?:twitter|x)\.com\/\w{1,15}\/status(?:es)?\/(\d{1,25})/;
/** The @mentions a reply's text starts with (display_text_range hides them on Twitter; a long tweet's note leaves them out). */
export const LEADING_MENTIONS = /^(?:@\w{1,15}\s+)+/;
/** t.co links, @mentions and #hashtags in (unescaped) tweet text. */
const TOKEN = /(https?:\/\/t\.co\/[A-Za-z0-9]+)|(?<![\w@])@(\w{1,15})|(?<![\w&#])#([\p{L}\p{M}\p{N}_]{1,140})/gu;

export interface Entities {
  /** t.co url → expanded and display url */
  urls: Map<string, { expanded: string; display: string }>;
  /** t.co urls of media: left out of the text as Mastodon shows media below it */
  media: Set<string>;
}

function entities(tweet: Json): Entities {
  const urls = new Map<string, { expanded: string; display: string }>();
  const media = new Set<string>();
  const ent = isObject(tweet.entities) ? tweet.entities : {};
  for (const u of Array.isArray(ent.urls) ? ent.urls : []) {
    if (!isObject(u)) continue;
    const url = str(u.url);
    const expanded = str(u.expanded_url);
    if (url && expanded) urls.set(url, { expanded, display: str(u.display_url) ?? expanded });
  }
  for (const list of [ent.media, isObject(tweet.extended_entities) ? tweet.extended_entities.media : undefined]) {
    for (const m of Array.isArray(list) ? list : []) if (isObject(m) && typeof m.url === 'string') media.add(m.url);
  }
  return { urls, media };
}

/** The full text of a long tweet (from note-tweet.js) and the entities it carries beside the tweet's own. */
export interface NoteText {
  text: string;
  urls: Map<string, { expanded: string; display: string }>;
  /** screen names, without '@' */
  mentions: string[];
  hashtags: string[];
}

/** Tweet text → HTML: t.co links expanded, media links dropped, @mentions and #hashtags linked as Mastodon links them. */
export function tweetHtmlOf(text: string, ent: Entities): string {
  const inline = (line: string): string => {
    let out = '';
    let at = 0;
    for (const m of line.matchAll(TOKEN)) {
      out += escapeHtml(line.slice(at, m.index));
      at = m.index + m[0].length;
      if (m[1] !== undefined) {
        const url = ent.urls.get(m[1]);
        out += url ? anchor(url.expanded, escapeHtml(url.display)) : anchor(m[1], escapeHtml(m[1]));
      } else if (m[2] !== undefined) {
        out += `<span class="h-card">${anchor(`https://twitter.com/${m[2]}`, `@<span>${escapeHtml(m[2])}</span>`, 'u-url mention')}</span>`;
      } else {
        out += anchor(`https://twitter.com/hashtag/${encodeURIComponent(m[3]!)}`, `#<span>${escapeHtml(m[3]!)}</span>`, 'mention hashtag');
      }
    }
    return out + escapeHtml(line.slice(at));
  };
  let plain = text;
  for (const url of ent.media) plain = plain.split(url).join('');
  return paragraphs(plain.trim(), (line) => inline(line.trimEnd()));
}

/**
 * A long tweet's HTML: the note's full text, with the reply mentions the tweet starts with when the note leaves them
 * out, and the links of both (the note's t.co links are its own).
 */
function noteHtml(tweetText: string, note: NoteText, ent: Entities): string {
  const lead = LEADING_MENTIONS.exec(tweetText)?.[0] ?? '';
  const text = lead && !note.text.startsWith(lead.trim()) ? lead + note.text : note.text;
  return tweetHtmlOf(text, { urls: new Map([...ent.urls, ...note.urls]), media: ent.media });
}

function mediaKind(type: string | null): MediaKind {
  if (type === 'photo') return 'image';
  if (type === 'video') return 'video';
  if (type === 'animated_gif') return 'gifv';
  return 'unknown';
}

/** The best video variant: highest bitrate mp4. */
function videoUrl(m: Json): string | null {
  const info = isObject(m.video_info) ? m.video_info : null;
  let best: { url: string; rate: number } | null = null;
  for (const v of Array.isArray(info?.variants) ? info.variants : []) {
    if (!isObject(v) || typeof v.url !== 'string') continue;
    const rate = int(v.bitrate) ?? 0;
    if (str(v.content_type) === 'video/mp4' && (best === null || rate > best.rate)) best = { url: v.url, rate };
  }
  return best?.url ?? null;
}

const baseOf = (url: string): string => url.replace(/[?#].*$/, '').split('/').pop() ?? '';

function media(tweet: Json, id: string, findMedia: (name: string) => string | null): MediaAttachment[] {
  const ext = isObject(tweet.extended_entities) ? tweet.extended_entities.media : undefined;
  const ent = isObject(tweet.entities) ? tweet.entities.media : undefined;
  const list = Array.isArray(ext) ? ext : Array.isArray(ent) ? ent : [];
  const out: MediaAttachment[] = [];
  for (const m of list) {
    if (!isObject(m)) continue;
    const type = str(m.type);
    const url = (type === 'video' || type === 'animated_gif' ? videoUrl(m) : null) ?? str(m.media_url_https) ?? str(m.media_url);
    if (url === null) continue;
    // The archive keeps each file as <tweet id>-<basename of the url> (videos: of the variant's url).
    const path = findMedia(`${id}-${baseOf(url)}`);
    const large = isObject(m.sizes) && isObject(m.sizes.large) ? m.sizes.large : null;
    const original = isObject(m.original_info) ? m.original_info : null;
    out.push({
      path,
      url,
      mediaType: mediaTypeOf(baseOf(url)) === 'application/octet-stream' ? '' : mediaTypeOf(baseOf(url)),
      kind: mediaKind(type),
      description: str(m.ext_alt_text) || null,
      present: path !== null,
      width: int(original?.width) ?? int(large?.w),
      height: int(original?.height) ?? int(large?.h),
      blurhash: null,
      focalPoint: null,
    });
  }
  return out.length ? out : NONE;
}

function mentions(tweet: Json): Mention[] {
  const list = isObject(tweet.entities) ? tweet.entities.user_mentions : undefined;
  const out: Mention[] = [];
  for (const m of Array.isArray(list) ? list : []) {
    const name = isObject(m) ? str(m.screen_name) : null;
    if (name && !out.some((o) => o.name === `@${name}`)) out.push({ name: `@${name}`, href: `https://twitter.com/${name}` });
  }
  return out.length ? out : NONE;
}

function hashtags(tweet: Json): string[] {
  const list = isObject(tweet.entities) ? tweet.entities.hashtags : undefined;
  const out: string[] = [];
  for (const h of Array.isArray(list) ? list : []) {
    const text = isObject(h) ? str(h.text) : null;
    if (text && !out.includes(text.toLowerCase())) out.push(text.toLowerCase());
  }
  return out.length ? out : NONE;
}

/** Twitter's language codes that name no language (und, qme media only, zxx, qht hashtags only…). */
const NO_LANGUAGE = /^(?:und|zxx|q[a-z]{2})$/;

/**
 * One archive element → a Post. `username` (from account.js, or null) only builds permalinks; `findMedia` maps a
 * media file name to its entry in tweets_media; `note`, the full text of a long tweet, replaces its cut text.
 * Never throws.
 */
export function tweetToPost(raw: unknown, username: string | null, findMedia: (name: string) => string | null, note?: NoteText): TweetResult {
  if (!isObject(raw)) return { skipped: `the item is ${kindOf(raw)}, not an object` };
  const tweet = isObject(raw.tweet) ? raw.tweet : null;
  if (tweet === null) return { skipped: 'the item holds no "tweet" object' };
  const id = str(tweet.id_str) ?? str(tweet.id);
  if (id === null || !ID.test(id)) return { skipped: 'the tweet has no id' };
  const published = isoDate(tweet.created_at);
  if (published === null) return { skipped: 'created_at is not a date' };
  const fullText = str(tweet.full_text) ?? str(tweet.text);
  if (fullText === null) return { skipped: 'the tweet has no text' };
  const text = unescapeTwitter(fullText);
  const ent = entities(tweet);
  const lang = str(tweet.lang);
  const language = lang && !NO_LANGUAGE.test(lang) ? normalizeLanguage(lang) : null;
  const permalink = username ? `https://twitter.com/${username}/status/${id}` : tweetUri(id);

  const retweet = RETWEET.exec(text);
  if (retweet) {
    // The retweeted tweet as far as the archive knows it: its author and (often cut) text, shown inside the boost.
    const author = retweet[1]!;
    const boosted = newPost(`${tweetUri(id)}#retweeted`, published, tweetHtmlOf(text.slice(retweet[0].length), ent));
    boosted.language = language;
    boosted.media = media(tweet, id, findMedia);
    boosted.mentions = mentions(tweet).filter((m) => m.name !== `@${author}`);
    boosted.hashtags = hashtags(tweet);
    const boost = newPost(tweetUri(id), published, '');
    boost.type = 'boost';
    boost.url = permalink;
    // No id of the retweeted tweet is kept: its author's page is the only address the archive gives.
    boost.boostOf = `https://twitter.com/${author}`;
    boost.boosted = boosted;
    return boost;
  }

  const post = newPost(tweetUri(id), published, note ? noteHtml(text, note, ent) : tweetHtmlOf(text, ent));
  post.url = permalink;
  post.language = language;
  post.sensitive = tweet.possibly_sensitive === true;
  const replyTo = str(tweet.in_reply_to_status_id_str) ?? str(tweet.in_reply_to_status_id);
  post.inReplyTo = replyTo && ID.test(replyTo) ? tweetUri(replyTo) : null;
  post.media = media(tweet, id, findMedia);
  post.mentions = mentions(tweet);
  post.hashtags = hashtags(tweet);
  if (note) {
    const names = new Set(post.mentions.map((m) => m.name));
    const more = note.mentions.filter((n) => !names.has(`@${n}`)).map((n) => ({ name: `@${n}`, href: `https://twitter.com/${n}` }));
    if (more.length) post.mentions = [...post.mentions, ...new Map(more.map((m) => [m.name, m])).values()];
    const tags = new Set([...post.hashtags, ...note.hashtags.map((h) => h.toLowerCase())]);
    if (tags.size > post.hashtags.length) post.hashtags = [...tags];
  }
  post.likesCount = int(tweet.favorite_count);
  post.sharesCount = int(tweet.retweet_count);
  // A quote tweet keeps only a status link among its urls: the last one is the quoted tweet.
  for (const { expanded } of [...ent.urls.values(), ...(note?.urls.values() ?? [])]) {
    const quoted = STATUS_LINK.exec(expanded);
    if (quoted && quoted[1] !== id) post.quote = tweetUri(quoted[1]!);
  }
  return post;
}

/**
 * Edits: every version is its own tweet, each listing all versions' ids in edit_info. Only the newest version is
 * kept; `first` maps it to the oldest version in the archive (whose date is the post's published date).
 */
export function editVersions(tweets: readonly unknown[]): { superseded: Set<string>; first: Map<string, string> } {
  const present = new Set<string>();
  const groups: string[][] = [];
  for (const raw of tweets) {
    const tweet = isObject(raw) && isObject(raw.tweet) ? raw.tweet : null;
    if (!tweet) continue;
    const id = str(tweet.id_str) ?? str(tweet.id);
    if (id && ID.test(id)) present.add(id);
    const edit = isObject(tweet.edit_info) ? tweet.edit_info : null;
    const initial = edit && isObject(edit.initial) ? edit.initial : null;
    const ids = initial && Array.isArray(initial.editTweetIds)
      ? initial.editTweetIds.filter((x): x is string => typeof x === 'string' && ID.test(x))
      : [];
    if (ids.length > 1) groups.push(ids);
  }
  const superseded = new Set<string>();
  const first = new Map<string, string>();
  for (const ids of groups) {
    const inArchive = [...new Set(ids.filter((x) => present.has(x)))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    if (inArchive.length < 2) continue;
    const newest = inArchive[inArchive.length - 1]!;
    first.set(newest, inArchive[0]!);
    for (const x of inArchive) if (x !== newest) superseded.add(x);
  }
  return { superseded, first };
}
