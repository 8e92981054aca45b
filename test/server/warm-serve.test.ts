// Issue 12: a warm `outbox serve` answers its first page from the saved index without checking all of it first (each
// run of post records is checked when first read). A tampered old post record is then found late, while serving: the
// request that meets it must still be answered correctly (from the archive, read again), the tampered text never
// served, and the index rebuilt.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveInfo, Page, Result, SearchResponse } from '../../preload/contract.js';
import { assertBuilt, cliPath, runCli } from '../cli/run-cli.js';
import { cacheFileOf, COUNT, tamperedCache as tamperedIndex, toastText, writeToastArchive } from '../cli/tampered-cache.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-warm-serve-'));
const running: ChildProcess[] = [];

/** The tampered post: in the oldest run of records, far from the newest page the viewer asks for first. */
const TARGET = 5;
const TEXT = toastText(TARGET);
const TAMPERED = `N${TEXT(TARGET).slice(1)}`;
let archive: string;

beforeAll(async () => {
  assertBuilt();
  archive = await writeToastArchive(tmp, TARGET);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((child) => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(null);
    child.once('exit', resolve);
    child.kill('SIGTERM');
  })));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh cache folder holding this archive's index, with one letter of the target post changed. */
const tamperedCache = (name: string) => tamperedIndex(archive, join(tmp, name), TEXT(TARGET));

async function serve(cacheDir: string, paths = [archive]): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const child = spawn(process.execPath, [cliPath, 'serve', ...paths, '--no-open', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OUTBOX_CACHE_DIR: cacheDir },
  });
  running.push(child);
  const url = await new Promise<URL>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(new URL(line)));
  });
  const headers = { Authorization: `Bearer ${url.searchParams.get('token')}` };
  return (path, init = {}) => fetch(new URL(path, url.origin), { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
}

const json = async <T>(response: Promise<Response>): Promise<T> => (await response).json() as Promise<T>;
const pageOf = (order: 'newest' | 'oldest', limit = 50) => `/api/page?order=${order}&offset=0&limit=${limit}&filter=%7B%7D`;

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(check()).toBe(true);
}

describe('a warm outbox serve over a tampered saved index', () => {
  it('answers the first page from the index without reading the damaged part, then answers that part from the archive', async () => {
    const cacheDir = await tamperedCache('page');
    const get = await serve(cacheDir);

    const current = await json<Result<ArchiveInfo[]>>(get('/api/current'));
    // A check of the whole index at open would have refused it and read the archive (fromCache false).
    expect(current.ok && current.value[0]!.fromCache).toBe(true);
    const newest = await json<Result<Page>>(get(pageOf('newest')));
    expect(newest.ok && newest.value.items[0]!.post.text).toContain(`number ${COUNT - 1} `);
    // Still there, still tampered: the first page did not read it.
    expect(readFileSync(cacheFileOf(cacheDir)!).includes(Buffer.from(TAMPERED))).toBe(true);

    // The oldest page reads the damaged run: the answer comes from the archive, read again.
    const oldest = await json<Result<Page>>(get(pageOf('oldest')));
    expect(oldest.ok).toBe(true);
    const text = JSON.stringify(oldest);
    expect(text).toContain(TEXT(TARGET));
    expect(text).not.toContain(TAMPERED);
    expect(oldest.ok && oldest.value.items.map((i) => i.post.text.includes(`number ${TARGET + 1} `))).toContain(true);

    const again = await json<Result<ArchiveInfo[]>>(get('/api/current'));
    expect(again.ok && again.value[0]!.fromCache).toBe(false);
    const search = await json<SearchResponse>(get('/api/search?q=sandwiches'));
    expect(JSON.stringify(search)).toContain(TEXT(TARGET));
    // The read wrote a sound index again.
    await until(() => {
      const file = cacheFileOf(cacheDir);
      return !!file && readFileSync(file).includes(Buffer.from(TEXT(TARGET)));
    });
    expect(readFileSync(cacheFileOf(cacheDir)!).includes(Buffer.from(TAMPERED))).toBe(false);
  });

  it('an export that meets the damage is cut short, never completed with the tampered text; the next one is whole', async () => {
    const truth = await runCli(['export', archive, '--format', 'jsonl', '--no-cache']);
    expect(truth.code).toBe(0);
    const get = await serve(await tamperedCache('export'));
    // The rows are streamed after the headers: the only honest end is a broken download (here before its first byte).
    const body = await get('/api/export?format=jsonl').then((r) => r.text()).catch(() => null);
    expect(body).toBeNull();
    const second = await get('/api/export?format=jsonl');
    expect(await second.text()).toBe(truth.stdout);
  });

  it('a session that never reads the damaged part is served from the index all along, and keeps it', async () => {
    const cacheDir = await tamperedCache('untouched');
    const get = await serve(cacheDir);
    const current = await json<Result<ArchiveInfo[]>>(get('/api/current'));
    expect(current.ok && current.value[0]!.fromCache).toBe(true);
    const newest = await json<Result<Page>>(get(pageOf('newest', 20)));
    expect(newest.ok).toBe(true);
    const stats = await json<Result<unknown>>(get('/api/stats?tz=UTC'));
    expect(stats.ok).toBe(true);
    const after = await json<Result<ArchiveInfo[]>>(get('/api/current'));
    expect(after.ok && after.value[0]!.fromCache).toBe(true);
    expect(readFileSync(cacheFileOf(cacheDir)!).includes(Buffer.from(TAMPERED))).toBe(true);
  });

  it('an archive opened from the page (POST /api/open) is opened again from its file when its index is found damaged', async () => {
    const cacheDir = await tamperedCache('opened');
    const get = await serve(cacheDir, []); // the demo first
    expect((await json<Result<ArchiveInfo[]>>(get('/api/current'))).ok).toBe(true); // its open is over
    const opened = await json<Result<ArchiveInfo>>(get('/api/open', {
      method: 'POST', body: JSON.stringify({ path: archive }), headers: { 'Content-Type': 'application/json' },
    }));
    expect(opened.ok && opened.value.fromCache).toBe(true);
    const oldest = await json<Result<Page>>(get(pageOf('oldest')));
    expect(oldest.ok).toBe(true);
    expect(JSON.stringify(oldest)).toContain(TEXT(TARGET));
    expect(JSON.stringify(oldest)).not.toContain(TAMPERED);
    const current = await json<Result<ArchiveInfo[]>>(get('/api/current'));
    expect(current.ok && current.value.map((a) => [a.id, a.fromCache])).toEqual([[opened.ok && opened.value.id, false]]);
  });
});
