// What the page does before its first posts are on screen: only what they need. The frame in which the first post
// article exists is found from inside the page (a frame callback that looks for it), so nothing here depends on time.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePosts, writeArchive } from '../fixtures/archive-builder.js';
import { tempRoot } from './fixtures.js';
import { launchBrowser, serve, until, type Served } from './harness.js';

const tmp = tempRoot('first-posts');
let browser: Browser;
let served: Served;

beforeAll(async () => {
  const zip = await writeArchive(generatePosts(300, 7).spec, join(tmp.dir, 'gen'), { container: 'zip' });
  served = await serve(zip, { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  tmp.done();
});

interface FirstFrame {
  /** performance.now() of the frame callback that first saw a post article */
  at: number;
}

/** Opens the viewer with a frame callback that records the first frame with a post article in the timeline. */
async function openWatched(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient')));
  await page.addInitScript(() => {
    const timeline = () => document.querySelector('outbox-app')?.shadowRoot?.querySelector('ox-archive-view')?.shadowRoot?.querySelector('ox-timeline');
    const tick = () => {
      const root = timeline()?.shadowRoot;
      const card = root?.querySelector('.slot > :is(ox-post, ox-boost)');
      if (card?.shadowRoot?.querySelector('article[data-post-id]')) {
        (window as unknown as { firstFrame: FirstFrame }).firstFrame = { at: performance.now() };
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.goto(served.url);
  return page;
}

const firstFrame = (page: Page) => until('the first posts', () => page.evaluate(() => (window as unknown as { firstFrame?: FirstFrame }).firstFrame ?? null));

describe('the first posts', () => {
  it('ask nothing the first posts do not need: the library is asked once they are on screen', async () => {
    const page = await openWatched();
    try {
      const first = await firstFrame(page);
      const library = await until('the library to be asked', () => page.evaluate(() => {
        const asked = performance.getEntriesByType('resource').filter((e) => /\/api\/(relationships|moves)\b/.test(e.name));
        return asked.length === 2 ? asked.map((e) => e.startTime) : null;
      }));
      for (const startTime of library) expect(startTime).toBeGreaterThan(first.at);
      // and the page asked for its first page before that frame
      const pageAsked = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/page')).map((e) => e.startTime));
      expect(Math.min(...pageAsked)).toBeLessThan(first.at);
    } finally {
      await page.context().close();
    }
  });
});
