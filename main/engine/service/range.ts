// The one HTTP Range rule, for browser mode's /media and the desktop's outbox-media:// alike.

/** Inclusive byte offsets inside one entry (a Range already checked against the size). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The part of an entry a Range header asks for: one range, "bytes=a-b", "bytes=a-" or "bytes=-n". Null means the
 * whole entry: no header, or one RFC 9110 §14.2 lets us ignore (several ranges, a malformed one, and "bytes=5-3",
 * whose last byte comes before its first, which is invalid rather than unsatisfiable). 'unsatisfiable' (416) only
 * when a valid range starts at or past the end, or asks for the last 0 bytes.
 */
export function parseRange(header: string | null | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  const m = typeof header === 'string' ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}
