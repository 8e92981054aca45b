// The Pixelfed reader: pixelfed-statuses.json (Settings ▸ Data export), alone or in a folder with account.json.
import type { Post, Profile } from '../../../preload/contract.js';
import { ArchiveError } from '../errors.js';
import { isObject, isoDate, str } from '../normalize/fields.js';
import { emptyProfile, readProfile } from '../normalize/profile.js';
import type { Source } from '../source/source.js';
import { candidates, inArchiveOrder, message, parseJson, readHead, readText, Skips } from './common.js';
import { statusToPost } from './pixelfed-status.js';
import type { ExportRead, ReadPlan, ReadProgress, Reader } from './reader.js';

/** A list whose first status begins `{"_v": 1, "id"` (StatusTransformer's order) or names Pixelfed's own keys. */
const FIRST_KEYS = /^\s*\[\s*\{\s*"_v"\s*:\s*1\s*,\s*"id"\s*:/;
export function looksLikeStatuses(head: string): boolean {
  if (!/^\s*\[\s*\{/.test(head)) return false;
  return FIRST_KEYS.test(head) || (head.includes('"pf_type"') && head.includes('"shortcode"'));
}

/** account.json: the ActivityPub actor Pixelfed's ProfileTransformer writes. */
const ACTOR = /^\s*\{[\s\S]*"type"\s*:\s*"Person"[\s\S]*"preferredUsername"/;

export const pixelfedReader: Reader = {
  name: 'pixelfed export',
  async detect(source: Source): Promise<ReadPlan | null> {
    const names = candidates(source);
    for (const name of names) {
      if (!looksLikeStatuses(await readHead(source, name))) continue;
      const dir = name.slice(0, name.lastIndexOf('/') + 1);
      let actor: string | null = null;
      for (const other of names) {
        if (other !== name && other.startsWith(dir) && !other.slice(dir.length).includes('/') && ACTOR.test(await readHead(source, other))) {
          actor = other;
          break;
        }
      }
      return { main: name, read: (onProgress, signal) => readPixelfed(source, name, actor, onProgress, signal) };
    }
    return null;
  },
};

async function readPixelfed(source: Source, name: string, actor: string | null, onProgress: ReadProgress, signal?: AbortSignal): Promise<ExportRead> {
  const size = source.entries.get(name)?.size ?? 0;
  onProgress(0, size, 0);
  const json = parseJson(await readText(source, name), name, 'statuses export');
  signal?.throwIfAborted();
  if (!Array.isArray(json)) {
    throw new ArchiveError('not-collection', `${name} is JSON but not a list of statuses: it is not a Pixelfed export.`, name);
  }
  // Replies name their parent by id: the parent's URI when the export holds it, else the server's address by id.
  const uris = new Map<string, string>();
  for (const s of json) if (isObject(s) && typeof s.id === 'string' && typeof s.uri === 'string') uris.set(s.id, s.uri);
  const uriOf = (id: string, near: string): string | null => {
    const known = uris.get(id);
    if (known) return known;
    try {
      return `${new URL(near).origin}/i/web/post/${encodeURIComponent(id)}`;
    } catch {
      return null;
    }
  };
  const skips = new Skips();
  const posts: Post[] = [];
  const indexOf = new Map<Post, number>();
  json.forEach((item, index) => {
    const post = statusToPost(item, uriOf);
    if ('skipped' in post) skips.add(index, post.skipped);
    else {
      posts.push(post);
      indexOf.set(post, index);
    }
  });
  const ordered = inArchiveOrder(posts, skips, (p) => indexOf.get(p) ?? 0);
  onProgress(size, size, json.length);
  const warnings: string[] = [];
  const profile = await readAccount(source, actor, json, warnings);
  return {
    source: 'pixelfed', posts: ordered, skipped: skips.items.sort((a, b) => a.index - b.index), skippedCount: skips.count,
    profile, likes: [], bookmarks: [], warnings,
  };
}

/** account.json when it is beside the statuses; else the account every status carries. */
async function readAccount(source: Source, actor: string | null, statuses: unknown[], warnings: string[]): Promise<Profile> {
  if (actor) {
    try {
      // Its avatar is an address on the server: the export holds no image, so it resolves to nothing.
      return readProfile(parseJson(await readText(source, actor), actor, 'account export'), () => null);
    } catch (error) {
      warnings.push(`${actor} could not be read (${message(error)}), so the profile comes from the statuses.`);
    }
  }
  const first = statuses.find((s) => isObject(s) && isObject(s.account));
  const account = first ? ((first as Record<string, unknown>).account as Record<string, unknown>) : null;
  if (!account) return emptyProfile();
  const url = str(account.url);
  let server: string | null = null;
  try {
    server = url ? new URL(url).host : null;
  } catch {
    server = null;
  }
  return {
    ...emptyProfile(),
    id: url ?? '',
    username: str(account.username) ?? '',
    server,
    displayName: str(account.display_name) ?? '',
    bio: str(account.note) ?? '',
    joined: isoDate(account.created_at),
    url,
    present: true,
  };
}
