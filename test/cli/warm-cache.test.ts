// Issue 12: a warm command reads only the parts of the saved index it needs and checks each as it reads it. A
// tampered post record is then found late, midway through a command: the command must still print exactly what an
// intact index (or no index) gives, exit 0, never show the tampered text, and leave a rebuilt index behind.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockOffset } from '../engine/cache/cache-bytes.js';
import { wordPostingsAt } from '../engine/search/search-block.js';
import { assertBuilt, runCli, type CliRun } from './run-cli.js';
import { cacheFileOf as savedIndexOf, COUNT, tamperedCache as tamperedIndex, toastText, writeToastArchive } from './tampered-cache.js';

const cacheFileOf = (cacheDir: string) => savedIndexOf(cacheDir)!;

const tmp = mkdtempSync(join(tmpdir(), 'outbox-warm-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The post whose record is tampered with: far from the first ones, so an export has written rows before it. */
const TARGET = 600;
const TEXT = toastText(TARGET);
let archive: string;

beforeAll(async () => {
  assertBuilt();
  archive = await writeToastArchive(tmp, TARGET);
});

/** A fresh cache folder holding this archive's index, with one letter of the target post changed. */
const tamperedCache = (name: string) => tamperedIndex(archive, join(tmp, name), TEXT(TARGET));

const withoutTime = (run: CliRun) => run.stdout.replace(/"tookMs":[0-9.]+/, '"tookMs":0');

function expectRebuilt(cacheDir: string): void {
  const bytes = readFileSync(cacheFileOf(cacheDir));
  expect(bytes.includes(Buffer.from(TEXT(TARGET)))).toBe(true);
  expect(bytes.includes(Buffer.from(`N${TEXT(TARGET).slice(1)}`))).toBe(false);
}

describe('a warm command over a tampered saved index', () => {
  it('search: the same answer as without a cache, the tampered text never shown, the index rebuilt', async () => {
    const truth = await runCli(['search', archive, 'sandwiches', '--json', '--no-cache']);
    expect(truth.code).toBe(0);
    expect(truth.stdout).toContain('Marmalade sandwiches');
    const cacheDir = await tamperedCache('search');
    const run = await runCli(['search', archive, 'sandwiches', '--json'], { cacheDir });
    expect(run.code).toBe(0);
    expect(withoutTime(run)).toBe(withoutTime(truth));
    expect(run.stdout).not.toContain('Narmalade');
    expectRebuilt(cacheDir);
    const again = await runCli(['search', archive, 'sandwiches', '--json'], { cacheDir });
    expect(withoutTime(again)).toBe(withoutTime(truth));
  });

  it('search over a changed posting (the search block is read in parts): the same answer, the index rebuilt', async () => {
    const truth = await runCli(['search', archive, 'sandwiches', '--json', '--no-cache']);
    const cacheDir = join(tmp, 'search-postings');
    expect((await runCli(['summary', archive], { cacheDir })).code).toBe(0);
    const file = cacheFileOf(cacheDir);
    const bytes = readFileSync(file);
    const search = bytes.subarray(blockOffset(bytes, 'search'));
    // TARGET's doc number becomes another post's: only the block's own chunk checks can tell.
    search[wordPostingsAt(search, 'sandwiches')] ^= 0x01;
    writeFileSync(file, bytes);
    const run = await runCli(['search', archive, 'sandwiches', '--json'], { cacheDir });
    expect(run.code).toBe(0);
    expect(withoutTime(run)).toBe(withoutTime(truth));
    expect(readFileSync(cacheFileOf(cacheDir)).equals(bytes)).toBe(false); // removed and written again
    const again = await runCli(['search', archive, 'sandwiches', '--json'], { cacheDir });
    expect(withoutTime(again)).toBe(withoutTime(truth));
  });

  it('export jsonl: the same bytes as without a cache, though rows were written before the damage was found', async () => {
    const truth = await runCli(['export', archive, '--format', 'jsonl', '--no-cache']);
    expect(truth.code).toBe(0);
    expect(truth.stdout.split('\n')).toHaveLength(COUNT + 1);
    const cacheDir = await tamperedCache('export');
    const run = await runCli(['export', archive, '--format', 'jsonl'], { cacheDir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(truth.stdout);
    expect(run.stdout).not.toContain('Narmalade');
    expectRebuilt(cacheDir);
  });

  it('export csv and filtered stats: the same output as without a cache', async () => {
    const csvTruth = await runCli(['export', archive, '--format', 'csv', '--no-cache']);
    const csv = await runCli(['export', archive, '--format', 'csv'], { cacheDir: await tamperedCache('csv') });
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(csvTruth.stdout);
    const statsTruth = await runCli(['stats', archive, '--json', '--utc', '-q', 'marmalade', '--no-cache']);
    const stats = await runCli(['stats', archive, '--json', '--utc', '-q', 'marmalade'], { cacheDir: await tamperedCache('stats') });
    expect(stats.code).toBe(0);
    expect(stats.stdout).toBe(statsTruth.stdout);
  });

  it('summary and unfiltered stats read no post record: the same output, from the saved index', async () => {
    const cacheDir = await tamperedCache('summary');
    for (const args of [['summary', archive, '--json'], ['summary', archive], ['stats', archive, '--json', '--utc']]) {
      const truth = await runCli([...args, '--no-cache']);
      const run = await runCli(args, { cacheDir });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(truth.stdout);
      expect(run.stderr).toBe(truth.stderr);
    }
  });
});
