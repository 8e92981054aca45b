// The archive worker on a real worker thread with the real engine: opens, queries, progress and media bytes.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenProgress } from '../../preload/contract.js';
import { ArchiveHost } from '../../main/desktop/archive-host.js';
import type { WorkerLike } from '../../main/desktop/archive-host.js';
import { buildWorker } from './engine-port.js';
import { IMAGE_BYTES, IMAGE_NAME, writeSmallArchive } from './small-archive.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-worker-'));
let worker: Worker;
let host: ArchiveHost;
let archivePath: string;

beforeAll(async () => {
  const script = await buildWorker(dir);
  worker = new Worker(script, { workerData: { outboxWorker: true, cacheDir: null } });
  host = new ArchiveHost(worker as unknown as WorkerLike);
  archivePath = await writeSmallArchive(dir);
});

afterAll(async () => {
  await worker?.terminate();
  rmSync(dir, { recursive: true, force: true });
});

const bytesOf = async (body: ReadableStream<Uint8Array>) => Buffer.from(await new Response(body).arrayBuffer());

describe('the archive worker thread', () => {
  it('opens an archive, reports progress, and answers queries with Results', async () => {
    const progress: OpenProgress[] = [];
    const stop = host.onProgress((p) => progress.push(p));
    const opened = await host.call('open', { path: archivePath });
    stop();
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const info = opened.value;
    expect(info.name).toBe('archive.zip');
    expect(info.profile.username).toBe('alice');
    expect(info.summary.counts.posts).toBe(2);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ archive: info.id, phase: 'done' });
    expect(progress.filter((p) => p.phase === 'done')).toHaveLength(1);

    const current = await host.call('current', {});
    expect(current).toMatchObject({ ok: true, value: [{ id: info.id }] });
    const page = await host.call('page', { archive: info.id, filter: {}, order: 'oldest', offset: 0, limit: 10 });
    expect(page.ok && page.value.items.map((i) => i.post.text.trim())).toEqual(['Post number 1 a link', 'Post number 2 a link']);
    const id = page.ok ? page.value.items[0]!.post.id : '';
    expect(await host.call('post', { archive: info.id, id })).toMatchObject({ ok: true, value: { id } });
    expect(await host.call('post', { archive: info.id, id: 'https://elsewhere/1' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await host.call('likes', { archive: 'nope' })).toMatchObject({ ok: false, code: 'not-open' });

    // the library calls run in the bundled thread too (people-view and stats are inside it)
    expect(await host.call('moves', {})).toEqual({ ok: true, value: [] });
    const stats = await host.call('stats', { archive: info.id, filter: { hasMedia: true }, timeZone: 'UTC', utc: true });
    expect(stats.ok && stats.value.totals).toEqual({ posts: 1, boosts: 0, undated: 0 });
    const csv = await host.call('exportCsv', { kind: 'following' });
    expect(csv).toMatchObject({ ok: true, value: { fileName: 'following_accounts.csv' } });
  });

  it('streams an indexed entry\'s bytes in chunks, and nothing the index does not know', async () => {
    const opened = await host.call('open', { path: archivePath });
    if (!opened.ok) throw new Error(opened.message);
    const media = await host.media(opened.value.id, IMAGE_NAME);
    expect(media.ok).toBe(true);
    if (!media.ok) return;
    expect(media.value.contentType).toBe('image/png');
    expect(media.value.size).toBe(IMAGE_BYTES.length);
    expect((await bytesOf(media.value.body)).equals(IMAGE_BYTES)).toBe(true);
    for (const name of ['secret.txt', 'outbox.json', '../archive.zip', archivePath, 'media_attachments/files/000/000/001/original/other.png']) {
      expect(await host.media(opened.value.id, name), name).toMatchObject({ ok: false, code: 'not-found' });
    }
  });

  it('stops a stream the consumer cancels', async () => {
    const opened = await host.call('open', { path: archivePath });
    if (!opened.ok) throw new Error(opened.message);
    // Learn the worker's next stream number, and check that an un-cancelled stream keeps giving bytes.
    const probe = await host.call('media', { archive: opened.value.id, path: IMAGE_NAME });
    if (!probe.ok) throw new Error(probe.message);
    const probed = await host.call('read', { stream: probe.value.stream });
    expect(probed.ok && probed.value.chunk!.length).toBeGreaterThan(0);
    expect(await host.call('cancel', { stream: probe.value.stream })).toEqual({ ok: true, value: true });

    const media = await host.media(opened.value.id, IMAGE_NAME);
    if (!media.ok) throw new Error(media.message);
    const reader = media.value.body.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeLessThan(IMAGE_BYTES.length);
    await reader.cancel();
    // the worker dropped the stream: asking it for more ends at once
    expect(await host.call('read', { stream: probe.value.stream + 1 })).toEqual({ ok: true, value: { chunk: null } });
    expect(await host.call('cancel', { stream: probe.value.stream + 1 })).toEqual({ ok: true, value: false });
  });

  it('answers a failed open with the engine\'s message, and unknown methods as bad requests', async () => {
    const missing = await host.call('open', { path: join(dir, 'missing.zip') });
    expect(missing).toMatchObject({ ok: false, code: 'not-found' });
    expect(!missing.ok && missing.message).toContain('missing.zip');
    const garbage = await host.call('open', { path: join(dir, 'worker.mjs') });
    expect(garbage).toMatchObject({ ok: false, code: 'not-archive' });
    expect(await host.call('nonsense' as 'current', {})).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('ends a failed open\'s progress with done, so no progress bar waits for it', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('{"orderedItems": [ {"type": "Create", '), 'outbox.json');
    zip.end();
    const broken = join(dir, 'broken.zip');
    await pipeline(zip.outputStream, createWriteStream(broken));
    const progress: OpenProgress[] = [];
    const stop = host.onProgress((p) => progress.push(p));
    const result = await host.call('open', { path: broken });
    stop();
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.message).toMatch(/outbox\.json/);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.phase).toBe('done');
  });

  it('answers every call with an internal Result once the thread is gone', async () => {
    const script = join(dir, 'worker.mjs');
    const doomed = new Worker(script, { workerData: { outboxWorker: true, cacheDir: null } });
    const doomedHost = new ArchiveHost(doomed as unknown as WorkerLike);
    const pending = doomedHost.call('open', { path: archivePath });
    await doomed.terminate();
    expect(await pending).toMatchObject({ ok: false, code: 'internal' });
    expect(await doomedHost.call('current', {})).toMatchObject({ ok: false, code: 'internal' });
  });
});
