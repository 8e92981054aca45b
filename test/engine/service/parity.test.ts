// One door, two adapters: every routed request of the contract, over the same archives (one archive; several with a
// moved account and relationship CSVs; none), through browser mode's HTTP server and through the desktop's worker
// dispatch over a MessageChannel. The answers must be equal, errors included, and so must media with Range.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveInfo, Page, RequestName, Result } from '../../../preload/contract.js';
import { ALL_ARCHIVES, REQUESTS, RELATIONSHIP_KINDS } from '../../../preload/contract.js';
import { ArchiveHost, type WorkerLike } from '../../../main/desktop/archive-host.js';
import { openLibrary, type Library } from '../../../main/engine/library/library.js';
import { serveArchives, type Port } from '../../../main/engine/worker.js';
import { startServer, type RunningServer } from '../../../main/server/server.js';
import { writeMovedExports } from '../library/moved-account.js';
import { generatePosts, writeArchive } from '../../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-parity-'));
const closers: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  rmSync(tmp, { recursive: true, force: true });
});

interface Sides {
  http: RunningServer;
  host: ArchiveHost;
  ids: string[];
}

/** Both adapters over the same paths: the server as `outbox serve` opens them, the worker as the desktop does. */
async function sides(paths: string[]): Promise<Sides> {
  let library: Library | null = null;
  if (paths.length > 0) {
    library = await openLibrary(paths, { cacheDir: null, csvBeside: true });
    closers.push(() => library!.close());
  }
  const http = await startServer({ archives: [...(library?.archives ?? [])], ...(library ? { library } : {}), rendererDir: join(tmp, 'none') });
  closers.push(() => http.close());
  const { port1, port2 } = new MessageChannel();
  serveArchives(port2 as unknown as Port, import('../../../main/engine/open.js'), { cacheDir: null });
  const host = new ArchiveHost(port1 as unknown as WorkerLike);
  closers.push(() => (port1 as MessagePort).close());
  // The desktop shows the archive opened last first: open in reverse, so current() lists them as `serve` does.
  for (const path of [...paths].reverse()) {
    const opened = await host.call('open', { path });
    if (!opened.ok) throw new Error(opened.message);
  }
  const current = await host.call('current', {});
  if (!current.ok) throw new Error(current.message);
  return { http, host, ids: current.value.map((i: ArchiveInfo) => i.id) };
}

function fetchHttp(server: RunningServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: server.port, path, headers: { Authorization: `Bearer ${server.token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

/** The contract request as browser mode's query string spells it (filter as JSON, the stats zone as tz and utc=1|0). */
function queryOf(request: Record<string, unknown>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined) continue;
    if (key === 'filter') query.set('filter', JSON.stringify(value));
    else if (key === 'timeZone') query.set('tz', String(value));
    else if (key === 'utc') query.set('utc', value ? '1' : '0');
    else query.set(key, String(value));
  }
  return query;
}

/** One request through the HTTP adapter, as a Result (the two routes that answer with a body of their own unwrapped). */
async function overHttp(server: RunningServer, name: RequestName, req: Record<string, unknown>): Promise<Result<unknown>> {
  const route = REQUESTS[name].route!;
  const reply = await fetchHttp(server, `${route}?${queryOf(req)}`);
  const text = reply.body.toString('utf8');
  if (name === 'exportCsv' && reply.status === 200) {
    const fileName = /filename="([^"]+)"/.exec(String(reply.headers['content-disposition']))![1]!;
    return { ok: true, value: { fileName, text } };
  }
  const body = JSON.parse(text) as Result<unknown> | Record<string, unknown>;
  if (name === 'search' && reply.status === 200) return { ok: true, value: body };
  return body as Result<unknown>;
}

/** tookMs is a measurement, not an answer. */
function settled(result: Result<unknown>): Result<unknown> {
  if (result.ok && result.value && typeof result.value === 'object' && 'tookMs' in result.value) {
    return { ok: true, value: { ...result.value, tookMs: 0 } };
  }
  return result;
}

async function expectParity(s: Sides, cases: Array<[RequestName, Record<string, unknown>]>): Promise<void> {
  for (const [name, req] of cases) {
    const viaHttp = settled(await overHttp(s.http, name, req));
    const viaWorker = settled(await s.host.call(name, req as never));
    expect(viaHttp, `${name} ${JSON.stringify(req)}`).toEqual(viaWorker);
  }
}

/** The requests every scenario asks, around the archives open (errors among them). */
function commonCases(ids: string[], postId: string | null): Array<[RequestName, Record<string, unknown>]> {
  const first = ids[0] ?? 'none';
  const cases: Array<[RequestName, Record<string, unknown>]> = [
    ['current', {}],
    ['current', { x: '1' }],
    ['page', { archive: first, filter: {}, order: 'newest', offset: 0, limit: 50 }],
    ['page', { filter: { hasMedia: true }, order: 'oldest', offset: 0, limit: 10 }],
    ['page', { archive: ALL_ARCHIVES, filter: { hashtag: 'garden' }, order: 'oldest', offset: 0, limit: 500 }],
    ['page', { archive: ALL_ARCHIVES, filter: { q: 'tomatoes' }, order: 'relevance', offset: 0, limit: 10 }],
    ['page', { archive: ALL_ARCHIVES, filter: {}, order: 'newest', offset: 2, limit: 3 }],
    ['page', { archive: first, filter: { colour: 'red' }, order: 'newest', offset: 0, limit: 5 }],
    ['page', { archive: first, filter: {}, order: 'sideways', offset: 0, limit: 5 }],
    ['page', { archive: first, filter: {}, order: 'newest', offset: 0, limit: 0 }],
    ['page', { archive: 'nope', filter: {}, order: 'newest', offset: 0, limit: 5 }],
    ['post', { archive: first, id: 'https://nowhere.example/1' }],
    ['post', { archive: first }],
    ['thread', { archive: 'nope', id: 'x' }],
    ['search', { archive: first, q: 'garden', limit: 5 }],
    ['search', { archive: ALL_ARCHIVES, q: 'garden', limit: 20 }],
    ['search', { q: 'post', limit: 3 }],
    ['search', { archive: first, q: 'x', limit: 100_000 }],
    ['likes', { archive: first }],
    ['bookmarks', { archive: first }],
    ['bookmarks', { archive: 'nope' }],
    ['relationships', {}],
    ['relationships', { archive: first }],
    ['moves', {}],
    ['exportCsv', { kind: 'friends' }],
    ['stats', { archive: ALL_ARCHIVES, filter: {}, timeZone: 'Europe/Berlin', utc: false }],
    ['stats', { archive: first, filter: { kinds: ['boost'] }, timeZone: 'UTC', utc: true }],
    ['stats', { filter: { q: 'garden' }, timeZone: 'Pacific/Auckland', utc: false }],
    ['stats', { archive: first, filter: {}, timeZone: 'Mars/Olympus', utc: false }],
    ...RELATIONSHIP_KINDS.map((kind): [RequestName, Record<string, unknown>] => ['exportCsv', { kind }]),
  ];
  for (const id of ids.slice(1)) cases.push(['likes', { archive: id }], ['bookmarks', { archive: id }], ['page', { archive: id, filter: {}, order: 'oldest', offset: 0, limit: 500 }]);
  if (postId) cases.push(['post', { archive: first, id: postId }], ['thread', { archive: first, id: postId }]);
  return cases;
}

async function somePost(s: Sides, archive: string): Promise<string | null> {
  const page = await s.host.call('page', { archive, filter: {}, order: 'oldest', offset: 1, limit: 1 });
  return page.ok ? ((page.value as Page).items[0]?.post.id ?? null) : null;
}

describe('the HTTP adapter and the worker adapter answer alike', () => {
  let one: Sides;
  let several: Sides;
  let none: Sides;

  beforeAll(async () => {
    const { spec } = generatePosts(120, 11, { start: '2022-01-01T00:00:00Z', end: '2023-12-31T00:00:00Z' });
    one = await sides([await writeArchive(spec, join(tmp, 'one'), { container: 'zip' })]);
    const moved = await writeMovedExports(join(tmp, 'moved'));
    // Relationship CSVs in the newest export's folder: both adapters pick them up (one with a formula-shaped account).
    const beside = dirname(moved.newer);
    writeFileSync(join(beside, 'following_accounts.csv'), 'Account address,Show boosts,Notify on new posts,Languages\nkit@else.example,true,false,"en, de"\n=x@evil.example,true,false,\n');
    writeFileSync(join(beside, 'lists.csv'), 'Garden,kit@else.example\nbroken\n');
    writeFileSync(join(beside, 'bookmarks.csv'), 'https://else.example/users/kit/statuses/114\n');
    several = await sides([moved.oldEarly, moved.oldLate, moved.newer]);
    none = await sides([]);
  }, 60_000);

  it('over one archive', async () => {
    expect(one.ids).toHaveLength(1);
    await expectParity(one, commonCases(one.ids, await somePost(one, one.ids[0]!)));
  });

  it('over several archives of a person who moved, with CSVs beside them', async () => {
    expect(several.ids).toHaveLength(3);
    const people = await several.host.call('relationships', {});
    expect(people.ok && people.value.files.map((f) => f.name).sort()).toEqual(['bookmarks.csv', 'following_accounts.csv', 'lists.csv']);
    const moves = await several.host.call('moves', {});
    expect(moves.ok && moves.value.length).toBe(1);
    await expectParity(several, commonCases(several.ids, await somePost(several, several.ids[2]!)));
  });

  it('with nothing open', async () => {
    expect(none.ids).toEqual([]);
    await expectParity(none, commonCases([], null));
  });

  it('serves media alike, with the one Range rule', async () => {
    const info = await one.host.call('current', {});
    if (!info.ok) throw new Error(info.message);
    const avatar = info.value[0]!.profile.avatar!;
    const encoded = encodeURIComponent(avatar);
    for (const range of [null, 'bytes=0-9', 'bytes=5-3', 'bytes=-4', 'bytes=999999-', 'bytes=0-1,4-5']) {
      const viaHttp = await fetchHttp(one.http, `/media/${one.ids[0]}/${encoded}`, range ? { Range: range } : {});
      const viaWorker = await one.host.media(one.ids[0]!, encoded, range);
      if (!viaWorker.ok) throw new Error(viaWorker.message);
      expect(viaHttp.status, String(range)).toBe(viaWorker.value.status);
      const bytes = Buffer.from(await new Response(viaWorker.value.body).arrayBuffer());
      if (viaHttp.status !== 416) {
        expect(viaHttp.body.equals(bytes), String(range)).toBe(true);
        expect(viaHttp.headers['content-length']).toBe(String(viaWorker.value.length));
        expect(viaHttp.headers['content-type']).toBe(viaWorker.value.contentType);
      }
    }
    for (const name of ['..%2Foutbox.json', 'outbox.json', '%zz', 'a%5Cb']) {
      expect((await fetchHttp(one.http, `/media/${one.ids[0]}/${name}`)).status, name).toBe(404);
      expect(await one.host.media(one.ids[0]!, name), name).toMatchObject({ ok: false, code: 'not-found' });
    }
  });
});
