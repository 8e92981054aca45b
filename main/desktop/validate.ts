// Shape checks for the IPC requests only the desktop has (open a path, open a link); the rest reuse main/server/validate.ts.
import { isAbsolute } from 'node:path';
import type { Result } from '../../preload/contract.js';
import { ok } from '../../preload/contract.js';
import { bad, isRecord, onlyKeys } from '../server/validate.js';

const MAX_PATH = 4096;
const MAX_URL = 8192;

/** { path?: absolute path } or { demo: true }: what `open` takes. An omitted path means the demo. */
export function validateOpenRequest(value: unknown): Result<{ path?: string; demo?: boolean }> {
  if (!isRecord(value)) return bad('The open request must be an object.');
  const extra = onlyKeys(value, ['path', 'demo'], 'The open request');
  if (extra) return extra;
  if (value.demo !== undefined && typeof value.demo !== 'boolean') return bad('demo must be true or false.');
  if (value.path === undefined) return ok({ demo: true });
  if (value.demo === true) return bad('Ask for a path or the demo, not both.');
  const path = value.path;
  if (typeof path !== 'string' || path.length === 0 || path.length > MAX_PATH) return bad('path must be a file path.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(path)) return bad('path contains control characters.');
  if (!isAbsolute(path)) return bad('path must be absolute.');
  return ok({ path });
}

/** { url } of at most MAX_URL characters; whether it may open at all is open-external.ts's decision. */
export function validateExternalRequest(value: unknown): Result<{ url: string }> {
  if (!isRecord(value)) return bad('The request must be an object.');
  const extra = onlyKeys(value, ['url'], 'The request');
  if (extra) return extra;
  if (typeof value.url !== 'string' || value.url.length === 0 || value.url.length > MAX_URL) return bad('url must be a link.');
  return ok({ url: value.url });
}

/** current() takes nothing: undefined, or an empty object. */
export function validateNothing(value: unknown): Result<Record<string, never>> {
  if (value === undefined || (isRecord(value) && Object.keys(value).length === 0)) return ok({});
  return bad('This request takes no arguments.');
}
