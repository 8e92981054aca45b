// `outbox serve` prints its address before opening: progress over /api/progress first, then the archive; a file that
// fails to open later, or an unusable container, is served as the viewer's error (the server keeps running).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveInfo, OpenProgress, Result } from '../../preload/contract.js';
import { generatePosts, writeArchive } from '../fixtures/archive-builder.js';
import { rawZip, tarGz } from '../fixtures/hostile.js';
import { assertBuilt, cliPath, runCli } from './run-cli.js';

const POSTS = 20_000;
let temp: string;
let big: string;
const running: ChildProcess[] = [];

beforeAll(async () => {
  assertBuilt();
  temp = mkdtempSync(join(tmpdir(), 'outbox-serve-progress-'));
  big = await writeArchive(generatePosts(POSTS, 11).spec, temp, { container: 'zip', fileName: 'big.zip' });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  })));
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

function start(args: string[]): Promise<{ url: URL; stderr: () => string; child: ChildProcess }> {
  const child = spawn(process.execPath, [cliPath, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OUTBOX_CACHE_DIR: join(temp, 'cache') },
  });
  running.push(child);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: new URL(line), stderr: () => stderr, child }));
  });
}

/** /api/progress as the viewer's EventSource reads it: every `data:` event, in order. */
function progressEvents(url: URL): { events: OpenProgress[]; stop(): void } {
  const events: OpenProgress[] = [];
  let buffer = '';
  const req = request({ host: url.hostname, port: url.port, path: '/api/progress', headers: { Authorization: `Bearer ${url.searchParams.get('token')}` } }, (res) => {
    res.on('data', (d: Buffer) => {
      buffer += d.toString('utf8');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)) as OpenProgress);
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { events, stop: () => req.destroy() };
}

const current = async (url: URL): Promise<{ status: number; body: Result<ArchiveInfo[]> }> => {
  const reply = await fetch(new URL('/api/current', url.origin), { headers: { Authorization: `Bearer ${url.searchParams.get('token')}` } });
  return { status: reply.status, body: (await reply.json()) as Result<ArchiveInfo[]> };
};

describe('outbox serve on a 20k-post archive', () => {
  it('prints the address first, streams progress, then answers /api/current with the archive', async () => {
    const { url } = await start(['serve', big, '--no-open', '--port', '0', '--no-cache']);
    const progress = progressEvents(url);
    try {
      const answer = await current(url);
      // what the viewer had seen by the time current() answered: its progress bar moved before the archive came
      const seen = [...progress.events];
      expect(seen.length).toBeGreaterThan(0);
      expect(seen[0]!.phase).not.toBe('done');
      expect(answer.status).toBe(200);
      expect(answer.body.ok && answer.body.value.map((a) => a.summary.counts.items)).toEqual([POSTS]);
      const id = answer.body.ok ? answer.body.value[0]!.id : '';
      for (let i = 0; i < 100 && !progress.events.some((e) => e.phase === 'done'); i++) await new Promise((r) => setTimeout(r, 20));
      const done = progress.events.filter((e) => e.phase === 'done');
      expect(done).toEqual([expect.objectContaining({ archive: id, items: POSTS })]);
      expect(progress.events.some((e) => e.phase === 'reading' && e.bytesTotal > 0)).toBe(true);
    } finally {
      progress.stop();
    }
  });
});

describe('outbox serve on an archive that fails after the address is printed', () => {
  it('serves the error to the viewer, prints one stderr line, and keeps serving', async () => {
    const bad = join(temp, 'bad-json.zip');
    writeFileSync(bad, rawZip([{ name: 'outbox.json', data: Buffer.from('{"orderedItems": [ {not json') }]));
    const { url, stderr, child } = await start(['serve', bad, '--no-open', '--port', '0', '--no-cache']);
    expect(url.hostname).toBe('127.0.0.1');
    const answer = await current(url);
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ ok: false, code: 'bad-json' });
    if (answer.body.ok) throw new Error('expected the open to fail');
    expect(answer.body.message).toMatch(/outbox\.json/);
    for (let i = 0; i < 100 && !stderr().includes('\n'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(stderr()).toBe(`outbox: ${answer.body.message}\n`);
    // still serving: the page and the progress stream answer, the process lives
    const page = await fetch(new URL(`/?token=${url.searchParams.get('token')}`, url.origin));
    expect([200, 404]).toContain(page.status);
    expect(child.exitCode).toBeNull();
  });

  it('a tar.gz is only recognised before the address (listing it reads all of it): its problems reach the viewer', async () => {
    const file = join(temp, 'no-outbox.tar.gz');
    writeFileSync(file, tarGz([{ name: 'actor.json', data: Buffer.from('{}') }]));
    const { url, stderr } = await start(['serve', file, '--no-open', '--port', '0', '--no-cache']);
    const answer = await current(url);
    expect(answer.body).toMatchObject({ ok: false, code: 'no-outbox' });
    for (let i = 0; i < 100 && !stderr().includes('\n'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(stderr()).toMatch(/^outbox: [^\n]+\n$/);
  });
});

describe('outbox serve shows unusable containers in the page (issue 16), and still refuses an unreadable CSV', () => {
  it.each([
    ['a truncated zip', () => {
      const whole = rawZip([{ name: 'outbox.json', data: Buffer.from('{"orderedItems":[]}') }]);
      return whole.subarray(0, whole.length - 30);
    }],
    ['a zip without outbox.json', () => rawZip([{ name: 'actor.json', data: Buffer.from('{}') }])],
  ])('%s: the address, one stderr line naming it, every API answer its error, and the server keeps running', async (what, bytes) => {
    const file = join(temp, `${what.replace(/\W+/g, '-')}.zip`);
    writeFileSync(file, bytes());
    const child = spawn(process.execPath, [cliPath, 'serve', file, '--no-open', '--port', '0', '--no-cache'], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const url = new URL(await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`outbox serve exited with ${code}: ${stderr}`)));
    }));
    const answer = await fetch(new URL('/api/current', url), { headers: { Authorization: `Bearer ${url.searchParams.get('token')}` } });
    const body = (await answer.json()) as { ok: boolean; message: string };
    expect(body.ok).toBe(false);
    expect(body.message).toMatch(/\.zip/);
    // The line follows the address at once; under load it may come a moment after the answer.
    for (let i = 0; i < 100 && !stderr.includes('\n'); i++) await new Promise((r) => setTimeout(r, 50));
    const lines = stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^outbox: .*\.zip/);
    expect(child.exitCode).toBeNull();
  });

  it('a CSV given beside the archive that cannot be read: exit 2, one line naming it', async () => {
    const csv = join(temp, 'mystery.csv');
    writeFileSync(csv, '');
    const run = await runCli(['serve', big, csv, '--no-open', '--port', '0', '--no-cache'], { cacheDir: join(temp, 'cache') });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^outbox: mystery\.csv is empty[^\n]*\n$/);
  });
});
