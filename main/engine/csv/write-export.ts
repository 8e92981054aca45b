// toMastodonCsv: rows of one kind written exactly as Mastodon exports (and imports) them (FORMAT.md §1.8).
import { RELATIONSHIP_FILE_NAMES } from '../../../preload/contract.js';
import { csvRecord } from './cell.js';
import { MASTODON_HEADERS, type CsvKind, type CsvRows } from './kinds.js';

/** Mastodon's exports end lines with LF; cells go through the one writer (quoting, formula neutralizing). */
const line = (cells: readonly string[]): string => csvRecord(cells, '\n');

type RowWriter<K extends CsvKind> = (row: CsvRows[K][number]) => string[];

const WRITERS: { [K in CsvKind]: RowWriter<K> } = {
  // Mastodon joins languages with ", " and leaves the cell empty when the follow shows every language.
  following: (r) => [r.acct, String(r.showBoosts), String(r.notify), r.languages.join(', ')],
  followers: (r) => [r.acct],
  lists: (r) => [r.list, r.acct],
  blocks: (r) => [r.acct],
  mutes: (r) => [r.acct, String(r.hideNotifications)],
  domainBlocks: (r) => [r.domain],
  bookmarks: (r) => [r.uri],
};

/**
 * The CSV text Mastodon's import page takes for this kind: its header (following, mutes) or none, LF line ends
 * as Mastodon's export writes them. Followers have no Mastodon import: they are written with GoToSocial's header.
 */
export function toMastodonCsv<K extends CsvKind>(kind: K, rows: CsvRows[K]): string {
  const header = MASTODON_HEADERS[kind];
  const write = WRITERS[kind] as RowWriter<K>;
  let out = header ? line(header) : '';
  for (const row of rows as Array<CsvRows[K][number]>) out += line(write(row));
  return out;
}

/** The file name Mastodon gives each export, for a save dialog's default. */
export const MASTODON_FILE_NAMES: Readonly<Record<CsvKind, string>> = RELATIONSHIP_FILE_NAMES;
