// itemToPost: one item, already in standard compacted keys, → a Post or the reason it was skipped.
import type { Post } from '../../../preload/contract.js';
import { htmlToText } from './html-text.js';
import type { Interner } from './intern.js';
import {
  attachments, contentAndLanguage, count, href, isObject, isoDate, NONE, nonEmpty, poll, quote, ref, str, tags,
  visibility, type Json,
} from './fields.js';

export type ItemResult = Post | { skipped: string };

/** Object types a bare item (Pixelfed-style, no Create around it) may have. */
const OBJECT_TYPES = new Set(['Note', 'Question', 'Article', 'Page', 'Image', 'Video', 'Audio', 'Event', 'Document']);

function typeOf(v: Json): string | null {
  const t = v.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return (t.find((x) => typeof x === 'string') as string | undefined) ?? null;
  return null;
}

/** Mastodon's first release: a snowflake time before it is a sequential id read as one. */
const FIRST_SNOWFLAKE_MS = Date.UTC(2016, 2, 1);

/**
 * When a status was made, from its Mastodon snowflake id (the milliseconds since 1970 shifted left by 16 bits) in
 * the last path segment of its URI (`…/statuses/109…`, `…/statuses/109…/activity`); null when there is none.
 */
export function snowflakeDate(uri: string | null): string | null {
  const digits = uri ? /\/(\d{15,20})(?:\/activity)?\/?$/.exec(uri)?.[1] : undefined;
  if (!digits) return null;
  const ms = Number(BigInt(digits) >> 16n);
  return ms >= FIRST_SNOWFLAKE_MS && ms <= Date.now() + 86_400_000 ? new Date(ms).toISOString() : null;
}

/**
 * published, else the activity's, else the time in a Mastodon snowflake id, else '' (undated). A post is never
 * left out for its date: the index puts undated posts first and the exports say "undated".
 */
function publishedOf(obj: Json, activity: Json): string {
  return isoDate(obj.published) ?? isoDate(activity.published) ?? snowflakeDate(str(obj.id)) ?? snowflakeDate(str(activity.id)) ?? '';
}

/** A status object (Note, Question, …) → Post; `activity` lends published/to/cc when the object lacks them. */
function objectToPost(
  obj: Json,
  activity: Json,
  seq: number,
  resolveMedia: (url: string) => string | null,
  intern?: Interner,
): ItemResult {
  const id = str(obj.id);
  if (id === null || id === '') return { skipped: 'the post has no id' };
  const published = publishedOf(obj, activity);
  const { html, language } = contentAndLanguage(obj);
  const { media, links } = attachments(obj.attachment, resolveMedia);
  const { hashtags, mentions, emojis } = tags(obj.tag, intern);
  const hasAudience = obj.to !== undefined || obj.cc !== undefined;
  return {
    id,
    url: href(obj.url),
    type: 'post',
    published,
    updated: isoDate(obj.updated),
    visibility: hasAudience ? visibility(obj.to, obj.cc) : visibility(activity.to, activity.cc),
    language,
    summary: nonEmpty(obj.summary),
    sensitive: obj.sensitive === true,
    text: htmlToText(html),
    html,
    inReplyTo: ref(obj.inReplyTo),
    boostOf: null,
    boosted: null,
    media,
    links,
    hashtags,
    mentions,
    emojis,
    poll: poll(obj),
    quote: quote(obj),
    likesCount: count(obj.likes),
    sharesCount: count(obj.shares),
    repliesCount: count(obj.replies),
    parentInArchive: false,
    seq,
  };
}

function announceToPost(activity: Json, seq: number, resolveMedia: (url: string) => string | null, intern?: Interner): ItemResult {
  const id = str(activity.id);
  if (id === null || id === '') return { skipped: 'the boost has no id' };
  const boostOf = ref(activity.object);
  if (boostOf === null) return { skipped: 'the boost has no object' };
  const published = publishedOf(activity, activity);
  let boosted: Post | null = null;
  if (isObject(activity.object)) {
    const inner = objectToPost(activity.object, activity, seq, resolveMedia, intern);
    boosted = 'skipped' in inner ? null : inner;
  }
  return {
    ...blankPost(id, published, seq),
    url: boostOf,
    type: 'boost',
    visibility: visibility(activity.to, activity.cc),
    boostOf,
    boosted,
  };
}

/**
 * A post with every field at its empty value, in the schema's order (exports and the cache keep that order): the
 * boost above and the readers of other exports fill in what their item says.
 */
export function blankPost(id: string, published: string, seq = 0): Post {
  return {
    id,
    url: null,
    type: 'post',
    published,
    updated: null,
    visibility: 'public',
    language: null,
    summary: null,
    sensitive: false,
    text: '',
    html: '',
    inReplyTo: null,
    boostOf: null,
    boosted: null,
    media: NONE,
    links: NONE,
    hashtags: NONE,
    mentions: NONE,
    emojis: NONE,
    poll: null,
    quote: null,
    likesCount: null,
    sharesCount: null,
    repliesCount: null,
    parentInArchive: false,
    seq,
  };
}

/**
 * One item (Create, Announce, or a bare status object) → Post. Never throws. `intern`: the read's Interner (repeated
 * hashtags and mentions share one copy); without it every value is kept as read.
 */
export function itemToPost(raw: unknown, seq: number, resolveMedia: (url: string) => string | null, intern?: Interner): ItemResult {
  try {
    if (!isObject(raw)) return { skipped: `the item is ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a ${typeof raw}`}, not an object` };
    const type = typeOf(raw);
    if (type === 'Create') {
      if (raw.object === undefined || raw.object === null) return { skipped: 'Create has no object' };
      if (!isObject(raw.object)) return { skipped: 'Create object is not an object' };
      return objectToPost(raw.object, raw, seq, resolveMedia, intern);
    }
    if (type === 'Announce') return announceToPost(raw, seq, resolveMedia, intern);
    if (type !== null && OBJECT_TYPES.has(type)) return objectToPost(raw, raw, seq, resolveMedia, intern);
    return { skipped: type === null ? 'the item has no type' : `item type "${type.slice(0, 40)}" is not a post` };
  } catch (error) {
    return { skipped: `the item could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}
