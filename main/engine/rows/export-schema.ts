// The schema of `outbox export`: the fields, their types and meaning (README is written from this), and Post → row.
import type { Post, PostType, Visibility } from '../../../preload/contract.js';

export interface ExportMedia {
  /** entry name inside the archive, null when the file is not in it */
  path: string | null;
  mediaType: string;
  /** alt text, null when none */
  description: string | null;
  present: boolean;
}

export interface ExportMention {
  name: string;
  href: string;
}

export interface ExportPoll {
  multiple: boolean;
  options: Array<{ title: string; votes: number | null }>;
  votersCount: number | null;
  endTime: string | null;
  closed: boolean;
}

/** One exported post: a JSONL line, or a CSV row with the fields in EXPORT_FIELDS order. */
export interface ExportRow {
  id: string;
  url: string | null;
  type: PostType;
  published: string;
  updated: string | null;
  visibility: Visibility;
  language: string | null;
  summary: string | null;
  sensitive: boolean;
  text: string;
  html: string;
  inReplyTo: string | null;
  boostOf: string | null;
  media: ExportMedia[];
  hashtags: string[];
  mentions: ExportMention[];
  poll: ExportPoll | null;
  quote: string | null;
  /** the account whose export holds this copy of the post: "@user@server" */
  archive: string;
  likesCount: number | null;
  boostsCount: number | null;
  repliesCount: number | null;
  /** true for a post its author deleted that the export keeps (X/Twitter's deleted-tweets.js) */
  deleted: boolean;
}

export interface ExportField {
  name: keyof ExportRow;
  /** the JSON type (TypeScript notation); CSV writes objects and arrays as JSON text and null as an empty cell */
  type: string;
  description: string;
}

/** Every field, in column order. The schema is stable: fields are only ever added at the end. */
export const EXPORT_FIELDS: readonly ExportField[] = [
  { name: 'id', type: 'string', description: 'status URI; for a boost, the Announce activity id (unique in the archive)' },
  { name: 'url', type: 'string | null', description: 'web permalink of the status; for a boost, the boosted status' },
  { name: 'type', type: '"post" | "boost"', description: 'own status, or boost of another status' },
  { name: 'published', type: 'string', description: 'ISO 8601 date and time' },
  { name: 'updated', type: 'string | null', description: 'ISO 8601 date and time of the last edit, null when never edited' },
  { name: 'visibility', type: '"public" | "unlisted" | "private" | "direct"', description: 'audience, derived from to/cc' },
  { name: 'language', type: 'string | null', description: 'BCP-47 language code (e.g. "en", "zh-CN"), null when unknown' },
  { name: 'summary', type: 'string | null', description: 'content warning text, null when none' },
  { name: 'sensitive', type: 'boolean', description: 'marked sensitive (media hidden by default)' },
  { name: 'text', type: 'string', description: 'plain text of the post (HTML removed, entities decoded, line breaks kept)' },
  { name: 'html', type: 'string', description: 'the content HTML exactly as in the archive (untrusted: sanitize before display)' },
  { name: 'inReplyTo', type: 'string | null', description: 'URI of the status this replies to, null when not a reply' },
  { name: 'boostOf', type: 'string | null', description: 'for a boost: URI of the boosted status; else null' },
  { name: 'media', type: 'Array<{ path: string | null; mediaType: string; description: string | null; present: boolean }>', description: 'attachments: entry name in the archive, MIME type, alt text, whether the file is in the archive' },
  { name: 'hashtags', type: 'string[]', description: 'hashtags, lower-case, without "#"' },
  { name: 'mentions', type: 'Array<{ name: string; href: string }>', description: 'mentioned accounts: "@user@domain" as written, and the actor URI' },
  { name: 'poll', type: '{ multiple: boolean; options: Array<{ title: string; votes: number | null }>; votersCount: number | null; endTime: string | null; closed: boolean } | null', description: 'the poll, null when none' },
  { name: 'quote', type: 'string | null', description: 'URI of the quoted status, null when none' },
  { name: 'archive', type: 'string', description: 'the account whose export this post comes from, as "@user@server" (the archive\'s file name when it has no actor.json); with several archives given, tells them apart' },
  { name: 'likesCount', type: 'number | null', description: 'favourites total the server wrote on the post (Mastodon 4.3+), null when absent' },
  { name: 'boostsCount', type: 'number | null', description: 'boosts total the server wrote on the post (Mastodon 4.3+), null when absent' },
  { name: 'repliesCount', type: 'number | null', description: 'replies total when the server wrote one, null when absent' },
  { name: 'deleted', type: 'boolean', description: 'a post its author deleted that the export still keeps (X/Twitter\'s deleted-tweets.js); false for every other post' },
];

/** `account`: the exporting account as "@user@server" (accountLabel in engine/service/account.ts). */
export function exportRow(post: Post, account: string): ExportRow {
  return {
    id: post.id,
    url: post.url,
    type: post.type,
    published: post.published,
    updated: post.updated,
    visibility: post.visibility,
    language: post.language,
    summary: post.summary,
    sensitive: post.sensitive,
    text: post.text,
    html: post.html,
    inReplyTo: post.inReplyTo,
    boostOf: post.boostOf,
    media: post.media.map((m) => ({ path: m.path, mediaType: m.mediaType, description: m.description, present: m.present })),
    hashtags: [...post.hashtags],
    mentions: post.mentions.map((m) => ({ name: m.name, href: m.href })),
    poll: post.poll
      ? {
          multiple: post.poll.multiple,
          options: post.poll.options.map((o) => ({ title: o.title, votes: o.votes })),
          votersCount: post.poll.votersCount,
          endTime: post.poll.endTime,
          closed: post.poll.closed,
        }
      : null,
    quote: post.quote,
    archive: account,
    likesCount: post.likesCount,
    boostsCount: post.sharesCount,
    repliesCount: post.repliesCount,
    deleted: post.deleted === true,
  };
}
