// `outbox summary` as a user runs it: exact counts on a generated zip, the real 3.5 sample, and the text form.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../preload/contract.js';
import { generatePosts, writeArchive, type Truth } from '../fixtures/archive-builder.js';
import { assertBuilt, runCli, sample } from './run-cli.js';

// the Summary keys, then what several paths add (one archive: its own summary, no relationships but its bookmarks, no moves)
// 'source' (which kind of export) was added beside 'format' with the readers of other exports.
const SUMMARY_KEYS = ['format', 'source', 'profile', 'counts', 'media', 'visibility', 'languages', 'hashtags', 'dates', 'skippedItems', 'accounts', 'relationships', 'moves', 'warnings'];

let temp: string;
let zip: string;
let truth: Truth;

beforeAll(async () => {
  assertBuilt();
  temp = mkdtempSync(join(tmpdir(), 'outbox-cli-summary-'));
  const generated = generatePosts(400, 11);
  truth = generated.truth;
  zip = await writeArchive(generated.spec, temp, { container: 'zip' });
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('outbox summary --json', () => {
  it('prints exactly the Summary keys with the generated archive\'s true counts', async () => {
    const run = await runCli(['summary', zip, '--json', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const summary = JSON.parse(run.stdout) as Summary;
    expect(Object.keys(summary)).toEqual(SUMMARY_KEYS);
    expect(summary.format).toBe('zip');
    expect(summary.source).toBe('mastodon');
    expect(summary.profile).toEqual({ username: 'sam', displayName: 'Sam Example', movedTo: null, alsoKnownAs: [], fields: 1 });
    expect(summary.counts).toEqual({
      items: truth.items, posts: truth.posts, boosts: truth.boosts, replies: truth.replies, selfReplies: truth.selfReplies,
      polls: truth.polls, withMedia: truth.withMedia, cw: truth.cw, edited: truth.edited, quotes: truth.quotes,
      likes: truth.likes, bookmarks: truth.bookmarks, skipped: 0,
    });
    expect(summary.media).toEqual({ referenced: truth.media.referenced, present: truth.media.present, missing: truth.media.missing });
    expect(summary.visibility).toEqual(truth.visibility);
    expect(summary.languages).toEqual(truth.languages);
    expect(summary.hashtags).toEqual(truth.hashtags);
    expect(summary.dates).toEqual(truth.dates);
    expect(summary.skippedItems).toEqual([]);
    const added = summary as Summary & { accounts: Summary[]; moves: unknown[]; relationships: { following: string[] } };
    expect(added.accounts).toHaveLength(1);
    expect(added.accounts[0]!.counts).toEqual(summary.counts);
    expect(added.moves).toEqual([]);
    expect(added.relationships.following).toEqual([]);
  });

  it('gives the same JSON from the cache as from a cold read', async () => {
    const cacheDir = join(temp, 'cache');
    const cold = await runCli(['summary', zip, '--json'], { cacheDir });
    const warm = await runCli(['summary', zip, '--json'], { cacheDir });
    const fresh = await runCli(['summary', zip, '--json', '--no-cache']);
    expect(cold.code, cold.stderr).toBe(0);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    expect(fresh.stdout).toBe(cold.stdout);
  });

  it('reads the real Mastodon 3.5 sample folder: 207 items', async () => {
    const run = await runCli(['summary', sample, '--json', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(Object.keys(summary)).toEqual(SUMMARY_KEYS);
    expect(summary.format).toBe('folder');
    expect(summary.counts.items).toBe(207);
    expect(summary.counts.posts + summary.counts.boosts).toBe(207);
    expect(summary.counts.boosts).toBe(1);
    expect(summary.media).toEqual({ referenced: 48, present: 48, missing: 0 });
    expect(summary.visibility.direct).toBe(2);
  });
});

describe('outbox summary (text)', () => {
  it('prints readable lines with the counts', async () => {
    const run = await runCli(['summary', zip, '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Items\\s+${truth.items}: ${truth.posts} posts, ${truth.boosts} boosts$`, 'm'));
    expect(run.stdout).toMatch(/^Account\s+Sam Example \(@sam@example\.social\)$/m);
    expect(run.stdout).toMatch(new RegExp(`^Likes\\s+${truth.likes}$`, 'm'));
    expect(() => JSON.parse(run.stdout)).toThrow();
  });
});
