// likes/bookmarks grouped by server host; anything that is not a URL goes under "other". Each "scheme://authority"
// is parsed once: the groups must be exactly those of one URL parse per URI.
import { describe, expect, it } from 'vitest';
import { groupByServer } from '../../../main/engine/index/uri-list.js';

const URIS = [
  'https://a.example/x', 'https://A.Example:443/x?y#z', 'http://b.example:8080/p', 'https://c.example', 'https://d.example?q',
  'https://e.example#f', 'https://0x7f.1/x', 'https://user:pw@g.example/x', 'https://exa\tmple.com/x', '  https://h.example/x ',
  'https:i.example/x', 'at://did:plc:abc/app.bsky.feed.post/1', 'not a url', 'https://[::1]/x', 'https://bad host/x',
  'https://xn--nxasmq6b.example/x', 'https://xn--a.example/x', 'HTTPS://J.EXAMPLE/x', 'https://k.example\\path',
  'https://%41.example/x', 'https://l.example:99999/x', 'https://', 'http://', 'https://a.example/second', 'https://a.example?again',
];

function slowly(uris: readonly string[]): Record<string, string[]> {
  const byServer: Record<string, string[]> = {};
  for (const uri of uris) {
    let host = 'other';
    try {
      host = new URL(uri).host || 'other';
    } catch {
      // listed under "other"
    }
    (byServer[host] ??= []).push(uri);
  }
  return byServer;
}

describe('groupByServer', () => {
  it('groups by host (port kept) and keeps order within a host', () => {
    const list = groupByServer([
      'https://a.example/users/x/statuses/1', 'not a url', 'https://b.example:8443/notes/9', 'https://a.example/users/y/statuses/2', '',
    ]);
    expect(list.total).toBe(5);
    expect(list.byServer).toEqual({
      'a.example': ['https://a.example/users/x/statuses/1', 'https://a.example/users/y/statuses/2'],
      'b.example:8443': ['https://b.example:8443/notes/9'],
      other: ['not a url', ''],
    });
  });

  it('groups exactly as one URL parse per URI does, odd URIs included', () => {
    expect(groupByServer(URIS)).toEqual({ byServer: slowly(URIS), total: URIS.length });
    const reversed = [...URIS].reverse();
    expect(groupByServer(reversed).byServer).toEqual(slowly(reversed));
  });
});
