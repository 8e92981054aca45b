// The library's summary: the Summary keys over the merged, de-duplicated posts, plus accounts, relationships, moves.
import type { AccountSource, ContainerFormat, Post, Summary } from '../../../preload/contract.js';
import { emptyProfile } from '../normalize/profile.js';
import { summarize } from '../summary.js';
import type { LibraryPost } from './merge.js';
import { countAcross, summarizeRelationships, type Relationships, type RelationshipsSummary } from './relationships.js';

/**
 * The JSON of `outbox summary` over several paths. The Summary keys describe the merged set (with one archive and
 * no CSV they equal that archive's summary exactly); format and profile are null when only CSVs were given.
 */
export type LibrarySummary = Omit<Summary, 'format' | 'source' | 'profile'> & {
  format: ContainerFormat | null;
  /** the kind of export of the account the library is about (as `profile`); absent as in that account's summary */
  source?: AccountSource;
  profile: Summary['profile'] | null;
  /** one Summary per archive, in the order given */
  accounts: Summary[];
  relationships: RelationshipsSummary;
  moves: Array<{ from: string; to: string }>;
  /** what the archives' opens warned about (duplicate entries, unreadable files…), each once */
  warnings: string[];
};

export interface LibrarySummaryInput {
  /** summaries of the archives, in the order given */
  accounts: readonly Summary[];
  /** the summary of the archive whose account the library is about (see newestAccountIndex), null without archives */
  about: Summary | null;
  posts: Iterable<LibraryPost>;
  likes: ReadonlyArray<readonly string[]>;
  archiveBookmarks: ReadonlyArray<readonly string[]>;
  relationships: Relationships;
  moves: ReadonlyArray<{ from: string; to: string }>;
  /** the archives' warnings (ArchiveInfo.warnings), in order */
  warnings?: readonly string[];
}

/**
 * The same answer without reading a post, when the library is one archive: its posts are exactly the archive's,
 * so the Summary keys are the archive's own summary (kept in the cache), with only its bookmarks counted again
 * (CSV bookmarks add to them). A warm `outbox summary` then reads no post record at all. null when the
 * library holds another number of archives, or when the archive's bookmark count disagrees with its list (then
 * the posts are counted again rather than trusting either).
 */
export function oneArchiveSummary(input: Omit<LibrarySummaryInput, 'posts' | 'likes'>): LibrarySummary | null {
  const account = input.accounts.length === 1 ? input.accounts[0]! : null;
  if (!account || input.about !== account) return null;
  // Likes need no check: one archive's likes are counted from the one list its summary counted.
  const ownBookmarks = countAcross(input.archiveBookmarks);
  if (ownBookmarks !== account.counts.bookmarks) return null;
  const summary = structuredClone(account);
  summary.counts.bookmarks = ownBookmarks + csvOnlyBookmarks(input);
  return {
    ...summary,
    accounts: [...input.accounts],
    relationships: summarizeRelationships(input.relationships),
    moves: input.moves.map((m) => ({ from: m.from, to: m.to })),
    warnings: [...new Set(input.warnings ?? [])],
  };
}

/** Bookmarks a CSV file holds and no archive's bookmarks.json does. */
function csvOnlyBookmarks(input: Pick<LibrarySummaryInput, 'archiveBookmarks' | 'relationships'>): number {
  const known = new Set(input.archiveBookmarks.flat());
  return input.relationships.bookmarks.filter((b) => !known.has(b.uri)).length;
}

export function librarySummary(input: LibrarySummaryInput): LibrarySummary {
  const shown: Post[] = [];
  for (const { post } of input.posts) shown.push(post);
  const ids = new Set(shown.map((p) => p.id));
  // A reply's parent may be in another export of the library: the index of its own archive could not know that.
  // Copies, because the posts belong to their archives' indexes.
  const posts = shown.map((p) =>
    !p.parentInArchive && p.inReplyTo && p.inReplyTo !== p.id && ids.has(p.inReplyTo) ? { ...p, parentInArchive: true } : p);
  const archiveBookmarkCount = countAcross(input.archiveBookmarks);
  const csvOnly = csvOnlyBookmarks(input);
  const merged = summarize({
    format: input.accounts[0]?.format ?? 'folder',
    profile: emptyProfile(), // replaced below by the chosen archive's own
    posts,
    likes: countAcross(input.likes),
    bookmarks: archiveBookmarkCount + csvOnly,
    skipped: input.accounts.flatMap((s) => s.skippedItems),
    skippedCount: input.accounts.reduce((n, s) => n + s.counts.skipped, 0),
  });
  const { format: _format, ...rest } = merged;
  return {
    format: input.accounts[0]?.format ?? null,
    // Right after format, as in an account's own Summary: one archive's library summary prints exactly its Summary.
    ...(input.about?.source ? { source: input.about.source } : {}),
    ...rest,
    profile: input.about ? structuredClone(input.about.profile) : null,
    accounts: [...input.accounts],
    relationships: summarizeRelationships(input.relationships),
    moves: input.moves.map((m) => ({ from: m.from, to: m.to })),
    warnings: [...new Set(input.warnings ?? [])],
  };
}
