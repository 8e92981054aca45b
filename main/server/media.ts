// GET /media/<archive>/<entry name>: the service's media answer (entry check, Range rule, type) written to HTTP.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Service } from '../engine/service/index.js';
import { drainedOrClosed } from './drain.js';
import { sendText } from './respond.js';

/** Writes the stream's bytes (at most `length`) to res; stops early if res closes; cuts the connection if short. */
async function pipeAll(source: Readable, res: ServerResponse, length: number): Promise<void> {
  let left = length;
  try {
    for await (const data of source) {
      let chunk = data as Buffer;
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

export async function serveMedia(req: IncomingMessage, res: ServerResponse, rawPath: string, service: Service): Promise<void> {
  // The raw request path, never the WHATWG-normalized one (which would fold `..`): the service checks the name.
  const match = /^\/media\/([^/]+)\/(.+)$/.exec(rawPath);
  let archive: string | null = null;
  try {
    archive = match ? decodeURIComponent(match[1]!) : null;
  } catch {
    archive = null;
  }
  const answer = archive === null ? null : await service.media({ archive, path: match![2]!, range: req.headers.range ?? null });
  if (!answer || !answer.ok) return sendText(req, res, 404, 'Not found: this archive has no such media file.');
  const { stream, size, status, range, contentType, inline, length } = answer.value;
  const headers: Record<string, string | number> = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
  if (!inline) headers['Content-Disposition'] = 'attachment';
  if (status === 416) {
    stream.destroy();
    return sendText(req, res, 416, 'Range not satisfiable.', { 'Content-Range': `bytes */${size}` });
  }
  headers['Content-Length'] = length;
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || length === 0) {
    stream.destroy();
    res.end();
    return;
  }
  try {
    await pipeAll(stream, res, length);
  } catch {
    // Headers are gone: the only honest signal left is a broken connection.
    res.destroy();
  }
}
