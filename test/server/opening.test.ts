// A server started while its archives are still opening (`outbox serve` prints its address first): API requests wait
// for ready() or fail(), progress answers at once and replays the open's latest event, a failed open is every answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveInfo, OpenProgress, Result } from '../../preload/contract.js';
import type { Archive } from '../../main/engine/archive.js';
import { openArchive } from '../../main/engine/open.js';
import { startServer, type RunningServer } from '../../main/server/server.js';
import { DEFAULT_ACCOUNT, makePost, writeArchive } from '../fixtures/archive-builder.js';

let temp: string;
let archive: Archive;

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'outbox-server-opening-'));
  const zip = await writeArchive({
    version: '4.4', account: DEFAULT_ACCOUNT,
    items: [makePost({ account: DEFAULT_ACCOUNT, published: '2024-01-02T03:04:05Z', text: 'Hello while opening' })],
  }, temp, { container: 'zip' });
  archive = await openArchive(zip, { cacheDir: null });
});

afterAll(async () => {
  await archive?.close();
  rmSync(temp, { recursive: true, force: true });
});

const ask = (server: RunningServer, path: string) => fetch(`${server.origin}${path}`, { headers: { Authorization: `Bearer ${server.token}` } });

/** Subscribes to /api/progress and collects its events until stopped. */
function subscribe(server: RunningServer): { events: OpenProgress[]; first: Promise<void>; stop(): void } {
  const events: OpenProgress[] = [];
  let buffer = '';
  let opened!: () => void;
  const first = new Promise<void>((resolve) => (opened = resolve));
  const req = request({
    host: '127.0.0.1', port: server.port, path: '/api/progress',
    headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${server.token}` },
  }, (res) => {
    res.on('data', (d: Buffer) => {
      buffer += d.toString('utf8');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)) as OpenProgress);
      }
      opened();
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { events, first, stop: () => req.destroy() };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('a server whose archives are still opening', () => {
  it('holds /api/current until ready(), while /api/progress answers and replays the latest event', async () => {
    const server = await startServer({ opening: true, port: 0, rendererDir: join(temp, 'no-renderer') });
    try {
      let answered = false;
      const current = ask(server, '/api/current').then(async (r) => {
        answered = true;
        return (await r.json()) as Result<ArchiveInfo[]>;
      });
      const reading: OpenProgress = { archive: archive.info.id, phase: 'reading', bytesRead: 10, bytesTotal: 100, items: 3 };
      server.progress(reading);
      // a viewer that connects after the open began is told where it is at once
      const late = subscribe(server);
      await until(() => late.events.length === 1);
      expect(late.events[0]).toEqual(reading);
      expect(answered).toBe(false);

      server.ready([archive]);
      server.progress({ ...reading, phase: 'done' });
      const value = await current;
      expect(value.ok && value.value.map((a) => a.id)).toEqual([archive.info.id]);
      await until(() => late.events.length === 2);
      expect(late.events[1]!.phase).toBe('done');
      late.stop();

      // once done, a new subscriber gets no stale event
      const after = subscribe(server);
      await after.first;
      server.progress({ ...reading, phase: 'indexing' });
      await until(() => after.events.length === 1);
      expect(after.events[0]!.phase).toBe('indexing');
      after.stop();
      const page = await ask(server, '/api/page?limit=1');
      expect(((await page.json()) as Result<unknown>).ok).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('answers every API request with the open\'s error after fail(), and keeps serving', async () => {
    const server = await startServer({ opening: true, port: 0, rendererDir: join(temp, 'no-renderer') });
    try {
      const waiting = ask(server, '/api/current');
      server.fail({ code: 'bad-json', message: 'outbox.json of bad.zip is not JSON.', file: 'outbox.json' });
      const reply = await waiting;
      expect(reply.status).toBe(500);
      expect(await reply.json()).toEqual({ ok: false, code: 'bad-json', message: 'outbox.json of bad.zip is not JSON.', file: 'outbox.json' });
      const page = await ask(server, '/api/page');
      expect(await page.json()).toMatchObject({ ok: false, code: 'bad-json' });
      const progress = await fetch(`${server.origin}/api/progress`, { method: 'HEAD', headers: { Authorization: `Bearer ${server.token}` } });
      expect(progress.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('answers a request still waiting when the server closes', async () => {
    const server = await startServer({ opening: true, port: 0, rendererDir: join(temp, 'no-renderer') });
    const waiting = ask(server, '/api/current').then((r) => r.status, () => 'closed');
    await new Promise((r) => setTimeout(r, 50));
    await server.close();
    expect([200, 'closed']).toContain(await waiting);
  });

  it('serves archives that arrive with add() in a new array (caches keyed on it see the change)', async () => {
    const server = await startServer({ port: 0, rendererDir: join(temp, 'no-renderer') });
    try {
      expect(await (await ask(server, '/api/current')).json()).toEqual({ ok: true, value: [] });
      server.add(archive);
      const people = (await (await ask(server, '/api/relationships')).json()) as Result<unknown>;
      expect(people.ok).toBe(true);
      const current = (await (await ask(server, '/api/current')).json()) as Result<ArchiveInfo[]>;
      expect(current.ok && current.value.map((a) => a.id)).toEqual([archive.info.id]);
    } finally {
      await server.close();
    }
  });
});
