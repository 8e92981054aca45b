// Issue 12: the printed address's page carries the newest posts (main/engine/export/first-page.ts). Chromium paints them
// before the bundle runs; the live timeline replaces them once it has painted its own, and a click made while the
// server's cards show acts on the live app. Real `outbox serve`, real Chromium; app.js is held (page.route) so the
// server's cards are on screen before the app, whatever the machine's load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { richArchive, tempRoot, type RichArchive } from './fixtures.js';
import { focused, launchBrowser, openPage, root, serve, until, type Served, type Watched } from './harness.js';

const AXE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const tmp = tempRoot('first-page');
let rich: RichArchive;
let served: Served;
let browser: Browser;
const SERVER_CARDS = 'ox-timeline[first-page] article[data-post-id]';
const LIVE_CARDS = 'ox-timeline:not([first-page]) article[data-post-id]';

beforeAll(async () => {
  rich = await richArchive(tmp.dir);
  const env = { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') };
  // A first serve writes the cache (its /api/current waits for the whole open); the second is the warm one.
  const cold = await serve(rich.path, env);
  await fetch(new URL(`/api/current?token=${cold.token}`, cold.origin)).then((r) => r.text());
  await cold.stop();
  served = await serve(rich.path, env);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  tmp.done();
});

/** A page whose requests matching `held` wait until release() (the server's cards are then all there is). */
async function heldPage(held: RegExp, hash = ''): Promise<{ w: Watched; release: () => void; html: Promise<string> }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const w = await openPage(browser, 'about:blank');
  await w.page.route(held, async (route: Route) => {
    await gate;
    await route.continue().catch(() => {});
  });
  const response = await w.page.goto(served.url + hash, { waitUntil: 'commit' });
  return { w, release, html: response!.text() };
}

async function audit(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
}

const ids = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.postId ?? ''));

describe('the server-rendered first page', () => {
  it('paints the newest posts before the app runs, inert, then gives way to the live timeline', async () => {
    const { w, release } = await heldPage(/\/app\.js/);
    const page = w.page;
    await page.locator(SERVER_CARDS).first().waitFor({ state: 'visible' });
    // Newest first, like the live timeline; the app has not run (outbox-app is not upgraded).
    const shown = await ids(page, SERVER_CARDS);
    expect(shown.length).toBeGreaterThan(3);
    expect(shown).toEqual(rich.newestFirst.slice(0, shown.length).map((k) => rich.ids[k]));
    expect(await page.evaluate(() => customElements.get('outbox-app') === undefined)).toBe(true);
    // inert: out of the accessibility tree and the tab order
    expect(await page.locator('ox-timeline[first-page]').evaluate((e) => (e as HTMLElement).inert)).toBe(true);
    expect(await page.getByRole('article').count()).toBe(0);
    expect(await audit(page)).toEqual([]);

    release();
    await page.locator(LIVE_CARDS).first().waitFor({ state: 'visible' });
    await until('the server cards are gone', async () => (await page.locator('ox-timeline[first-page]').count()) === 0);
    // One set of articles: the live ones, in the same order.
    const live = await ids(page, 'ox-timeline article[data-post-id]');
    expect(live.slice(0, shown.length)).toEqual(shown);
    expect(new Set(live).size).toBe(live.length);
    expect(await audit(page)).toEqual([]);
    expect(w.errors).toEqual([]);
    expect(w.blocked).toEqual([]);
    await w.close();
  });

  it('a click made while the server\'s card shows acts on the live card', async () => {
    const { w, release } = await heldPage(/\/app\.js/);
    const page = w.page;
    const first = page.locator('ox-timeline article[data-post-id]').first();
    await first.waitFor({ state: 'visible' });
    expect(await page.locator(SERVER_CARDS).count()).toBeGreaterThan(0);
    // The click starts now, on the server's card; the app arrives while Playwright retries it.
    const clicked = first.click({ position: { x: 8, y: 8 }, timeout: 60_000 });
    release();
    await clicked;
    expect(await page.locator('ox-timeline[first-page]').count()).toBe(0);
    const now = await focused(page);
    expect(now.tag).toBe('article');
    expect(now.postId).toBe(rich.ids[rich.newestFirst[0]!]);
    await w.close();
  });

  it('the bundle upgrades the server\'s ox-timeline without touching it: its cards stay until the live ones paint', async () => {
    const { w, release } = await heldPage(/\/api\/page/);
    const page = w.page;
    await page.locator(SERVER_CARDS).first().waitFor({ state: 'visible' });
    await page.locator('outbox-app').evaluate(() => customElements.whenDefined('outbox-app'));
    // The app runs and waits for its page of posts: the server's element is an upgraded ox-timeline with no shadow
    // root of its own (which would hide its cards), and asked nothing itself (one /api/page: the live timeline's).
    await until('the live timeline asked for its page', () => w.requests.some((u) => u.includes('/api/page')));
    const upgraded = await page.locator('ox-timeline[first-page]').evaluate((e) => ({ defined: e.matches(':defined'), shadow: e.shadowRoot !== null }));
    expect(upgraded).toEqual({ defined: true, shadow: false });
    expect(await page.locator(SERVER_CARDS).first().isVisible()).toBe(true);
    await page.waitForTimeout(300);
    expect(w.requests.filter((u) => u.includes('/api/page')).length).toBe(1);
    release();
    await page.locator(LIVE_CARDS).first().waitFor({ state: 'visible' });
    await until('the server cards are gone', async () => (await page.locator('ox-timeline[first-page]').count()) === 0);
    await w.close();
  });

  it('an address with a filter hash drops the server\'s cards as soon as the app runs, before its posts arrive', async () => {
    const { w, release, html } = await heldPage(/\/api\/page/, '#/?kinds=reply');
    const page = w.page;
    // The server cannot see the hash: its page holds the newest posts, whatever they are.
    expect(await html).toContain('<ox-timeline first-page inert');
    // The app runs (app.js is not held) while its page of posts is: the server's cards must already be gone.
    await page.locator('outbox-app').evaluate(() => customElements.whenDefined('outbox-app'));
    await until('the server cards are gone', async () => (await page.locator('ox-timeline[first-page]').count()) === 0);
    release();
    await page.locator(LIVE_CARDS).first().waitFor({ state: 'visible' });
    expect(await page.locator(SERVER_CARDS).count()).toBe(0);
    await w.close();
  });
});
