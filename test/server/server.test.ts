// Browser mode's server over real HTTP with a real archive: Host and token guards, headers, API, media, static files.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, type ArchiveInfo, type Page, type Post, type Result, type SearchResponse } from '../../preload/contract.js';
import type { Archive } from '../../main/engine/archive.js';
import { openArchive } from '../../main/engine/open.js';
import { startServer, type RunningServer } from '../../main/server/server.js';
import { DEFAULT_ACCOUNT, makePost, prng, writeArchive } from '../fixtures/archive-builder.js';
import { assertBuilt, runCli, sample } from '../cli/run-cli.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let temp: string;
let archive: Archive;
/** a generated zip whose one post carries a 700 KB video: media read through inflate, Range across chunks */
let zipped: Archive;
const VIDEO = Buffer.from(Array.from({ length: 700_000 }, ((rand) => () => Math.floor(rand() * 16))(prng(9))));
let server: RunningServer;
let hostHeader: string;

const APP_JS = 'console.log("outbox renderer");\n';

function send(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { Host: hostHeader, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject); // a response cut short (the server could not send what it announced)
    });
    req.on('error', reject);
    req.end();
  });
}

const auth = () => ({ Authorization: `Bearer ${server.token}` });
const get = (path: string, headers: Record<string, string> = {}) => send(path, { ...auth(), ...headers });
const json = <T>(reply: Reply): T => JSON.parse(reply.body.toString('utf8')) as T;

function expectSecurityHeaders(reply: Reply): void {
  expect(reply.headers['content-security-policy']).toBe(CSP);
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  expect(reply.headers['referrer-policy']).toBe('no-referrer');
  expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(reply.headers['cross-origin-resource-policy']).toBe('same-origin');
}

/** A post of the sample with a present attachment (read through the API, as the viewer would). */
async function mediaPost(kind: 'image' | 'video'): Promise<Post> {
  const filter = encodeURIComponent(JSON.stringify({ hasMedia: true }));
  const page = json<Result<Page>>(await get(`/api/page?order=oldest&limit=500&filter=${filter}`));
  if (!page.ok) throw new Error(page.message);
  const post = page.value.items.map((i) => i.post).find((p) => p.media.some((m) => m.present && m.mediaType.startsWith(kind)));
  if (!post) throw new Error(`the sample has no ${kind}`);
  return post;
}

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'outbox-server-'));
  const renderer = join(temp, 'renderer');
  mkdirSync(join(renderer, 'styles'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Outbox</title><script type="module" src="app.js"></script>');
  writeFileSync(join(renderer, 'app.js'), APP_JS);
  writeFileSync(join(renderer, 'styles', 'app.css'), 'body{}');
  writeFileSync(join(temp, 'secret.txt'), 'outside the renderer');
  archive = await openArchive(sample, { cacheDir: null });
  const zip = await writeArchive({
    version: '4.4', account: DEFAULT_ACCOUNT,
    items: [makePost({ account: DEFAULT_ACCOUNT, published: '2024-01-02T03:04:05Z', text: 'A long video', media: [{ kind: 'video', bytes: VIDEO, alt: 'waves' }] })],
  }, temp, { container: 'zip' });
  zipped = await openArchive(zip, { cacheDir: null });
  server = await startServer({ archives: [archive, zipped], port: 0, rendererDir: renderer });
  hostHeader = `127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  await archive?.close();
  await zipped?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('who may ask', () => {
  it('prints an address on 127.0.0.1 with a 32-byte hex token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  it('answers 401 without the token, and with a wrong one', async () => {
    for (const path of ['/app.js', '/styles/app.css', '/api/current', '/api/search?q=nuclear', '/media/x/y', '/nothing']) {
      const reply = await send(path);
      expect(reply.status, path).toBe(401);
      expectSecurityHeaders(reply);
    }
    // the viewer's page alone loads without it (our code, no archive data): no cookie carries the token any more
    for (const path of ['/', '/index.html']) {
      const reply = await send(path);
      expect(reply.status, path).toBe(200);
      expect(reply.body.toString()).not.toContain(server.token);
      expectSecurityHeaders(reply);
    }
    expect((await send(`/api/current?token=${'0'.repeat(64)}`)).status).toBe(401);
    expect((await send('/api/current', { Authorization: `Bearer ${server.token.slice(1)}` })).status).toBe(401);
    expect((await send('/api/current', { Cookie: `outbox_token_${server.port}=nope` })).status).toBe(401);
  });

  it('accepts the token as query parameter, cookie and bearer', async () => {
    expect((await send(`/api/current?token=${server.token}`)).status).toBe(200);
    expect((await send('/api/current', { Cookie: `theme=dark; outbox_token_${server.port}=${server.token}` })).status).toBe(200);
    expect((await send('/api/current', auth())).status).toBe(200);
  });

  it('sets no cookie on the page load that carried the token, and signs the page\'s own files instead', async () => {
    const page = await send(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    // the page's own requests then carry a signature of their path, never the token
    const src = /src="(app\.js\?sig=[0-9a-f]{32})"/.exec(page.body.toString())?.[1];
    expect(src).toBeDefined();
    expect(page.body.toString()).not.toContain(server.token);
    const js = await send(`/${src}`);
    expect(js.status).toBe(200);
    expect(js.body.toString()).toBe(APP_JS);
  });

  it('answers 403 to any Host but the address it bound (DNS rebinding), token or not', async () => {
    for (const host of [`evil.example:${server.port}`, `localhost:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`]) {
      const reply = await send(`/api/current?token=${server.token}`, { Host: host });
      expect(reply.status, host).toBe(403);
      expectSecurityHeaders(reply);
    }
  });

  it('answers 405 to methods other than GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const reply = await send('/api/current', auth(), method);
      expect(reply.status, method).toBe(405);
      expectSecurityHeaders(reply);
    }
    const head = await send('/api/current', auth(), 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });
});

describe('static files', () => {
  it('serves only the listed renderer files, with their types', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expectSecurityHeaders(index);
    expect((await get('/index.html')).body.toString()).toBe(index.body.toString());
    const css = await get('/styles/app.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expectSecurityHeaders(css);
  });

  it('answers 404 for anything else, including paths that climb out', async () => {
    for (const path of ['/secret.txt', '/../secret.txt', '/styles/../../secret.txt', '/%2e%2e/secret.txt', '/app.js/', '/APP.JS', '/nothing']) {
      const reply = await get(path);
      expect(reply.status, path).toBe(404);
      expectSecurityHeaders(reply);
    }
  });
});

describe('the API', () => {
  it('lists the open archive', async () => {
    const reply = await get('/api/current');
    expectSecurityHeaders(reply);
    const current = json<Result<ArchiveInfo[]>>(reply);
    expect(current.ok && current.value.map((a) => a.id)).toEqual([archive.info.id, zipped.info.id]);
    expect(current.ok && current.value[0]!.summary.counts.items).toBe(207);
  });

  it('pages through posts with validated parameters', async () => {
    const reply = await get(`/api/page?archive=${encodeURIComponent(archive.info.id)}&order=oldest&offset=0&limit=10`);
    expect(reply.status).toBe(200);
    const page = json<Result<Page>>(reply);
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value.items).toHaveLength(10);
    expect(page.value.total).toBe(207);
    const filtered = json<Result<Page>>(await get(`/api/page?filter=${encodeURIComponent(JSON.stringify({ kinds: ['boost'] }))}`));
    expect(filtered.ok && filtered.value.items.every((i) => i.post.type === 'boost')).toBe(true);
  });

  it.each([
    'limit=501', 'limit=0', 'limit=ten', 'offset=-1', 'order=random', 'filter=%7B', 'filter=%5B%5D',
    `filter=${encodeURIComponent('{"kinds":["note"]}')}`, `filter=${encodeURIComponent('{"colour":"red"}')}`,
    `filter=${encodeURIComponent('{"hasMedia":"yes"}')}`, 'surprise=1', 'limit=1&limit=2',
  ])('refuses /api/page?%s with 400 and a bad-request Result', async (query) => {
    const reply = await get(`/api/page?${query}`);
    expect(reply.status).toBe(400);
    expectSecurityHeaders(reply);
    expect(json<Result<Page>>(reply)).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('answers 404 with a Result for unknown archives, posts and routes', async () => {
    expect(json(await get('/api/page?archive=nope'))).toMatchObject({ ok: false, code: 'not-open' });
    expect((await get('/api/page?archive=nope')).status).toBe(404);
    const missing = await get(`/api/post?id=${encodeURIComponent('https://nowhere.example/1')}`);
    expect(missing.status).toBe(404);
    expect(json(missing)).toMatchObject({ ok: false, code: 'not-found' });
    expect((await get('/api/nothing')).status).toBe(404);
  });

  it('answers not-open while no archive is open', async () => {
    const empty = await startServer({ archives: [], port: 0, rendererDir: join(temp, 'renderer') });
    try {
      const ask = (path: string) =>
        fetch(`${empty.origin}${path}`, { headers: { Authorization: `Bearer ${empty.token}` } });
      expect(await (await ask('/api/current')).json()).toEqual({ ok: true, value: [] });
      for (const path of ['/api/search?q=x', '/api/page', '/api/likes', `/api/post?id=x`]) {
        const reply = await ask(path);
        expect(reply.status, path).toBe(404);
        expect(await reply.json(), path).toMatchObject({ ok: false, code: 'not-open' });
      }
    } finally {
      await empty.close();
    }
  });

  it('finds a post and its thread by id', async () => {
    const first = json<Result<Page>>(await get('/api/page?order=oldest&limit=1'));
    if (!first.ok) throw new Error(first.message);
    const id = first.value.items[0]!.post.id;
    const post = json<Result<Post>>(await get(`/api/post?id=${encodeURIComponent(id)}`));
    expect(post.ok && post.value.id).toBe(id);
    const thread = json<Result<{ post: Post }>>(await get(`/api/thread?id=${encodeURIComponent(id)}`));
    expect(thread.ok && thread.value.post.id).toBe(id);
  });

  it('answers likes and bookmarks', async () => {
    const likes = json<Result<{ total: number }>>(await get('/api/likes'));
    expect(likes.ok && likes.value.total).toBe(archive.summary().counts.likes);
    const bookmarks = json<Result<{ total: number }>>(await get('/api/bookmarks'));
    expect(bookmarks.ok && bookmarks.value.total).toBe(archive.summary().counts.bookmarks);
  });

  it('streams progress as server-sent events', async () => {
    const reply = await new Promise<{ status: number; type: string; first: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/progress', headers: { Host: hostHeader, ...auth() } }, (res) => {
        res.once('data', (d: Buffer) => {
          resolve({ status: res.statusCode!, type: String(res.headers['content-type']), first: d.toString() });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^text\/event-stream/);
    expect(reply.first.startsWith(':')).toBe(true);
  });

  it('answers /api/search with exactly what `outbox search --json` prints', async () => {
    assertBuilt();
    for (const [q, limit] of [['nuclear', 5], ['youtube', 50], ['zzzznothing', 3]] as const) {
      const reply = await get(`/api/search?q=${encodeURIComponent(q)}&limit=${limit}`);
      expect(reply.status).toBe(200);
      expectSecurityHeaders(reply);
      const cli = await runCli(['search', sample, q, '--json', '--limit', String(limit), '--no-cache']);
      expect(cli.code, cli.stderr).toBe(0);
      const fromServer = json<SearchResponse>(reply);
      const fromCli = JSON.parse(cli.stdout) as SearchResponse;
      expect(Object.keys(fromServer)).toEqual(['query', 'total', 'tookMs', 'results']);
      const { tookMs: _a, ...serverRest } = fromServer;
      const { tookMs: _b, ...cliRest } = fromCli;
      expect(serverRest).toEqual(cliRest);
      if (q !== 'zzzznothing') expect(fromServer.total).toBeGreaterThan(0);
    }
    // the default limit is the CLI's too
    const defaults = json<SearchResponse>(await get('/api/search?q=youtube'));
    const cli = JSON.parse((await runCli(['search', sample, 'youtube', '--json', '--no-cache'])).stdout) as SearchResponse;
    expect(defaults.results.map((r) => r.id)).toEqual(cli.results.map((r) => r.id));
    expect((await get('/api/search?limit=3')).status).toBe(400);
    expect((await get('/api/search?q=a&limit=-1')).status).toBe(400);
  });
});

describe('media', () => {
  const mediaUrl = (name: string) => `/media/${encodeURIComponent(archive.info.id)}/${encodeURIComponent(name)}`;

  it('streams a known entry with its type and length', async () => {
    const post = await mediaPost('image');
    const media = post.media.find((m) => m.present)!;
    const reply = await get(mediaUrl(media.path!));
    expect(reply.status).toBe(200);
    expectSecurityHeaders(reply);
    expect(reply.headers['content-type']).toBe(media.mediaType);
    const onDisk = readFileSync(join(sample, media.path!));
    expect(Number(reply.headers['content-length'])).toBe(onDisk.length);
    expect(reply.body.equals(onDisk)).toBe(true);
  });

  it('answers a Range request with 206 and exactly those bytes', async () => {
    const post = await mediaPost('video');
    const media = post.media.find((m) => m.present && m.mediaType.startsWith('video'))!;
    const onDisk = readFileSync(join(sample, media.path!));
    const cases: Array<[string, number, number]> = [
      ['bytes=0-99', 0, 99],
      [`bytes=1000-`, 1000, onDisk.length - 1],
      ['bytes=-500', onDisk.length - 500, onDisk.length - 1],
      [`bytes=${onDisk.length - 10}-${onDisk.length + 1000}`, onDisk.length - 10, onDisk.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const reply = await get(mediaUrl(media.path!), { Range: range });
      expect(reply.status, range).toBe(206);
      expectSecurityHeaders(reply);
      expect(reply.headers['content-range']).toBe(`bytes ${start}-${end}/${onDisk.length}`);
      expect(Number(reply.headers['content-length'])).toBe(end - start + 1);
      expect(reply.body.equals(onDisk.subarray(start, end + 1)), range).toBe(true);
    }
    const beyond = await get(mediaUrl(media.path!), { Range: `bytes=${onDisk.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${onDisk.length}`);
  });

  it('refuses traversal, absolute and unknown names with 404', async () => {
    const post = await mediaPost('image');
    const known = post.media.find((m) => m.present)!.path!;
    const id = encodeURIComponent(archive.info.id);
    const paths = [
      `/media/${id}/..%2F..%2Fsecret.txt`,
      `/media/${id}/..%2Foutbox.json`,
      `/media/${id}/${encodeURIComponent(`media_attachments/../${known.slice('media_attachments/'.length)}`)}`,
      `/media/${id}/${encodeURIComponent('/etc/passwd')}`,
      `/media/${id}/%2Fetc%2Fpasswd`,
      `/media/${id}/${encodeURIComponent(join(sample, known))}`,
      `/media/${id}/outbox.json`,
      `/media/${id}/actor.json`,
      `/media/${id}/${encodeURIComponent('media_attachments/files/nope.png')}`,
      `/media/${id}/%E0%A4%A`,
      `/media/nope/${encodeURIComponent(known)}`,
      `/media/${id}/`,
    ];
    for (const path of paths) {
      const reply = await get(path);
      expect(reply.status, path).toBe(404);
      expectSecurityHeaders(reply);
    }
  });

  it('streams an entry inflated from a zip, whole and in ranges, and survives a client that hangs up', async () => {
    const page = json<Result<Page>>(await get(`/api/page?archive=${encodeURIComponent(zipped.info.id)}`));
    if (!page.ok) throw new Error(page.message);
    const media = page.value.items[0]!.post.media[0]!;
    expect(media.present).toBe(true);
    const url = `/media/${encodeURIComponent(zipped.info.id)}/${encodeURIComponent(media.path!)}`;
    const whole = await get(url);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.body.equals(VIDEO)).toBe(true);
    for (const [start, end] of [[300_000, 300_099], [65_530, 200_000], [699_990, 699_999]] as const) {
      const part = await get(url, { Range: `bytes=${start}-${end}` });
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes ${start}-${end}/${VIDEO.length}`);
      expect(part.body.equals(VIDEO.subarray(start, end + 1))).toBe(true);
    }
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: url, headers: { Host: hostHeader, ...auth() } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => {});
      req.on('close', () => resolve());
      req.setTimeout(10_000, () => reject(new Error('no data')));
      req.end();
    });
    expect((await get(url, { Range: 'bytes=0-9' })).body.equals(VIDEO.subarray(0, 10))).toBe(true);
  });
});
