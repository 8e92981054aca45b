// One status of Pixelfed's pixelfed-statuses.json (Mastodon-API-shaped, from Pixelfed's StatusTransformer) → a Post.
import type { CustomEmoji, MediaAttachment, MediaKind, Mention, Poll, Post, Visibility } from '../../../preload/contract.js';
import { isObject, isoDate, NONE, normalizeLanguage, num, str, type Json } from '../normalize/fields.js';
import { kindOf, newPost } from './common.js';

export type StatusResult = Post | { skipped: string };

const VISIBILITY = new Set<Visibility>(['public', 'unlisted', 'private', 'direct']);

/** A number Pixelfed may write as a string ("1600") or a number. */
function numeric(v: unknown): number | null {
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return num(v);
}

function mediaKind(type: string | null, mime: string): MediaKind {
  if (type === 'image' || mime.startsWith('image/')) return 'image';
  if (type === 'video' || mime.startsWith('video/')) return 'video';
  if (type === 'gifv') return 'gifv';
  if (type === 'audio' || mime.startsWith('audio/')) return 'audio';
  return 'unknown';
}

function media(list: unknown): MediaAttachment[] {
  const out: MediaAttachment[] = [];
  for (const m of Array.isArray(list) ? list : []) {
    if (!isObject(m)) continue;
    const url = str(m.url) ?? str(m.remote_url) ?? str(m.preview_url);
    if (url === null) continue;
    const mime = str(m.mime) ?? '';
    const meta = isObject(m.meta) ? m.meta : {};
    const original = isObject(meta.original) ? meta.original : {};
    const focus = isObject(meta.focus) ? meta.focus : null;
    const fx = focus ? numeric(focus.x) : null;
    const fy = focus ? numeric(focus.y) : null;
    out.push({
      path: null, // the export holds no photos, only their addresses
      url,
      mediaType: mime,
      kind: mediaKind(str(m.type), mime),
      description: str(m.description) || null,
      present: false,
      width: numeric(original.width),
      height: numeric(original.height),
      blurhash: str(m.blurhash) || null,
      focalPoint: fx !== null && fy !== null && Math.abs(fx) <= 1 && Math.abs(fy) <= 1 ? [fx, fy] : null,
    });
  }
  return out.length ? out : NONE;
}

function mentions(list: unknown): Mention[] {
  const out: Mention[] = [];
  for (const m of Array.isArray(list) ? list : []) {
    if (!isObject(m)) continue;
    const acct = str(m.acct) ?? str(m.username);
    const href = str(m.url);
    if (acct && href) out.push({ name: `@${acct.replace(/^@/, '')}`, href });
  }
  return out.length ? out : NONE;
}

function hashtags(list: unknown): string[] {
  const out: string[] = [];
  for (const t of Array.isArray(list) ? list : []) {
    const name = isObject(t) ? str(t.name) : null;
    if (name && !out.includes(name.toLowerCase())) out.push(name.replace(/^#/, '').toLowerCase());
  }
  return out.length ? out : NONE;
}

function emojis(list: unknown): CustomEmoji[] {
  const out: CustomEmoji[] = [];
  for (const e of Array.isArray(list) ? list : []) {
    const shortcode = isObject(e) ? str(e.shortcode) : null;
    if (shortcode) out.push({ shortcode, url: str((e as Json).url) });
  }
  return out.length ? out : NONE;
}

function poll(value: unknown, now = Date.now()): Poll | null {
  if (!isObject(value) || !Array.isArray(value.options)) return null;
  const endTime = isoDate(value.expires_at);
  return {
    multiple: value.multiple === true,
    options: value.options.filter(isObject).map((o) => ({ title: str(o.title) ?? '', votes: numeric(o.votes_count) })),
    votersCount: numeric(value.voters_count) ?? numeric(value.votes_count),
    endTime,
    closed: value.expired === true || (endTime !== null && Date.parse(endTime) < now),
  };
}

/**
 * One status → a Post. `uriOf` turns a status id (in_reply_to_id) into the URI of that status when the export holds
 * it; else Pixelfed's own address for a post by id on the same server.
 */
export function statusToPost(raw: unknown, uriOf: (id: string, near: string) => string | null): StatusResult {
  if (!isObject(raw)) return { skipped: `the item is ${kindOf(raw)}, not an object` };
  const id = str(raw.uri) ?? str(raw.url);
  if (id === null || id === '') return { skipped: 'the status has no uri' };
  const published = isoDate(raw.created_at);
  if (published === null) return { skipped: 'created_at is not a date' };
  const visibility = VISIBILITY.has(raw.visibility as Visibility) ? (raw.visibility as Visibility) : 'public';
  if (isObject(raw.reblog)) {
    const inner = statusToPost(raw.reblog, uriOf);
    const boost = newPost(id, published, '');
    boost.type = 'boost';
    boost.url = str(raw.url);
    boost.visibility = visibility;
    boost.boostOf = str(raw.reblog.uri) ?? str(raw.reblog.url);
    if (boost.boostOf === null) return { skipped: 'the share names no shared status' };
    boost.boosted = 'skipped' in inner ? null : inner;
    return boost;
  }
  const post = newPost(id, published, str(raw.content) ?? '');
  post.url = str(raw.url);
  post.updated = isoDate(raw.edited_at);
  post.visibility = visibility;
  post.language = typeof raw.language === 'string' ? normalizeLanguage(raw.language) : null;
  post.summary = str(raw.spoiler_text) || null;
  post.sensitive = raw.sensitive === true || post.summary !== null;
  const parent = str(raw.in_reply_to_id);
  post.inReplyTo = parent ? uriOf(parent, id) : null;
  post.media = media(raw.media_attachments);
  post.mentions = mentions(raw.mentions);
  post.hashtags = hashtags(raw.tags);
  post.emojis = emojis(raw.emojis);
  post.poll = poll(raw.poll);
  post.likesCount = numeric(raw.favourites_count);
  post.sharesCount = numeric(raw.reblogs_count);
  post.repliesCount = numeric(raw.replies_count);
  return post;
}
