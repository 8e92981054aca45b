// The one CSV cell writer: every CSV Outbox writes (post exports, relationship lists written again) goes through it.

/**
 * Text a spreadsheet would run as a formula (OWASP "CSV Injection"): a cell starting with = + - @, a tab or a
 * carriage return. Archive and CSV text is untrusted, so such a cell gets a leading ' and opens as plain text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell: null → empty; strings as they are, behind a ' when they would start a formula; numbers and booleans as
 * JSON (what we compute, never archive text); arrays and objects as JSON text. Quoted only when it must be
 * (RFC 4180; Ruby's CSV, which Mastodon uses, does the same).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record: cells joined by commas, ended by `eol` (CRLF for our exports, LF where Mastodon writes LF). */
export function csvRecord(cells: readonly unknown[], eol: '\r\n' | '\n' = '\r\n'): string {
  return `${cells.map(csvCell).join(',')}${eol}`;
}
