// The Misskey-family notes reader: the one JSON file "Export notes" writes (Misskey, Sharkey, Firefish, Iceshrimp).
import { ArchiveError } from '../errors.js';
import { emptyProfile } from '../normalize/profile.js';
import type { Post } from '../../../preload/contract.js';
import type { Source } from '../source/source.js';
import { candidates, inArchiveOrder, inlineOwnBoosts, parseJson, readHead, readText, Skips } from './common.js';
import { noteToPost } from './misskey-note.js';
import type { ExportRead, ReadPlan, ReadProgress, Reader } from './reader.js';

/**
 * How the file begins: `[`, then a note whose first keys are "id" and "text" (the serializer's fixed order), or a
 * note naming the keys only a Misskey note has within its first bytes.
 */
const FIRST_KEYS = /^\s*\[\s*\{\s*"id"\s*:\s*"[0-9A-Za-z_-]{1,64}"\s*,\s*"text"\s*:/;
const OWN_KEYS = ['"renoteId"', '"fileIds"', '"visibleUserIds"', '"localOnly"'];

export function looksLikeNotes(head: string): boolean {
  if (!/^\s*\[\s*\{/.test(head)) return false;
  return FIRST_KEYS.test(head) || OWN_KEYS.every((key) => head.includes(key));
}

export const misskeyReader: Reader = {
  name: 'misskey notes',
  async detect(source: Source): Promise<ReadPlan | null> {
    for (const name of candidates(source)) {
      if (looksLikeNotes(await readHead(source, name))) {
        return { main: name, read: (onProgress, signal) => readNotes(source, name, onProgress, signal) };
      }
    }
    return null;
  },
};

async function readNotes(source: Source, name: string, onProgress: ReadProgress, signal?: AbortSignal): Promise<ExportRead> {
  const size = source.entries.get(name)?.size ?? 0;
  onProgress(0, size, 0);
  const json = parseJson(await readText(source, name), name, 'notes export');
  signal?.throwIfAborted();
  if (!Array.isArray(json)) {
    throw new ArchiveError('not-collection', `${name} is JSON but not a list of notes: it is not a Misskey notes export.`, name);
  }
  const skips = new Skips();
  const posts: Post[] = [];
  const indexOf = new Map<Post, number>();
  json.forEach((item, index) => {
    const post = noteToPost(item);
    if ('skipped' in post) skips.add(index, post.skipped);
    else {
      posts.push(post);
      indexOf.set(post, index);
    }
  });
  const ordered = inArchiveOrder(posts, skips, (p) => indexOf.get(p) ?? 0);
  inlineOwnBoosts(ordered);
  onProgress(size, size, json.length);
  return {
    source: 'misskey', posts: ordered, skipped: skips.items.sort((a, b) => a.index - b.index), skippedCount: skips.count,
    profile: emptyProfile(), likes: [], bookmarks: [],
    warnings: [`${name} is a notes export, which holds no profile: the name, bio and avatar are empty.`],
  };
}
