// openLibrary end to end: a moved account's three exports plus CSVs → moves, one copy per post, exact merged counts.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../main/engine/archive.js';
import { openLibrary, type Library } from '../../../main/engine/library/library.js';
import { openArchive } from '../../../main/engine/open.js';
import { IDS, L, NEW_URI, OLD_URI, P3_URI, P7_URI, writeMovedExports, writeTwinExports, type MovedExports } from './moved-account.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-library-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const NO_CACHE = { cacheDir: null };

let paths: MovedExports;
const csv = (name: string, text: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  paths = await writeMovedExports(tmp);
});

describe('a moved account: two overlapping exports of the old account and one of the new', () => {
  let library: Library;
  let single: Archive[] = [];

  beforeAll(async () => {
    const following = csv('following_accounts.csv', 'Account address,Show boosts,Notify on new posts,Languages\nkit@else.example,true,false,"en, de"\nfox@else.example,false,true,\n');
    const lists = csv('lists.csv', 'Garden,kit@else.example\n"Work, mostly",fox@else.example\nGarden,fox@else.example\n');
    const bookmarks = csv('bookmarks.csv', `${L(13)}\n${L(14)}\nnot a uri\n`);
    library = await openLibrary([paths.oldEarly, paths.oldLate, paths.newer, following, lists, bookmarks], NO_CACHE);
    single = [];
    for (const p of [paths.oldEarly, paths.oldLate, paths.newer]) single.push(await openArchive(p, NO_CACHE));
  });
  afterAll(async () => {
    await library?.close();
    for (const a of single) await a.close();
  });

  const idOf = (i: number) => library.archives[i]!.info.id;

  it('finds the move once, old → new, with the accounts\' dates', () => {
    expect(library.moves).toEqual([{
      from: OLD_URI, to: NEW_URI, date: '2023-07-07T09:00:00Z',
      fromDates: { first: '2022-01-10T09:00:00Z', last: '2023-07-07T09:00:00Z' },
      toDates: { first: '2023-08-08T09:00:00Z', last: '2024-05-05T09:00:00Z' },
    }]);
    expect(library.notes).toContain('@wren@old.example moved to @wren@new.example: their posts are shown as one timeline.');
    expect(library.notes).toContain('6 posts are in more than one export: each is shown once, as the newest export has it.');
  });

  it('ranks the exports newest first by their newest item', () => {
    expect(library.precedence).toEqual([idOf(2), idOf(1), idOf(0)]);
  });

  it('shows every post once, oldest first, tagged with its archive, and the newer export\'s edit', () => {
    const all = [...library.posts()];
    const ids = all.map((p) => p.post.id);
    expect(new Set(ids).size).toBe(12);
    expect(all).toHaveLength(12);
    const times = all.map((p) => Date.parse(p.post.published));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const p3 = all.find((p) => p.post.id === P3_URI)!;
    expect(p3.post.text).toContain('Edited wording');
    expect(p3.post.updated).toBe('2023-06-15T10:00:00Z');
    expect(p3.archive).toBe(idOf(1));
    expect(all.filter((p) => p.archive === idOf(0))).toEqual([]);
    expect(all.filter((p) => p.archive === idOf(1))).toHaveLength(8);
    expect(all.filter((p) => p.archive === idOf(2)).map((p) => p.post.id)).toEqual([
      `${NEW_URI}/statuses/${IDS.n1}`, `${NEW_URI}/statuses/${IDS.n2}`, `${NEW_URI}/statuses/${IDS.b2}/activity`, `${NEW_URI}/statuses/${IDS.n3}`,
    ]);
    expect(library.post(P3_URI)).toMatchObject({ archive: idOf(1), post: { updated: '2023-06-15T10:00:00Z' } });
  });

  it('filters and searches across the merged set, never finding the older copy', () => {
    expect([...library.posts({ q: 'original' })]).toEqual([]);
    expect([...library.posts({ q: 'edited' })].map((p) => p.post.id)).toEqual([P3_URI]);
    expect([...library.posts({ hashtag: 'garden' })].map((p) => p.archive)).toEqual([idOf(1), idOf(1), idOf(2)]);
    expect([...library.posts({ kinds: ['boost'] })]).toHaveLength(2);
    const garden = library.search('garden', 10);
    expect(garden.total).toBe(3);
    expect(garden.results.map((r) => r.archive).sort()).toEqual([idOf(1), idOf(1), idOf(2)].sort());
    expect(library.search('original', 10)).toMatchObject({ total: 0, results: [] });
    expect(library.search('tomatoes', 10)).toMatchObject({ total: 1, results: [{ id: P3_URI, archive: idOf(1) }] });
    expect(library.search('garden', 2).results).toHaveLength(2);
  });

  it('summarizes the merged, de-duplicated set exactly, with each account, the relationships and the move', () => {
    const s = library.summary();
    expect(s.counts).toEqual({
      items: 12, posts: 10, boosts: 2, replies: 2,
      selfReplies: 2, // the new account's reply to the old account's last post counts once both are open
      polls: 1, withMedia: 0, cw: 1, edited: 1, quotes: 0,
      likes: 4, // L1, L2 (both old exports), L3, L4
      bookmarks: 4, // L11, L12, L13 from the archives; L14 only in bookmarks.csv
      skipped: 0,
    });
    expect(s.visibility).toEqual({ public: 7, unlisted: 1, private: 1, direct: 1 });
    expect(s.languages).toEqual({ en: 9, de: 1 });
    expect(s.hashtags).toEqual({ garden: 3 });
    expect(s.dates).toEqual({ first: '2022-01-10T09:00:00Z', last: '2024-05-05T09:00:00Z' });
    expect(s.format).toBe('zip');
    expect(s.profile).toEqual({ username: 'wren', displayName: 'Wren (new home)', movedTo: null, alsoKnownAs: [OLD_URI], fields: 0 });
    expect(s.accounts).toEqual(single.map((a) => a.summary()));
    expect(s.accounts.map((a) => a.counts.selfReplies)).toEqual([1, 1, 0]);
    expect(s.moves).toEqual([{ from: OLD_URI, to: NEW_URI }]);
    expect(s.relationships).toEqual({
      following: ['kit@else.example', 'fox@else.example'],
      followers: [],
      lists: { Garden: ['kit@else.example', 'fox@else.example'], 'Work, mostly': ['fox@else.example'] },
      blocks: [], mutes: [], domainBlocks: [],
      bookmarks: [L(13), L(14), L(11), L(12)],
    });
    expect(library.problems).toEqual([{ file: join(tmp, 'bookmarks.csv'), line: 3, reason: '"not a uri" is not an http(s) address of a post' }]);
    expect(library.relationships.following[0]).toEqual({ acct: 'kit@else.example', showBoosts: true, notify: false, languages: ['en', 'de'] });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('links accounts by alsoKnownAs alone (an export from before the move has no movedTo)', async () => {
    const two = await openLibrary([paths.oldEarly, paths.newer], NO_CACHE);
    try {
      expect(two.moves.map((m) => [m.from, m.to])).toEqual([[OLD_URI, NEW_URI]]);
      expect(two.summary().counts.selfReplies).toBe(1); // P7 is not in the early export
    } finally {
      await two.close();
    }
  });

  it('the same archive given twice is opened once', async () => {
    const twice = await openLibrary([paths.oldLate, paths.oldLate], NO_CACHE);
    try {
      expect(twice.archives).toHaveLength(1);
      expect(twice.summary().counts.items).toBe(8);
    } finally {
      await twice.close();
    }
  });
});

describe('one archive and no CSV', () => {
  it.each(['cold', 'warm'])('the summary keys equal the archive\'s own summary exactly (%s)', async (mode) => {
    const cacheDir = join(tmp, 'cache-single');
    const open = mode === 'cold' ? NO_CACHE : { cacheDir };
    if (mode === 'warm') await (await openArchive(paths.oldLate, { cacheDir })).close();
    const archive = await openArchive(paths.oldLate, open);
    const library = await openLibrary([paths.oldLate], open);
    try {
      if (mode === 'warm') expect(library.archives[0]!.info.fromCache).toBe(true);
      const { accounts, relationships, moves, warnings, ...keys } = library.summary();
      expect(warnings).toEqual(archive.info.warnings);
      expect(JSON.stringify(keys)).toBe(JSON.stringify(archive.summary()));
      expect(accounts).toEqual([archive.summary()]);
      expect(moves).toEqual([]);
      expect(relationships).toEqual({ following: [], followers: [], lists: {}, blocks: [], mutes: [], domainBlocks: [], bookmarks: [L(11), L(12)] });
      expect([...library.posts()].map((p) => p.post)).toEqual([...archive.posts()]);
      const { tookMs: _a, ...mine } = library.search('garden', 5);
      const { tookMs: _b, ...theirs } = archive.search('garden', 5);
      expect({ ...mine, results: mine.results.map(({ archive: _c, ...r }) => r) }).toEqual(theirs);
    } finally {
      await library.close();
      await archive.close();
    }
  });

  it('also on a larger generated archive with threads, media, polls and boosts', async () => {
    const { generatePosts, writeArchive } = await import('../../fixtures/archive-builder.js');
    const { spec } = generatePosts(400, 11);
    const path = await writeArchive(spec, join(tmp, 'gen'), { container: 'zip' });
    const archive = await openArchive(path, NO_CACHE);
    const library = await openLibrary([path], NO_CACHE);
    try {
      const { accounts: _a, relationships: _r, moves: _m, warnings: _w, ...keys } = library.summary();
      expect(archive.summary().counts.selfReplies).toBeGreaterThan(0);
      expect(JSON.stringify(keys)).toBe(JSON.stringify(archive.summary()));
    } finally {
      await library.close();
      await archive.close();
    }
  });
});

describe('which export wins on a tie', () => {
  it('with the same newest item, the file modified later wins; swap the times and the other does', async () => {
    const twins = await writeTwinExports(tmp);
    const shown = async (): Promise<string> => {
      const library = await openLibrary([twins.original, twins.edited], NO_CACHE);
      try {
        expect(library.summary().counts.items).toBe(6);
        return library.post(P3_URI)!.post.text;
      } finally {
        await library.close();
      }
    };
    utimesSync(twins.original, new Date('2024-01-01'), new Date('2024-01-01'));
    utimesSync(twins.edited, new Date('2024-02-01'), new Date('2024-02-01'));
    expect(await shown()).toContain('Edited wording');
    utimesSync(twins.original, new Date('2024-03-01'), new Date('2024-03-01'));
    expect(await shown()).toContain('Original wording');
  });
});

describe('CSV files', () => {
  it('alone: no archive, null format and profile, zero counts, the relationships', async () => {
    const blocks = csv('blocked_accounts.csv', 'spam@bad.example\n');
    const domains = csv('blocked_domains.csv', 'bad.example\n');
    const mutes = csv('muted_accounts.csv', 'Account address,Hide notifications\nloud@a.example,false\n');
    const library = await openLibrary([blocks, domains, mutes], NO_CACHE);
    try {
      const s = library.summary();
      expect(s.format).toBeNull();
      expect(s.profile).toBeNull();
      expect(s.counts.items).toBe(0);
      expect(s.accounts).toEqual([]);
      expect(s.relationships).toMatchObject({ blocks: ['spam@bad.example'], domainBlocks: ['bad.example'], mutes: ['loud@a.example'] });
      expect(library.relationships.mutes).toEqual([{ acct: 'loud@a.example', hideNotifications: false }]);
    } finally {
      await library.close();
    }
  });

  it('found beside the archive when asked (csvBeside), not otherwise', async () => {
    const dir = join(tmp, 'late');
    writeFileSync(join(dir, 'following_accounts.csv'), 'Account address,Show boosts,Notify on new posts,Languages\nkit@else.example,true,false,\n');
    writeFileSync(join(dir, 'notes.csv'), 'whatever,else\n');
    writeFileSync(join(dir, 'lists (1).csv'), 'id,url,type\n1,2,3\n'); // named like an export, but is not one
    const plain = await openLibrary([paths.oldLate], NO_CACHE);
    const beside = await openLibrary([paths.oldLate], { ...NO_CACHE, csvBeside: true });
    try {
      expect(plain.csv).toEqual([]);
      expect(beside.csv.map((c) => c.file)).toEqual([join(dir, 'following_accounts.csv')]);
      expect(beside.summary().relationships.following).toEqual(['kit@else.example']);
      expect(beside.notes).toContain('lists (1).csv, found beside the archive, was not read: lists (1).csv is not a CSV export Outbox knows: '
        + 'expected Mastodon\'s or GoToSocial\'s follows, followers, lists, blocks, mutes, domain blocks or bookmarks.');
      await expect(openLibrary([paths.oldLate, join(dir, 'lists (1).csv')], NO_CACHE)).rejects.toMatchObject({ code: 'not-archive' });
    } finally {
      await plain.close();
      await beside.close();
    }
  });

  it('a broken archive among the paths fails the whole open with that file\'s error', async () => {
    const bad = csv('not-an-archive.zip', 'this is text');
    await expect(openLibrary([paths.oldLate, bad], NO_CACHE)).rejects.toMatchObject({ code: expect.stringMatching(/not-archive|truncated/) });
  });
});

it('keeps the P7 reply link: the new account replies to the old account\'s last post', async () => {
  const library = await openLibrary([paths.oldLate, paths.newer], NO_CACHE);
  try {
    const reply = [...library.posts({ kinds: ['reply'] })].map((p) => p.post.inReplyTo);
    expect(reply).toContain(P7_URI);
  } finally {
    await library.close();
  }
});
