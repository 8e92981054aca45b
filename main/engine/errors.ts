// ArchiveError: the one error type the engine throws for problems with a user's archive.
import type { ErrorCode, ErrorInfo } from '../../preload/contract.js';

/**
 * Thrown inside the engine, turned into a Result ({ ok: false, code, message, file }) at every edge.
 * The message is for the user: what happened, to which file, what they can do.
 */
export class ArchiveError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;

  constructor(code: ErrorCode, message: string, file?: string) {
    super(message);
    this.name = 'ArchiveError';
    this.code = code;
    this.file = file;
  }

  toInfo(): ErrorInfo {
    return this.file === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, file: this.file };
  }
}

/** Any thrown value as ErrorInfo; unknown errors become 'internal' with their message. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof ArchiveError) return error.toInfo();
  const e = error as { code?: string; message?: string; path?: string };
  if (e && e.code === 'ENOENT') return { code: 'not-found', message: `No such file or folder: ${e.path ?? ''}`.trim() };
  if (e && (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EISDIR' || e.code === 'EIO')) {
    return { code: 'io', message: `The system refused to read ${e.path ?? 'a file'} (${e.code}).` };
  }
  return { code: 'internal', message: e?.message ? String(e.message) : String(error) };
}
