// The viewer's main paths against the real desktop app, through Playwright's Electron launcher, whenever an
// Electron binary is installed. Where none is (CI here skips its download), this says so in one line and the
// browser-mode specs beside it are what ran.
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../main/cli/desktop.js';
import { Schemes } from '../../preload/contract.js';
import { RICH, richArchive, tempRoot, type RichArchive } from './fixtures.js';
import { root, screenshot, timelineReady, until } from './harness.js';

const binary = electronBinary();
if (binary === null) {
  console.info('desktop app specs: no Electron binary installed (download skipped), so the viewer specs ran in browser mode only');
}

describe.skipIf(binary === null)('the desktop app (Electron)', () => {
  const tmp = tempRoot('electron');
  let rich: RichArchive;
  let app: ElectronApplication;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    rich = await richArchive(tmp.dir);
    app = await _electron.launch({
      executablePath: binary!,
      args: [root, rich.path],
      env: { ...process.env, OUTBOX_CACHE_DIR: join(tmp.dir, 'cache'), ELECTRON_RUN_AS_NODE: '' },
    });
    page = await app.firstWindow();
    page.on('request', (r) => requests.push(r.url()));
    await timelineReady(page);
  });

  afterAll(async () => {
    await app?.close();
    tmp.done();
  });

  it('opens the archive given on the command line in a sandboxed window', async () => {
    expect(new URL(page.url()).protocol).toBe(`${Schemes.app}:`);
    expect(await page.locator('article[data-post-id]').count()).toBeGreaterThan(0);
    const isolated = await page.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
    expect(isolated).toBe(true);
    await screenshot(page, 'electron-timeline');
  });

  it('searches and highlights', async () => {
    await page.locator('input[type=search]').fill('marmalade');
    await until('one result', async () => (await page.locator('article[data-post-id]').count()) === 1);
    expect(await page.locator('article mark').first().textContent()).toMatch(/marmalade/i);
  });

  it('opens media with its alt text', async () => {
    await page.locator('input[type=search]').fill('');
    await page.getByRole('button', { name: `View image: ${RICH.altGannet}` }).first().click();
    const viewer = page.locator('[data-testid=media-viewer]');
    await expect.poll(() => viewer.isVisible()).toBe(true);
    expect(await viewer.textContent()).toContain(RICH.altGannet);
    await page.keyboard.press('Escape');
  });

  it('made no request outside its own schemes', () => {
    const outside = requests.filter((u) => !u.startsWith(`${Schemes.app}:`) && !u.startsWith(`${Schemes.media}:`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(outside).toEqual([]);
  });
});
