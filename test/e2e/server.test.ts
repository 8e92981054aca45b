// `outbox serve` from outside the page: Host and token checks, /api/search equal to the CLI, broken archives, the demo.
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, type SearchResponse } from '../../preload/contract.js';
import { richArchive, RICH, tempRoot, zeroByteZip, type RichArchive } from './fixtures.js';
import { launchBrowser, openPage, runCli, screenshot, serve, timelineReady, until, type Served } from './harness.js';

/** A raw GET with exactly the headers given (fetch would not let us set Host). */
function get(origin: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; csp: string | undefined }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, csp: res.headers['content-security-policy'] as string | undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

const tmp = tempRoot('server');
const cache = { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') };
let rich: RichArchive;
let served: Served;
let browser: Browser;

beforeAll(async () => {
  rich = await richArchive(tmp.dir);
  served = await serve(rich.path, cache);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  tmp.done();
});

describe('token and Host checks', () => {
  it('refuses a request without the token with 401', async () => {
    const host = new URL(served.origin).host;
    for (const path of ['/api/current', '/app.js', `/api/search?q=quokkaroot`]) {
      const r = await get(served.origin, path, { Host: host });
      expect(r.status, path).toBe(401);
      expect(r.body).not.toContain(RICH.threadRoot);
    }
    // the viewer's page itself loads (it holds our code, never archive data or the token)
    const page = await get(served.origin, '/', { Host: host });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(RICH.threadRoot);
    expect(page.body).not.toContain(served.token);
    const wrong = await get(served.origin, '/api/current', { Host: host, Authorization: `Bearer ${'0'.repeat(64)}` });
    expect(wrong.status).toBe(401);
  });

  it('refuses a wrong Host header with 403, even with the token', async () => {
    const port = new URL(served.origin).port;
    for (const hostHeader of [`evil.example:${port}`, `localhost:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`]) {
      const r = await get(served.origin, `/api/current?token=${served.token}`, { Host: hostHeader });
      expect(r.status, hostHeader).toBe(403);
      expect(r.body).not.toContain('harbor.example');
    }
  });

  it('answers with the token and the right Host', async () => {
    const host = new URL(served.origin).host;
    const r = await get(served.origin, '/api/current', { Host: host, Authorization: `Bearer ${served.token}` });
    expect(r.status).toBe(200);
    const json = JSON.parse(r.body) as { ok: boolean; value: Array<{ name: string }> };
    expect(json.ok).toBe(true);
    expect(json.value[0]!.name).toBe('rich.zip');
  });

  it('sends the contract\'s Content-Security-Policy with the page, the API and refusals', async () => {
    const host = new URL(served.origin).host;
    const auth = { Host: host, Authorization: `Bearer ${served.token}` };
    for (const [path, headers] of [['/', auth], ['/app.js', auth], ['/api/current', auth], ['/api/current', { Host: host }]] as const) {
      const r = await get(served.origin, path, headers);
      expect(r.csp, path).toBe(CSP);
    }
  });
});

describe('GET /api/search', () => {
  const withoutTime = (r: SearchResponse) => {
    const { tookMs, ...rest } = r;
    expect(typeof tookMs).toBe('number');
    return rest;
  };

  for (const [q, limit] of [['quokkaroot', 10], ['seabirds', 10], ['about', 2], ['nothingmatchesthis', 5]] as const) {
    it(`returns the same JSON as \`outbox search --json\` for "${q}" (limit ${limit})`, async () => {
      const http = await fetch(`${served.origin}/api/search?q=${encodeURIComponent(q)}&limit=${limit}`, {
        headers: { Authorization: `Bearer ${served.token}` },
      });
      expect(http.status).toBe(200);
      const api = (await http.json()) as SearchResponse;
      const cli = await runCli(['search', rich.path, q, '--json', '--limit', String(limit)], cache);
      expect(cli.code, cli.stderr).toBe(0);
      const fromCli = JSON.parse(cli.stdout) as SearchResponse;
      expect(withoutTime(api)).toEqual(withoutTime(fromCli));
      expect(api.results.length).toBeLessThanOrEqual(limit);
      if (q === 'quokkaroot') {
        expect(api.total).toBe(1);
        expect(api.results[0]!.id).toBe(rich.ids.threadRoot);
      }
      if (q === 'about') {
        expect(api.total).toBe(3); // the thread root and its two replies
        expect(api.results).toHaveLength(2);
      }
      if (q === 'nothingmatchesthis') expect(api.total).toBe(0);
    });
  }
});

describe('a broken archive', () => {
  it('a zero-byte .zip: `outbox serve` prints its address and keeps serving; every API answer is the error (issue 16)', async () => {
    // Browser mode is the app for everyone: the error screen (with Open at hand) replaces the exit 2 of before.
    const path = zeroByteZip(tmp.dir);
    const broken = await serve(path, cache);
    try {
      const answer = await fetch(`${broken.origin}/api/current`, { headers: { Authorization: `Bearer ${broken.token}` } });
      const body = (await answer.json()) as { ok: boolean; code: string; message: string };
      expect(body.ok).toBe(false);
      expect(body.code).toBe('empty');
      expect(body.message).toMatch(/archive-empty\.zip/);
      expect(broken.process.exitCode).toBeNull();
    } finally {
      await broken.stop();
    }
  });

  it('the viewer shows the error screen when the server reports one (the server never serves a broken archive)', async () => {
    const w = await openPage(browser, served.url);
    try {
      // The HTTP transport is the only way an error reaches the page in browser mode: answer /api/current with one.
      await w.page.route('**/api/current*', (route) => route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, code: 'empty', message: 'archive-empty.zip is empty (0 bytes).', file: 'archive-empty.zip' }),
      }));
      await w.page.reload();
      const error = w.page.locator('[data-testid=error]');
      await error.waitFor({ state: 'visible', timeout: 15_000 });
      const text = (await error.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('archive-empty.zip is empty (0 bytes).');
      expect(text).toMatch(/download the archive/i);
      expect(await error.getAttribute('data-code')).toBe('empty');
      await screenshot(w.page, 'e2e-error');
      expect(w.blocked).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('the viewer shows the welcome screen and open progress when nothing is open yet', async () => {
    const w = await openPage(browser, served.url);
    try {
      await w.page.route('**/api/current*', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: [] }) }));
      await w.page.reload();
      await w.page.locator('[data-testid=welcome]').waitFor({ state: 'visible', timeout: 15_000 });
      expect(await w.page.locator('[data-testid=welcome]').innerText()).toMatch(/outbox serve/);
      await screenshot(w.page, 'e2e-welcome');
      const progress = { archive: 'x', phase: 'reading', bytesRead: 400, bytesTotal: 1000, items: 120 };
      await w.page.route('**/api/progress*', (route) => route.fulfill({
        status: 200, headers: { 'Content-Type': 'text/event-stream' }, body: `data: ${JSON.stringify(progress)}\n\n`,
      }));
      await w.page.reload();
      const bar = w.page.locator('[role=progressbar]');
      await bar.waitFor({ state: 'visible', timeout: 15_000 });
      await until('the progress bar to say 40%', async () => (await bar.getAttribute('aria-valuenow')) === '40');
      await screenshot(w.page, 'e2e-progress');
    } finally {
      await w.close();
    }
  });
});

describe('the demo', () => {
  it('opens with no archive argument', async () => {
    const demo = await serve(null, cache);
    const w = await openPage(browser, demo.url);
    try {
      await timelineReady(w.page);
      expect(await w.page.locator('article[data-post-id]').count()).toBeGreaterThan(3);
      expect(await w.page.locator('header .file').innerText()).toBe('demo-archive.zip');
      await w.page.locator('img').first().waitFor({ state: 'attached' });
      await screenshot(w.page, 'e2e-demo');
      expect(w.blocked).toEqual([]);
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
      await demo.stop();
    }
  });
});
