// Pixelfed's follow lists (pixelfed-following.json / pixelfed-followers.json, JSON arrays of profile addresses):
// read into People as Mastodon's follows and followers CSVs are, given or found beside the statuses export.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeProfileList, profileListFromText } from '../../../main/engine/csv/profile-lists.js';
import { findCsvBeside, isCsvExportFile, readCsvExport } from '../../../main/engine/csv/read-export.js';
import { ArchiveError } from '../../../main/engine/errors.js';
import { openLibrary, splitLibraryPaths } from '../../../main/engine/library/library.js';
import { SAMPLES } from '../../samples.js';

const STATUSES = join(SAMPLES, 'other', 'pixelfed', 'constructed-pixelfed-statuses.json');
let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'outbox-pixelfed-lists-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FOLLOWING = ['https://pixelfed.social/alice', 'https://mastodon.example/@bob', 'https://mastodon.example/users/carol',
  'https://pixelfed.social/alice'];
const FOLLOWERS = ['https://pixelfed.social/dora', 'https://photos.example/users/%C3%A9mile'];

describe('profileListFromText', () => {
  it('names each account from its address; the file name says which list', () => {
    const following = profileListFromText(JSON.stringify(FOLLOWING), '/x/pixelfed-following.json');
    expect(following.kind).toBe('following');
    // The repeated address counts once.
    expect(following.rows).toEqual([
      { acct: 'alice@pixelfed.social', showBoosts: true, notify: false, languages: [] },
      { acct: 'bob@mastodon.example', showBoosts: true, notify: false, languages: [] },
      { acct: 'carol@mastodon.example', showBoosts: true, notify: false, languages: [] },
    ]);
    expect(following.notes[0]).toMatch(/read as accounts followed because of the file's name/);
    const followers = profileListFromText(JSON.stringify(FOLLOWERS), 'followers.json'); // the names before 2025
    expect(followers).toMatchObject({ kind: 'followers', rows: [{ acct: 'dora@pixelfed.social' }, { acct: 'émile@photos.example' }], problems: [] });
  });

  it('hostile items are left out with their place; a list whose name says neither is refused, naming the file', () => {
    const read = profileListFromText(JSON.stringify(['https://ok.example/zoe', 42, null, 'javascript:alert(1)', 'https://host.example/',
      'x'.repeat(10_000), { url: 'https://a.example/b' }, '@yan@elsewhere.example']), 'pixelfed-followers.json');
    expect(read.rows).toEqual([{ acct: 'zoe@ok.example' }, { acct: 'yan@elsewhere.example' }]);
    expect(read.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(read.notes[1]).toBe('6 items of pixelfed-followers.json could not be read and were left out.');
    expect(() => profileListFromText('["https://a.example/b"]', 'accounts.json')).toThrow(/accounts\.json is a list of accounts, but nothing in it says/);
    expect(() => profileListFromText('["https://a.example/b"', 'pixelfed-following.json')).toThrow(ArchiveError);
  });

  it('is recognised by content: a list of addresses, never a list of objects (statuses, notes); [] only with a name', () => {
    expect(looksLikeProfileList('["https://pixelfed.social/alice"]', 'anything.json')).toBe(true);
    expect(looksLikeProfileList('\uFEFF [ "@a@b.example" ]', 'x')).toBe(true);
    expect(looksLikeProfileList('[{"_v":1,"id":"1"}]', 'pixelfed-following.json')).toBe(false);
    expect(looksLikeProfileList('[]', 'notes-2024.json')).toBe(false);
    expect(looksLikeProfileList('[]', 'pixelfed-followers.json')).toBe(true);
    expect(looksLikeProfileList('[1, 2]', 'following.json')).toBe(false);
  });
});

describe('beside a Pixelfed export, and given', () => {
  it('a folder with the statuses and both lists: People has the follows and followers', async () => {
    const dir = join(tmp, 'export');
    mkdirSync(dir);
    copyFileSync(STATUSES, join(dir, 'pixelfed-statuses.json'));
    writeFileSync(join(dir, 'pixelfed-following.json'), JSON.stringify(FOLLOWING));
    writeFileSync(join(dir, 'pixelfed-followers (1).json'), JSON.stringify(FOLLOWERS));
    writeFileSync(join(dir, 'unrelated.json'), JSON.stringify(FOLLOWING)); // not a Pixelfed name: not looked for beside
    expect((await findCsvBeside(join(dir, 'pixelfed-statuses.json'))).map((p) => p.slice(dir.length + 1)))
      .toEqual(['pixelfed-followers (1).json', 'pixelfed-following.json']);
    const library = await openLibrary([join(dir, 'pixelfed-statuses.json')], { cacheDir: null, csvBeside: true });
    try {
      const { relationships, accounts } = library.summary();
      expect(accounts[0]!.source).toBe('pixelfed');
      expect(relationships.following).toEqual(['alice@pixelfed.social', 'bob@mastodon.example', 'carol@mastodon.example']);
      expect(relationships.followers).toEqual(['dora@pixelfed.social', 'émile@photos.example']);
    } finally {
      await library.close();
    }
  });

  it('given on the command line: told from the statuses by content, read like a CSV', async () => {
    const dir = join(tmp, 'given');
    mkdirSync(dir);
    copyFileSync(STATUSES, join(dir, 'pixelfed-statuses.json'));
    const list = join(dir, 'pixelfed-following.json');
    writeFileSync(list, JSON.stringify(FOLLOWING));
    const empty = join(dir, 'pixelfed-followers.json');
    writeFileSync(empty, '[]');
    expect(await isCsvExportFile(join(dir, 'pixelfed-statuses.json'))).toBe(false);
    expect(await splitLibraryPaths([join(dir, 'pixelfed-statuses.json'), list, empty]))
      .toEqual({ archives: [join(dir, 'pixelfed-statuses.json')], csvs: [list, empty] });
    expect(await readCsvExport(empty)).toMatchObject({ kind: 'followers', rows: [] });
    const library = await openLibrary([join(dir, 'pixelfed-statuses.json'), list, empty], { cacheDir: null });
    try {
      expect(library.summary().relationships.following).toHaveLength(3);
    } finally {
      await library.close();
    }
  });
});
