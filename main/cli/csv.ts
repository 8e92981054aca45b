// RFC 4180 writing: one record per line, CRLF, fields quoted only when they must be.
import { EXPORT_FIELDS, type ExportRow } from '../engine/rows/export-schema.js';

/** A cell: null → empty, strings as they are, booleans/numbers as JSON, arrays and objects as JSON text. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const csvHeader = (): string => csvRecord(EXPORT_FIELDS.map((f) => f.name));

export const csvRow = (row: ExportRow): string => csvRecord(EXPORT_FIELDS.map((f) => row[f.name]));
