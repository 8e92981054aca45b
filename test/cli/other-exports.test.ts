// `outbox summary|search|export` on exports of other services, as a user runs them: the samples (format, source,
// counts), a generated X/Twitter archive searched and exported, and one person's Mastodon and Twitter archives together.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse, Summary } from '../../preload/contract.js';
import { writeTwitterArchive } from '../fixtures/other-exports.js';
import { SAMPLES } from '../samples.js';
import { assertBuilt, runCli, sample as mastodonSample } from './run-cli.js';

type LibrarySummaryJson = Summary & { accounts: Summary[] };
const OTHER = join(SAMPLES, 'other');

let tmp: string;
let twitter: string;
beforeAll(() => {
  assertBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'outbox-cli-other-'));
  twitter = join(tmp, 'twitter-archive');
  const at = (h: number) => new Date(Date.UTC(2021, 2, 1, h));
  writeTwitterArchive(twitter, [
    { id: '501', text: 'Marmalade season begins #jam', at: at(1), hashtags: ['jam'] },
    { id: '502', text: '@sam the marmalade thread goes on', at: at(2), replyTo: { id: '501', screenName: 'sam' }, mentions: ['sam'] },
    { id: '503', text: 'Link to the recipe https://t.co/r', at: at(3), urls: [{ url: 'https://t.co/r', expanded: 'https://recipes.example/marmalade', display: 'recipes.example/marmalade' }] },
    { id: '504', text: 'RT @chef: the best toast', at: at(4), mentions: ['chef'] },
  ], { naming: '2023', likes: ['900'] });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function summary(path: string): Promise<LibrarySummaryJson> {
  const run = await runCli(['summary', path, '--json', '--no-cache']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as LibrarySummaryJson;
}

describe('outbox summary --json on each sample', () => {
  it.each([
    ['twitter-mrled-2022', 'folder', 'twitter', { items: 2, posts: 1, boosts: 1 }],
    ['twitter-darkliquid-2023', 'folder', 'twitter', { items: 28, posts: 27, boosts: 1, replies: 23, withMedia: 1 }],
    ['misskey/constructed-notes-2024-10-02-09-30-00.json', 'file', 'misskey', { items: 6, posts: 5, boosts: 1, polls: 1, cw: 1, quotes: 1, replies: 1 }],
    ['pixelfed/constructed-pixelfed-statuses.json', 'file', 'pixelfed', { items: 3, posts: 2, boosts: 1, replies: 1, selfReplies: 1, cw: 1 }],
    ['pixelfed', 'folder', 'pixelfed', { items: 3 }],
    ['bluesky/bnewbold.robocracy.org.20250310005405.car', 'file', 'bluesky', { items: 24, posts: 23, boosts: 1, replies: 2, quotes: 1, withMedia: 4, likes: 2 }],
    ['bluesky/paul_staging.repo.car', 'file', 'bluesky', { items: 116, skipped: 0 }],
  ] as const)('%s: format %s, source %s', async (path, format, source, counts) => {
    const s = await summary(join(OTHER, path));
    expect(s.format).toBe(format);
    expect(s.source).toBe(source);
    expect(s.accounts.map((a) => a.source)).toEqual([source]);
    expect(s.counts).toMatchObject(counts);
  });

  it('the readable summary names the kind of export', async () => {
    const run = await runCli(['summary', join(OTHER, 'bluesky', 'fakermaker.repo.car'), '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Archive\s+fakermaker\.repo\.car \(file, Bluesky\)$/m);
  });

  it('the Mastodon sample says mastodon', async () => {
    const s = await summary(mastodonSample);
    expect(s.accounts.map((a) => [a.format, a.source])).toEqual([['folder', 'mastodon']]);
  });

  it('a file no reader knows still exits 2 with the "not a zip" line, naming it', async () => {
    const run = await runCli(['summary', join(OTHER, 'gotosocial', 'SOURCE.txt'), '--json', '--no-cache']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SOURCE.txt is not a zip, a tar.gz or a folder');
  });
});

describe('a generated X/Twitter archive', () => {
  it('search finds tweets by words of their text and of their expanded links', async () => {
    const run = await runCli(['search', twitter, 'marmalade', '--json', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const response = JSON.parse(run.stdout) as SearchResponse;
    expect(response.results.map((r) => r.id).sort()).toEqual(['501', '502', '503'].map((id) => `https://twitter.com/i/web/status/${id}`));
    expect(response.results.every((r) => r.url?.startsWith('https://twitter.com/sam/status/'))).toBe(true);
  });

  it('export jsonl writes every tweet with its expanded text, reply, boost and account', async () => {
    const run = await runCli(['export', twitter, '--format', 'jsonl', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const rows = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((r) => r.type)).toEqual(['post', 'post', 'post', 'boost']);
    expect(rows[1]!.inReplyTo).toBe('https://twitter.com/i/web/status/501');
    expect(rows[2]!.text).toBe('Link to the recipe recipes.example/marmalade');
    expect(rows[3]!.boostOf).toBe('https://twitter.com/chef');
    expect(rows.every((r) => r.archive === '@sam@twitter.com')).toBe(true);
  });

  it('with a Mastodon archive: one library, one summary per account with its source, counts added up', async () => {
    const run = await runCli(['summary', mastodonSample, twitter, '--json', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const s = JSON.parse(run.stdout) as LibrarySummaryJson;
    expect(s.accounts.map((a) => a.source)).toEqual(['mastodon', 'twitter']);
    expect(s.counts.items).toBe(s.accounts[0]!.counts.items + s.accounts[1]!.counts.items);
    const search = await runCli(['search', mastodonSample, twitter, 'marmalade', '--json', '--no-cache']);
    expect(search.code, search.stderr).toBe(0);
    expect((JSON.parse(search.stdout) as SearchResponse).total).toBe(3);
  });
});
