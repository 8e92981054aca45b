// computeStats over real generated archives (written as zips, opened by openArchive) against the generator's truth.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runStats } from '../../../main/cli/stats-command.js';
import type { Archive } from '../../../main/engine/archive.js';
import { openArchive } from '../../../main/engine/open.js';
import { computeStats } from '../../../main/engine/stats/stats.js';
import { generatePosts, makeAccount, writeArchive } from '../../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-stats-'));
const { spec, truth } = generatePosts(900, 42, { start: '2021-01-01T00:00:00Z', end: '2023-12-31T23:59:59Z' });
let archive: Archive;
let path = '';

beforeAll(async () => {
  path = await writeArchive(spec, tmp, { container: 'zip' });
  archive = await openArchive(path, { cacheDir: null });
});
afterAll(async () => {
  await archive?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('computeStats on a generated archive', () => {
  it('has the exact per-month counts (UTC), totals and content figures of the truth', () => {
    const stats = computeStats(archive.posts(), { utc: true, top: 1000 });
    const months = Object.fromEntries(Object.entries(stats.perMonth).map(([m, c]) => [m, c.posts + c.boosts]));
    expect(months).toEqual(truth.months);
    expect(Object.keys(stats.perMonth)).toHaveLength(36);
    expect(stats.totals).toEqual({ posts: truth.posts, boosts: truth.boosts, undated: 0 });
    expect(Object.values(stats.perDay).reduce((a, b) => a + b, 0)).toBe(truth.posts);
    expect(stats.hourByWeekday.flat().reduce((a, b) => a + b, 0)).toBe(truth.items);
    expect(stats.visibility).toEqual(truth.visibility);
    expect(stats.languages).toEqual(truth.languages);
    expect(Object.fromEntries(stats.topHashtags.map((t) => [t.tag, t.count]))).toEqual(truth.hashtags);
    expect(stats.replies).toEqual({ replies: truth.replies, originals: truth.topLevelPosts, selfReplies: truth.selfReplies });
    expect(stats.contentWarnings.count).toBe(truth.cw);
    expect(stats.media.total).toBe(truth.media.referenced);
    expect(stats.media.withAlt).toBe(truth.media.referenced - truth.media.withoutAlt);
    expect(stats.media.posts).toBe(truth.withMedia);
    expect(stats.topBoostedServers.reduce((n, s) => n + s.count, 0)).toBe(truth.boosts);
    expect(stats.topBoostedAccounts.reduce((n, s) => n + s.count, 0)).toBe(truth.boosts);
  });

  it('counts only what a filter selects (the Stats view and `outbox stats` take the search filters)', () => {
    const withMedia = computeStats(archive.posts({ hasMedia: true }), { utc: true });
    expect(withMedia.totals).toEqual({ posts: truth.withMedia, boosts: 0, undated: 0 });
    const year = computeStats(archive.posts({ from: '2022', to: '2022' }), { utc: true });
    const expected = Object.entries(truth.months).filter(([m]) => m.startsWith('2022-')).reduce((n, [, c]) => n + c, 0);
    expect(year.totals.posts + year.totals.boosts).toBe(expected);
    expect(Object.keys(year.perMonth)).toEqual(Object.keys(truth.months).filter((m) => m.startsWith('2022-')));
    const tag = Object.keys(truth.hashtags)[0]!;
    const tagged = computeStats(archive.posts({ hashtag: tag }), { utc: true });
    expect(tagged.totals.posts).toBe(truth.hashtags[tag]);
    expect(tagged.topHashtags[0]).toEqual({ tag, count: truth.hashtags[tag] });
  });

  it('moves posts between months in another time zone but keeps every one', () => {
    const local = computeStats(archive.posts(), { timeZone: 'Pacific/Auckland' });
    const sum = Object.values(local.perMonth).reduce((n, c) => n + c.posts + c.boosts, 0);
    expect(sum).toBe(truth.items);
    expect(local.timeZone).toBe('Pacific/Auckland');
  });
});

describe('runStats (the `outbox stats` command body)', () => {
  it('prints the Stats JSON for two archives counted together, filtered by the flags', async () => {
    const other = generatePosts(150, 43, { account: makeAccount({ host: 'other.example', username: 'kim', displayName: 'Kim' }), start: '2022-01-01T00:00:00Z', end: '2022-06-30T00:00:00Z' });
    const otherPath = await writeArchive(other.spec, join(tmp, 'other'), { container: 'zip' });
    const printed: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      expect(await runStats([path, otherPath, path], { json: true, utc: true, kinds: 'boost' }, { noCache: true })).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const stats = JSON.parse(printed.join(''));
    expect(stats.totals).toEqual({ posts: 0, boosts: truth.boosts + other.truth.boosts, undated: 0 }); // the same archive twice counts once
    expect(stats.timeZone).toBe('UTC');
    expect(Object.keys(stats)).toEqual([
      'timeZone', 'totals', 'perMonth', 'perDay', 'hourByWeekday', 'topHashtags', 'topMentions', 'topBoostedServers',
      'topBoostedAccounts', 'languages', 'visibility', 'media', 'replies', 'contentWarnings', 'length', 'streak',
    ]);
  });
});
