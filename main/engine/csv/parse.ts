// RFC 4180 reading of our own: quoted fields, doubled quotes, CRLF/LF/CR, a BOM, and each record's line number.

/** One record: the physical line it starts on (1-based), its fields, or why it is malformed. */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** set when the record is malformed; its fields are then what could be read and must not be used */
  error?: string;
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * Splits CSV text into records. Blank lines are skipped. A malformed record comes back with `error` and reading
 * carries on; after an unterminated quote (or one that spans lines and then closes mid-field) it resumes on the
 * line after the one where that record began, so one stray quote does not swallow the rows after it.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let at = 0;
  let line = 1;
  while (at < text.length) {
    const read = readRecord(text, at, line);
    at = read.next;
    line = read.line;
    if (read.record) records.push(read.record);
  }
  return records;
}

interface RecordRead {
  record: CsvRecord | null;
  next: number;
  line: number;
}

function readRecord(text: string, start: number, startLine: number): RecordRead {
  const n = text.length;
  const fields: string[] = [];
  let error: string | undefined;
  let i = start;
  let line = startLine;
  for (;;) {
    let field = '';
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      let closed = false;
      let from = i; // copy runs of plain characters in one slice
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          field += text.slice(from, i);
          if (text.charCodeAt(i + 1) === QUOTE) {
            field += '"';
            i += 2;
            from = i;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
        i++;
      }
      // A quote that runs over a line end and then closes in the middle of a later field was never meant to
      // close there: a stray opening quote. Treat it as unterminated rather than swallow the rows it spans.
      const strayed = closed && line > startLine && i < n && !isFieldEnd(text.charCodeAt(i));
      if (!closed || strayed) {
        const next = pastLineEnd(text, start);
        return { record: { line: startLine, fields, error: 'a quoted field is never closed (unterminated quote)' }, next, line: startLine + 1 };
      }
      if (i < n && !isFieldEnd(text.charCodeAt(i))) {
        error ??= 'text follows a closing quote';
        while (i < n && !isFieldEnd(text.charCodeAt(i))) i++;
      }
    } else {
      let k = i;
      while (k < n && !isFieldEnd(text.charCodeAt(k))) k++;
      field = text.slice(i, k);
      if (field.includes('"')) error ??= 'a quote inside an unquoted field';
      i = k;
    }
    fields.push(field);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue; // at the text's end this reads one more, empty, field: "a," has two
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    break;
  }
  const blank = error === undefined && fields.length === 1 && fields[0]!.trim() === '';
  const record: CsvRecord | null = blank ? null : error === undefined ? { line: startLine, fields } : { line: startLine, fields, error };
  return { record, next: i, line };
}

const isFieldEnd = (c: number): boolean => c === COMMA || c === LF || c === CR;

/** Index just past the first line end at or after `from` (CRLF counts once); the text's length when there is none. */
function pastLineEnd(text: string, from: number): number {
  let k = from;
  while (k < text.length && text.charCodeAt(k) !== LF && text.charCodeAt(k) !== CR) k++;
  if (k >= text.length) return text.length;
  return text.charCodeAt(k) === CR && text.charCodeAt(k + 1) === LF ? k + 2 : k + 1;
}

/** Bytes of a CSV file as text: UTF-8, UTF-16 with a BOM (spreadsheets save that), else Latin-1. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}
