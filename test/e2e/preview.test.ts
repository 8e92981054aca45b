// Browser mode while a cold open is still reading: the newest posts are on screen with "building the search index"
// and a progress bar in place of counts, filters and months; once the open is done, the whole archive replaces them.
// The test holds the open after its preview (in-process server and engine, the built renderer, real Chromium).
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../main/engine/archive.js';
import { openArchive } from '../../main/engine/open.js';
import { startServer } from '../../main/server/server.js';
import { generatePosts, writeArchive } from '../fixtures/archive-builder.js';
import { tempRoot } from './fixtures.js';
import { launchBrowser, openPage, PageWatch, resultCount, root, until } from './harness.js';

const tmp = tempRoot('preview');
let browser: Browser;
let zip = '';
const watch = new PageWatch();

beforeAll(async () => {
  zip = await writeArchive(generatePosts(400, 3).spec, join(tmp.dir, 'gen'), { container: 'zip' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await watch.settle();
  await browser?.close();
  tmp.done();
});

/**
 * A cold open held after its preview (until `release`), served by an in-process server, and the viewer opened on it:
 * the viewer shows the newest page with the indexing state until the test lets the open go on.
 */
async function heldOpen() {
  const server = await startServer({ opening: true, port: 0, rendererDir: join(root, 'dist', 'renderer') });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const opened = openArchive(zip, {
    cacheDir: null,
    onProgress: (p) => {
      if (p.phase !== 'done') server.progress(p);
    },
    onPreview: (preview) => {
      server.preview([preview]);
      return held;
    },
  });
  try {
    const w = await openPage(browser, server.url);
    watch.push(w);
    return { server, release, opened, page: w.page };
  } catch (error) {
    release();
    await server.close();
    await (await opened.catch(() => null))?.close();
    throw error;
  }
}

describe('the viewer before a cold open is done', () => {
  it('shows the newest page with the indexing state, then the whole archive with its counts', async () => {
    const { server, release, opened, page } = await heldOpen();
    let archive: Archive | null = null;
    try {
      const first = page.locator('ox-timeline article[data-post-id]').first();
      await first.waitFor({ state: 'visible', timeout: 60_000 });
      const firstId = await first.getAttribute('data-post-id');
      // No count, profile, filters or months while only the newest page is known: the indexing state instead.
      await page.locator('[data-testid=indexing]').waitFor({ state: 'visible' });
      expect(await page.locator('[data-testid=indexing] [role=progressbar]').count()).toBe(1);
      expect(await page.locator('[data-testid=result-count]').textContent()).toBe('Building the search index');
      expect(await page.locator('ox-profile').count()).toBe(0);
      expect(await page.locator('ox-filters').count()).toBe(0);
      const cards = await page.locator('ox-timeline article[data-post-id]').count();
      expect(cards).toBeGreaterThan(0);
      expect(cards).toBeLessThanOrEqual(50);

      release();
      archive = await opened;
      server.ready([archive]);
      server.progress({ archive: archive.info.id, phase: 'done', bytesRead: 0, bytesTotal: 0, items: archive.info.summary.counts.items });
      const total = archive.page({ filter: {}, order: 'newest', offset: 0, limit: 1 }).total;
      expect(await until('the whole count', () => resultCount(page), 30_000)).toBe(total);
      await page.locator('[data-testid=indexing]').waitFor({ state: 'detached' });
      await page.locator('ox-profile').waitFor({ state: 'attached' });
      await page.locator('ox-filters').waitFor({ state: 'attached' });
      expect(await page.locator('ox-timeline article[data-post-id]').first().getAttribute('data-post-id')).toBe(firstId);
    } finally {
      release();
      await server.close();
      await archive?.close();
    }
  });

  // The open-flow spec once waited 60 s for posts after Back: an answer the app asked for before the reader moved on
  // (here: current() after 'done') picked the screen when it came, over the welcome screen the reader had asked for.
  it('keeps the welcome screen the reader opened while the archive was read; Back then shows the whole archive', async () => {
    const { server, release, opened, page } = await heldOpen();
    let archive: Archive | null = null;
    try {
      await page.locator('ox-timeline article[data-post-id]').first().waitFor({ state: 'visible', timeout: 60_000 });
      await page.locator('[data-testid=indexing]').waitFor({ state: 'visible' });
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      const welcome = page.locator('[data-testid=welcome]');
      await welcome.waitFor({ state: 'visible' });

      release();
      archive = await opened;
      server.ready([archive]);
      // The app asks current() again on 'done'; its answer must not take the reader off the screen they chose.
      const asked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/current', { timeout: 30_000 });
      server.progress({ archive: archive.info.id, phase: 'done', bytesRead: 0, bytesTotal: 0, items: archive.info.summary.counts.items });
      await asked;
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
      expect(await welcome.isVisible()).toBe(true);
      expect(await page.locator('ox-archive-view').count()).toBe(0);

      await welcome.getByRole('button', { name: /^Back to/ }).click();
      await page.locator('ox-timeline article[data-post-id]').first().waitFor({ state: 'visible', timeout: 30_000 });
      // What Back returns to is the archive as it is now: read whole, with its counts.
      await page.locator('ox-profile').waitFor({ state: 'attached' });
      expect(await page.locator('[data-testid=indexing]').count()).toBe(0);
      const total = archive.page({ filter: {}, order: 'newest', offset: 0, limit: 1 }).total;
      expect(await until('the whole count', () => resultCount(page), 30_000)).toBe(total);
    } finally {
      release();
      await server.close();
      await archive?.close();
    }
  });
});
