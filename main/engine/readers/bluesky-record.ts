// Bluesky repository records → Posts: app.bsky.feed.post (text with facets, embeds, replies, self-labels),
// app.bsky.feed.repost (a boost) and the profile record. Field list: the app.bsky lexicons (samples' SOURCE.txt).
import type { LinkAttachment, MediaAttachment, Mention, Post, Profile } from '../../../preload/contract.js';
import { isObject, isoDate, NONE, normalizeLanguage, num, str, type Json } from '../normalize/fields.js';
import { emptyProfile } from '../normalize/profile.js';
import { anchor, escapeHtml, newPost } from './common.js';

/** at://did/collection/rkey → the post's page on bsky.app (the at-URI stays the id). */
export function webUrl(uri: string): string | null {
  const m = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/.exec(uri);
  return m ? `https://bsky.app/profile/${m[1]}/post/${m[2]}` : null;
}

const profileUrl = (did: string): string => `https://bsky.app/profile/${did}`;

/** A blob's address: where Bluesky serves it. Never fetched; it names what the export leaves out. */
function blobUrl(did: string, blob: unknown, kind: 'image' | 'video'): { url: string; mediaType: string } | null {
  if (!isObject(blob)) return null;
  const ref = isObject(blob.ref) && !('code' in blob.ref) ? str(blob.ref.$link) : blob.ref ? String(blob.ref) : null;
  const cid = ref ?? str(blob.cid); // legacy blobs: {cid, mimeType}
  if (!cid || !/^[a-z0-9]{10,120}$/i.test(cid)) return null;
  const url = kind === 'image'
    ? `https://cdn.bsky.app/img/feed_fullsize/plain/${did}/${cid}@jpeg`
    : `https://video.bsky.app/watch/${encodeURIComponent(did)}/${cid}/playlist.m3u8`;
  return { url, mediaType: str(blob.mimeType) ?? '' };
}

function aspect(value: unknown): { width: number | null; height: number | null } {
  return isObject(value) ? { width: num(value.width), height: num(value.height) } : { width: null, height: null };
}

interface Embedded {
  media: MediaAttachment[];
  links: LinkAttachment[];
  quote: string | null;
}

/** embed: images, video, external (a link card), record (a quote) and recordWithMedia (a quote with media). */
function embed(value: unknown, did: string, into: Embedded = { media: [], links: [], quote: null }): Embedded {
  if (!isObject(value)) return into;
  const type = str(value.$type) ?? '';
  if (type.startsWith('app.bsky.embed.images')) {
    for (const image of Array.isArray(value.images) ? value.images : []) {
      if (!isObject(image)) continue;
      const blob = blobUrl(did, image.image, 'image');
      if (!blob) continue;
      into.media.push({
        path: null, url: blob.url, mediaType: blob.mediaType, kind: 'image', description: str(image.alt) || null,
        present: false, ...aspect(image.aspectRatio), blurhash: null, focalPoint: null,
      });
    }
  } else if (type.startsWith('app.bsky.embed.video')) {
    const blob = blobUrl(did, value.video, 'video');
    if (blob) {
      into.media.push({
        path: null, url: blob.url, mediaType: blob.mediaType, kind: 'video', description: str(value.alt) || null,
        present: false, ...aspect(value.aspectRatio), blurhash: null, focalPoint: null,
      });
    }
  } else if (type.startsWith('app.bsky.embed.external')) {
    const external = isObject(value.external) ? value.external : {};
    const uri = str(external.uri);
    if (uri) into.links.push({ href: uri, name: str(external.title) || null });
  } else if (type.startsWith('app.bsky.embed.recordWithMedia')) {
    const record = isObject(value.record) ? value.record : {};
    into.quote = str(isObject(record.record) ? record.record.uri : undefined) ?? str(record.uri);
    embed(value.media, did, into);
  } else if (type.startsWith('app.bsky.embed.record')) {
    into.quote = str(isObject(value.record) ? value.record.uri : undefined);
  }
  return into;
}

interface Span {
  start: number;
  end: number;
  html: (inner: string) => string;
}

/**
 * Text with its facets (UTF-8 byte ranges: mentions, links, tags) → HTML; the 2023 `entities` (same ranges, with
 * a type and value) are read the same way. Overlapping or out-of-range facets are left as plain text.
 */
function richText(record: Json, mentions: Mention[], hashtags: string[]): string {
  const text = str(record.text) ?? '';
  const bytes = Buffer.from(text, 'utf8');
  const spans: Span[] = [];
  const add = (start: unknown, end: unknown, html: Span['html']) => {
    if (typeof start === 'number' && typeof end === 'number' && start >= 0 && end > start && end <= bytes.length) {
      spans.push({ start, end, html });
    }
  };
  for (const facet of Array.isArray(record.facets) ? record.facets : []) {
    if (!isObject(facet) || !isObject(facet.index)) continue;
    const feature = Array.isArray(facet.features) ? facet.features.find(isObject) : null;
    if (!feature) continue;
    const type = str(feature.$type) ?? '';
    if (type.endsWith('#mention') && typeof feature.did === 'string') {
      const href = profileUrl(feature.did);
      add(facet.index.byteStart, facet.index.byteEnd, (inner) => {
        mentions.push({ name: inner.replace(/&[a-z#0-9]+;/g, ''), href });
        return `<span class="h-card">${anchor(href, inner, 'u-url mention')}</span>`;
      });
    } else if (type.endsWith('#link') && typeof feature.uri === 'string') {
      const uri = feature.uri;
      add(facet.index.byteStart, facet.index.byteEnd, (inner) => anchor(uri, inner));
    } else if (type.endsWith('#tag') && typeof feature.tag === 'string') {
      const tag = feature.tag;
      if (!hashtags.includes(tag.toLowerCase())) hashtags.push(tag.toLowerCase());
      add(facet.index.byteStart, facet.index.byteEnd, (inner) => anchor(`https://bsky.app/hashtag/${encodeURIComponent(tag)}`, inner, 'mention hashtag'));
    }
  }
  for (const entity of Array.isArray(record.entities) ? record.entities : []) {
    if (!isObject(entity) || !isObject(entity.index) || typeof entity.value !== 'string') continue;
    const value = entity.value;
    if (entity.type === 'mention') {
      const href = profileUrl(value);
      add(entity.index.start, entity.index.end, (inner) => {
        mentions.push({ name: inner, href });
        return `<span class="h-card">${anchor(href, inner, 'u-url mention')}</span>`;
      });
    } else if (entity.type === 'link') {
      add(entity.index.start, entity.index.end, (inner) => anchor(value, inner));
    }
  }
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // overlaps the previous facet
    out += escapeHtml(bytes.subarray(at, span.start).toString('utf8'));
    out += span.html(escapeHtml(bytes.subarray(span.start, span.end).toString('utf8')));
    at = span.end;
  }
  out += escapeHtml(bytes.subarray(at).toString('utf8'));
  const blocks = out.replace(/\r\n?/g, '\n').split(/\n{2,}/).filter((b) => b.trim() !== '');
  return blocks.map((b) => `<p>${b.split('\n').join('<br>')}</p>`).join('');
}

/** Self-labels that ask for a content warning. */
function labelled(record: Json): string[] {
  const labels = isObject(record.labels) && Array.isArray(record.labels.values) ? record.labels.values : [];
  return labels.map((l) => (isObject(l) ? str(l.val) : null)).filter((v): v is string => v !== null && v !== '');
}

export function postFrom(did: string, rkey: string, record: Json): Post | { skipped: string } {
  const published = isoDate(record.createdAt);
  if (published === null) return { skipped: 'createdAt is not a date' };
  const id = `at://${did}/app.bsky.feed.post/${rkey}`;
  const mentions: Mention[] = [];
  const hashtags: string[] = [];
  const post = newPost(id, published, richText(record, mentions, hashtags));
  for (const tag of Array.isArray(record.tags) ? record.tags : []) {
    if (typeof tag === 'string' && tag !== '' && !hashtags.includes(tag.toLowerCase())) hashtags.push(tag.toLowerCase());
  }
  post.url = webUrl(id);
  const langs = Array.isArray(record.langs) ? record.langs : [];
  post.language = typeof langs[0] === 'string' ? normalizeLanguage(langs[0]) : null;
  const reply = isObject(record.reply) ? record.reply : null;
  post.inReplyTo = reply && isObject(reply.parent) ? str(reply.parent.uri) : null;
  const { media, links, quote } = embed(record.embed, did);
  post.media = media.length ? media : NONE;
  post.links = links.length ? links : NONE;
  post.quote = quote;
  post.mentions = mentions.length ? mentions : NONE;
  post.hashtags = hashtags.length ? hashtags : NONE;
  const labels = labelled(record);
  post.sensitive = labels.length > 0;
  return post;
}

export function repostFrom(did: string, rkey: string, record: Json): Post | { skipped: string } {
  const published = isoDate(record.createdAt);
  if (published === null) return { skipped: 'createdAt is not a date' };
  const subject = isObject(record.subject) ? str(record.subject.uri) : null;
  if (subject === null) return { skipped: 'the repost names no post' };
  const boost = newPost(`at://${did}/app.bsky.feed.repost/${rkey}`, published, '');
  boost.type = 'boost';
  boost.boostOf = subject;
  boost.url = webUrl(subject) ?? subject;
  return boost;
}

export function profileFrom(did: string, record: unknown): Profile {
  const profile: Profile = { ...emptyProfile(), id: did, username: did, url: profileUrl(did), present: true };
  if (isObject(record)) {
    profile.displayName = str(record.displayName) ?? '';
    const description = str(record.description);
    if (description) {
      profile.bio = description.split(/\n{2,}/).map((b) => `<p>${escapeHtml(b).split('\n').join('<br>')}</p>`).join('');
    }
    profile.joined = isoDate(record.createdAt);
  }
  return profile;
}
