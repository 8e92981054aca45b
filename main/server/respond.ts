// How browser mode answers: the security headers every response carries, JSON bodies and Result statuses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode, ErrorInfo, Result } from '../../preload/contract.js';
import { CSP } from '../../preload/contract.js';

/** Set on every response, whatever its kind (page, script, JSON, media, error). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** The HTTP status a failed Result travels with. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'bad-request': return 400;
    case 'not-found': case 'not-open': return 404;
    default: return 500;
  }
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': bytes.length,
    // Archive data is private: keep it out of every cache.
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** A Result as JSON: 200 when ok, else the status of its error code. */
export function sendResult<T>(req: IncomingMessage, res: ServerResponse, result: Result<T>): void {
  sendJson(req, res, result.ok ? 200 : statusOf(result.code), result);
}

export function sendError(req: IncomingMessage, res: ServerResponse, info: ErrorInfo): void {
  sendJson(req, res, statusOf(info.code), { ok: false, ...info });
}

/** A short plain-text answer for the non-API failures (401, 403, 404 pages, 405). */
export function sendText(req: IncomingMessage, res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  const bytes = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': bytes.length, 'Cache-Control': 'no-store', ...extra });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** A file to save (a CSV written again): attachment, never rendered, never cached. */
export function sendDownload(req: IncomingMessage, res: ServerResponse, fileName: string, type: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': bytes.length,
    'Content-Disposition': `attachment; filename="${safe}"`,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
