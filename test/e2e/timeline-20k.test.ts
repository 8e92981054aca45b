// A 20,000-post archive: the timeline keeps the DOM bounded from top to bottom, reaches the oldest post, jumps to months.
import { join } from 'node:path';
import type { Browser, Page as PwPage } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Result } from '../../preload/contract.js';
import { bigArchive, BIG_SIZE, tempRoot } from './fixtures.js';
import type { Truth } from '../fixtures/archive-builder.js';
import { launchBrowser, onScreen, openPage, renderedSeqs, resultCount, screenshot, serve, timelineReady, until, type Served, type Watched, PageWatch } from './harness.js';

/** The bound: never more than this many post articles in the DOM. */
const MAX_ARTICLES = 200;

const tmp = tempRoot('big');
let truth: Truth;
let served: Served;
let browser: Browser;
let archiveId: string;
const open = new PageWatch();

/** One page of the API, straight from the server (what the viewer should be showing at that offset). */
async function apiPage(order: 'newest' | 'oldest', offset: number, limit: number): Promise<Page> {
  const url = `${served.origin}/api/page?archive=${archiveId}&order=${order}&offset=${offset}&limit=${limit}&filter=%7B%7D`;
  const r = (await (await fetch(url, { headers: { Authorization: `Bearer ${served.token}` } })).json()) as Result<Page>;
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

beforeAll(async () => {
  const big = await bigArchive(tmp.dir);
  truth = big.truth;
  served = await serve(big.path, { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') });
  const current = await (await fetch(`${served.origin}/api/current`, { headers: { Authorization: `Bearer ${served.token}` } })).json() as Result<Array<{ id: string }>>;
  if (!current.ok) throw new Error(current.message);
  archiveId = current.value[0]!.id;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  tmp.done();
});

afterEach(() => open.settle());

/** Counts post articles (through shadow roots) on every animation frame from now on; returns a reader of the maximum. */
async function watchArticleCount(page: PwPage): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __maxArticles: number };
    w.__maxArticles = 0;
    const count = (root: Document | ShadowRoot): number => {
      let n = 0;
      for (const e of root.querySelectorAll('*')) {
        if (e.tagName === 'ARTICLE' && (e as HTMLElement).dataset.seq !== undefined) n++;
        if (e.shadowRoot) n += count(e.shadowRoot);
      }
      return n;
    };
    const frame = () => {
      w.__maxArticles = Math.max(w.__maxArticles, count(document));
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return () => page.evaluate(() => (window as unknown as { __maxArticles: number }).__maxArticles);
}

async function viewer(): Promise<PwPage> {
  const w = await openPage(browser, served.url);
  open.push(w);
  await timelineReady(w.page);
  return w.page;
}

const scroller = (page: PwPage) => page.locator('ox-timeline .scroller');
const articles = (page: PwPage) => page.locator('ox-timeline article[data-seq]');

/** Drags the scrollbar thumb to a fraction of the way down (as a reader does; wheel steps would take hours). */
async function scrollToFraction(page: PwPage, fraction: number): Promise<void> {
  await scroller(page).evaluate((el, f) => {
    el.scrollTop = f >= 1 ? el.scrollHeight : Math.round((el.scrollHeight - el.clientHeight) * f);
  }, fraction);
}

/** data-seq of the articles whose box is on screen, top to bottom. */
async function onScreenSeqs(page: PwPage): Promise<number[]> {
  return articles(page).evaluateAll((els) => els
    .map((e) => ({ seq: Number((e as HTMLElement).dataset.seq), r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.height > 0 && r.bottom > 60 && r.top < window.innerHeight)
    .sort((a, b) => a.r.top - b.r.top)
    .map(({ seq }) => seq));
}

/** How far (px) an article's top is below the top of the timeline's scroll area (null when it is not in the DOM). */
async function topInList(page: PwPage, id: string): Promise<number | null> {
  const a = page.locator(`ox-timeline article[data-post-id="${id}"]`);
  if ((await a.count()) === 0) return null;
  return a.evaluate((e) => {
    let n: Node | null = e;
    while (n && !(n instanceof HTMLElement && n.classList.contains('scroller'))) n = n.parentNode ?? (n as ShadowRoot).host ?? null;
    return e.getBoundingClientRect().top - (n as HTMLElement).getBoundingClientRect().top;
  });
}

describe(`a ${BIG_SIZE.toLocaleString('en')}-post archive`, () => {
  it('opens with the full count and a bounded DOM at the top', async () => {
    const page = await viewer();
    await until('the count of 20,000', async () => (await resultCount(page)) === BIG_SIZE);
    const count = await articles(page).count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(MAX_ARTICLES);
    // Newest first: the last item of orderedItems (seq 19999) leads.
    expect((await onScreenSeqs(page))[0]).toBe(BIG_SIZE - 1);
    await screenshot(page, 'e2e-20k-top');
  });

  it('scrolls to the last post, which is the oldest, with the DOM bounded at the middle and the end', async () => {
    const page = await viewer();
    const maxSeen = await watchArticleCount(page);
    // Some real wheel scrolling first: the posts move and the DOM stays bounded.
    const first = (await onScreenSeqs(page))[0]!;
    await page.locator('ox-timeline article').first().hover();
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 700);
    await until('the wheel to move the timeline', async () => ((await onScreenSeqs(page))[0] ?? first) < first - 3);
    expect(await articles(page).count()).toBeLessThanOrEqual(MAX_ARTICLES);

    await scrollToFraction(page, 0.5);
    await until('posts from the middle', async () => {
      const seqs = await onScreenSeqs(page);
      return seqs.length > 0 && seqs.every((s) => s > BIG_SIZE * 0.35 && s < BIG_SIZE * 0.65);
    });
    expect(await articles(page).count()).toBeLessThanOrEqual(MAX_ARTICLES);
    const middle = await renderedSeqs(page);
    expect(middle.length).toBeLessThanOrEqual(MAX_ARTICLES);
    await screenshot(page, 'e2e-20k-middle');

    await scrollToFraction(page, 1);
    const oldest = (await apiPage('oldest', 0, 1)).items[0]!.post;
    expect(oldest.seq).toBe(0);
    expect(oldest.published).toBe(truth.dates.first);
    const last = page.locator(`ox-timeline article[data-post-id="${oldest.id}"]`);
    await until('the oldest post on screen', () => onScreen(last), 30_000);
    expect(await last.getAttribute('data-seq')).toBe('0');
    // It is the last one: nothing after it in the DOM, and it is the bottom-most on screen.
    const seqs = await onScreenSeqs(page);
    expect(seqs[seqs.length - 1]).toBe(0);
    expect(Math.min(...(await renderedSeqs(page)))).toBe(0);
    expect(await articles(page).count()).toBeLessThanOrEqual(MAX_ARTICLES);
    // Scrolling further does not move past it; it stays on screen.
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(400);
    expect(await onScreen(last)).toBe(true);
    await screenshot(page, 'e2e-20k-end');
    // Sampled every frame through the whole trip, not only where the spec stopped to look.
    const max = await maxSeen();
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(MAX_ARTICLES);
  });

  it('jumps to a month: its newest post lands at the top of the list', async () => {
    const page = await viewer();
    const months = Object.keys(truth.months).sort();
    for (const month of [months[Math.floor(months.length / 2)]!, months[3]!, months[months.length - 2]!, months[0]!]) {
      // Where the month starts in newest-first order, and which post is there, by the server's own paging.
      const offset = Object.entries(truth.months).filter(([m]) => m > month).reduce((n, [, c]) => n + c, 0);
      const expected = (await apiPage('newest', offset, 1)).items[0]!.post;
      expect(expected.published.slice(0, 7)).toBe(month);
      await page.locator(`[data-testid=months] [data-month="${month}"]`).click();
      const target = page.locator(`ox-timeline article[data-post-id="${expected.id}"]`);
      await until(`the month's newest post (seq ${expected.seq}) on screen`, () => onScreen(target), 20_000);
      // At the top of the list, not below the previous month's last post: the jump measures where the post
      // landed once its card has drawn, and corrects that once. Only the slot's own gap (6px) lies above it.
      await page.waitForTimeout(300);
      const at = await topInList(page, expected.id);
      expect(at, `top of the ${month} post`).not.toBeNull();
      expect(at!, `px between the list's top and the ${month} post`).toBeGreaterThanOrEqual(0);
      expect(at!, `px between the list's top and the ${month} post`).toBeLessThanOrEqual(20);
      expect(await articles(page).count()).toBeLessThanOrEqual(MAX_ARTICLES);
    }
    await screenshot(page, 'e2e-20k-month');
  });
});
