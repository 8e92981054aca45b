// likes.json / bookmarks.json URIs grouped by server, as the viewer lists them.
import type { UriList } from '../../../preload/contract.js';

export function groupByServer(uris: readonly string[]): UriList {
  const byServer: Record<string, string[]> = {};
  for (const uri of uris) {
    let host = 'other';
    try {
      host = new URL(uri).host || 'other';
    } catch {
      // not a URL: listed under "other"
    }
    (byServer[host] ??= []).push(uri);
  }
  return { byServer, total: uris.length };
}
