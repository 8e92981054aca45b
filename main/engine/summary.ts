// The Summary of an archive (the JSON of `outbox summary`): counts over the kept items, by the definitions.
import type { AccountSource, ContainerFormat, Post, Profile, SkippedItem, Summary } from '../../preload/contract.js';

export interface SummaryInput {
  format: ContainerFormat;
  /** the kind of export the posts came from (the reader's); left out of the summary when not given */
  source?: AccountSource;
  profile: Profile;
  /** kept items in archive order; parentInArchive already set by the index */
  posts: readonly Post[];
  likes: number;
  bookmarks: number;
  /** the first few hundred skipped items (MAX_SKIPPED_KEPT) */
  skipped: readonly SkippedItem[];
  /** every skipped item, kept in `skipped` or not (default: skipped.length) */
  skippedCount?: number;
  /** Date.parse of each post's published, when the index has it already (its tables' column) */
  published?: ArrayLike<number>;
}

export function summarize(input: SummaryInput): Summary {
  const { profile, posts, published } = input;
  const summary: Summary = {
    format: input.format,
    ...(input.source ? { source: input.source } : {}),
    profile: {
      username: profile.username,
      displayName: profile.displayName,
      movedTo: profile.movedTo,
      alsoKnownAs: [...profile.alsoKnownAs],
      fields: profile.fields.length,
    },
    counts: {
      items: 0, posts: 0, boosts: 0, replies: 0, selfReplies: 0, polls: 0, withMedia: 0, cw: 0, edited: 0,
      quotes: 0, likes: input.likes, bookmarks: input.bookmarks, skipped: input.skippedCount ?? input.skipped.length,
    },
    media: { referenced: 0, present: 0, missing: 0 },
    visibility: { public: 0, unlisted: 0, private: 0, direct: 0 },
    languages: {},
    hashtags: {},
    dates: { first: null, last: null },
    skippedItems: input.skipped.map((s) => ({ index: s.index, reason: s.reason })),
  };
  const c = summary.counts;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < posts.length; i++) {
    const post = posts[i]!;
    c.items++;
    const ms = published ? published[i]! : Date.parse(post.published);
    if (ms < first) [first, summary.dates.first] = [ms, post.published];
    if (ms > last) [last, summary.dates.last] = [ms, post.published];
    for (const m of post.media) {
      summary.media.referenced++;
      if (m.present) summary.media.present++;
      else summary.media.missing++;
    }
    if (post.type === 'boost') {
      c.boosts++;
      continue;
    }
    c.posts++;
    if (post.inReplyTo) c.replies++;
    if (post.inReplyTo && post.parentInArchive) c.selfReplies++;
    if (post.poll) c.polls++;
    if (post.media.length > 0) c.withMedia++;
    if (post.summary && post.summary.trim()) c.cw++;
    if (post.updated) c.edited++;
    if (post.quote) c.quotes++;
    summary.visibility[post.visibility]++;
    if (post.language) summary.languages[post.language] = (summary.languages[post.language] ?? 0) + 1;
    const tags = post.hashtags;
    if (tags.length === 1) countTag(summary.hashtags, tags[0]!.toLowerCase());
    else if (tags.length > 1) for (const tag of new Set(tags.map((t) => t.toLowerCase()))) countTag(summary.hashtags, tag);
  }
  return summary;
}

function countTag(hashtags: Record<string, number>, tag: string): void {
  hashtags[tag] = (hashtags[tag] ?? 0) + 1;
}
