// The engine's service on its own: requests checked once, the shown archive as default, opens and their progress,
// closing only what it opened. (The parity test shows the adapters add nothing to its answers.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenProgress } from '../../../preload/contract.js';
import { openArchive } from '../../../main/engine/open.js';
import { createService } from '../../../main/engine/service/index.js';
import { generatePosts, makeAccount, writeArchive } from '../../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-service-'));
let first = '';
let second = '';

beforeAll(async () => {
  first = await writeArchive(generatePosts(40, 3).spec, join(tmp, 'a'), { container: 'zip' });
  const other = generatePosts(30, 4, { account: makeAccount({ host: 'other.example', username: 'kim', displayName: 'Kim' }) });
  second = await writeArchive(other.spec, join(tmp, 'b'), { container: 'zip' });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('createService', () => {
  it('answers an unknown request, a malformed one and one about no open archive as data, never a throw', async () => {
    const service = createService({ cacheDir: null });
    expect(await service.request('nonsense' as 'current', {})).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await service.request('page', null)).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await service.request('page', { filter: {}, order: 'newest', offset: 0, limit: 5 }))
      .toEqual({ ok: false, code: 'not-open', message: 'No archive is open.' });
    expect(await service.request('likes', { archive: 'gone' }))
      .toEqual({ ok: false, code: 'not-open', message: 'No archive with id "gone" is open.' });
    expect(await service.request('open', { path: 'relative.zip' })).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await service.request('open', { path: join(tmp, 'missing.zip') })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await service.exportRows({ format: 'csv' })).toMatchObject({ ok: false, code: 'not-open' });
  });

  it('shows the archive opened last first, defaults requests to it, and says done only once current() lists it', async () => {
    const seen: Array<{ phase: OpenProgress['phase']; listed: number }> = [];
    const service = createService({
      cacheDir: null,
      onProgress: (p) => seen.push({ phase: p.phase, listed: service.archives().length }),
    });
    const a = await service.request('open', { path: first });
    const b = await service.request('open', { path: second });
    if (!a.ok || !b.ok) throw new Error('open failed');
    expect(seen.filter((s) => s.phase === 'done').map((s) => s.listed)).toEqual([1, 2]);
    const current = await service.request('current', {});
    expect(current.ok && current.value.map((i) => i.id)).toEqual([b.value.id, a.value.id]);
    const page = await service.request('page', { filter: {}, order: 'oldest', offset: 0, limit: 500 });
    expect(page.ok && page.value.total).toBe(b.value.summary.counts.items);
    const all = await service.request('page', { archive: '*', filter: {}, order: 'oldest', offset: 0, limit: 500 });
    expect(all.ok && all.value.total).toBe(a.value.summary.counts.items + b.value.summary.counts.items);
    const download = await service.exportRows({ archive: '*', format: 'jsonl' });
    if (!download.ok) throw new Error(download.message);
    const lines = [...download.value.chunks].join('').split('\n').filter(Boolean);
    expect(lines).toHaveLength(a.value.summary.counts.items + b.value.summary.counts.items);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { archive: string }).archive))).toEqual(new Set(['@sam@example.social', '@kim@other.example']));
    await service.close();
    expect(await service.request('current', {})).toEqual({ ok: true, value: [] });
  });

  it('never closes archives it was given to serve', async () => {
    const given = await openArchive(first, { cacheDir: null });
    const service = createService();
    service.adopt([given]);
    expect(await service.request('likes', {})).toMatchObject({ ok: true });
    await service.close();
    expect(given.post([...given.posts()][0]!.id)).toBeDefined(); // still open and answering
    await given.close();
  });
});
