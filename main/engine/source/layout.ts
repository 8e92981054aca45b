// locateArchive: finds the root (the folder holding outbox.json) and resolves media urls to entry names.
import { basename } from 'node:path';
import { ArchiveError } from '../errors.js';
import { baseName, isMacOsLitter } from './name.js';
import type { Source } from './source.js';

export interface ArchiveLayout {
  /** '' or 'some/sub/folder/' (the folder that holds outbox.json; shallowest wins) */
  root: string;
  /** entry name of outbox.json */
  outbox: string;
  actor: string | null;
  likes: string | null;
  bookmarks: string | null;
  /**
   * Entry name for an attachment/avatar/header url as written in the archive, or null when not in it.
   * Matches by the `media_attachments/…` suffix; else a root-relative name ("avatar.png",
   * "media_attachments/IMG_1.jpeg"); absolute http(s) urls → null unless their path's suffix is present.
   */
  resolve(url: string): string | null;
}

const MEDIA = 'media_attachments/';
/**
 * A root-relative path (one leading `/`, not `//`, which names a host) or a `media_attachments/…` relative one,
 * made only of characters that a URL path keeps as they are (no `%`, `?`, `#`, `\\`, space or non-ASCII).
 */
const PLAIN_PATH = /^(?:\/(?!\/)|media_attachments\/)[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
/** `.` and `..` segments, which the URL parser resolves. */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
/** Parses relative urls without giving them any meaning: only the path is kept. */
const BASE = 'http://archive.invalid/';

export function locateArchive(source: Source): ArchiveLayout {
  const outbox = findOutbox(source);
  const root = outbox.slice(0, outbox.length - 'outbox.json'.length);
  const composed = composedNames(source);
  // An entry name as written, else the same name in composed form (NFC): macOS zips write "é" decomposed (NFD)
  // while the archive's urls have it composed, and the media would show as missing.
  const at = (name: string): string | null =>
    source.entries.has(root + name) ? root + name : (composed?.get((root + name).normalize('NFC')) ?? null);
  const media = mediaMap(source, root);

  // The path of a url the URL parser would leave as written (no %, dot segment, query, fragment or character
  // it escapes): what nearly every attachment url is. A `new URL` per attachment was ~23% of normalizing.
  const lookup = (path: string): string | null => {
    const suffix = mediaSuffix(path);
    const hit = suffix === null ? undefined : media.get(suffix);
    return hit ?? at(path.replace(/^\/+/, ''));
  };

  const resolve = (url: string): string | null => {
    if (typeof url !== 'string' || url === '') return null;
    if (PLAIN_PATH.test(url) && !DOT_SEGMENT.test(url)) return lookup(url.charCodeAt(0) === 0x2f ? url : `/${url}`);
    const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url);
    let parsed: URL;
    try {
      parsed = new URL(url, BASE);
    } catch {
      return null;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    for (const path of new Set([decodePath(parsed.pathname), parsed.pathname])) {
      const suffix = mediaSuffix(path);
      const hit = suffix === null ? undefined : (media.get(suffix) ?? media.get(suffix.normalize('NFC')));
      if (hit) return hit;
      if (!absolute) {
        const name = at(path.replace(/^\/+/, ''));
        if (name) return name;
      }
    }
    return null;
  };

  return { root, outbox, actor: at('actor.json'), likes: at('likes.json'), bookmarks: at('bookmarks.json'), resolve };
}

function findOutbox(source: Source): string {
  let best: string | null = null;
  let bestDepth = Infinity;
  for (const name of source.entries.keys()) {
    if (baseName(name) !== 'outbox.json' || isMacOsLitter(name)) continue;
    const depth = name.split('/').length;
    if (depth < bestDepth || (depth === bestDepth && best !== null && name < best)) {
      best = name;
      bestDepth = depth;
    }
  }
  if (best !== null) return best;
  for (const [name, error] of source.refused ?? []) {
    if (baseName(name) === 'outbox.json' && !isMacOsLitter(name)) throw error;
  }
  const archive = basename(source.location);
  throw new ArchiveError('no-outbox', `${archive} has no outbox.json: it is not a Mastodon archive of your posts, or ` +
    'it was unpacked and packed again without it. Open the archive Mastodon lets you download (Settings ▸ Import ' +
    'and export ▸ Request your archive).', source.location);
}

/** NFC form → entry name, for the entries whose name is not already NFC; null when every name is (nearly always). */
function composedNames(source: Source): Map<string, string> | null {
  let map: Map<string, string> | null = null;
  for (const name of source.entries.keys()) {
    if (/^[\x00-\x7f]*$/.test(name)) continue;
    const nfc = name.normalize('NFC');
    if (nfc !== name && !source.entries.has(nfc)) (map ??= new Map()).set(nfc, name);
  }
  return map;
}

/**
 * `media_attachments/…` suffix → entry name; an entry under the root wins over one elsewhere. A name that is not
 * in composed form (NFC) is also found by its composed form.
 */
function mediaMap(source: Source, root: string): Map<string, string> {
  const map = new Map<string, string>();
  const put = (suffix: string, name: string) => {
    const existing = map.get(suffix);
    if (existing === undefined || (!existing.startsWith(root) && name.startsWith(root))) map.set(suffix, name);
  };
  for (const name of source.entries.keys()) {
    if (isMacOsLitter(name)) continue;
    const suffix = mediaSuffix(name);
    if (suffix === null) continue;
    put(suffix, name);
    if (!/^[\x00-\x7f]*$/.test(suffix)) {
      const nfc = suffix.normalize('NFC');
      if (nfc !== suffix && !map.has(nfc)) put(nfc, name);
    }
  }
  return map;
}

/** From the LAST `media_attachments/` that starts a path segment, or null. */
function mediaSuffix(path: string): string | null {
  let at = path.lastIndexOf(MEDIA);
  while (at > 0 && path[at - 1] !== '/') at = path.lastIndexOf(MEDIA, at - 1);
  return at < 0 || path.length === at + MEDIA.length ? null : path.slice(at);
}

function decodePath(path: string): string {
  return path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }).join('/');
}
