// The viewer on a small rich archive: open, search, each filter, months, thread, media and alt text, keyboard, screens.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { richArchive, RICH, tempRoot, type RichArchive, type RichKey } from './fixtures.js';
import {
  deepText, focused, launchBrowser, onScreen, openPage, renderedSeqs, resultCount, screenshot, serve, timelineReady, until,
  type Served, type Watched, PageWatch } from './harness.js';

const tmp = tempRoot('viewer');
let rich: RichArchive;
let served: Served;
let browser: Browser;
const open = new PageWatch();

beforeAll(async () => {
  rich = await richArchive(tmp.dir);
  served = await serve(rich.path, { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  tmp.done();
});

/** Every page must stay on 127.0.0.1, raise no dialog and throw no error. */
afterEach(() => open.settle());

async function viewer(options: Parameters<typeof openPage>[2] = {}): Promise<Page> {
  const w = await openPage(browser, served.url, options);
  open.push(w);
  await timelineReady(w.page);
  return w.page;
}

const post = (page: Page, key: RichKey) => page.locator(`article[data-post-id="${rich.ids[key]}"]`);
const filters = (page: Page) => page.locator('nav[aria-label="Filters"]');
const filterButton = (page: Page, name: string) => filters(page).getByRole('button', { name, exact: true });

async function shownIds(page: Page): Promise<string[]> {
  return page.locator('ox-timeline article[data-post-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.postId!));
}

const idsOf = (keys: RichKey[]) => rich.newestFirst.filter((k) => keys.includes(k)).map((k) => rich.ids[k]);

async function waitForIds(page: Page, keys: RichKey[]): Promise<void> {
  const want = idsOf(keys);
  await until(`the timeline to show ${keys.join(', ')}`, async () => JSON.stringify(await shownIds(page)) === JSON.stringify(want));
  await until(`the result count to say ${want.length}`, async () => (await resultCount(page)) === want.length);
}

describe('the rich archive', () => {
  it('opens on the timeline, newest first, with the count and every post', async () => {
    const page = await viewer();
    await waitForIds(page, rich.newestFirst);
    expect(await renderedSeqs(page)).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(await post(page, 'boost').getAttribute('class')).toMatch(/\bboost\b/);
    expect(await page.locator('header .file').innerText()).toBe('rich.zip');
    // The token leaves the address bar once the page has it (the cookie carries it from then on).
    expect(page.url()).not.toContain(served.token);
    await screenshot(page, 'e2e-timeline');
  });

  it('shows a post with media, a poll and a content warning', async () => {
    const page = await viewer();
    const combo = post(page, 'combo');
    expect(await deepText(combo)).toContain(RICH.comboCw);
    expect(await deepText(combo)).not.toContain(RICH.comboText);
    expect(await combo.locator('ox-media-grid, ox-poll').count()).toBe(0);
    await combo.getByRole('button', { name: 'Show more' }).click();
    await until('the text behind the warning', async () => (await deepText(combo)).includes(RICH.comboText));
    const text = await deepText(combo);
    expect(text).toContain(RICH.altCombo);
    expect(text).toMatch(/Yes/);
    expect(text).toMatch(/No/);
    const img = combo.locator('ox-media-grid img');
    await until('the picture to load from the archive', () => img.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth === 320));
    expect(new URL((await img.getAttribute('src'))!, served.origin).origin).toBe(served.origin);
    await screenshot(page, 'e2e-post-media-poll-cw');
    // The media post: alt text shown, a missing description said, a missing file said plainly.
    const media = post(page, 'media');
    await media.scrollIntoViewIfNeeded();
    const mediaText = await deepText(media);
    expect(mediaText).toContain(RICH.altGannet);
    expect(mediaText).toMatch(/No alt text/);
    expect(mediaText).toMatch(/Not in this archive/);
    await screenshot(page, 'e2e-post-media');
  });

  it('opens media in the viewer and reads its alt text', async () => {
    const page = await viewer();
    const media = post(page, 'media');
    await media.scrollIntoViewIfNeeded();
    await media.getByRole('button', { name: `View image: ${RICH.altGannet}` }).click();
    const dialog = page.locator('[data-testid=media-viewer]');
    await dialog.waitFor({ state: 'visible' });
    expect(await page.getByRole('dialog', { name: 'Media viewer' }).isVisible()).toBe(true);
    expect(await dialog.innerText()).toContain(RICH.altGannet);
    const big = dialog.locator('img');
    await until('the full-size image to load', () => big.evaluate((i) => (i as HTMLImageElement).naturalWidth === 320));
    expect(await big.getAttribute('alt')).toBe(RICH.altGannet);
    await screenshot(page, 'e2e-media-viewer');
    await page.keyboard.press('ArrowRight');
    await until('the second image says it has no alt text', async () => /no alt text/i.test(await dialog.innerText()));
    await dialog.getByRole('button', { name: 'Next' }).click();
    await until('the third (missing) file', async () => (await dialog.innerText()).includes(RICH.altMissing));
    expect(await dialog.innerText()).toMatch(/Not in this archive/);
    await page.keyboard.press('Escape');
    await until('the viewer to close', async () => !(await dialog.isVisible()));
  });

  it('opens a thread with its ancestors and replies, and goes back', async () => {
    const page = await viewer();
    const reply = post(page, 'threadReply2');
    await reply.scrollIntoViewIfNeeded();
    await reply.getByRole('button', { name: /in this archive/ }).click();
    const thread = page.locator('[data-testid=thread]');
    await thread.waitFor({ state: 'visible' });
    const want = [rich.ids.threadRoot, rich.ids.threadReply1, rich.ids.threadReply2];
    await until('the thread: root, reply, reply', async () =>
      JSON.stringify(await thread.locator('article[data-post-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.postId))) === JSON.stringify(want));
    expect(page.url()).toMatch(/#\/thread\?id=/);
    await screenshot(page, 'e2e-thread');
    await thread.getByRole('button', { name: 'Back' }).click();
    await until('the timeline again', async () => !(await thread.isVisible()) && (await page.locator('ox-timeline article').first().isVisible()));
    // And from the root: the replies come after it.
    await page.goto(`${served.origin}/#/thread?id=${encodeURIComponent(rich.ids.threadRoot)}`);
    await until('the root thread', async () => (await page.locator('[data-testid=thread] article[data-post-id]').count()) === 3);
  });

  it('searches, highlights the words and shows the count', async () => {
    const page = await viewer();
    const search = page.getByRole('searchbox', { name: 'Search posts' });
    expect(await search.getAttribute('type')).toBe('search');
    await search.fill('quokkaroot');
    await waitForIds(page, ['threadRoot']);
    expect((await post(page, 'threadRoot').locator('mark').allInnerTexts()).map((t) => t.toLowerCase())).toContain('quokkaroot');
    expect(decodeURIComponent(page.url())).toMatch(/q=quokkaroot/);
    await search.fill('about');
    await waitForIds(page, ['threadRoot', 'threadReply1', 'threadReply2']);
    await screenshot(page, 'e2e-search');
    await search.fill('nothingmatchesthis');
    await until('the empty result', async () => (await resultCount(page)) === 0 && (await page.getByText('No posts match.').isVisible()));
    await search.fill('');
    await waitForIds(page, rich.newestFirst);
  });

  const PUBLIC: RichKey[] = ['june', 'threadRoot', 'threadReply1', 'threadReply2', 'media', 'poll', 'cw', 'boost', 'replyRemote', 'edited', 'german', 'combo'];
  /** Each filter button's accessible name and the posts it must leave, known from how the fixture was built. */
  const FILTERS: Array<[string, RichKey[]]> = [
    ['Posts', ['june', 'threadRoot', 'media', 'poll', 'cw', 'edited', 'unlisted', 'private', 'direct', 'german', 'combo']],
    ['Replies', ['threadReply1', 'threadReply2', 'replyRemote']],
    ['Boosts', ['boost']],
    ['With media', ['media', 'combo']],
    ['Polls', ['poll', 'combo']],
    ['Content warning', ['cw', 'combo']],
    ['Edited', ['edited']],
    ['Missing alt text', ['media']],
    ['Public', PUBLIC],
    ['Unlisted', ['unlisted']],
    ['Followers only', ['private']],
    ['Direct message', ['direct']],
  ];

  it('applies each filter, reflects it in the URL, and back/forward restore it', async () => {
    const page = await viewer();
    for (const [name, keys] of FILTERS) {
      const button = filterButton(page, name);
      expect(await button.getAttribute('aria-pressed'), name).toBe('false');
      const before = page.url();
      await button.click();
      await waitForIds(page, keys);
      expect(await button.getAttribute('aria-pressed'), name).toBe('true');
      expect(page.url(), name).not.toBe(before);
      if (name === 'Polls') await screenshot(page, 'e2e-filters');
      await button.click();
      await waitForIds(page, rich.newestFirst);
    }
    // A hashtag and a language: the other two ways to narrow.
    await filters(page).getByRole('button', { name: `#${RICH.tag}` }).click();
    await waitForIds(page, ['threadRoot', 'media']);
    await filters(page).getByRole('button', { name: `#${RICH.tag}` }).click();
    await filters(page).getByLabel('Language').selectOption('de');
    await waitForIds(page, ['german']);
    // History: back undoes, forward redoes.
    await page.goBack();
    await waitForIds(page, rich.newestFirst);
    await page.goForward();
    await waitForIds(page, ['german']);
    await filters(page).getByLabel('Language').selectOption('');
    await filterButton(page, 'Polls').click();
    await waitForIds(page, ['poll', 'combo']);
    await filterButton(page, 'With media').click();
    await waitForIds(page, ['combo']);
    const both = page.url();
    expect(both).toMatch(/poll=1/);
    expect(both).toMatch(/media=1/);
    await page.goBack();
    await waitForIds(page, ['poll', 'combo']);
    expect(await filterButton(page, 'With media').getAttribute('aria-pressed')).toBe('false');
    // A filtered address opened afresh shows the same filter.
    await page.goto(both);
    await waitForIds(page, ['combo']);
    expect(await filterButton(page, 'Polls').getAttribute('aria-pressed')).toBe('true');
  });

  it('jumps to a month from the scrubber', async () => {
    const page = await viewer();
    const months = page.locator('[data-testid=months]');
    await months.waitFor({ state: 'visible' });
    expect(await months.locator('[data-month]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.month).sort()))
      .toEqual(['2023-06', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    // Each jump puts the month's newest post on screen (newest-first order).
    await months.locator('[data-month="2024-02"]').click();
    await until('the newest February 2024 post on screen', () => onScreen(post(page, 'poll')));
    await months.locator('[data-month="2024-05"]').click();
    await until('the May 2024 post on screen', () => onScreen(post(page, 'combo')));
    await months.locator('[data-month="2024-01"]').click();
    await until('the newest January 2024 post on screen', () => onScreen(post(page, 'threadReply2')));
    // The oldest month: its only post is the last one of the timeline.
    await months.locator('[data-month="2023-06"]').click();
    await until('the June 2023 post on screen', () => onScreen(post(page, 'june')));
  });

  it('works from the keyboard: j/k, x, Enter, Esc, / and ?', async () => {
    const page = await viewer();
    await page.keyboard.press('j');
    await until('the newest post focused', async () => (await focused(page)).postId === rich.ids.combo);
    await page.keyboard.press('j');
    await until('the next post focused', async () => (await focused(page)).postId === rich.ids.german);
    await page.keyboard.press('k');
    await until('back to the newest', async () => (await focused(page)).postId === rich.ids.combo);
    // x shows and hides the text behind the content warning of the post the keyboard is on.
    const combo = post(page, 'combo');
    expect(await combo.innerText()).not.toContain(RICH.comboText);
    await page.keyboard.press('x');
    await until('x to reveal', async () => (await combo.innerText()).includes(RICH.comboText));
    await page.keyboard.press('x');
    await until('x to hide again', async () => !(await combo.innerText()).includes(RICH.comboText));
    // Enter opens the thread, Esc comes back.
    await page.keyboard.press('Enter');
    const thread = page.locator('[data-testid=thread]');
    await thread.waitFor({ state: 'visible' });
    await until('the thread of the focused post', async () => (await thread.locator(`article[data-post-id="${rich.ids.combo}"]`).count()) === 1);
    await page.keyboard.press('Escape');
    await until('the timeline after Esc', async () => !(await thread.isVisible()));
    // Walk down to the poll by j (seq 14 → 5).
    for (let i = 0; i < 9; i++) await page.keyboard.press('j');
    await until('j to reach the poll', async () => (await focused(page)).postId === rich.ids.poll);
    expect(await onScreen(post(page, 'poll'))).toBe(true);
    // / focuses the search field; typing there is not a shortcut.
    await page.keyboard.press('/');
    await until('the search field focused', async () => (await focused(page)).type === 'search');
    await page.keyboard.type('jk');
    expect(await page.getByRole('searchbox', { name: 'Search posts' }).inputValue()).toBe('jk');
    await page.keyboard.press('Escape');
    await page.getByRole('searchbox', { name: 'Search posts' }).blur();
    // ? lists the shortcuts.
    await page.keyboard.press('?');
    const help = page.locator('[data-testid=shortcuts]');
    await help.waitFor({ state: 'visible' });
    expect(await help.innerText()).toMatch(/Next post/);
    await screenshot(page, 'e2e-shortcuts');
    await page.keyboard.press('Escape');
    await until('the shortcuts to close', async () => !(await help.isVisible()));
  });

  it('lists likes and bookmarks', async () => {
    const page = await viewer();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Favourites' }).click();
    const likes = page.locator('[data-testid=likes]');
    await until('the liked addresses', async () => (await likes.locator('a').count()) === RICH.likes.length);
    for (const uri of RICH.likes) expect(await likes.innerText()).toContain(uri);
    await screenshot(page, 'e2e-likes');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Bookmarks' }).click();
    const bookmarks = page.locator('[data-testid=bookmarks]');
    await until('the bookmarked address', async () => (await bookmarks.locator('a').count()) === RICH.bookmarks.length);
    expect(await bookmarks.innerText()).toContain(RICH.bookmarks[0]);
    await screenshot(page, 'e2e-bookmarks');
  });

  it('draws each post once: a change of the view that no card shows, or the library arriving, draws none again', async () => {
    // The library (moves, relationships) is held back: until it answers, the cards are drawn with the archive's own author,
    // which was made anew at every render of the view, so each count or month drew and sanitized every card again; and
    // the library's equal but new author drew every card once more when it came.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    let release = () => {};
    try {
      const held = new Promise<void>((resolve) => (release = resolve));
      await context.route('**/api/moves**', async (route) => {
        await held;
        await route.continue().catch(() => {});
      });
      const page = await context.newPage();
      await page.goto(served.url);
      await timelineReady(page);
      await waitForIds(page, rich.newestFirst);
      type Updating = HTMLElement & { updateComplete: Promise<boolean> };
      const cards = await page.evaluate(() => {
        const Post = customElements.get('ox-post')!;
        const render = Post.prototype.render as () => unknown;
        const counted = window as unknown as { draws: number };
        counted.draws = 0;
        Post.prototype.render = function (this: unknown) {
          counted.draws += 1;
          return render.call(this);
        };
        const view = document.querySelector('outbox-app')!.shadowRoot!.querySelector('ox-archive-view')!;
        return view.shadowRoot!.querySelector('ox-timeline')!.shadowRoot!.querySelectorAll('ox-post').length;
      });
      expect(cards).toBeGreaterThan(5);
      /** Waits for the view, the timeline and every card to be drawn, then says how many cards drew themselves. */
      const settled = () => page.evaluate(async () => {
        const view = document.querySelector('outbox-app')!.shadowRoot!.querySelector('ox-archive-view') as Updating;
        const timeline = view.shadowRoot!.querySelector('ox-timeline') as Updating;
        await view.updateComplete;
        await timeline.updateComplete;
        await Promise.all([...timeline.shadowRoot!.querySelectorAll<Updating>('ox-post')].map((p) => p.updateComplete));
        return (window as unknown as { draws: number }).draws;
      });
      await page.evaluate(() => {
        (document.querySelector('outbox-app')!.shadowRoot!.querySelector('ox-archive-view') as HTMLElement & { month: string }).month = '1999-01';
      });
      expect(await settled()).toBe(0);
      release();
      // Nothing on screen says the library came (this archive has no CSV and no move): wait for its task.
      await until('the library to arrive', () => page.evaluate(() => {
        const view = document.querySelector('outbox-app')!.shadowRoot!.querySelector('ox-archive-view') as unknown as { library: { value?: unknown } };
        return view.library.value !== undefined;
      }));
      expect(await settled()).toBe(0);
    } finally {
      release();
      await context.close();
    }
  });

  it('follows the dark colour scheme', async () => {
    const page = await viewer({ colorScheme: 'dark' });
    // Relative luminance of the page background: dark means well under the middle.
    const luminance = await page.evaluate(() => {
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g)!.map(Number);
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    });
    expect(luminance).toBeLessThan(0.3);
    await screenshot(page, 'e2e-dark');
  });

  it('stays usable at 200% zoom (640×800 CSS px at device scale 2)', async () => {
    const page = await viewer({ viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await onScreen(page.locator('ox-timeline article').first())).toBe(true);
    await screenshot(page, 'e2e-zoom-200');
    // The filters live behind a button at this width; they must be reachable and usable.
    const toggle = page.getByRole('button', { name: 'Filters' });
    await toggle.click();
    await until('the filter panel on screen', () => onScreen(filterButton(page, 'Polls')));
    await screenshot(page, 'e2e-zoom-200-filters');
    await filterButton(page, 'Polls').click();
    await page.keyboard.press('Escape');
    await waitForIds(page, ['poll', 'combo']);
  });
});
