// Browser mode opens files like the desktop app: the error screen of a broken archive given to `outbox serve`, the
// welcome screen's chooser (the file is streamed into the cache folder, never beside the archive), a typed path,
// a file dropped on the page, the recent list, and the demo with Open at hand.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makePost, writeArchive } from '../fixtures/archive-builder.js';
import { tempRoot, zeroByteZip } from './fixtures.js';
import { launchBrowser, openPage, PageWatch, root, screenshot, serve, timelineReady, until, type Served } from './harness.js';

const tmp = tempRoot('open-flow');
const cacheDir = join(tmp.dir, 'cache');
let browser: Browser;
let first: string;
let second: string;
let third: string;
let broken: string;
const open = new PageWatch();

async function smallArchive(name: string, word: string): Promise<string> {
  const account = makeAccount({ host: 'open.example', username: name, displayName: `Opener ${name}` });
  const items = [0, 1, 2].map((i) => makePost({ account, published: new Date(Date.UTC(2024, 2, 1 + i)), text: `${word} number ${i}` }));
  return writeArchive({ version: '4.4', account, items }, join(tmp.dir, name), { fileName: `${name}.zip` });
}

beforeAll(async () => {
  first = await smallArchive('first', 'Albatross');
  second = await smallArchive('second', 'Cormorant');
  third = await smallArchive('third', 'Shearwater');
  broken = zeroByteZip(tmp.dir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  tmp.done();
});

afterEach(() => open.settle());

/** `outbox serve` with its stderr kept from the first byte (the broken archive's line comes right after the URL). */
function serveKeepingStderr(paths: string[]): Promise<{ url: string; stderr: () => string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(root, 'dist/cli/outbox.js'), 'serve', ...paths, '--no-open', '--port', '0'], {
    env: { ...process.env, OUTBOX_CACHE_DIR: cacheDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`outbox serve exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({
      url: line.trim(), stderr: () => stderr, child,
      stop: () => new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
    }));
  });
}

async function shows(page: Page, word: string): Promise<void> {
  await timelineReady(page);
  await until(`the posts with ${word}`, async () => (await page.locator('ox-timeline article').first().innerText()).includes(word));
}

describe('browser mode opens files', () => {
  it('a broken archive given to `outbox serve` shows its error screen; the chooser then opens another, copied into the cache folder', async () => {
    const server = await serveKeepingStderr([broken]);
    try {
      const w = await openPage(browser, server.url);
      open.push(w);
      const page = w.page;
      const error = page.locator('[data-testid=error]');
      await error.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await error.getAttribute('data-code')).toBe('empty');
      expect(await error.innerText()).toContain(basename(broken));
      await until('one stderr line naming the file', () => server.stderr().includes(basename(broken)));
      expect(server.stderr().trim().split('\n')).toHaveLength(1);
      expect(server.child.exitCode).toBeNull();
      await screenshot(page, 'open-flow-error');

      await error.getByRole('button', { name: 'Open another archive' }).click();
      const welcome = page.locator('[data-testid=welcome]');
      await welcome.waitFor({ state: 'visible' });
      // Record whether the progress screen showed while the file went across and was indexed.
      await page.evaluate(() => {
        (window as unknown as { seenProgress: boolean }).seenProgress = false;
        new MutationObserver(() => {
          const app = document.querySelector('outbox-app')!;
          if (app.shadowRoot?.querySelector('ox-progress')) (window as unknown as { seenProgress: boolean }).seenProgress = true;
        }).observe(document.querySelector('outbox-app')!.shadowRoot!, { childList: true, subtree: true });
      });
      const chooser = page.waitForEvent('filechooser');
      await welcome.getByRole('button', { name: /^Open an archive/ }).click();
      await (await chooser).setFiles(first);
      await shows(page, 'Albatross');
      expect(await page.evaluate(() => (window as unknown as { seenProgress: boolean }).seenProgress)).toBe(true);
      // The copy is in the cache folder's uploads, nothing was written beside the original.
      const uploads = join(cacheDir, 'uploads');
      const copies = readdirSync(uploads).flatMap((d) => readdirSync(join(uploads, d)).map((f) => join(uploads, d, f)));
      expect(copies.map((c) => basename(c))).toEqual(['first.zip']);
      expect(readFileSync(copies[0]!).equals(readFileSync(first))).toBe(true);
      expect(readdirSync(dirname(first))).toEqual(['first.zip']);
      expect(await page.locator('header .file').innerText()).toBe('first.zip');
    } finally {
      await server.stop();
    }
  });

  it('opens a typed path and a dropped file, lists both as recent, and reopens from the list', async () => {
    const served: Served = await serve(second, { OUTBOX_CACHE_DIR: cacheDir });
    try {
      const w = await openPage(browser, served.url);
      open.push(w);
      const page = w.page;
      await shows(page, 'Cormorant');
      // The header's Open leads to the welcome screen, which can go back.
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      const welcome = page.locator('[data-testid=welcome]');
      await welcome.waitFor({ state: 'visible' });
      await welcome.getByRole('button', { name: /^Back to second\.zip/ }).click();
      await shows(page, 'Cormorant');

      // A typed path.
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await welcome.getByRole('textbox', { name: /type the path/ }).fill(third);
      await welcome.getByRole('button', { name: 'Open path' }).click();
      await shows(page, 'Shearwater');
      expect(page.url()).not.toContain('at=');

      // A broken typed path: the error screen, and the way back to opening.
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await welcome.getByRole('textbox', { name: /type the path/ }).fill(broken);
      await welcome.getByRole('button', { name: 'Open path' }).click();
      await page.locator('[data-testid=error][data-code=empty]').waitFor({ state: 'visible' });
      await page.getByRole('button', { name: 'Open another archive' }).click();

      // A dropped file.
      const bytes = readFileSync(first).toString('base64');
      await page.evaluate((b64) => {
        const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([data], 'dropped-first.zip', { type: 'application/zip' }));
        const app = document.querySelector('outbox-app')!;
        app.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        app.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, bytes);
      await shows(page, 'Albatross');
      expect(await page.locator('header .file').innerText()).toBe('dropped-first.zip');

      // The recent list: newest first, and a click reopens. Its answer is held a moment: the list the welcome screen
      // showed before the drop must not stand in for it meanwhile (a slow answer under load once read as that list).
      await page.route('**/api/recent*', async (route) => {
        await new Promise((r) => setTimeout(r, 400));
        await route.continue();
      });
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      const recent = welcome.getByRole('region', { name: 'Recent archives' });
      await until('the recent list', async () => (await recent.count()) === 1);
      const names = await recent.locator('.name').allInnerTexts();
      expect(names.slice(0, 3)).toEqual(['dropped-first.zip', 'third.zip', 'second.zip']);
      await screenshot(page, 'open-flow-welcome');
      await recent.getByRole('button', { name: /^third\.zip/ }).click();
      await shows(page, 'Shearwater');
    } finally {
      await served.stop();
    }
  });

  it('with no archive, `outbox serve` still opens the demo, with Open at hand', async () => {
    const served = await serve(null, { OUTBOX_CACHE_DIR: cacheDir });
    try {
      const w = await openPage(browser, served.url);
      open.push(w);
      await timelineReady(w.page);
      expect(await w.page.getByRole('button', { name: 'Open', exact: true }).isVisible()).toBe(true);
      expect(existsSync(join(cacheDir, 'recent.json'))).toBe(true);
    } finally {
      await served.stop();
    }
  });

  it('refuses an open from another origin or without the token', async () => {
    const served = await serve(second, { OUTBOX_CACHE_DIR: cacheDir });
    try {
      const post = (headers: Record<string, string>) => fetch(`${served.origin}/api/open`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ path: third }) });
      expect((await post({})).status).toBe(401);
      expect((await post({ Authorization: `Bearer ${served.token}`, Origin: 'http://evil.example' })).status).toBe(403);
      const ok = await post({ Authorization: `Bearer ${served.token}`, Origin: served.origin });
      expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
      const get = await fetch(`${served.origin}/api/open`, { headers: { Authorization: `Bearer ${served.token}` } });
      expect(get.status).toBe(405);
    } finally {
      await served.stop();
    }
  });
});
