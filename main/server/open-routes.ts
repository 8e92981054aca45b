// Browser mode's open flow over HTTP: POST /api/open (a path or the demo), POST /api/upload (the file itself), GET
// /api/recent. The opening itself is the Opener's (serve's); these routes only check and translate.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ArchiveInfo, OpenRequest, RecentArchive, Result } from '../../preload/contract.js';
import { Routes } from '../../preload/contract.js';
import type { AuthMethod } from './auth.js';
import { sendResult, sendText } from './respond.js';

export interface Opener {
  /** Opens a path on this computer, or the demo, in place of what is open. */
  open(request: OpenRequest): Promise<Result<ArchiveInfo>>;
  /** Saves the request body as `name` in the cache folder, then opens it. */
  upload(req: IncomingMessage, name: string): Promise<Result<ArchiveInfo>>;
  recent(): RecentArchive[];
}

const OPEN_ROUTES: readonly string[] = [Routes.open, Routes.upload, Routes.recent];
const MAX_OPEN_BODY = 64 * 1024;

export const isOpenRoute = (rawPath: string): boolean => OPEN_ROUTES.includes(rawPath);

const bad = (message: string): Result<never> => ({ ok: false, code: 'bad-request', message });

async function readSmallBody(req: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_OPEN_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function validateOpenRequest(value: unknown): Result<OpenRequest> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return bad('The open request must be a JSON object.');
  const { path, demo, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length) return bad(`Unknown field "${Object.keys(rest)[0]!.slice(0, 40)}" in the open request.`);
  if (demo === true && path === undefined) return { ok: true, value: { demo: true } };
  if (typeof path !== 'string' || path.trim() === '' || path.length > 4096 || path.includes('\0')) {
    return bad('Give the path of an archive (.zip, .tar.gz or an unpacked folder) on this computer.');
  }
  return { ok: true, value: { path: path.trim() } };
}

/**
 * Answers one of the open routes. The two POSTs change what the server shows, so besides the token they need to
 * come from our own page: a present Origin must be ours (a cross-site form cannot set the JSON type or the token).
 */
export async function handleOpenRoute(
  req: IncomingMessage, res: ServerResponse, rawPath: string, url: URL, opener: Opener, origin: string, auth: AuthMethod,
): Promise<void> {
  if (rawPath === Routes.recent) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(req, res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    return sendResult(req, res, { ok: true, value: opener.recent() });
  }
  if (req.method !== 'POST') return sendText(req, res, 405, 'Method not allowed.', { Allow: 'POST' });
  const from = req.headers.origin;
  if ((from !== undefined && from !== origin) || auth === 'query') return sendText(req, res, 403, 'Forbidden: open archives from the Outbox page itself.');
  if (rawPath === Routes.open) {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendResult(req, res, bad('POST /api/open takes JSON.'));
    const body = await readSmallBody(req);
    if (body === null) return sendResult(req, res, bad('The open request is too large.'));
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendResult(req, res, bad('The open request is not JSON.'));
    }
    const request = validateOpenRequest(json);
    return sendResult(req, res, request.ok ? await opener.open(request.value) : request);
  }
  const name = url.searchParams.get('name') ?? '';
  if (!name || name.length > 255) return sendResult(req, res, bad('Name the uploaded file: ?name=<file name> (at most 255 characters).'));
  return sendResult(req, res, await opener.upload(req, name));
}
