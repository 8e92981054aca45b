// GET /media/<archive>/<entry name>: archive entries the index knows, streamed, with HTTP Range for seeking.
import { SERVABLE_MEDIA_TYPE } from '../../preload/contract.js';
import { drainedOrClosed } from './drain.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Archive } from '../engine/archive.js';
import { sendText } from './respond.js';

/** Types a browser renders as media; anything else is sent as a download so archive files never run as pages. */

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * Splits the raw request path (never the WHATWG-normalized one, which would fold `..`) into the archive id
 * and the entry name. Names that could only be a trick (absolute, `..`, backslashes, NUL) are refused here,
 * before the archive is asked; the archive then answers only for names its index holds.
 */
export function parseMediaPath(rawPath: string): { archive: string; name: string } | null {
  const match = /^\/media\/([^/]+)\/(.+)$/.exec(rawPath);
  if (!match) return null;
  const archive = decode(match[1]!);
  const name = decode(match[2]!);
  if (!archive || !name) return null;
  if (name.startsWith('/') || /[\\\0]/.test(name) || /^[A-Za-z]:/.test(name)) return null;
  if (name.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  return { archive, name };
}

type Range = { start: number; end: number } | 'unsatisfiable' | null;

/** One `bytes=` range (first-last, first-, -suffix). Several ranges → null: we answer with the whole file. */
export function parseRange(header: string | undefined, size: number): Range {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}


/** Writes bytes [start, start+length) of the stream to res, skipping what comes before; stops early if res closes. */
async function pipeSlice(source: Readable, res: ServerResponse, start: number, length: number): Promise<void> {
  let skip = start;
  let left = length;
  try {
    for await (const data of source) {
      let chunk = data as Buffer;
      if (skip > 0) {
        if (chunk.length <= skip) {
          skip -= chunk.length;
          continue;
        }
        chunk = chunk.subarray(skip);
        skip = 0;
      }
      if (chunk.length > left) chunk = chunk.subarray(0, left);
      left -= chunk.length;
      if (!res.write(chunk)) await drainedOrClosed(res);
      if (left === 0 || res.destroyed) break;
    }
  } finally {
    source.destroy();
  }
  // A short entry cannot honour the Content-Length already sent: cut the connection rather than lie.
  if (left > 0) res.destroy();
  else res.end();
}

export async function serveMedia(req: IncomingMessage, res: ServerResponse, rawPath: string, find: (id: string) => Archive | undefined): Promise<void> {
  const parsed = parseMediaPath(rawPath);
  const archive = parsed ? find(parsed.archive) : undefined;
  const media = parsed && archive ? await archive.openMedia(parsed.name) : undefined;
  if (!media) return sendText(req, res, 404, 'Not found: this archive has no such media file.');

  const { stream, size } = media;
  const playable = SERVABLE_MEDIA_TYPE.test(media.mediaType);
  const headers: Record<string, string | number> = {
    'Content-Type': playable ? media.mediaType : 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  };
  if (!playable) headers['Content-Disposition'] = 'attachment';

  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    stream.destroy();
    return sendText(req, res, 416, 'Range not satisfiable.', { 'Content-Range': `bytes */${size}` });
  }
  const start = range ? range.start : 0;
  const length = range ? range.end - range.start + 1 : size;
  headers['Content-Length'] = length;
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || length === 0) {
    stream.destroy();
    res.end();
    return;
  }
  try {
    await pipeSlice(stream, res, start, length);
  } catch {
    // Headers are gone: the only honest signal left is a broken connection.
    res.destroy();
  }
}
