// Issue 13 item 2: the token never reaches a cookie (cookies are not kept apart by port: every web app on
// 127.0.0.1 would receive it) nor a copyable media address. Signatures of one path stand in where no header fits.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../main/engine/archive.js';
import { openArchive } from '../../main/engine/open.js';
import { signPath } from '../../main/server/auth.js';
import { startServer, type RunningServer } from '../../main/server/server.js';
import { signPath as signInPage } from '../../renderer/lib/request-signature.js';
import { launchBrowser, root } from '../e2e/harness.js';
import { DEFAULT_ACCOUNT, makePost, writeArchive } from '../fixtures/archive-builder.js';

let temp: string;
let archive: Archive;
let server: RunningServer;
let browser: Browser;
/** another web app on 127.0.0.1 (another port): every request it receives, with its Cookie header */
let neighbour: Server;
const neighbourSaw: IncomingMessage['headers'][] = [];

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'outbox-token-'));
  const path = await writeArchive({
    version: '4.4', account: DEFAULT_ACCOUNT,
    items: [makePost({ account: DEFAULT_ACCOUNT, published: '2024-01-02T03:04:05Z', text: 'A picture', visibility: 'public', media: [{ kind: 'image', alt: 'a square' }] })],
  }, temp, { container: 'zip' });
  archive = await openArchive(path, { cacheDir: null });
  server = await startServer({ archives: [archive], port: 0, rendererDir: join(root, 'dist', 'renderer') });
  neighbour = createServer((req, res) => {
    neighbourSaw.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>another app</p>');
  });
  await new Promise<void>((resolve) => neighbour.listen(0, '127.0.0.1', resolve));
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  neighbour?.close();
  await server?.close();
  await archive?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('path signatures', () => {
  it('are the same HMAC-SHA-256 in the page as on the server', () => {
    const tokens = ['a'.repeat(64), 'k', 'x'.repeat(100), 'ünïcødé-token'];
    const paths = ['/', '/app.js', '/media/abc/media_attachments%2Ffiles%2F1%2Fa%20b.png', `/${'p'.repeat(200)}`, '/api/progress'];
    for (const token of tokens) for (const path of paths) expect(signInPage(token, path), `${token} ${path}`).toBe(signPath(token, path));
  });

  it('open only the one path they sign, and never the data API', async () => {
    const base = server.origin;
    const media = '/media/x/y';
    expect((await fetch(`${base}/app.js?sig=${signPath(server.token, '/app.js')}`)).status).toBe(200);
    expect((await fetch(`${base}/styles/page.css?sig=${signPath(server.token, '/app.js')}`)).status).toBe(401);
    expect((await fetch(`${base}/api/current?sig=${signPath(server.token, '/api/current')}`)).status).toBe(401);
    expect((await fetch(`${base}${media}?sig=${signPath('0'.repeat(64), media)}`)).status).toBe(401);
    expect((await fetch(`${base}/app.js.map?token=${server.token}`)).status).toBe(404);
  });
});

describe('the viewer in Chromium', () => {
  it('leaves no cookie another 127.0.0.1 port sees, and no token in any media address', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(server.url);
    const img = page.locator('ox-media-grid img').first();
    await img.waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(page.url()).not.toContain(server.token);
    const sources = await page.evaluate(() => {
      const all: string[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          for (const name of ['src', 'href', 'poster']) if (el.getAttribute(name)) all.push(el.getAttribute(name)!);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return all;
    });
    expect(sources.some((s) => s.includes('/media/'))).toBe(true);
    for (const s of sources) expect(s).not.toContain(server.token);
    expect(await context.cookies()).toEqual([]);
    // another app on 127.0.0.1, visited in the same browser, receives no cookie of ours
    const port = (neighbour.address() as { port: number }).port;
    await page.goto(`http://127.0.0.1:${port}/`);
    expect(neighbourSaw.length).toBeGreaterThan(0);
    for (const headers of neighbourSaw) expect(headers.cookie ?? '').not.toContain(server.token);
    expect(neighbourSaw.every((h) => h.cookie === undefined)).toBe(true);
    // a reload still opens the viewer (the token waits in this tab's sessionStorage, not in a cookie)
    await page.goBack();
    await page.reload();
    await page.locator('ox-media-grid img').first().waitFor({ state: 'visible', timeout: 30_000 });
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }, 90_000);
});
