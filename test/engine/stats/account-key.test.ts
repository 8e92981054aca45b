// accountKey: every URI with a key gets the key's server and account, so a tally may parse each key once.
import { describe, expect, it } from 'vitest';
import { accountKey, serverAndAccountOf } from '../../../main/engine/stats/accounts.js';
import { StatsCounter } from '../../../main/engine/stats/stats.js';
import { makePost } from '../../fixtures/make-post.js';

const uris = [
  'https://mas.to/users/bob/statuses/1', 'https://mas.to/users/bob/statuses/2', 'https://mas.to/@bob/3', 'https://mas.to/@bob',
  'https://pix.example/p/carol/99', 'https://lemmy.example/u/dave', 'https://friend.example/profile/erin/x/y',
  'https://misskey.example/users/9x8y7z', 'https://misskey.example/users/123456/statuses/7',
  'https://ap.example/ap/users/1234/statuses/5', 'https://ap.example/ap/users/abc', 'https://h.example:443/users/a/statuses/1',
  'http://h.example:8080/users/a.b/statuses/1', 'https://h.example/objects/5f0e-uuid', 'https://h.example',
  // None of these has a key (a parser rewrites them, or they are not plain): each is parsed as it is.
  'https://H.example/users/a/statuses/1', 'https://h.example/users/a/../b/statuses/1', 'https://h.example/users/%40a/statuses/1',
  'https://h.example/users/a/statuses/1?x=1', 'https://h.example/users/a/statuses/1#f', 'https://h.example\\users\\a',
  'https://h.example/./users/a', 'https://h.example/users//a', 'ftp://h.example/users/a', 'not a uri', 'https://bücher.example/users/a', 'https://h.example/',
];

describe('accountKey', () => {
  it('gives a key only where the key has the URI\'s own server and account', () => {
    let keyed = 0;
    for (const uri of uris) {
      const key = accountKey(uri);
      if (key === null) continue;
      keyed++;
      expect([uri, serverAndAccountOf(key)]).toEqual([uri, serverAndAccountOf(uri)]);
      expect(uri.startsWith(key)).toBe(true);
    }
    expect(keyed).toBe(15);
    expect(accountKey('https://mas.to/users/bob/statuses/1')).toBe('https://mas.to/users/bob/statuses');
    expect(accountKey('https://h.example/users/a/../b/statuses/1')).toBeNull();
  });

  it('leaves the stats tally as it was: boosted servers and accounts counted per boost', () => {
    const counter = new StatsCounter();
    uris.forEach((uri, i) => counter.add(makePost(i, { type: 'boost', boostOf: uri })));
    const tally = counter.tally();
    const servers = new Map<string, number>();
    const accounts = new Map<string, number>();
    for (const uri of uris) {
      const { server, account } = serverAndAccountOf(uri);
      if (server) servers.set(server, (servers.get(server) ?? 0) + 1);
      if (account) accounts.set(account, (accounts.get(account) ?? 0) + 1);
    }
    expect(tally.boosts).toBe(uris.length);
    expect(tally.boostedServers).toEqual([...servers]);
    expect(tally.boostedAccounts).toEqual([...accounts]);
  });
});
