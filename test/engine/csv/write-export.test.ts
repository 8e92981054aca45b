// toMastodonCsv: Mastodon's import format per kind, byte-exact against the real export, and round trips.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_KINDS, type CsvKind, type CsvRows } from '../../../main/engine/csv/kinds.js';
import { csvExportFromText, readCsvExport } from '../../../main/engine/csv/read-export.js';
import { MASTODON_FILE_NAMES, toMastodonCsv } from '../../../main/engine/csv/write-export.js';

import { SAMPLES } from '../../samples.js';
const SAMPLE = join(SAMPLES, 'csv/following_accounts.csv');

const ROWS: CsvRows = {
  following: [
    { acct: 'alice@example.social', showBoosts: true, notify: false, languages: ['en', 'de'] },
    { acct: 'bob@other.example', showBoosts: false, notify: true, languages: [] },
    { acct: 'cy@x.example', showBoosts: true, notify: true, languages: ['ja'] },
  ],
  followers: [{ acct: 'f1@gts.example' }, { acct: 'f2@gts.example' }],
  lists: [
    { list: 'Friends', acct: 'a@x.social' },
    { list: 'Work, "mostly"', acct: 'b@y.social' },
  ],
  blocks: [{ acct: 'spam@bad.example' }, { acct: 'troll@worse.example' }],
  mutes: [{ acct: 'loud@a.example', hideNotifications: true }, { acct: 'quiet@b.example', hideNotifications: false }],
  domainBlocks: [{ domain: 'bad.example' }, { domain: 'sub.worse.example' }],
  bookmarks: [{ uri: 'https://a.example/users/x/statuses/1' }, { uri: 'https://b.example/notes/9?x=1,2' }],
};

describe('toMastodonCsv', () => {
  it('writes each kind in Mastodon\'s export format', () => {
    expect(toMastodonCsv('following', ROWS.following)).toBe(
      'Account address,Show boosts,Notify on new posts,Languages\n' +
        'alice@example.social,true,false,"en, de"\nbob@other.example,false,true,\ncy@x.example,true,true,ja\n',
    );
    expect(toMastodonCsv('mutes', ROWS.mutes)).toBe('Account address,Hide notifications\nloud@a.example,true\nquiet@b.example,false\n');
    expect(toMastodonCsv('lists', ROWS.lists)).toBe('Friends,a@x.social\n"Work, ""mostly""",b@y.social\n');
    expect(toMastodonCsv('blocks', ROWS.blocks)).toBe('spam@bad.example\ntroll@worse.example\n');
    expect(toMastodonCsv('domainBlocks', ROWS.domainBlocks)).toBe('bad.example\nsub.worse.example\n');
    expect(toMastodonCsv('bookmarks', ROWS.bookmarks)).toBe('https://a.example/users/x/statuses/1\n"https://b.example/notes/9?x=1,2"\n');
    expect(toMastodonCsv('followers', ROWS.followers)).toBe('Account address\nf1@gts.example\nf2@gts.example\n');
  });

  it('reproduces the real following_accounts.csv byte for byte', async () => {
    const e = await readCsvExport(SAMPLE);
    expect(e.kind).toBe('following');
    expect(toMastodonCsv(e.kind, e.rows as CsvRows['following'])).toBe(readFileSync(SAMPLE, 'utf8'));
  });

  it.each(CSV_KINDS)('round-trips %s through its Mastodon file name', (kind: CsvKind) => {
    const text = toMastodonCsv(kind, ROWS[kind]);
    const back = csvExportFromText(text, MASTODON_FILE_NAMES[kind]);
    expect(back.kind).toBe(kind);
    expect(back.rows).toEqual(ROWS[kind]);
    expect(back.problems).toEqual([]);
  });
});
