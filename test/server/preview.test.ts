// A server serving the preview of a cold open (OpenOptions.onPreview): the viewer's first page and its media are
// answered at once when asked with preview=1, everything else waits for ready() and is then answered in full.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveInfo, Page, Result, Stats } from '../../preload/contract.js';
import type { Archive } from '../../main/engine/archive.js';
import { openArchive } from '../../main/engine/open.js';
import { signPath } from '../../main/server/auth.js';
import { startServer, type RunningServer } from '../../main/server/server.js';
import { generatePosts, writeArchive } from '../fixtures/archive-builder.js';

let temp: string;
let zip: string;
const { spec, truth } = generatePosts(300, 5);

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'outbox-server-preview-'));
  zip = await writeArchive(spec, temp, { container: 'zip' });
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const ask = (server: RunningServer, path: string) =>
  fetch(`${server.origin}${path}`, { headers: { Authorization: `Bearer ${server.token}` } }).then(async (r) => ({ status: r.status, body: await r.json() as unknown }));

/** A request and whether it has been answered yet. */
function pending<T>(promise: Promise<T>): { done: boolean; value: Promise<T> } {
  const state: { done: boolean; value: Promise<T> } = { done: false, value: promise };
  state.value = promise.then((v) => ((state.done = true), v));
  return state;
}

const settle = () => new Promise((r) => setTimeout(r, 150));
const FIRST = '/api/page?order=newest&offset=0&limit=50&filter=%7B%7D';

describe('a server with a preview of the archive it opens', () => {
  it('answers the first page and its media early, holds the rest until ready, then answers them in full', async () => {
    const server = await startServer({ opening: true, port: 0, rendererDir: join(temp, 'no-renderer') });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let archive: Archive | null = null;
    try {
      const opened = openArchive(zip, { cacheDir: null, onPreview: (p) => (server.preview([p]), held) });
      // asked before the preview exists: waits for it
      const early = pending(ask(server, '/api/current?preview=1'));
      const current = (await early.value).body as Result<ArchiveInfo[]>;
      expect(current.ok && current.value[0]!.indexing).toBe(true);
      const id = current.ok ? current.value[0]!.id : '';

      const page = (await ask(server, `${FIRST}&preview=1`)).body as Result<Page>;
      expect(page.ok && page.value.partial).toBe(true);
      expect(page.ok && page.value.items).toHaveLength(50);
      const avatar = current.ok ? current.value[0]!.profile.avatar : null;
      if (avatar) {
        const media = await fetch(`${server.origin}/media/${id}/${encodeURIComponent(avatar)}`, { headers: { Authorization: `Bearer ${server.token}` } });
        expect(media.status).toBe(200);
        await media.arrayBuffer();
      }

      // Without preview=1 (a script), with a filter, another page, stats, search: all wait for the whole open.
      const plain = pending(ask(server, '/api/current'));
      const filtered = pending(ask(server, `/api/page?order=newest&offset=0&limit=50&filter=${encodeURIComponent('{"kinds":["boost"]}')}&preview=1`));
      const second = pending(ask(server, '/api/page?order=newest&offset=50&limit=50&filter=%7B%7D&preview=1'));
      const stats = pending(ask(server, '/api/stats?tz=UTC'));
      const search = pending(ask(server, '/api/search?q=the&preview=1'));
      await settle();
      expect([plain.done, filtered.done, second.done, stats.done, search.done]).toEqual([false, false, false, false, false]);

      release();
      archive = await opened;
      server.ready([archive]);
      const whole = (await plain.value).body as Result<ArchiveInfo[]>;
      expect(whole.ok && whole.value[0]!.indexing).toBeUndefined();
      expect(whole.ok && whole.value[0]!.summary.counts.items).toBe(truth.items);
      const boosts = (await filtered.value).body as Result<Page>;
      expect(boosts.ok && boosts.value.total).toBe(archive.page({ filter: { kinds: ['boost'] }, order: 'newest', offset: 0, limit: 1 }).total);
      expect(((await second.value).body as Result<Page>).ok).toBe(true);
      expect(((await stats.value).body as Result<Stats>).ok).toBe(true);
      expect((await search.value).status).toBe(200);
      // and the first page is now the whole archive's
      const full = (await ask(server, `${FIRST}&preview=1`)).body as Result<Page>;
      expect(full.ok && full.value.partial).toBeUndefined();
      expect(full.ok && full.value.total).toBe(archive.summary().counts.posts + archive.summary().counts.boosts);
      expect(full.ok && full.value.items.map((i) => i.post.id)).toEqual(page.ok && page.value.items.map((i) => i.post.id));
    } finally {
      release();
      await server.close();
      await archive?.close();
    }
  });

  it('a failed open after its preview: every request answers the failure, none is served from the preview', async () => {
    const server = await startServer({ opening: true, port: 0, rendererDir: join(temp, 'no-renderer') });
    try {
      const opened = await openArchive(zip, { cacheDir: null, onPreview: (p) => server.preview([p]) });
      const page = pending(ask(server, '/api/page?order=oldest&offset=0&limit=5&filter=%7B%7D&preview=1'));
      server.fail({ code: 'bad-json', message: 'outbox.json is not valid JSON.' });
      const answer = await page.value;
      expect(answer.status).toBe(500);
      const first = await ask(server, `${FIRST}&preview=1`);
      expect((first.body as Result<Page>).ok).toBe(false);
      await opened.close();
    } finally {
      await server.close();
    }
  });

  it('streams progress to an EventSource, which carries the signature of /api/progress (the viewer learns it is done)', async () => {
    const server = await startServer({ opening: true, port: 0, rendererDir: join(temp, 'no-renderer') });
    const stop = new AbortController();
    try {
      const answer = await fetch(`${server.origin}/api/progress?sig=${signPath(server.token, '/api/progress')}`, { signal: stop.signal });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/event-stream/);
    } finally {
      stop.abort();
      await server.close();
    }
  });
});
