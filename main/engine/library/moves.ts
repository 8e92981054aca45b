// Moves between open accounts: A → B when A's movedTo names B, or B's alsoKnownAs names A (FORMAT.md §1.4).
import type { Profile, Summary } from '../../../preload/contract.js';

export interface DateRange {
  first: string | null;
  last: string | null;
}

export interface LibraryMove {
  /** actor URI of the old account */
  from: string;
  /** actor URI of the new account */
  to: string;
  /**
   * The old account's last post in the open archives: a moved Mastodon account can no longer post, so the move
   * came after it. Absent when that account has no posts here. The archives do not record the move itself.
   */
  date?: string;
  /** first and last post of each account across its open archives, for "old → new, with dates" */
  fromDates: DateRange;
  toDates: DateRange;
}

export interface AccountSeen {
  profile: Profile;
  summary: Summary;
}

/** One entry per distinct account (by actor URI) with the date range of all its archives. */
function accountsOf(seen: readonly AccountSeen[]): Map<string, DateRange> {
  const accounts = new Map<string, DateRange>();
  for (const { profile, summary } of seen) {
    if (!profile.id) continue; // no actor.json: nothing to link by
    const range = accounts.get(profile.id) ?? { first: null, last: null };
    const { first, last } = summary.dates;
    if (first && (range.first === null || Date.parse(first) < Date.parse(range.first))) range.first = first;
    if (last && (range.last === null || Date.parse(last) > Date.parse(range.last))) range.last = last;
    accounts.set(profile.id, range);
  }
  return accounts;
}

/** Every move between two open accounts, once, in the order the archives were given. */
export function findMoves(seen: readonly AccountSeen[]): LibraryMove[] {
  const accounts = accountsOf(seen);
  const moves: LibraryMove[] = [];
  const known = new Set<string>();
  const add = (from: string, to: string) => {
    if (from === to || !accounts.has(from) || !accounts.has(to) || known.has(`${from} ${to}`)) return;
    known.add(`${from} ${to}`);
    const fromDates = accounts.get(from)!;
    const move: LibraryMove = { from, to, fromDates, toDates: accounts.get(to)! };
    if (fromDates.last) move.date = fromDates.last;
    moves.push(move);
  };
  for (const { profile } of seen) {
    if (!profile.id) continue;
    if (profile.movedTo) add(profile.id, profile.movedTo);
    for (const old of profile.alsoKnownAs) if (accounts.has(old)) add(old, profile.id);
  }
  return moves;
}

/** The account the library is "about": the end of the move chains; among several, the most recently active. */
export function newestAccountIndex(seen: readonly AccountSeen[], moves: readonly LibraryMove[], precedence: readonly number[]): number {
  const movedAway = new Set(moves.map((m) => m.from));
  for (const i of precedence) if (!movedAway.has(seen[i]!.profile.id)) return i;
  return precedence[0] ?? 0; // every account moved away (a cycle): the newest export's
}
