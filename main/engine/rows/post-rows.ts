// Posts as export lines: a JSON Lines line or a CSV row of EXPORT_FIELDS (`outbox export`, GET /api/export, IPC alike).
import type { Post } from '../../../preload/contract.js';
import { csvRecord } from '../csv/cell.js';
import { EXPORT_FIELDS, exportRow, type ExportRow } from './export-schema.js';

export type RowFormat = 'jsonl' | 'csv';

export const csvHeader = (): string => csvRecord(EXPORT_FIELDS.map((f) => f.name));

export const csvRow = (row: ExportRow): string => csvRecord(EXPORT_FIELDS.map((f) => row[f.name]));

/** What a file of that format starts with: the CSV header row, nothing for JSON Lines. */
export const rowsHeader = (format: RowFormat): string => (format === 'csv' ? csvHeader() : '');

/** One post as one line of that format; `account` is the "@user@server" whose export holds this copy. */
export function rowLine(format: RowFormat, post: Post, account: string): string {
  const row = exportRow(post, account);
  return format === 'csv' ? csvRow(row) : `${JSON.stringify(row)}\n`;
}
