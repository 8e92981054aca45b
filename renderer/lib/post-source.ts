// Whose posts these are: each open archive's author (name, handle, avatar) and emoji, looked up by ArchiveInfo.id.
import type { ArchiveInfo, OutboxApi } from '../../preload/contract.js';
import type { Author } from '../components/ox-post.js';
import { handleOf } from '../components/ox-profile.js';

/** What a post card needs to know about the archive that holds it. */
export interface PostSource {
  author: Author;
  /** the profile's custom emoji shortcodes */
  emojis: readonly string[];
  /** the archive's file name (no directories), to tell two exports of one account apart */
  file: string;
  /** the service of an export other than a Mastodon-style archive ("X/Twitter", "Bluesky"…), else null */
  service: string | null;
}

/** Names of the services whose exports are not ActivityPub archives; Mastodon and Pleroma need no word. */
const SERVICES: Readonly<Record<string, string>> = { twitter: 'X/Twitter', bluesky: 'Bluesky', misskey: 'Misskey', pixelfed: 'Pixelfed' };

export function sourceOf(info: ArchiveInfo, api: OutboxApi | undefined): PostSource {
  const p = info.profile;
  return {
    author: { displayName: p.displayName || p.username, handle: handleOf(info), avatarUrl: p.avatar && api ? api.mediaUrl(info.id, p.avatar) : null },
    emojis: p.emojis.map((e) => e.shortcode),
    file: info.name,
    service: SERVICES[info.summary.source ?? ''] ?? null,
  };
}

/** Every open archive's source by id: a merged timeline item names its archive, and the card asks here. */
export function sourcesOf(infos: readonly ArchiveInfo[], api: OutboxApi | undefined): ReadonlyMap<string, PostSource> {
  return new Map(infos.map((info) => [info.id, sourceOf(info, api)]));
}

/** Whether two sources draw a card the same way (the same author, emoji, file and service). */
export function sameSource(a: PostSource, b: PostSource): boolean {
  return a.author.displayName === b.author.displayName && a.author.handle === b.author.handle && a.author.avatarUrl === b.author.avatarUrl
    && a.file === b.file && a.service === b.service && a.emojis.length === b.emojis.length && a.emojis.every((e, i) => e === b.emojis[i]);
}

/**
 * `sources` with `kept` in place of the entry of archive `id` when that entry says the same: a card handed an equal but
 * new author draws itself and sanitizes its post again (every card, as the library arrived near the first posts).
 */
export function keepSource(sources: ReadonlyMap<string, PostSource>, id: string, kept: PostSource): ReadonlyMap<string, PostSource> {
  const listed = sources.get(id);
  return listed && listed !== kept && sameSource(listed, kept) ? new Map(sources).set(id, kept) : sources;
}
