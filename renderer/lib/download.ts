// Files the viewer hands to the reader (exports, CSVs): saved through a blob: link, and fetched with progress.
import type { ErrorCode, Result } from '../../preload/contract.js';
import { t } from './i18n.js';

/** Offers bytes or text as a download named `fileName` (works the same in browser mode and the desktop app). */
export function saveBlob(doc: Document, parts: BlobPart[], type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Fetches a route of the local server with the page's credentials (the HTTP transport supplies it). */
export type Fetcher = (route: string, params: Record<string, string>, signal: AbortSignal) => Promise<Response>;

/**
 * Counts the records of a JSON Lines or CSV stream as it arrives: a line break ends a record unless it sits inside
 * a quoted CSV field (post text keeps its line breaks). CSV's header line is not a record.
 */
export class RecordCounter {
  records = 0;
  private quoted = false;
  private header: boolean;

  constructor(private readonly csv: boolean) {
    this.header = csv;
  }

  add(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.csv && c === 34) this.quoted = !this.quoted;
      else if (c === 10 && !this.quoted) {
        if (this.header) this.header = false;
        else this.records++;
      }
    }
  }
}

/** The file name of a Content-Disposition header, or `fallback`. */
export function attachmentName(header: string | null, fallback: string): string {
  const m = header ? /filename="([^"]+)"/.exec(header) : null;
  return m?.[1] ?? fallback;
}

/**
 * Reads a streamed export to its end, reporting records as they arrive; resolves with the bytes and file name, or
 * the server's error (a Result JSON body), or an io failure when the stream breaks.
 */
export async function fetchExport(
  fetcher: Fetcher, route: string, params: Record<string, string>, csv: boolean, signal: AbortSignal, onRecords: (n: number) => void,
): Promise<Result<{ parts: Uint8Array<ArrayBuffer>[]; fileName: string; type: string; records: number }>> {
  const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, code, message });
  let response: Response;
  try {
    response = await fetcher(route, params, signal);
  } catch {
    return signal.aborted ? fail('io', t('download.cancelled')) : fail('io', t('download.unreachable'));
  }
  if (!response.ok || !response.body) {
    try {
      return (await response.json()) as Result<never>;
    } catch {
      return fail('internal', t('download.http', { status: String(response.status) }));
    }
  }
  const counter = new RecordCounter(csv);
  const decoder = new TextDecoder();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      counter.add(decoder.decode(value, { stream: true }));
      onRecords(counter.records);
    }
  } catch {
    return fail('io', signal.aborted ? t('download.cancelled') : t('download.stopped'));
  }
  return {
    ok: true,
    value: {
      parts, records: counter.records,
      fileName: attachmentName(response.headers.get('Content-Disposition'), csv ? 'outbox-posts.csv' : 'outbox-posts.jsonl'),
      type: response.headers.get('Content-Type') ?? 'application/octet-stream',
    },
  };
}
