// Records of a detected kind → typed rows; a record that does not fit is a problem with its line, never fatal.
import type { Detected } from './detect.js';
import {
  isHostname, isHttpUri, normalizeAcct, parseBool, parseLanguages, type CsvProblem, type CsvRows, type CsvKind,
} from './kinds.js';
import type { CsvRecord } from './parse.js';

/** A record that could not become a row: the reason, for its line. */
class RowProblem extends Error {}

/** Longest part of a field a problem quotes: a 1 MB field is not repeated in every message about it. */
export const QUOTE_MAX = 60;

/** A field as a problem quotes it: trimmed, cut to QUOTE_MAX characters with "…", in double quotes. */
export function quoteField(text: string | undefined): string {
  const value = (text ?? '').trim();
  return `"${value.length > QUOTE_MAX ? `${value.slice(0, QUOTE_MAX)}…` : value}"`;
}

const need = <T>(value: T | null, reason: string): T => {
  if (value === null) throw new RowProblem(reason);
  return value;
};

const acctIn = (text: string | undefined): string =>
  need(normalizeAcct(text ?? ''), `${quoteField(text)} is not an account address like user@example.social`);

const boolIn = (text: string | undefined, column: string, fallback: boolean): boolean =>
  need(parseBool(text, fallback), `${column} is ${quoteField(text)}, not true or false`);

type RowReader<K extends CsvKind> = (fields: string[], d: Detected) => CsvRows[K][number];

const READERS: { [K in CsvKind]: RowReader<K> } = {
  following: (f, d) => {
    const c = d.columns;
    return {
      acct: acctIn(f[c.acct]),
      // Mastodon's import treats a missing column as the default of its follow dialog
      showBoosts: c.showBoosts < 0 ? true : boolIn(f[c.showBoosts], 'Show boosts', true),
      notify: c.notify < 0 ? false : boolIn(f[c.notify], 'Notify on new posts', false),
      languages: c.languages < 0 ? [] : need(parseLanguages(f[c.languages]), `Languages ${quoteField(f[c.languages])} is not a list of language codes`),
    };
  },
  followers: (f, d) => ({ acct: acctIn(f[d.columns.acct]) }),
  lists: (f) => {
    if (f[0]!.trim() === '') throw new RowProblem('the list title is empty');
    return { list: f[0]!, acct: acctIn(f[1]) };
  },
  blocks: (f, d) => ({ acct: acctIn(f[d.columns.acct]) }),
  mutes: (f, d) => ({
    acct: acctIn(f[d.columns.acct]),
    hideNotifications: d.columns.hideNotifications < 0 ? true : boolIn(f[d.columns.hideNotifications], 'Hide notifications', true),
  }),
  domainBlocks: (f) => {
    const domain = f[0]!.trim();
    if (!isHostname(domain)) throw new RowProblem(`${quoteField(domain)} is not a domain like example.social`);
    return { domain };
  },
  bookmarks: (f) => {
    const uri = f[0]!.trim();
    if (!isHttpUri(uri)) throw new RowProblem(`${quoteField(uri)} is not an http(s) address of a post`);
    return { uri };
  },
};

/** Every record after the header as a row of the detected kind; the rest as problems, in line order. */
export function readRows<K extends CsvKind>(records: readonly CsvRecord[], detected: Detected & { kind: K }): { rows: CsvRows[K]; problems: CsvProblem[] } {
  const read = READERS[detected.kind] as RowReader<K>;
  const rows: Array<CsvRows[K][number]> = [];
  const problems: CsvProblem[] = [];
  for (const record of records) {
    if (record === detected.header) continue;
    if (record.error) {
      problems.push({ line: record.line, reason: record.error });
      continue;
    }
    if (record.fields.length !== detected.width) {
      const n = record.fields.length;
      problems.push({ line: record.line, reason: `${n} column${n === 1 ? '' : 's'} where this file has ${detected.width}` });
      continue;
    }
    try {
      rows.push(read(record.fields, detected));
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      problems.push({ line: record.line, reason: error.message });
    }
  }
  return { rows: rows as CsvRows[K], problems };
}
