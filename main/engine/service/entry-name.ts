// The one check of an entry name asked for from outside (a /media/ path, an outbox-media:// url).

/**
 * The entry name a URI-encoded path segment asks for, or null when it cannot be one. The archive's entry map then
 * decides whether it exists; names that could only mean an escape (absolute, a drive, `..`, `.`, empty segments,
 * backslashes, NUL) are refused here already, before any archive is asked.
 */
export function entryName(encoded: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  if (name === '' || name.startsWith('/') || /[\\\0]/.test(name) || /^[A-Za-z]:/.test(name)) return null;
  if (name.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  return name;
}
