// `outbox summary|export|search` with several paths as a user runs them: archives of a moved account plus CSV exports.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse, Summary } from '../../preload/contract.js';
import { EXPORT_FIELDS, type ExportRow } from '../../main/engine/rows/export-schema.js';
import { openArchive } from '../../main/engine/open.js';
import { L, NEW_URI, OLD_URI, P3_URI, writeMovedExports, type MovedExports } from '../engine/library/moved-account.js';
import { assertBuilt, runCli } from './run-cli.js';

// 'source' (which kind of export) was added beside 'format' with the readers of other exports.
const SUMMARY_KEYS = ['format', 'source', 'profile', 'counts', 'media', 'visibility', 'languages', 'hashtags', 'dates', 'skippedItems'];
const LIBRARY_KEYS = [...SUMMARY_KEYS, 'accounts', 'relationships', 'moves', 'warnings'];

type LibrarySummaryJson = Summary & {
  accounts: Summary[];
  relationships: Record<string, unknown>;
  moves: Array<{ from: string; to: string }>;
};

let tmp: string;
let paths: MovedExports;
let following: string;
let lists: string;
let blocks: string;

beforeAll(async () => {
  assertBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'outbox-cli-library-'));
  paths = await writeMovedExports(tmp);
  following = join(tmp, 'following_accounts.csv');
  writeFileSync(following, 'Account address,Show boosts,Notify on new posts,Languages\nkit@else.example,true,false,en\nfox@else.example,false,true,\n');
  lists = join(tmp, 'lists.csv');
  writeFileSync(lists, 'Garden,kit@else.example\n"Work, mostly",fox@else.example\nbroken\n');
  // no .csv name: told apart from the archives by its content
  blocks = join(tmp, 'blocks-export');
  writeFileSync(blocks, 'spam@bad.example\n');
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('outbox summary with several paths', () => {
  it('one archive and CSVs: the archive\'s Summary values, plus accounts, relationships and moves; problems on stderr', async () => {
    const alone = await runCli(['summary', paths.newer, '--json', '--no-cache']);
    const run = await runCli(['summary', following, paths.newer, lists, blocks, '--json', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`outbox: ${lists}:3: 1 column where this file has 2\n`);
    const s = JSON.parse(run.stdout) as LibrarySummaryJson;
    expect(Object.keys(s)).toEqual(LIBRARY_KEYS);
    const before = JSON.parse(alone.stdout) as LibrarySummaryJson;
    expect(Object.keys(before)).toEqual(LIBRARY_KEYS);
    for (const key of SUMMARY_KEYS) expect(s[key as keyof Summary], key).toEqual(before[key as keyof Summary]);
    expect(s.accounts).toEqual([before.accounts[0]]);
    expect(s.moves).toEqual([]);
    expect(s.relationships).toEqual({
      following: ['kit@else.example', 'fox@else.example'],
      followers: [],
      lists: { Garden: ['kit@else.example'], 'Work, mostly': ['fox@else.example'] },
      blocks: ['spam@bad.example'], mutes: [], domainBlocks: [],
      bookmarks: [L(13)],
    });
  });

  it('a single archive keeps exactly the Summary it always had, in the same key order', async () => {
    const run = await runCli(['summary', paths.oldLate, '--json', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const archive = await openArchive(paths.oldLate, { cacheDir: null });
    try {
      const { accounts, relationships, moves, warnings, ...keys } = JSON.parse(run.stdout) as LibrarySummaryJson & { warnings: string[] };
      expect(warnings).toEqual(archive.info.warnings);
      expect(JSON.stringify(keys, null, 2)).toBe(JSON.stringify(archive.summary(), null, 2));
      expect(accounts).toEqual([archive.summary()]);
      expect(moves).toEqual([]);
      expect(relationships).toMatchObject({ following: [], bookmarks: [L(11), L(12)] });
    } finally {
      await archive.close();
    }
  });

  it('the moved account\'s three exports: the move, one summary per archive, merged de-duplicated counts', async () => {
    const run = await runCli(['summary', paths.oldEarly, paths.oldLate, paths.newer, '--json', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const s = JSON.parse(run.stdout) as LibrarySummaryJson;
    expect(s.moves).toEqual([{ from: OLD_URI, to: NEW_URI }]);
    expect(s.accounts.map((a) => a.counts.items)).toEqual([6, 8, 4]);
    expect(s.counts).toMatchObject({ items: 12, posts: 10, boosts: 2, replies: 2, selfReplies: 2, edited: 1, likes: 4, bookmarks: 3 });
    expect(s.profile).toMatchObject({ username: 'wren', displayName: 'Wren (new home)' });
    expect(run.stderr).toContain('outbox: @wren@old.example moved to @wren@new.example: their posts are shown as one timeline.\n');
  });

  it('in words: each archive, then together, the move with dates, and the people', async () => {
    const run = await runCli(['summary', paths.oldLate, paths.newer, following, '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Together\s+2 archives: 12 items \(10 posts, 2 boosts\)$/m);
    expect(run.stdout).toMatch(/^Moved\s+@wren@old\.example \(2022-01-10 → 2023-07-07\) → @wren@new\.example \(2023-08-08 → 2024-05-05\)$/m);
    expect(run.stdout).toMatch(/^Following\s+2$/m);
  });
});

describe('outbox export with several archives', () => {
  it('writes each post once, oldest first, with the archive column (after the first 18) naming the account', async () => {
    const run = await runCli(['export', paths.oldEarly, paths.oldLate, paths.newer, following, '--format', 'jsonl', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const rows = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as ExportRow);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.id)).size).toBe(12);
    expect(Object.keys(rows[0]!)).toEqual(EXPORT_FIELDS.map((f) => f.name));
    expect(Object.keys(rows[0]!)[18]).toBe('archive'); // added after the first 18; later columns only follow it
    const times = rows.map((r) => Date.parse(r.published));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(rows.filter((r) => r.archive === '@wren@old.example')).toHaveLength(8);
    expect(rows.filter((r) => r.archive === '@wren@new.example')).toHaveLength(4);
    expect(rows.find((r) => r.id === P3_URI)!.text).toContain('Edited wording');
  });

  it('CSV: the header keeps every column in place and adds archive after them', async () => {
    const run = await runCli(['export', paths.oldLate, paths.newer, '--format', 'csv', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const header = run.stdout.split('\r\n', 1)[0]!.split(',');
    expect(header.slice(0, 18)).toEqual(['id', 'url', 'type', 'published', 'updated', 'visibility', 'language', 'summary', 'sensitive',
      'text', 'html', 'inReplyTo', 'boostOf', 'media', 'hashtags', 'mentions', 'poll', 'quote']);
    expect(header[18]).toBe('archive');
    // a bare handle is kept as written (no formula can ride in it); see main/engine/csv/cell.ts
    expect(run.stdout.trimEnd().split('\r\n').at(-1)).toMatch(/,@wren@new\.example(,[^,]*){3},false$/);
  });

  it('refuses CSV files alone: they hold no posts (exit 1)', async () => {
    const run = await runCli(['export', following, '--format', 'jsonl']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^outbox: no archive among the paths .*--help/);
  });
});

describe('outbox search with several archives', () => {
  it('--json: the merged response, each result naming its archive; the query is the last argument', async () => {
    const run = await runCli(['search', paths.oldEarly, paths.oldLate, paths.newer, 'garden', '--json', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const response = JSON.parse(run.stdout) as SearchResponse;
    expect(response.query).toBe('garden');
    expect(response.total).toBe(3);
    expect(response.results).toHaveLength(3);
    expect(response.results.every((r) => typeof r.archive === 'string')).toBe(true);
    const older = await runCli(['search', paths.oldEarly, paths.oldLate, 'original', '--json', '--no-cache']);
    expect((JSON.parse(older.stdout) as SearchResponse).total).toBe(0); // the older export's copy of P3 is not shown
  });

  it('one archive: no archive field, as before', async () => {
    const run = await runCli(['search', paths.newer, 'garden', '--json', '--no-cache']);
    const response = JSON.parse(run.stdout) as SearchResponse;
    expect(response.total).toBe(1);
    expect('archive' in response.results[0]!).toBe(false);
  });

  it('lines name the account of each result with several archives', async () => {
    const run = await runCli(['search', paths.oldLate, paths.newer, 'garden', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => /^\d{4}-\d\d-\d\d {2}@wren@new\.example {2}/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^\d{4}-\d\d-\d\d {2}@wren@old\.example {2}/.test(l))).toHaveLength(2);
    expect(run.stderr).toMatch(/^3 of 3 results/m);
  });
});
