// The relationships of a library: every CSV export merged by kind, bookmarks joined with the archives' own.
import { acctKey, CSV_KINDS, type CsvExport, type CsvKind, type CsvRows } from '../csv/kinds.js';

/** Typed rows per kind, ready for toMastodonCsv(kind, relationships[kind]). */
export type Relationships = CsvRows;

/** The relationships as `outbox summary` writes them: accounts as user@domain, lists as title → members. */
export interface RelationshipsSummary {
  following: string[];
  followers: string[];
  lists: Record<string, string[]>;
  blocks: string[];
  mutes: string[];
  domainBlocks: string[];
  bookmarks: string[];
}

type Row<K extends CsvKind> = CsvRows[K][number];

/** Two rows are the same relationship when these keys match (accounts and domains ignore case). */
const KEYS: { [K in CsvKind]: (row: Row<K>) => string } = {
  following: (r) => acctKey(r.acct),
  followers: (r) => acctKey(r.acct),
  lists: (r) => `${r.list}\u0000${acctKey(r.acct)}`,
  blocks: (r) => acctKey(r.acct),
  mutes: (r) => acctKey(r.acct),
  domainBlocks: (r) => r.domain.toLowerCase().replace(/\.$/, ''),
  bookmarks: (r) => r.uri,
};

export function emptyRelationships(): Relationships {
  return { following: [], followers: [], lists: [], blocks: [], mutes: [], domainBlocks: [], bookmarks: [] };
}

/**
 * Rows of every file, kind by kind, each relationship once. A row seen again (two exports of one list) keeps
 * its first place and takes the later file's settings. Bookmarks: the CSVs' first (newest first, as Mastodon
 * writes them), then the archives' bookmarks.json URIs not already there.
 */
export function mergeRelationships(exports: readonly CsvExport[], archiveBookmarks: ReadonlyArray<readonly string[]>): Relationships {
  const merged = emptyRelationships();
  for (const kind of CSV_KINDS) {
    const key = KEYS[kind] as (row: Row<typeof kind>) => string;
    const at = new Map<string, number>();
    const out = merged[kind] as Array<Row<typeof kind>>;
    const add = (row: Row<typeof kind>) => {
      const k = key(row);
      const i = at.get(k);
      if (i === undefined) {
        at.set(k, out.length);
        out.push(row);
      } else out[i] = row;
    };
    for (const file of exports) if (file.kind === kind) for (const row of file.rows as Array<Row<typeof kind>>) add(row);
    if (kind === 'bookmarks') {
      for (const list of archiveBookmarks) for (const uri of list) if (!at.has(uri)) add({ uri } as Row<typeof kind>);
    }
  }
  return merged;
}

export function summarizeRelationships(r: Relationships): RelationshipsSummary {
  const lists: Record<string, string[]> = {};
  for (const row of r.lists) (lists[row.list] ??= []).push(row.acct);
  return {
    following: r.following.map((x) => x.acct),
    followers: r.followers.map((x) => x.acct),
    lists,
    blocks: r.blocks.map((x) => x.acct),
    mutes: r.mutes.map((x) => x.acct),
    domainBlocks: r.domainBlocks.map((x) => x.domain),
    bookmarks: r.bookmarks.map((x) => x.uri),
  };
}

/**
 * How many distinct URIs several lists hold, counting each list as its archive counts it (a URI already
 * counted in an earlier list is not counted again). With one list this is its length, as the archive's summary.
 */
export function countAcross(lists: ReadonlyArray<readonly string[]>): number {
  const seen = new Set<string>();
  let count = 0;
  for (const list of lists) {
    for (const uri of list) if (!seen.has(uri)) count++;
    for (const uri of list) seen.add(uri);
  }
  return count;
}
