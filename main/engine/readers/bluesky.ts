// The Bluesky reader: a repository export (.car) → posts, reposts, replies, quotes, likes and the profile.
// Images are blob references only (the CAR holds no blob bytes): they show as media not in this export.
import type { Post, Profile } from '../../../preload/contract.js';
import { ArchiveError } from '../errors.js';
import { isObject, str } from '../normalize/fields.js';
import type { Source } from '../source/source.js';
import { candidates, inArchiveOrder, inlineOwnBoosts, readHeadBytes, Skips, WHOLE_FILE_MAX } from './common.js';
import { looksLikeCar, readCar, type RepoRecord } from './bluesky-car.js';
import { postFrom, profileFrom, repostFrom } from './bluesky-record.js';
import type { ExportRead, ReadPlan, ReadProgress, Reader } from './reader.js';

export const blueskyReader: Reader = {
  name: 'bluesky repository',
  async detect(source: Source): Promise<ReadPlan | null> {
    for (const name of candidates(source)) {
      if (await looksLikeCar(await readHeadBytes(source, name, 1100))) {
        return { main: name, read: (onProgress, signal) => readRepo(source, name, onProgress, signal) };
      }
    }
    return null;
  },
};

async function readRepo(source: Source, name: string, onProgress: ReadProgress, signal?: AbortSignal): Promise<ExportRead> {
  const size = source.entries.get(name)?.size ?? 0;
  onProgress(0, size, 0);
  const bytes = await source.read(name, WHOLE_FILE_MAX);
  signal?.throwIfAborted();
  const repo = await readCar(bytes, name);
  signal?.throwIfAborted();
  const skips = new Skips();
  const posts: Post[] = [];
  const indexOf = new Map<Post, number>();
  const likes: string[] = [];
  let profile: Profile = profileFrom(repo.did, null);
  repo.records.forEach((record: RepoRecord, index) => {
    const slash = record.path.indexOf('/');
    const collection = record.path.slice(0, slash);
    const rkey = record.path.slice(slash + 1);
    const value = record.value;
    if (!isObject(value)) {
      if (collection.startsWith('app.bsky.feed.')) skips.add(index, `${record.path} is ${value === null ? 'null' : 'not an object'}`);
      return;
    }
    let post: Post | { skipped: string } | null = null;
    if (collection === 'app.bsky.feed.post') post = postFrom(repo.did, rkey, value);
    else if (collection === 'app.bsky.feed.repost') post = repostFrom(repo.did, rkey, value);
    else if (collection === 'app.bsky.feed.like') {
      const subject = isObject(value.subject) ? str(value.subject.uri) : null;
      if (subject) likes.push(subject);
    } else if (collection === 'app.bsky.actor.profile' && rkey === 'self') profile = profileFrom(repo.did, value);
    // follows, blocks, lists, threadgates and other apps' records are not posts
    if (post === null) return;
    if ('skipped' in post) skips.add(index, `${record.path}: ${post.skipped}`);
    else {
      posts.push(post);
      indexOf.set(post, index);
    }
  });
  for (const broken of repo.broken) skips.add(repo.records.length, `${broken.path}: ${broken.reason}`);
  const ordered = inArchiveOrder(posts, skips, (p) => indexOf.get(p) ?? 0);
  inlineOwnBoosts(ordered);
  onProgress(size, size, repo.records.length);
  const warnings = posts.some((p) => p.media.length > 0)
    ? ['A Bluesky repository export holds no images or videos, only references to them: those posts show a placeholder.']
    : [];
  if (repo.broken.length > 0 && posts.length === 0 && repo.records.length === 0) {
    throw new ArchiveError('truncated', `${name} holds no readable records (${repo.broken[0]!.reason}): download it again.`, name);
  }
  return {
    source: 'bluesky', posts: ordered, skipped: skips.items.sort((a, b) => a.index - b.index), skippedCount: skips.count,
    profile, likes, bookmarks: [], warnings,
  };
}
