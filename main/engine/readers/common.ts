// What the readers of other exports share: first bytes of an entry, whole JSON files with messages naming them,
// plain text → the HTML a Mastodon post carries, one Post shape, and archive order (oldest first, seq set).
import type { Post, SkippedItem } from '../../../preload/contract.js';
import { ArchiveError } from '../errors.js';
import { htmlToText } from '../normalize/html-text.js';
import { blankPost } from '../normalize/post.js';
import { isMacOsLitter } from '../source/name.js';
import type { Source } from '../source/source.js';

/** Most bytes read whole from one exported file (a notes .json, a tweets.js part, a .car): V8's string limit is ~512 MiB. */
export const WHOLE_FILE_MAX = 500 * 1024 * 1024;
/** Most skipped items kept with their reasons (the count goes on). */
export const SKIPPED_KEPT = 500;
/** How many bytes detection looks at. */
export const HEAD_BYTES = 4096;

export const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The first `bytes` bytes of an entry (fewer when it is shorter), as text; '' when it cannot be read. */
export async function readHead(source: Source, name: string, bytes = HEAD_BYTES): Promise<string> {
  return (await readHeadBytes(source, name, bytes)).toString('utf8').replace(/^\uFEFF/, '');
}

/** The first bytes of an entry as bytes (a .car's header is binary); empty when it cannot be read. */
export async function readHeadBytes(source: Source, name: string, bytes = HEAD_BYTES): Promise<Buffer> {
  let stream;
  try {
    stream = await source.open(name);
  } catch {
    return Buffer.alloc(0);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= bytes) break;
    }
  } catch (error) {
    // A damaged entry: whatever came before the damage is what detection sees. An entry that lies about its size
    // or inflates like a bomb is refused at once, naming it, rather than passed over as unrecognised.
    if (error instanceof ArchiveError && error.code === 'unsafe') throw error;
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, total).subarray(0, bytes);
}

/**
 * Entries a single-file reader may find its file in: every entry of a one-file source, else the files of the top
 * two levels (an unpacked download folder), shallowest first, never macOS litter. Names only order the look;
 * what a file is, its content decides.
 */
export function candidates(source: Source, limit = 64): string[] {
  return [...source.entries.values()]
    .filter((e) => e.size > 0 && !isMacOsLitter(e.name) && e.name.split('/').length <= 2)
    .sort((a, b) => a.name.split('/').length - b.name.split('/').length || (a.name < b.name ? -1 : 1))
    .slice(0, limit)
    .map((e) => e.name);
}

/** A whole entry as text, refusing past WHOLE_FILE_MAX with a message naming it. */
export async function readText(source: Source, name: string): Promise<string> {
  const bytes = await source.read(name, WHOLE_FILE_MAX);
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** JSON.parse whose error names the file and says what to do. */
export function parseJson(text: string, name: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ArchiveError('bad-json', `${name} is not complete JSON (${message(error)}): the ${what} was cut short ` +
      'or damaged. Download it again.', name);
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** An anchor as Mastodon writes one, the href escaped. */
export const anchor = (href: string, text: string, className?: string): string =>
  `<a href="${escapeHtml(href)}"${className ? ` class="${className}"` : ''} rel="nofollow noopener" target="_blank">${text}</a>`;

/**
 * Plain text → Mastodon-shaped HTML: paragraphs at blank lines, <br> at line ends. `inline` turns one line's
 * (unescaped) text into HTML; by default it only escapes.
 */
export function paragraphs(text: string, inline: (line: string) => string = escapeHtml): string {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/).filter((b) => b.trim() !== '');
  return blocks.map((b) => `<p>${b.split('\n').map(inline).join('<br>')}</p>`).join('');
}

/** Bare http(s) links in plain text, linked; the rest escaped. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}]/g;
export function linkify(line: string, more?: (plain: string) => string): string {
  let out = '';
  let at = 0;
  for (const m of line.matchAll(URL_IN_TEXT)) {
    out += (more ?? escapeHtml)(line.slice(at, m.index));
    out += anchor(m[0], escapeHtml(m[0]));
    at = m.index + m[0].length;
  }
  return out + (more ?? escapeHtml)(line.slice(at));
}

/** A Post with every field at its empty value but its content: readers fill in what their export says. */
export function newPost(id: string, published: string, html: string): Post {
  return { ...blankPost(id, published), text: htmlToText(html), html };
}

/** Collects skipped items: all of them counted, the first SKIPPED_KEPT kept with their reasons. */
export class Skips {
  readonly items: SkippedItem[] = [];
  count = 0;
  add(index: number, reason: string): void {
    this.count++;
    if (this.items.length < SKIPPED_KEPT) this.items.push({ index, reason: reason.slice(0, 300) });
  }
}

/**
 * Posts in archive order: oldest first (ties keep the order they were read in), `seq` numbered in that order,
 * ids made unique (a second copy of an id is left out and counted, never a silent loss).
 */
export function inArchiveOrder(posts: Post[], skips: Skips, indexOf: (post: Post) => number): Post[] {
  const seen = new Set<string>();
  const kept: Post[] = [];
  for (const post of posts) {
    if (seen.has(post.id)) {
      skips.add(indexOf(post), `a second item with the id ${post.id.slice(0, 120)}`);
      continue;
    }
    seen.add(post.id);
    kept.push(post);
  }
  const order = kept.map((post, i) => ({ post, i, at: Date.parse(post.published) }));
  order.sort((a, b) => a.at - b.at || a.i - b.i);
  return order.map(({ post }, seq) => {
    post.seq = seq;
    if (post.boosted) post.boosted.seq = seq;
    return post;
  });
}

/** The kind of a JSON value, for "the item is a string, not an object". */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * A boost of one's own post that the export holds (a Misskey renote, a Bluesky repost of one's own post) carries
 * that post inside it, as Mastodon's archive inlines a boost of one's own followers-only post: the card shows it.
 */
export function inlineOwnBoosts(posts: Post[]): void {
  const byId = new Map(posts.map((p) => [p.id, p]));
  for (const boost of posts) {
    if (boost.type !== 'boost' || boost.boosted !== null || boost.boostOf === null) continue;
    const own = byId.get(boost.boostOf);
    if (own && own.type === 'post') boost.boosted = { ...own, seq: boost.seq };
  }
}
