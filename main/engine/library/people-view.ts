// The library as the People view sees it: relationships with per-server counts and links into the posts, moves,
// Mastodon CSVs written again. Pure over one Library (the service builds it over whatever archives are open).
import { basename } from 'node:path';
import type { AccountMove, CsvFile, CustomFilter, Post, RelationshipKind, RelationshipsInfo } from '../../../preload/contract.js';
import { RELATIONSHIP_FILE_NAMES, RELATIONSHIP_KINDS } from '../../../preload/contract.js';
import type { Archive } from '../archive.js';
import { toMastodonCsv } from '../csv/write-export.js';
import { acctOfInfo } from '../service/account.js';
import type { Library, Relationships } from './library.js';
import { findMoves } from './moves.js';
import { summarizeRelationships } from './relationships.js';


/** user@host (lower-case) of an actor or status URI in Mastodon's shapes (/users/NAME…, /@NAME…), else null. */
export function acctFromUri(uri: string): string | null {
  try {
    const url = new URL(uri);
    const m = /^\/(?:users\/|@)([^/]+)(?:\/|$)/.exec(url.pathname);
    return m && url.host ? `${decodeURIComponent(m[1]!).replace(/^@/, '').toLowerCase()}@${url.host.toLowerCase()}` : null;
  } catch {
    return null;
  }
}

/** The accounts (lower-case user@host) one post talks about: its mentions, the author it replies to, the one it boosts. */
function accountsOf(post: Post): Set<string> {
  const out = new Set<string>();
  for (const m of post.mentions) {
    const name = m.name.trim().replace(/^@/, '').toLowerCase();
    const fromHref = acctFromUri(m.href);
    if (name.includes('@')) out.add(name);
    else if (name && fromHref) out.add(`${name}@${fromHref.split('@')[1]}`);
    if (fromHref) out.add(fromHref);
  }
  for (const uri of [post.inReplyTo, post.boostOf]) {
    const acct = uri ? acctFromUri(uri) : null;
    if (acct) out.add(acct);
  }
  return out;
}

/** One pass over the shown posts: lower-case user@host → how many posts talk about that account. */
export function countAccounts(posts: Iterable<{ post: Post }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { post } of posts) for (const acct of accountsOf(post)) counts.set(acct, (counts.get(acct) ?? 0) + 1);
  return counts;
}

const hostOfAcct = (acct: string): string => acct.slice(acct.lastIndexOf('@') + 1).toLowerCase();
const hostOfUri = (uri: string): string => {
  try {
    return new URL(uri).host.toLowerCase();
  } catch {
    return '';
  }
};

function tally(values: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

export interface PeopleInput {
  relationships: Relationships;
  /** rows that did not load, with the path of their file */
  problems: ReadonlyArray<{ file: string; line: number; reason: string }>;
  files: ReadonlyArray<{ file: string; kind: RelationshipKind; rows: number }>;
  notes: readonly string[];
  /**
   * countAccounts over the shown posts, asked only when there is someone to look up (a CSV of follows, followers,
   * lists, blocks or mutes): without one, the people view reads no post (at 100k posts the count took seconds,
   * and the viewer's first page waited behind it).
   */
  mentioned: () => ReadonlyMap<string, number>;
  /** the filters of the filters exports read with the lists */
  filters?: readonly CustomFilter[];
}

/** The answer of GET /api/relationships. */
export function relationshipsInfo(input: PeopleInput): RelationshipsInfo {
  const r = input.relationships;
  const s = summarizeRelationships(r);
  const members = [...new Map(r.lists.map((row) => [row.acct.toLowerCase(), row.acct])).values()];
  const byServer = {
    following: tally(s.following.map(hostOfAcct)),
    followers: tally(s.followers.map(hostOfAcct)),
    lists: tally(members.map(hostOfAcct)),
    blocks: tally(s.blocks.map(hostOfAcct)),
    mutes: tally(s.mutes.map(hostOfAcct)),
    domainBlocks: tally(s.domainBlocks.map((d) => d.toLowerCase().replace(/\.$/, ''))),
    bookmarks: tally(s.bookmarks.map(hostOfUri).filter((h) => h !== '')),
  } satisfies Record<RelationshipKind, Record<string, number>>;
  const inArchive: Record<string, number> = {};
  const people = [...s.following, ...s.followers, ...members, ...s.blocks, ...s.mutes];
  const mentioned = people.length > 0 ? input.mentioned() : null;
  for (const acct of people) {
    const n = mentioned!.get(acct.toLowerCase());
    if (n) inArchive[acct] = n;
  }
  return {
    following: r.following.map((x) => ({ acct: x.acct, showBoosts: x.showBoosts, notify: x.notify, languages: [...x.languages] })),
    followers: s.followers,
    lists: s.lists,
    blocks: s.blocks,
    mutes: r.mutes.map((x) => ({ acct: x.acct, hideNotifications: x.hideNotifications })),
    domainBlocks: s.domainBlocks,
    bookmarks: s.bookmarks,
    problems: input.problems.map((p) => ({ file: basename(p.file), line: p.line, reason: p.reason })),
    byServer,
    inArchive,
    files: input.files.map((f) => ({ name: basename(f.file), kind: f.kind, rows: f.rows })),
    notes: [...input.notes],
    ...(input.filters?.length ? { filters: input.filters.map((f) => structuredClone(f)) } : {}),
  };
}

/** Moves between the open accounts, with their handles and archives. */
export function accountMoves(archives: readonly Archive[]): AccountMove[] {
  const moves = findMoves(archives.map((a) => ({ profile: a.info.profile, summary: a.summary() })));
  const of = (uri: string) => archives.filter((a) => a.info.profile.id === uri);
  return moves.map((m) => ({
    from: m.from,
    to: m.to,
    fromAcct: acctOfInfo(of(m.from)[0]!.info),
    toAcct: acctOfInfo(of(m.to)[0]!.info),
    date: m.date ?? null,
    fromDates: { ...m.fromDates },
    toDates: { ...m.toDates },
    fromArchives: of(m.from).map((a) => a.info.id),
    toArchives: of(m.to).map((a) => a.info.id),
  }));
}

/** One kind written again as Mastodon's import file. */
export function relationshipCsv(relationships: Relationships, kind: RelationshipKind): CsvFile {
  return { fileName: RELATIONSHIP_FILE_NAMES[kind], text: toMastodonCsv(kind, relationships[kind]) };
}

export const isRelationshipKind = (value: unknown): value is RelationshipKind =>
  typeof value === 'string' && (RELATIONSHIP_KINDS as readonly string[]).includes(value);

/** The people requests over one library: computed on first use, kept while the library is. */
export interface People {
  relationships(): RelationshipsInfo;
  moves(): AccountMove[];
  /** One kind written again as Mastodon's import file. */
  csv(kind: RelationshipKind): CsvFile;
}

export function peopleOf(library: Library): People {
  let people: RelationshipsInfo | null = null;
  let moves: AccountMove[] | null = null;
  return {
    relationships() {
      people ??= relationshipsInfo({
        relationships: library.relationships,
        problems: library.problems,
        files: library.csv.map((c) => ({ file: c.file, kind: c.kind, rows: c.rows.length })),
        notes: library.notes,
        mentioned: () => countAccounts(library.posts()),
        filters: library.filters.flatMap((f) => f.filters),
      });
      return people;
    },
    moves: () => (moves ??= accountMoves(library.archives)),
    csv: (kind) => relationshipCsv(library.relationships, kind),
  };
}
