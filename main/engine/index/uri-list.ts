// likes.json / bookmarks.json URIs grouped by server, as the viewer lists them.
import type { UriList } from '../../../preload/contract.js';

/**
 * The host of an http(s) URI, parsed once per distinct "scheme://authority" prefix: for these schemes the host
 * depends on that prefix alone (path, query and fragment never change it or fail the parse), and a list of
 * thousands of likes names a few hundred servers (every warm command groups the bookmarks: one URL parse each
 * was most of it). Anything else is parsed whole, as before.
 */
function hostOf(uri: string, byPrefix: Map<string, string | null>): string | null {
  const parse = (text: string): string | null => {
    try {
      return new URL(text).host;
    } catch {
      return null;
    }
  };
  const from = uri.startsWith('https://') ? 8 : uri.startsWith('http://') ? 7 : -1;
  if (from < 0) return parse(uri);
  let end = from;
  while (end < uri.length) {
    const c = uri.charCodeAt(end);
    if (c === 47 || c === 92 || c === 63 || c === 35) break; // / \ ? #
    end++;
  }
  const prefix = uri.slice(0, end);
  let host = byPrefix.get(prefix);
  if (host === undefined) {
    host = parse(prefix);
    byPrefix.set(prefix, host);
  }
  // A prefix that does not parse alone is left to the whole URI's own parse.
  return host ?? parse(uri);
}

export function groupByServer(uris: readonly string[]): UriList {
  const byServer: Record<string, string[]> = {};
  const byPrefix = new Map<string, string | null>();
  for (const uri of uris) {
    const host = hostOf(uri, byPrefix) || 'other'; // not a URL: listed under "other"
    (byServer[host] ??= []).push(uri);
  }
  return { byServer, total: uris.length };
}
