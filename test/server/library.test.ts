// Browser mode over several archives and CSVs (a real server, real zips and files): people, moves, CSVs written
// again in Mastodon's format and read back, the merged timeline, and the 400s of the new parameters.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RELATIONSHIP_KINDS, type AccountMove, type ArchiveInfo, type Page, type RelationshipsInfo, type Result, type SearchResponse,
} from '../../preload/contract.js';
import type { Archive } from '../../main/engine/archive.js';
import { csvExportFromText } from '../../main/engine/csv/read-export.js';
import { openLibrary, type Library } from '../../main/engine/library/library.js';
import { openArchive } from '../../main/engine/open.js';
import { startServer, type RunningServer } from '../../main/server/server.js';
import { L, NEW_URI, OLD_URI, P3_URI, writeMovedExports, type MovedExports } from '../engine/library/moved-account.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'outbox-server-library-'));
let paths: MovedExports;
let library: Library;
let server: RunningServer;
const csv: Record<string, string> = {};

function get(srv: RunningServer, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: srv.port, path, headers: { Host: `127.0.0.1:${srv.port}`, Authorization: `Bearer ${srv.token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
const api = async <T>(path: string, srv = server): Promise<T> => {
  const reply = await get(srv, path);
  expect(reply.status, reply.text).toBe(200);
  const result = JSON.parse(reply.text) as Result<T>;
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

beforeAll(async () => {
  paths = await writeMovedExports(tmp);
  const file = (name: string, text: string) => {
    csv[name] = join(tmp, name);
    writeFileSync(csv[name]!, text);
  };
  file('following_accounts.csv', 'Account address,Show boosts,Notify on new posts,Languages\nkit@else.example,true,false,"en, de"\nFox@Else.example,false,true,\nowl@far.example,true,false,\n');
  file('lists.csv', 'Garden,kit@else.example\n"Work, mostly",fox@else.example\nGarden,owl@far.example\nbroken\n');
  file('blocked_accounts.csv', 'spam@bad.example\ntroll@bad.example\n');
  file('muted_accounts.csv', 'Account address,Hide notifications\nloud@a.example,false\n');
  file('blocked_domains.csv', 'bad.example\nworse.example\n');
  file('bookmarks.csv', `${L(13)}\n${L(14)}\n`);
  library = await openLibrary([paths.oldEarly, paths.oldLate, paths.newer, ...Object.values(csv)], { cacheDir: null });
  server = await startServer({ archives: [...library.archives], library, port: 0, rendererDir: join(tmp, 'no-renderer') });
});

afterAll(async () => {
  await server?.close();
  await library?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const idOf = (i: number) => library.archives[i]!.info.id;

describe('GET /api/current and /api/relationships', () => {
  it('lists every open archive', async () => {
    const current = await api<ArchiveInfo[]>('/api/current');
    expect(current.map((a) => a.id)).toEqual([idOf(0), idOf(1), idOf(2)]);
  });

  it('answers the merged relationships with per-server counts, problems and the accounts the posts talk about', async () => {
    const people = await api<RelationshipsInfo>('/api/relationships');
    expect(people.following).toEqual([
      { acct: 'kit@else.example', showBoosts: true, notify: false, languages: ['en', 'de'] },
      { acct: 'Fox@Else.example', showBoosts: false, notify: true, languages: [] },
      { acct: 'owl@far.example', showBoosts: true, notify: false, languages: [] },
    ]);
    expect(people.followers).toEqual([]);
    expect(people.lists).toEqual({ Garden: ['kit@else.example', 'owl@far.example'], 'Work, mostly': ['fox@else.example'] });
    expect(people.blocks).toEqual(['spam@bad.example', 'troll@bad.example']);
    expect(people.mutes).toEqual([{ acct: 'loud@a.example', hideNotifications: false }]);
    expect(people.domainBlocks).toEqual(['bad.example', 'worse.example']);
    // the CSV's first, then the archives' bookmarks.json not already there
    expect(people.bookmarks).toEqual([L(13), L(14), L(11), L(12)]);
    expect(people.problems).toEqual([{ file: 'lists.csv', line: 4, reason: '1 column where this file has 2' }]);
    expect(people.byServer).toEqual({
      following: { 'else.example': 2, 'far.example': 1 },
      followers: {},
      lists: { 'else.example': 2, 'far.example': 1 },
      blocks: { 'bad.example': 2 },
      mutes: { 'a.example': 1 },
      domainBlocks: { 'bad.example': 1, 'worse.example': 1 },
      bookmarks: { 'else.example': 4 },
    });
    // kit: mentioned by N3, boosted by B1 and B2 (each shown once although B1 is in two exports)
    expect(people.inArchive).toEqual({ 'kit@else.example': 3 });
    expect(people.files.map((f) => [f.name, f.kind, f.rows])).toEqual([
      ['following_accounts.csv', 'following', 3], ['lists.csv', 'lists', 3], ['blocked_accounts.csv', 'blocks', 2],
      ['muted_accounts.csv', 'mutes', 1], ['blocked_domains.csv', 'domainBlocks', 2], ['bookmarks.csv', 'bookmarks', 2],
    ]);
    expect(people.notes).toContain('@wren@old.example moved to @wren@new.example: their posts are shown as one timeline.');
  });
});

describe('GET /api/moves', () => {
  it('answers the move old → new with handles, dates and archives', async () => {
    expect(await api<AccountMove[]>('/api/moves')).toEqual([{
      from: OLD_URI, to: NEW_URI, fromAcct: '@wren@old.example', toAcct: '@wren@new.example', date: '2023-07-07T09:00:00Z',
      fromDates: { first: '2022-01-10T09:00:00Z', last: '2023-07-07T09:00:00Z' },
      toDates: { first: '2023-08-08T09:00:00Z', last: '2024-05-05T09:00:00Z' },
      fromArchives: [idOf(0), idOf(1)], toArchives: [idOf(2)],
    }]);
  });
});

describe('GET /api/export-csv', () => {
  it.each(RELATIONSHIP_KINDS)('writes %s in Mastodon\'s format, as a download, and it reads back to the same rows', async (kind) => {
    const reply = await get(server, `/api/export-csv?kind=${kind}`);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    const names = { following: 'following_accounts.csv', followers: 'followers.csv', lists: 'lists.csv', blocks: 'blocked_accounts.csv',
      mutes: 'muted_accounts.csv', domainBlocks: 'blocked_domains.csv', bookmarks: 'bookmarks.csv' };
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="${names[kind]}"`);
    expect(reply.headers['cache-control']).toBe('no-store');
    const back = csvExportFromText(reply.text, names[kind]);
    expect(back.kind).toBe(kind);
    expect(back.problems).toEqual([]);
    expect(back.rows).toEqual(library.relationships[kind]);
  });

  it('writes the exact bytes Mastodon\'s import takes', async () => {
    expect((await get(server, '/api/export-csv?kind=following')).text).toBe(
      'Account address,Show boosts,Notify on new posts,Languages\nkit@else.example,true,false,"en, de"\nFox@Else.example,false,true,\nowl@far.example,true,false,\n');
    expect((await get(server, '/api/export-csv?kind=lists')).text).toBe('Garden,kit@else.example\n"Work, mostly",fox@else.example\nGarden,owl@far.example\n');
    expect((await get(server, '/api/export-csv?kind=mutes')).text).toBe('Account address,Hide notifications\nloud@a.example,false\n');
  });
});

describe('GET /api/page?archive=* (the merged timeline)', () => {
  it('pages every post once, oldest first, each naming its archive; the newer export\'s copy wins', async () => {
    const all = await api<Page>('/api/page?archive=*&order=oldest&limit=500');
    expect(all.total).toBe(12);
    expect(all.items).toHaveLength(12);
    expect(new Set(all.items.map((i) => i.post.id)).size).toBe(12);
    const times = all.items.map((i) => Date.parse(i.post.published));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(all.items.every((i) => i.archive === idOf(1) || i.archive === idOf(2))).toBe(true);
    expect(all.items.find((i) => i.post.id === P3_URI)).toMatchObject({ archive: idOf(1), post: { updated: '2023-06-15T10:00:00Z' } });
    expect(all.facets).toMatchObject({ posts: 8, replies: 2, boosts: 2 });

    const newest = await api<Page>('/api/page?archive=*&order=newest&offset=3&limit=4');
    expect(newest.total).toBe(12);
    expect(newest.facets).toBeNull();
    expect(newest.items.map((i) => [i.archive, i.post.id])).toEqual([...all.items].reverse().slice(3, 7).map((i) => [i.archive, i.post.id]));

    const filter = encodeURIComponent(JSON.stringify({ hashtag: 'garden' }));
    const garden = await api<Page>(`/api/page?archive=*&filter=${filter}`);
    expect(garden.items.map((i) => i.archive)).toEqual([idOf(2), idOf(1), idOf(1)]);
  });

  it('a post of a merged page opens from the archive the item names', async () => {
    const page = await api<Page>('/api/page?archive=*&limit=1');
    const item = page.items[0]!;
    const post = await api<{ id: string }>(`/api/post?archive=${item.archive}&id=${encodeURIComponent(item.post.id)}`);
    expect(post.id).toBe(item.post.id);
  });

  it('one archive\'s page carries no archive field, as before', async () => {
    const page = await api<Page>(`/api/page?archive=${idOf(2)}&limit=500`);
    expect(page.total).toBe(4);
    expect(page.items.every((i) => !('archive' in i))).toBe(true);
  });

  it('searches every archive with archive=*, each result naming its archive', async () => {
    const reply = await get(server, '/api/search?archive=*&q=garden&limit=10');
    const found = JSON.parse(reply.text) as SearchResponse;
    expect(found.total).toBe(3);
    expect(found.results.map((r) => r.archive).sort()).toEqual([idOf(1), idOf(1), idOf(2)].sort());
  });
});

describe('validation of the new parameters', () => {
  it.each([
    '/api/export-csv',
    '/api/export-csv?kind=friends',
    '/api/export-csv?kind=',
    '/api/export-csv?kind=following&kind=lists',
    '/api/export-csv?kind=following&archive=x',
    '/api/export-csv?kind=__proto__',
    '/api/relationships?archive=x',
    '/api/moves?q=1',
    '/api/page?archive=*&limit=0',
    '/api/page?archive=*&order=sideways',
    `/api/page?archive=*&filter=${encodeURIComponent('{"colour":"red"}')}`,
  ])('%s → 400 bad-request', async (path) => {
    const reply = await get(server, path);
    expect(reply.status, reply.text).toBe(400);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.text)).toMatchObject({ ok: false, code: 'bad-request' });
  });
});

describe('a server given archives without a library', () => {
  it('merges their timeline (each post once), keeps their bookmarks as people, and finds the move', async () => {
    const archives: Archive[] = [await openArchive(paths.oldEarly, { cacheDir: null }), await openArchive(paths.oldLate, { cacheDir: null })];
    const bare = await startServer({ archives, port: 0, rendererDir: join(tmp, 'no-renderer') });
    try {
      const page = await api<Page>('/api/page?archive=*&order=oldest&limit=500', bare);
      expect(page.total).toBe(8);
      expect(page.items.map((i) => i.archive)).toEqual(Array(8).fill(archives[1]!.info.id));
      const people = await api<RelationshipsInfo>('/api/relationships', bare);
      expect(people.bookmarks).toEqual([L(11), L(12)]);
      expect(people.following).toEqual([]);
      expect(await api<AccountMove[]>('/api/moves', bare)).toEqual([]); // one account, two exports: no move
      expect((await get(bare, '/api/export-csv?kind=bookmarks')).text).toBe(`${L(11)}\n${L(12)}\n`);
      // the service makes one library of whatever is open: searching them together works without `outbox serve`'s
      const found = await get(bare, '/api/search?archive=*&q=garden');
      expect(found.status, found.text).toBe(200);
      const results = (JSON.parse(found.text) as { results: Array<{ archive: string }> }).results;
      expect(results.every((r) => r.archive === archives[1]!.info.id)).toBe(true); // the newer export's copies
    } finally {
      await bare.close();
      for (const a of archives) await a.close();
    }
  });
});
