// Which kind of export a CSV is, by its header and the shape of its rows; the file name only breaks ties.
import type { CsvRecord } from './parse.js';
import { isHostname, isHttpUri, normalizeAcct, type CsvKind } from './kinds.js';

/** Where each column of a headed file is (-1: absent). */
export interface Columns {
  acct: number;
  showBoosts: number;
  notify: number;
  languages: number;
  hideNotifications: number;
}

export interface Detected {
  kind: CsvKind;
  /** the header record, or null for headerless kinds */
  header: CsvRecord | null;
  columns: Columns;
  /** how many fields each row must have */
  width: number;
  notes: string[];
}

/** Column names as Mastodon, GoToSocial and Friendica write them (Friendica puts a space after the comma). */
const HEADER_NAMES: Record<string, keyof Columns> = {
  'account address': 'acct',
  'show boosts': 'showBoosts',
  'notify on new posts': 'notify',
  languages: 'languages',
  'hide notifications': 'hideNotifications',
};

const NO_COLUMNS: Columns = { acct: 0, showBoosts: -1, notify: -1, languages: -1, hideNotifications: -1 };

/** The kind a file's name suggests (Mastodon's, GoToSocial's, Misskey's and Friendica's names), or null. */
export function kindFromName(fileName: string): CsvKind | null {
  const name = fileName.toLowerCase().replace(/^.*[/\\]/, '');
  if (/follower/.test(name)) return 'followers';
  if (/follow|contacts/.test(name)) return 'following';
  if (/mute|muting/.test(name)) return 'mutes';
  if (/domain/.test(name) && /block/.test(name)) return 'domainBlocks';
  if (/block/.test(name)) return 'blocks';
  if (/bookmark/.test(name)) return 'bookmarks';
  if (/list/.test(name)) return 'lists';
  return null;
}

/** True when the first record is a header we know (it starts with "Account address"). */
export function isKnownHeader(record: CsvRecord | undefined): boolean {
  return !!record && !record.error && record.fields[0]?.trim().toLowerCase() === 'account address';
}

type Shape = 'lists' | 'acct' | 'domain' | 'uri' | null;

/** The shape of one headerless record. */
export function shapeOf(record: CsvRecord): Shape {
  if (record.error) return null;
  const f = record.fields;
  if (f.length === 2 && f[0]!.trim() !== '' && normalizeAcct(f[1]!)) return 'lists';
  if (f.length !== 1) return null;
  const v = f[0]!.trim();
  if (normalizeAcct(v)) return 'acct';
  if (isHttpUri(v)) return 'uri';
  if (isHostname(v)) return 'domain';
  return null;
}

/** Accounts-only kinds share one shape (a column of accts); the name decides, else blocks. */
const ACCT_KINDS = new Set<CsvKind>(['following', 'followers', 'blocks', 'mutes']);

/**
 * Detects the kind of a file from its records. Null when nothing in it looks like an export we know.
 * Headerless files are judged by the shape most of their first 50 readable records have.
 */
export function detectKind(records: readonly CsvRecord[], fileName: string): Detected | null {
  const hint = kindFromName(fileName);
  const first = records[0];
  if (isKnownHeader(first)) return fromHeader(first!, hint);
  const votes = new Map<Shape, number>();
  for (const record of records.slice(0, 50)) {
    const shape = shapeOf(record);
    if (shape) votes.set(shape, (votes.get(shape) ?? 0) + 1);
  }
  const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  if (best === null) {
    // an empty export (no blocks, no bookmarks…) is still that export when its name says which
    return records.length === 0 && hint ? headerless(hint, []) : null;
  }
  if (best === 'lists') return headerless('lists', []);
  if (best === 'domain') return headerless('domainBlocks', []);
  if (best === 'uri') return headerless('bookmarks', []);
  if (hint && ACCT_KINDS.has(hint)) {
    const note = hint === 'blocks' ? [] : [`${base(fileName)} has one column of accounts and no header: read as ${label(hint)} because of its name.`];
    return headerless(hint, note);
  }
  return headerless('blocks', [
    `${base(fileName)} has one column of accounts and no header: read as blocked accounts (Mastodon's blocked_accounts.csv). ` +
      'Misskey writes its following list the same way: rename the file to following.csv if that is what it is.',
  ]);
}

function headerless(kind: CsvKind, notes: string[]): Detected {
  return { kind, header: null, columns: NO_COLUMNS, width: kind === 'lists' ? 2 : 1, notes };
}

function fromHeader(header: CsvRecord, hint: CsvKind | null): Detected {
  const columns: Columns = { acct: -1, showBoosts: -1, notify: -1, languages: -1, hideNotifications: -1 };
  header.fields.forEach((name, i) => {
    const key = HEADER_NAMES[name.trim().toLowerCase()];
    if (key && columns[key] < 0) columns[key] = i;
  });
  const notes: string[] = [];
  let kind: CsvKind;
  if (columns.hideNotifications >= 0 && columns.showBoosts < 0) kind = 'mutes';
  else if (columns.showBoosts >= 0 || columns.notify >= 0 || columns.languages >= 0) kind = 'following';
  else if (hint === 'following' || hint === 'blocks' || hint === 'mutes') {
    kind = hint; // "Account address" alone is GoToSocial's followers header, unless the name says otherwise
    notes.push(`The file has only an "Account address" column: read as ${label(hint)} because of its name.`);
  } else kind = 'followers';
  return { kind, header, columns, width: header.fields.length, notes };
}

const base = (path: string): string => path.replace(/^.*[/\\]/, '');

export function label(kind: CsvKind): string {
  return {
    following: 'follows', followers: 'followers', lists: 'lists', blocks: 'blocked accounts', mutes: 'muted accounts',
    domainBlocks: 'blocked domains', bookmarks: 'bookmarks',
  }[kind];
}
