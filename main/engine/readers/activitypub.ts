// The ActivityPub outbox reader: Mastodon, Pleroma and Akkoma archives (outbox.json, actor.json, likes, bookmarks).
import { ArchiveError } from '../errors.js';
import { readActor, readItems, readUris } from '../index/read-archive.js';
import { locateArchive, type ArchiveLayout } from '../source/layout.js';
import type { Source } from '../source/source.js';
import type { Post, Profile } from '../../../preload/contract.js';
import type { PostSink } from '../index/record-stream.js';
import type { AccountSource, ExportRead, NewestPage, ReadPlan, Reader } from './reader.js';

/** Pleroma and Akkoma name their LitePub context in outbox.json's @context; Mastodon never does. */
const LITEPUB = /litepub/i;

export const activityPubReader: Reader = {
  name: 'activitypub outbox',
  async detect(source: Source): Promise<ReadPlan | null> {
    let layout: ArchiveLayout;
    try {
      layout = locateArchive(source);
    } catch (error) {
      // No outbox.json: another reader may know the source. An encrypted outbox.json is ours and stays an error.
      if (error instanceof ArchiveError && error.code === 'no-outbox') return null;
      throw error;
    }
    return {
      main: layout.outbox,
      read: (onProgress, signal, newest, sink) => readActivityPub(source, layout, onProgress, signal, newest, sink),
    };
  },
};

async function readActivityPub(
  source: Source, layout: ArchiveLayout, onProgress: (b: number, t: number, n: number) => void, signal?: AbortSignal,
  newest?: NewestPage, sink?: PostSink,
): Promise<ExportRead> {
  let kind: AccountSource = 'mastodon';
  // The profile is read when the newest page is (its author and avatar are on it), else after the posts, as ever.
  const actorWarnings: string[] = [];
  let profile: Profile | null = null;
  const early = newest && {
    count: newest.count,
    slicer: newest.slicer,
    onNewest: async (posts: Post[]) => newest.onNewest({ posts, profile: (profile = await readActor(source, layout, actorWarnings)) }),
  };
  const { posts, skipped, skippedCount, warnings: readWarnings } = await readItems(source, layout, onProgress, signal, (context) => {
    if (LITEPUB.test(JSON.stringify(context) ?? '')) kind = 'pleroma';
  }, early, sink);
  const warnings: string[] = [...readWarnings];
  profile ??= await readActor(source, layout, actorWarnings);
  warnings.push(...actorWarnings);
  const likes = await readUris(source, layout.likes, warnings);
  const bookmarks = await readUris(source, layout.bookmarks, warnings);
  return { source: kind, posts, skipped, skippedCount, profile, likes, bookmarks, warnings };
}
