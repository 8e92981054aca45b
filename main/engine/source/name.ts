// Entry names: turn a container's raw name into a safe, normalized one, or say why it is refused.

export type NameVerdict = { name: string; directory: boolean } | { refused: string };

/**
 * Backslashes become `/` first (Windows zippers write them), then `.` and empty segments go away.
 * `..` segments, drive letters and NUL are refused: they are how zip-slip archives reach outside a folder.
 * A leading `/` is refused in a zip (no real zipper writes one) but stripped in a tar, because Mastodon's
 * tar.gz era wrote media under absolute server paths (`/home/mastodon/live/public/system/…`).
 */
export function normalizeEntryName(raw: string, options: { stripLeadingSlash: boolean }): NameVerdict {
  // Nearly every name is already normal: taken as it is, without splitting and joining (archives list 100k+).
  if (PLAIN_NAME.test(raw) && !DOT_SEGMENT.test(raw) && !DRIVE.test(raw)) {
    const directory = raw.charCodeAt(raw.length - 1) === 0x2f;
    return { name: directory ? raw.slice(0, -1) : raw, directory };
  }
  if (raw.includes('\0')) return { refused: 'its name holds a NUL character' };
  const slashed = raw.replace(/\\/g, '/');
  if (DRIVE.test(slashed)) return { refused: 'its name is an absolute Windows path' };
  if (slashed.startsWith('/') && !options.stripLeadingSlash) return { refused: 'its name is an absolute path' };
  const directory = slashed.endsWith('/');
  const segments: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') return { refused: 'its name climbs out of the archive with “..”' };
    segments.push(segment);
  }
  if (segments.length === 0) {
    // `./` is how `tar czf x.tar.gz .` names the top folder: harmless, and not worth a problem line
    return directory || slashed === '.' ? { name: '', directory: true } : { refused: 'its name is empty' };
  }
  return { name: segments.join('/'), directory };
}

/** Non-empty segments joined by single `/` (one may end the name), no leading `/`, backslash or NUL. */
const PLAIN_NAME = /^[^/\\\0]+(?:\/[^/\\\0]+)*\/?$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
const DRIVE = /^[a-zA-Z]:/;

/** The last path segment of an entry name. */
export function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** True for macOS resource-fork litter that Finder adds when it re-zips a folder. */
export function isMacOsLitter(name: string): boolean {
  return name.startsWith('__MACOSX/') || name.includes('/__MACOSX/') || baseName(name).startsWith('._');
}
