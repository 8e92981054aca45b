// The kinds of relationship CSV Outbox reads (FORMAT.md §1.8, §2.2, §2.5), their typed rows, and the cell checks.
import { RELATIONSHIP_KINDS, type RelationshipKind } from '../../../preload/contract.js';

/**
 * The kinds of CSV export are the contract's relationship kinds: one list, shared with the viewer. following:
 * Mastodon/GoToSocial/Friendica follows (Misskey's headerless following too, when its name says so).
 */
export type CsvKind = RelationshipKind;

export const CSV_KINDS: readonly CsvKind[] = RELATIONSHIP_KINDS;

export interface FollowingRow {
  /** user@domain, without a leading @ */
  acct: string;
  showBoosts: boolean;
  notify: boolean;
  /** language codes; empty when the follow shows every language */
  languages: string[];
}
export interface AccountRow {
  acct: string;
}
export interface ListRow {
  /** the list's title, exactly as written */
  list: string;
  acct: string;
}
export interface MuteRow {
  acct: string;
  hideNotifications: boolean;
}
export interface DomainBlockRow {
  domain: string;
}
export interface BookmarkRow {
  /** status URI */
  uri: string;
}

export interface CsvRows {
  following: FollowingRow[];
  followers: AccountRow[];
  lists: ListRow[];
  blocks: AccountRow[];
  mutes: MuteRow[];
  domainBlocks: DomainBlockRow[];
  bookmarks: BookmarkRow[];
}

/** A record that was not loaded: its first physical line (1-based) and why. */
export interface CsvProblem {
  line: number;
  reason: string;
}

/** One CSV file, read: its kind, the rows that loaded, and the records that did not. */
export type CsvExport = {
  [K in CsvKind]: {
    kind: K;
    rows: CsvRows[K];
    problems: CsvProblem[];
    /** the path it was read from */
    file: string;
    /** true when the file began with a header row */
    header: boolean;
    /** sentences for the person: guesses made (e.g. blocks vs following), defaults applied */
    notes: string[];
  };
}[CsvKind];

/** The Mastodon import header of each kind; null = Mastodon writes (and reads) that kind without one. */
export const MASTODON_HEADERS: Record<CsvKind, readonly string[] | null> = {
  following: ['Account address', 'Show boosts', 'Notify on new posts', 'Languages'],
  // Mastodon has no followers import; GoToSocial's followers.csv header is the nearest thing.
  followers: ['Account address'],
  lists: null,
  blocks: null,
  mutes: ['Account address', 'Hide notifications'],
  domainBlocks: null,
  bookmarks: null,
};

// A username is anything but whitespace, @, comma and quotes (Misskey and Pleroma allow more than Mastodon's
// [a-z0-9_]); the host is a hostname with an optional port (development servers write one).
const HOST_LABEL = '[\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_-]*[\\p{L}\\p{N}_])?';
const HOSTNAME = new RegExp(`^${HOST_LABEL}(?:\\.${HOST_LABEL})+\\.?$`, 'u');
const ACCT = /^@?([^\s@,"]+)@([^\s@,"/]+)$/u;

/** A domain as domain blocks hold it: a dotted hostname, no scheme, no path. */
export function isHostname(text: string): boolean {
  return text.length <= 253 && HOSTNAME.test(text);
}

/** "user@domain" or "@user@domain" → "user@domain"; anything else → null. */
export function normalizeAcct(text: string): string | null {
  const m = ACCT.exec(text.trim());
  if (!m) return null;
  const [host, port] = m[2]!.split(':') as [string, string | undefined];
  if (!isHostname(host) && host !== 'localhost') return null;
  if (port !== undefined && !/^\d{1,5}$/.test(port)) return null;
  return `${m[1]}@${m[2]}`;
}

/** An absolute http(s) URI (new URL decides, never a prefix test). */
export function isHttpUri(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** "true"/"false" in any case, blank → the fallback; anything else → null. Friendica writes " true". */
export function parseBool(text: string | undefined, fallback: boolean): boolean | null {
  const t = (text ?? '').trim().toLowerCase();
  if (t === '') return fallback;
  if (t === 'true') return true;
  if (t === 'false') return false;
  return null;
}

/** Mastodon joins languages with ", ": split, trim, drop blanks. Null when one is not a language code. */
export function parseLanguages(text: string | undefined): string[] | null {
  const codes = (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return codes.every((c) => /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(c)) ? codes : null;
}

/** The key two rows of one account share: accts compare case-insensitively (Mastodon's own lookups do). */
export const acctKey = (acct: string): string => acct.toLowerCase();
