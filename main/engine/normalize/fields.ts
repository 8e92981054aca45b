// Readers for single fields of an item, tolerant of every shape FORMAT.md lists (strings, objects, arrays, junk).
import type {
  CustomEmoji, LinkAttachment, MediaAttachment, MediaKind, Mention, Poll, PollOption, Visibility,
} from '../../../preload/contract.js';
import type { Interner } from './intern.js';

export type Json = Record<string, unknown>;

/**
 * The one empty list every post without media, links, tags… shares: most posts have several, and 100k posts ×
 * 5 arrays is garbage the collector copies twice. Frozen, so a consumer that tried to add to it fails loudly.
 */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const nonEmpty = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** A JSON-LD value as a list: compaction turns one-element arrays into the element. */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** A string, or the `id` of an object: how references appear (inReplyTo, quote, to/cc entries). */
export function ref(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isObject(v)) return str(v.id);
  return null;
}

/** The first href of a url field: a string, a Link object, or an array of either. */
export function href(v: unknown): string | null {
  for (const entry of list(v)) {
    if (typeof entry === 'string') return entry;
    if (isObject(entry)) {
      const h = str(entry.href) ?? str(entry.url);
      if (h !== null) return h;
    }
  }
  return null;
}

/** Two decimal digits of s at i, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Milliseconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ", the shape Mastodon writes and isoDate() keeps; NaN
 * for any other shape or a date that does not exist. Saves Date.parse + toISOString on 100k items.
 */
export function canonicalIsoMs(v: string): number {
  if (v.length !== 20 || v.charCodeAt(4) !== 0x2d || v.charCodeAt(7) !== 0x2d || v.charCodeAt(10) !== 0x54 ||
    v.charCodeAt(13) !== 0x3a || v.charCodeAt(16) !== 0x3a || v.charCodeAt(19) !== 0x5a) return NaN;
  const century = twoDigits(v, 0);
  const yy = twoDigits(v, 2);
  const month = twoDigits(v, 5);
  const day = twoDigits(v, 8);
  const hour = twoDigits(v, 11);
  const minute = twoDigits(v, 14);
  const second = twoDigits(v, 17);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  const year = century * 100 + yy;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return NaN;
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

/** A date's milliseconds as the index reads every post's: canonicalIsoMs when it has the shape, else Date.parse. */
export function isoMs(v: string): number {
  const canonical = canonicalIsoMs(v);
  return Number.isNaN(canonical) ? Date.parse(v) : canonical;
}

/** ISO 8601 of a date string, or null when it does not parse. Second precision stays without milliseconds. */
export function isoDate(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 64) return null;
  if (v.length === 20 && !Number.isNaN(canonicalIsoMs(v))) return v; // already in the shape we write
  const ms = Date.parse(v);
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

const PUBLIC = new Set(['https://www.w3.org/ns/activitystreams#Public', 'as:Public', 'Public']);

/** FORMAT §1.3.2: Public in to → public; in cc → unlisted; a …/followers in to → private; else direct. */
export function visibility(to: unknown, cc: unknown): Visibility {
  if (anyRef(to, isPublic)) return 'public';
  if (anyRef(cc, isPublic)) return 'unlisted';
  if (anyRef(to, isFollowers)) return 'private';
  return 'direct';
}

const isPublic = (r: string): boolean => PUBLIC.has(r);
const isFollowers = (r: string): boolean => r.endsWith('/followers');

/** Whether a reference of an audience field (one value or a list) passes `test`, without a list per call. */
function anyRef(v: unknown, test: (r: string) => boolean): boolean {
  if (!Array.isArray(v)) {
    const r = v === undefined || v === null ? null : ref(v);
    return r !== null && test(r);
  }
  for (const entry of v) {
    const r = ref(entry);
    if (r !== null && test(r)) return true;
  }
  return false;
}

/** An archive uses a handful of language tags: each is worked out once (bounded, for hostile archives). */
const languageCache = new Map<string, string | null>();

/** BCP-47 casing: zhCn (Mastodon < 4.2.2) and zh-cn / zhcn (after jsonld lower-cases) → zh-CN. */
export function normalizeLanguage(tag: string): string | null {
  let known = languageCache.get(tag);
  if (known === undefined) {
    known = languageOf(tag);
    if (languageCache.size >= 1000) languageCache.clear();
    languageCache.set(tag, known);
  }
  return known;
}

function languageOf(tag: string): string | null {
  const t = tag.trim().replace(/_/g, '-');
  if (t === '' || t.length > 35) return null;
  const camel = /^([a-z]{2,3})([A-Z][a-zA-Z]{1,3})$/.exec(t);
  const parts = camel ? [camel[1], camel[2]] : t.split('-');
  if (parts.length === 1 && /^[a-z]{4}$/i.test(t)) parts.splice(0, 1, t.slice(0, 2), t.slice(2));
  else if (parts.length === 1 && /^[a-z]{6}$/i.test(t)) parts.splice(0, 1, t.slice(0, 2), t.slice(2));
  return parts
    .map((p, i) => {
      if (i === 0) return p.toLowerCase();
      if (p.length === 2) return p.toUpperCase();
      if (p.length === 4 && /^[a-z]+$/i.test(p)) return p[0].toUpperCase() + p.slice(1).toLowerCase();
      return p.toLowerCase();
    })
    .join('-');
}

/** content and language: `content`, else the contentMap entry; the language from `language` or the map's key. */
export function contentAndLanguage(obj: Json): { html: string; language: string | null } {
  const content = str(obj.content);
  const map = isObject(obj.contentMap) ? obj.contentMap : null;
  // The contentMap key whose text is the content, else its first text key.
  let key: string | null = null;
  if (map) {
    for (const k in map) {
      if (!Object.hasOwn(map, k) || typeof map[k] !== 'string') continue;
      if (map[k] === content) {
        key = k;
        break;
      }
      key ??= k;
    }
  }
  const html = content ?? (key !== null ? (map![key] as string) : '');
  const declared = str(obj.language);
  const language = declared !== null ? normalizeLanguage(declared) : key !== null ? normalizeLanguage(key) : null;
  return { html, language };
}

function mediaKind(mediaType: string, type: string | null): MediaKind {
  const major = mediaType.split('/')[0].toLowerCase();
  // Mastodon stores GIFs as video/mp4 with no marker left in the archive, so they read as video.
  if (major === 'image') return 'image';
  if (major === 'video') return 'video';
  if (major === 'audio') return 'audio';
  if (type === 'Image') return 'image';
  if (type === 'Video') return 'video';
  if (type === 'Audio') return 'audio';
  return 'unknown';
}

function focalPoint(v: unknown): [number, number] | null {
  if (!Array.isArray(v) || v.length !== 2) return null;
  const [x, y] = v;
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}

/** The result for no attachment (most posts): destructured at once by the caller, so one object serves all. */
const NO_ATTACHMENTS: { media: MediaAttachment[]; links: LinkAttachment[] } = Object.freeze({
  media: NONE, links: NONE,
});

/** Document attachments become media, Link attachments links; strings and junk are left out. */
export function attachments(
  value: unknown,
  resolveMedia: (url: string) => string | null,
): { media: MediaAttachment[]; links: LinkAttachment[] } {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return NO_ATTACHMENTS;
  const media: MediaAttachment[] = [];
  const links: LinkAttachment[] = [];
  for (const att of list(value)) {
    if (!isObject(att)) continue;
    const type = str(att.type);
    const url = att.url === undefined ? null : href(att.url);
    if (url === null) {
      const link = str(att.href);
      if (link !== null) links.push({ href: link, name: nonEmpty(att.name) });
      continue;
    }
    if (type === 'Link') {
      links.push({ href: url, name: nonEmpty(att.name) });
      continue;
    }
    const mediaType = str(att.mediaType) ?? '';
    let path: string | null = null;
    try {
      path = resolveMedia(url);
    } catch {
      path = null;
    }
    media.push({
      path,
      url,
      mediaType,
      kind: mediaKind(mediaType, type),
      description: nonEmpty(att.name),
      present: path !== null,
      width: num(att.width),
      height: num(att.height),
      blurhash: nonEmpty(att.blurhash),
      focalPoint: focalPoint(att.focalPoint),
    });
  }
  return { media: media.length ? media : NONE, links: links.length ? links : NONE };
}

const NO_TAGS: { hashtags: string[]; mentions: Mention[]; emojis: CustomEmoji[] } = Object.freeze({
  hashtags: NONE, mentions: NONE, emojis: NONE,
});

/** Hashtags (lower-case, no '#'), mentions and custom emojis from `tag`. */
/** `intern`: a read's Interner, so repeated tags share one copy (absent: every value as read). */
export function tags(value: unknown, intern?: Interner): { hashtags: string[]; mentions: Mention[]; emojis: CustomEmoji[] } {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return NO_TAGS;
  const hashtags: string[] = [];
  const mentions: Mention[] = [];
  const emojis: CustomEmoji[] = [];
  for (const tag of list(value)) {
    if (!isObject(tag)) continue;
    const name = str(tag.name);
    if (tag.type === 'Hashtag' && name !== null) {
      const h = name.replace(/^#/, '').toLowerCase();
      if (h !== '' && !hashtags.includes(h)) hashtags.push(intern ? intern.string(h) : h);
    } else if (tag.type === 'Mention') {
      const target = str(tag.href) ?? str(tag.id);
      if (target !== null) mentions.push(intern ? intern.mention(name ?? '', target) : { name: name ?? '', href: target });
    } else if (tag.type === 'Emoji' && name !== null) {
      const shortcode = name.replace(/^:|:$/g, '');
      if (shortcode !== '' && !emojis.some((e) => e.shortcode === shortcode)) {
        const icon = list(tag.icon)[0];
        const url = isObject(icon) ? href(icon.url) : typeof icon === 'string' ? icon : null;
        emojis.push(intern ? intern.emoji(shortcode, url) : { shortcode, url });
      }
    }
  }
  return { hashtags: hashtags.length ? hashtags : NONE, mentions: mentions.length ? mentions : NONE, emojis: emojis.length ? emojis : NONE };
}

/** A Question's poll: oneOf (single choice) or anyOf (multiple). */
export function poll(obj: Json, now = Date.now()): Poll | null {
  const multiple = obj.anyOf !== undefined && obj.anyOf !== null;
  const choices = multiple ? obj.anyOf : obj.oneOf;
  if (choices === undefined || choices === null) return null;
  const options: PollOption[] = [];
  for (const choice of list(choices)) {
    if (!isObject(choice)) continue;
    const title = str(choice.name);
    if (title === null) continue;
    const replies = isObject(choice.replies) ? choice.replies : null;
    options.push({ title, votes: replies ? num(replies.totalItems) : null });
  }
  const endTime = isoDate(obj.endTime);
  const closedField = obj.closed !== undefined && obj.closed !== null && obj.closed !== false;
  return {
    multiple,
    options,
    votersCount: num(obj.votersCount),
    endTime,
    closed: closedField || (endTime !== null && Date.parse(endTime) < now),
  };
}

/** The quoted status: `quote` (a URI, or an object; a Tombstone keeps its id if it has one), else quoteUri / _misskey_quote. */
export function quote(obj: Json): string | null {
  return ref(obj.quote) ?? str(obj.quoteUri) ?? str(obj._misskey_quote);
}

export const count = (collection: unknown): number | null => (isObject(collection) ? num(collection.totalItems) : null);
