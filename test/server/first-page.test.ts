// The viewer's page as `outbox serve` prints it (token in the query) holds the newest posts as inert HTML, escaped like
// the static site; a bookmarked `/` (no token), HEAD, several archives and an open still under way get the plain page.
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../main/engine/archive.js';
import { openArchive } from '../../main/engine/open.js';
import { FIRST_PAGE_POSTS } from '../../main/engine/service/cards.js';
import { startServer, type RunningServer } from '../../main/server/server.js';
import { assertBuilt, sample } from '../cli/run-cli.js';
import { hostileArchive, tempRoot, TRACKER } from '../e2e/fixtures.js';

const tmp = tempRoot('first-page-server');
const rendererDir = join(__dirname, '..', '..', 'dist', 'renderer');
let hostile: Archive;
let other: Archive;
const servers: RunningServer[] = [];

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(server: RunningServer, path: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { Host: `127.0.0.1:${server.port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const ids = (html: string): string[] => [...html.matchAll(/<article data-post-id="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

beforeAll(async () => {
  assertBuilt();
  const made = await hostileArchive(tmp.dir);
  hostile = await openArchive(made.path, { cacheDir: null });
  other = await openArchive(sample, { cacheDir: null });
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  tmp.done();
});

async function start(options: Omit<Parameters<typeof startServer>[0], 'rendererDir'>): Promise<RunningServer> {
  const server = await startServer({ rendererDir, port: 0, ...options });
  servers.push(server);
  return server;
}

describe('GET / with the printed token', () => {
  it('holds the newest posts, in order, inside an inert ox-timeline, and nothing of them runs or loads', async () => {
    const server = await start({ archives: [hostile] });
    const reply = await send(server, `/?token=${server.token}`);
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const newest = hostile.page({ filter: {}, order: 'newest', offset: 0, limit: FIRST_PAGE_POSTS }).items.map((i) => i.post.id);
    expect(newest.length).toBe(FIRST_PAGE_POSTS);
    expect(ids(reply.body)).toEqual(newest);
    expect(reply.body).toMatch(/<ox-timeline first-page inert aria-hidden="true"[^>]*>/);
    // The page's own head is unchanged, the cards come after <body>: one script (the bundle) and nothing else runs.
    const body = reply.body.slice(reply.body.indexOf('<body>'));
    expect(body).not.toMatch(/<script|<iframe|<object|<embed|<svg|<form|<style|<link|<base|<meta/i);
    // (inside a tag: the hostile markup is still there as escaped text, which has no `<`)
    expect(body).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    expect(body).not.toMatch(/<[a-z][^>]*(javascript:|data:text)/i);
    expect(body).not.toContain(`https://${TRACKER}/pixel.gif"`);
    expect(body).not.toMatch(/<img\b/i);
    expect(body).not.toMatch(/\sstyle=/i);
    // inert cards: no link at all
    expect(body).not.toMatch(/\shref=/i);
    // the hostile text is still there, as text
    expect(body).toContain('Hostile twelve: event attributes');
    expect(body).toContain('&lt;img src=x onerror=');
    expect(body.match(/<outbox-app>/g)?.length).toBe(1);
  });

  it('/ without the token (a bookmark) and HEAD get the plain page', async () => {
    const server = await start({ archives: [hostile] });
    const plain = await send(server, '/');
    expect(plain.status).toBe(200);
    expect(plain.body).not.toContain('data-post-id');
    expect(plain.body).not.toContain('first-page inert');
    const head = await send(server, `/?token=${server.token}`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(plain.body));
  });

  it('several archives: the plain page', async () => {
    const server = await start({ archives: [hostile, other] });
    const reply = await send(server, `/?token=${server.token}`);
    expect(reply.status).toBe(200);
    expect(reply.body).not.toContain('data-post-id');
    expect(reply.body).toContain('<outbox-app>');
  });

  it('an open still under way after the hold: the plain page, whole', async () => {
    const server = await start({ opening: true });
    const reply = await send(server, `/?token=${server.token}`);
    expect(reply.status).toBe(200);
    expect(reply.body).not.toContain('data-post-id');
    expect(reply.body).toContain('<outbox-app>');
    expect(reply.body).toContain('</html>');
  });

  it('an open that becomes ready during the hold: the first page', async () => {
    const server = await start({ opening: true });
    const asked = send(server, `/?token=${server.token}`);
    setTimeout(() => server.ready([hostile]), 50);
    const reply = await asked;
    expect(ids(reply.body).length).toBe(FIRST_PAGE_POSTS);
  });
});
