// itemToPost: one item, already in standard compacted keys, → a Post or the reason it was skipped.
import type { Post } from '../../../preload/contract.js';
import { htmlToText } from './html-text.js';
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

/** A status object (Note, Question, …) → Post; `activity` lends published/to/cc when the object lacks them. */
function objectToPost(
  obj: Json,
  activity: Json,
  seq: number,
  resolveMedia: (url: string) => string | null,
): ItemResult {
  const id = str(obj.id);
  if (id === null || id === '') return { skipped: 'the post has no id' };
  const published = isoDate(obj.published ?? activity.published);
  if (published === null) return { skipped: 'published is not a date' };
  const { html, language } = contentAndLanguage(obj);
  const { media, links } = attachments(obj.attachment, resolveMedia);
  const { hashtags, mentions, emojis } = tags(obj.tag);
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

function announceToPost(activity: Json, seq: number, resolveMedia: (url: string) => string | null): ItemResult {
  const id = str(activity.id);
  if (id === null || id === '') return { skipped: 'the boost has no id' };
  const boostOf = ref(activity.object);
  if (boostOf === null) return { skipped: 'the boost has no object' };
  const published = isoDate(activity.published);
  if (published === null) return { skipped: 'published is not a date' };
  let boosted: Post | null = null;
  if (isObject(activity.object)) {
    const inner = objectToPost(activity.object, activity, seq, resolveMedia);
    boosted = 'skipped' in inner ? null : inner;
  }
  return {
    id,
    url: boostOf,
    type: 'boost',
    published,
    updated: null,
    visibility: visibility(activity.to, activity.cc),
    language: null,
    summary: null,
    sensitive: false,
    text: '',
    html: '',
    inReplyTo: null,
    boostOf,
    boosted,
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

/** One item (Create, Announce, or a bare status object) → Post. Never throws. */
export function itemToPost(raw: unknown, seq: number, resolveMedia: (url: string) => string | null): ItemResult {
  try {
    if (!isObject(raw)) return { skipped: `the item is ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a ${typeof raw}`}, not an object` };
    const type = typeOf(raw);
    if (type === 'Create') {
      if (raw.object === undefined || raw.object === null) return { skipped: 'Create has no object' };
      if (!isObject(raw.object)) return { skipped: 'Create object is not an object' };
      return objectToPost(raw.object, raw, seq, resolveMedia);
    }
    if (type === 'Announce') return announceToPost(raw, seq, resolveMedia);
    if (type !== null && OBJECT_TYPES.has(type)) return objectToPost(raw, raw, seq, resolveMedia);
    return { skipped: type === null ? 'the item has no type' : `item type "${type.slice(0, 40)}" is not a post` };
  } catch (error) {
    return { skipped: `the item could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}
