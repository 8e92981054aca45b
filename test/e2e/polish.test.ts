// The viewer's finish: poll shares, kept-open warnings, profile fields, relevance order, date inputs, long threads,
// the archive's notes and the empty result, each seen in Chromium on an archive built for it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page as ApiPage, Result } from '../../preload/contract.js';
import { makeAccount, makePost, pngImage, writeArchive, type ItemSpec } from '../fixtures/archive-builder.js';
import { tempRoot } from './fixtures.js';
import { deepText, launchBrowser, onScreen, openPage, resultCount, root, screenshot, serve, timelineReady, until, type Served, type Watched, PageWatch } from './harness.js';

const tmp = tempRoot('polish');
let served: Served;
let browser: Browser;
let archiveId: string;
const open = new PageWatch();

const WORDS = {
  cw: 'Lighthouse finale spoilers',
  cwText: 'The foghorn was a cat all along periwinkle',
  cw2Text: 'Behind the second warning tamarind',
  sensitive: 'A storm picture, rather dramatic',
  zeroPoll: 'Nobody voted on this one halyard',
  multiPoll: 'Which jobs did you do today capstan',
  root: 'A very long thread begins here bollard',
  dense: 'lantern lantern lantern lantern',
  sparse: 'Walked past the old lantern shop on the quay after a long day of painting railings and fixing things',
  longField: 'Skerry Point Light, the white tower on the northern headland, reachable at low tide only',
};
const REPLIES = 320;
const FILLERS = 90;

interface Ids { cw: string; cw2: string; sensitive: string; zeroPoll: string; multiPoll: string; root: string; dense: string; sparse: string }
let ids: Ids;

async function polishArchive(dir: string): Promise<string> {
  const account = makeAccount({
    host: 'harbor.example', username: 'keeper', displayName: 'Keeper Polish',
    fields: [
      { name: 'Lighthouse', value: WORDS.longField },
      { name: 'Favourite knot, after a lot of thought', value: 'Bowline' },
      { name: 'Logbook', value: '<a href="https://harbor.example/log" rel="me">harbor.example/log</a>' },
    ],
  });
  const items: ItemSpec[] = [];
  const add = (day: Date, options: Omit<Parameters<typeof makePost>[0], 'account' | 'published'>): string => {
    const item = makePost({ account, published: day, ...options });
    items.push(item);
    return String((item.json.object as { id: string }).id);
  };
  // Two days apart: the posts span 2022 to 2025, so the activity histogram has rows of months to move through.
  const at = (n: number) => new Date(Date.UTC(2022, 0, 1) + n * 2 * 86_400_000);
  // Oldest first, as archives list them. A long thread (its replies are also the timeline's filler)…
  const root = add(at(0), { text: WORDS.root });
  for (let i = 0; i < REPLIES; i++) add(at(1 + i), { text: `Reply number ${i + 1} in the long thread`, inReplyTo: root });
  // …two posts a relevance order puts the other way round from newest first…
  const cw2 = add(at(399), { text: WORDS.cw2Text, cw: 'Second warning' });
  const dense = add(at(400), { text: WORDS.dense });
  for (let i = 0; i < FILLERS; i++) add(at(401 + i), { text: `Filler post ${i + 1} about the weather` });
  const sparse = add(at(500), { text: WORDS.sparse });
  // …and at the top: polls, sensitive media (one file missing from the archive) and a content warning.
  const multiPoll = add(at(600), {
    text: WORDS.multiPoll,
    poll: { multiple: true, votersCount: 8, closed: true, endTime: at(601), options: [{ title: 'Painting', votes: 6 }, { title: 'Polishing brass', votes: 3 }, { title: 'Nothing at all', votes: 0 }] },
  });
  const zeroPoll = add(at(602), { text: WORDS.zeroPoll, poll: { options: ['Bowline', 'Clove hitch'], closed: true, endTime: at(603) } });
  const sensitive = add(at(604), {
    text: WORDS.sensitive, sensitive: true,
    media: [
      { kind: 'image', alt: 'Waves over the pier', width: 320, height: 200, bytes: pngImage(320, 200, (x, y) => [40 + (y >> 2), 70 + (x % 50), 120 + (y >> 1)]), ext: 'png', mediaType: 'image/png' },
      { kind: 'image', alt: 'The same pier, later', missing: true, width: 320, height: 200 },
    ],
  });
  const cw = add(at(606), { text: WORDS.cwText, cw: WORDS.cw });
  ids = { cw, cw2, sensitive, zeroPoll, multiPoll, root, dense, sparse };
  return writeArchive({ version: '4.4', account, items }, dir, { fileName: 'polish.zip' });
}

beforeAll(async () => {
  const path = await polishArchive(tmp.dir);
  served = await serve(path, { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') });
  const current = (await (await fetch(`${served.origin}/api/current`, { headers: { Authorization: `Bearer ${served.token}` } })).json()) as Result<Array<{ id: string }>>;
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

/** A fresh page at the address (plus a hash); waits for the timeline unless the view shows something else. */
async function viewer(hash = '', ready: 'timeline' | 'app' = 'timeline'): Promise<Page> {
  const w = await openPage(browser, served.url + hash);
  open.push(w);
  if (ready === 'timeline') await timelineReady(w.page);
  else await w.page.locator('ox-archive-view').waitFor({ state: 'attached', timeout: 60_000 });
  return w.page;
}

const article = (page: Page, id: string) => page.locator(`ox-timeline article[data-post-id="${id}"]`);
const scroller = (page: Page) => page.locator('ox-timeline .scroller');
const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');

async function apiIds(order: string, q: string): Promise<string[]> {
  const filter = encodeURIComponent(JSON.stringify({ q }));
  const url = `${served.origin}/api/page?archive=${archiveId}&order=${order}&offset=0&limit=50&filter=${filter}`;
  const r = (await (await fetch(url, { headers: { Authorization: `Bearer ${served.token}` } })).json()) as Result<ApiPage>;
  if (!r.ok) throw new Error(r.message);
  return r.value.items.map((i) => i.post.id);
}

async function timelineIds(page: Page): Promise<string[]> {
  return page.locator('ox-timeline article[data-post-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.postId!));
}

/** The date of the post at the top of the timeline's scroll area (the window renders some above it, unseen). */
async function topPostDate(page: Page): Promise<string | null> {
  return page.locator('ox-timeline article[data-post-id]').evaluateAll((els) => {
    const tops = els.map((e) => {
      let n: Node | null = e;
      while (n && !(n instanceof HTMLElement && n.classList.contains('scroller'))) n = n.parentNode ?? (n as ShadowRoot).host ?? null;
      const top = e.getBoundingClientRect().top - (n as HTMLElement).getBoundingClientRect().top;
      return { top, date: e.querySelector('time')?.getAttribute('datetime') ?? null };
    }).filter((t) => t.top >= -2).sort((a, b) => a.top - b.top);
    return tops[0]?.date ?? null;
  });
}

/** Scrolls the windowed list far down (its cards for the top posts leave the DOM) and back to the top. */
async function scrollAwayAndBack(page: Page, gone: string): Promise<void> {
  await scroller(page).evaluate((el) => (el.scrollTop = Math.round((el.scrollHeight - el.clientHeight) * 0.6)));
  await until('the top post to leave the DOM', async () => (await article(page, gone).count()) === 0);
  await scroller(page).evaluate((el) => (el.scrollTop = 0));
  await until('the top post back on screen', () => onScreen(article(page, gone)));
}

/** The archive-view wires lib/archive-notes.ts in (a change its owner makes): until then that spec waits. */
const notesWired = readFileSync(join(root, 'renderer/components/ox-archive-view.ts'), 'utf8').includes('renderArchiveNotes');

describe('polish', () => {
  it('polls: 0% for options nobody chose, multiple choice counted against voters', async () => {
    const page = await viewer();
    const zero = article(page, ids.zeroPoll);
    await zero.scrollIntoViewIfNeeded();
    const zeroText = await deepText(zero.locator('ox-poll'));
    expect(zeroText).not.toMatch(/(^|[^\d])%/m);
    expect(await zero.locator('ox-poll .pct').allInnerTexts()).toEqual(['0%', '0%']);
    const multi = article(page, ids.multiPoll);
    await multi.scrollIntoViewIfNeeded();
    // 6, 3 and 0 of 8 voters (not of the 9 votes): 75%, 38%, 0%.
    expect(await multi.locator('ox-poll .pct').allInnerTexts()).toEqual(['75%', '38%', '0%']);
    expect(await deepText(multi.locator('ox-poll'))).toMatch(/Multiple choice · 8 people voted/);
    await screenshot(page, 'polish-polls');
  });

  it('keeps an opened content warning and revealed media open after the post scrolls away and back', async () => {
    const page = await viewer();
    const cw = article(page, ids.cw);
    await cw.getByRole('button', { name: 'Show more' }).click();
    await until('the text behind the warning', async () => (await deepText(cw)).includes(WORDS.cwText));
    const media = article(page, ids.sensitive);
    await media.getByRole('button', { name: /Sensitive media/ }).click();
    await until('the picture unveiled', async () => (await media.locator('ox-media-grid .veil').count()) === 0);
    await scrollAwayAndBack(page, ids.cw);
    expect(await deepText(article(page, ids.cw))).toContain(WORDS.cwText);
    expect(await article(page, ids.cw).getByRole('button', { name: 'Show less' }).count()).toBe(1);
    expect(await article(page, ids.sensitive).locator('ox-media-grid .veil').count()).toBe(0);
    await screenshot(page, 'polish-cw-kept');
    // Closing is remembered too.
    await article(page, ids.cw).getByRole('button', { name: 'Show less' }).click();
    await scrollAwayAndBack(page, ids.cw);
    expect(await deepText(article(page, ids.cw))).not.toContain(WORDS.cwText);
  });

  it('an opened warning does not pass to another post that takes its card (results change)', async () => {
    const page = await viewer();
    const cw = article(page, ids.cw);
    await cw.getByRole('button', { name: 'Show more' }).click();
    await until('the text behind the warning', async () => (await deepText(cw)).includes(WORDS.cwText));
    // The list reuses the first card for the first result: another post with a warning of its own, still closed.
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('second warning');
    await until('the other warning first', async () => (await timelineIds(page))[0] === ids.cw2);
    expect(await deepText(article(page, ids.cw2))).not.toContain(WORDS.cw2Text);
    // And the first one is still open when it comes back.
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('');
    await until('everything again', async () => (await timelineIds(page))[0] === ids.cw);
    expect(await deepText(article(page, ids.cw))).toContain(WORDS.cwText);
  });

  it('profile fields: the name above its value in the side panel', async () => {
    const page = await viewer();
    const field = page.locator('ox-profile dl.fields > div').first();
    const [dt, dd] = await Promise.all([field.locator('dt').boundingBox(), field.locator('dd').boundingBox()]);
    expect(dt && dd).toBeTruthy();
    expect(dd!.y).toBeGreaterThanOrEqual(dt!.y + dt!.height - 1);
    expect(Math.abs(dd!.x - dt!.x)).toBeLessThan(2);
    expect(await field.locator('dd').innerText()).toContain(WORDS.longField);
    await page.locator('ox-profile').screenshot({ path: join(root, 'test-artifacts', 'polish-profile.png') });
  });

  it('search: best match first by default, Newest and Oldest on request, and only while there is a query', async () => {
    const page = await viewer();
    const order = page.locator('nav[aria-label="Filters"]').getByLabel('Order');
    expect(await order.locator('option[value="relevance"]').count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('lantern');
    const best = await apiIds('relevance', 'lantern');
    expect(best).toEqual([ids.dense, ids.sparse]);
    await until('best match first', async () => JSON.stringify(await timelineIds(page)) === JSON.stringify(best));
    expect(hashParams(page).get('order')).toBeNull();
    expect(await order.inputValue()).toBe('relevance');
    await screenshot(page, 'polish-search-relevance');
    await order.selectOption('newest');
    await until('newest first', async () => JSON.stringify(await timelineIds(page)) === JSON.stringify([ids.sparse, ids.dense]));
    expect(hashParams(page).get('order')).toBe('newest');
    // Refining the words keeps the chosen order.
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('lantern shop');
    await until('the refined search', async () => hashParams(page).get('q') === 'lantern shop');
    expect(hashParams(page).get('order')).toBe('newest');
    // And back to the best matches.
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('lantern');
    await until('lantern again, newest first', async () => JSON.stringify(await timelineIds(page)) === JSON.stringify([ids.sparse, ids.dense]));
    await order.selectOption('relevance');
    await until('best match first again', async () => JSON.stringify(await timelineIds(page)) === JSON.stringify(best));
    expect(hashParams(page).get('order')).toBeNull();
    // Without words there is nothing to rank: the option goes and the order is newest again. (The field's own
    // clear button, themed, replaces Chromium's.)
    await page.locator('ox-search-box').getByRole('button', { name: 'Clear search' }).click();
    await until('the whole timeline', async () => (await resultCount(page)) === REPLIES + FILLERS + 8);
    expect(hashParams(page).get('order')).toBeNull();
    expect(await order.locator('option[value="relevance"]').count()).toBe(0);
    expect(await order.inputValue()).toBe('newest');
    expect(await page.getByRole('searchbox', { name: 'Search posts' }).inputValue()).toBe('');
    expect(await page.locator('ox-search-box').getByRole('button', { name: 'Clear search' }).count()).toBe(0);
    // An address with words and no order opens on the best matches.
    await page.goto(`${served.origin}/#/?q=lantern`);
    await until('best match first from the address', async () => JSON.stringify(await timelineIds(page)) === JSON.stringify(best));
  });

  it('date inputs show a month (or year) from the address as its first and last day', async () => {
    const page = await viewer('#/?from=2024-02&to=2024-02', 'app');
    const from = page.locator('nav[aria-label="Filters"]').getByLabel('From date');
    const to = page.locator('nav[aria-label="Filters"]').getByLabel('To date');
    await until('the month as days', async () => (await from.inputValue()) === '2024-02-01');
    expect(await to.inputValue()).toBe('2024-02-29');
    await page.goto(`${served.origin}/#/?from=2023&to=2024`);
    await until('the year range', async () => (await from.inputValue()) === '2023-01-01' && (await to.inputValue()) === '2024-12-31');
  });

  it('a long thread draws 300 replies, then the rest on "Show more"', async () => {
    const page = await viewer(`#/thread?id=${encodeURIComponent(ids.root)}`, 'app');
    const thread = page.locator('[data-testid=thread]');
    await until('the root post', async () => (await thread.locator(`article[data-post-id="${ids.root}"]`).count()) === 1);
    const replies = thread.locator('li.reply article');
    await until('300 replies', async () => (await replies.count()) === 300);
    const more = thread.getByRole('button', { name: /Show more/ });
    expect(await thread.locator('[data-testid=thread-more]').innerText()).toMatch(/300 replies of 320 shown/);
    await more.scrollIntoViewIfNeeded();
    await screenshot(page, 'polish-thread-more');
    await more.click();
    await until('all 320 replies', async () => (await replies.count()) === REPLIES);
    expect(await more.count()).toBe(0);
  });

  it('the empty result says what found nothing and undoes exactly that', async () => {
    const page = await viewer('#/?q=lantern&poll=1', 'app');
    const empty = page.locator('ox-timeline [data-testid=empty]');
    await until('the empty state', async () => (await empty.count()) === 1 && (await empty.innerText()).includes('No posts match.'));
    expect(await empty.innerText()).toContain('No post has “lantern” with the filters chosen.');
    await screenshot(page, 'polish-empty');
    // Clear filters keeps the words…
    await empty.getByRole('button', { name: 'Clear filters' }).click();
    await until('the two lantern posts', async () => (await resultCount(page)) === 2);
    expect(hashParams(page).get('q')).toBe('lantern');
    expect(hashParams(page).get('poll')).toBeNull();
    // …Clear search keeps the filters…
    await page.goto(`${served.origin}/#/?q=nothingmatcheswhatsoever&poll=1`);
    await until('the empty state again', async () => (await empty.count()) === 1);
    await empty.getByRole('button', { name: 'Clear search' }).click();
    await until('the two polls', async () => (await resultCount(page)) === 2);
    expect(hashParams(page).get('q')).toBeNull();
    expect(hashParams(page).get('poll')).toBe('1');
    // …and Clear both goes back to everything.
    await page.goto(`${served.origin}/#/?q=nothingmatcheswhatsoever&poll=1`);
    await until('the empty state once more', async () => (await empty.count()) === 1);
    await empty.getByRole('button', { name: 'Clear both' }).click();
    await until('everything again', async () => (await resultCount(page)) === REPLIES + FILLERS + 8);
    expect(hashParams(page).toString()).toBe('');
  });

  it('the activity histogram is one Tab stop, and the arrow keys move through its months', async () => {
    const page = await viewer();
    const buttons = page.locator('[data-testid=months] button[data-month]');
    const months = await buttons.evaluateAll((els) => els.map((e) => ({ month: (e as HTMLElement).dataset.month!, tab: e.getAttribute('tabindex') })));
    expect(months.length).toBeGreaterThan(24);
    expect(months.filter((m) => m.tab === '0')).toHaveLength(1);
    const monthOf = async () => page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return (el as HTMLElement | null)?.dataset.month ?? null;
    });
    // Newest year first: the top row is 2025, January to April.
    await page.locator('[data-testid=months] button[data-month="2024-06"]').focus();
    await page.keyboard.press('ArrowRight');
    expect(await monthOf()).toBe('2024-07');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await monthOf()).toBe('2024-05');
    await page.keyboard.press('ArrowDown');
    expect(await monthOf()).toBe('2023-05');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    // 2025 has no May: the nearest month of that row.
    expect(await monthOf()).toBe('2025-04');
    await page.keyboard.press('End');
    expect(await monthOf()).toBe('2022-12');
    // Where the arrows left off is the one Tab stop now; Enter jumps there.
    expect(await buttons.evaluateAll((els) => els.filter((e) => e.getAttribute('tabindex') === '0').map((e) => (e as HTMLElement).dataset.month))).toEqual(['2022-12']);
    await page.keyboard.press('Enter');
    await until('a December 2022 post at the top', async () => (await topPostDate(page))?.startsWith('2022-12'));
  });

  it.skipIf(!notesWired)('a missing media file is a quiet note, not a warning', async () => {
    const page = await viewer();
    const notes = page.locator('[data-testid=archive-notes]');
    await notes.waitFor({ state: 'visible' });
    expect(await notes.locator('[data-tone=warning]').count()).toBe(0);
    expect(await notes.locator('[data-tone=info]').innerText()).toMatch(/^1 media file is not in this archive/);
    await screenshot(page, 'polish-notes');
  });
});
