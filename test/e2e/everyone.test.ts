// Issue 16 in Chromium: photos that fit, short lists from their top, Back to the same post, phones without sideways
// scrolling, isolated names, On this day and popularity.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { everyoneArchive, EVERYONE, type EveryoneArchive } from './everyone-archive.js';
import { tempRoot } from './fixtures.js';
import { deepText, launchBrowser, onScreen, openPage, resultCount, screenshot, serve, timelineReady, until, type Served, PageWatch } from './harness.js';

const tmp = tempRoot('everyone');
let archive: EveryoneArchive;
let served: Served;
let browser: Browser;
const open = new PageWatch();

beforeAll(async () => {
  archive = await everyoneArchive(tmp.dir);
  served = await serve(archive.path, { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  tmp.done();
});

afterEach(() => open.settle());

async function viewer(hash = '', options: Parameters<typeof openPage>[2] = {}): Promise<Page> {
  const w = await openPage(browser, served.url + hash, options);
  open.push(w);
  await timelineReady(w.page);
  return w.page;
}

const article = (page: Page, id: string) => page.locator(`ox-timeline article[data-post-id="${id}"]`);

/** The box of an element in viewport px. */
const box = (page: Page, selector: string) => page.locator(selector).evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height };
});

describe('the media viewer', () => {
  it('fits a portrait and a square photo in the window, alt text below, on an opaque backdrop', async () => {
    const page = await viewer();
    const post = article(page, archive.ids.portrait);
    await until('the photo post', async () => {
      await page.locator('ox-timeline').evaluate((t) => (t as unknown as { scrollToIndex(i: number): void }).scrollToIndex(8));
      return post.count();
    });
    await post.scrollIntoViewIfNeeded();
    await post.getByRole('button', { name: new RegExp(EVERYONE.portrait) }).click();
    const dialog = page.locator('[data-testid=media-viewer]');
    await dialog.waitFor({ state: 'visible' });
    const img = dialog.locator('img');
    for (const [alt, width, height] of [[EVERYONE.portrait, 360, 1400], [EVERYONE.square, 1200, 1200]] as const) {
      // Both are taller than the 900 px window can show at their own size (beside the bar and the alt text).
      await until(`${alt} to load`, () => img.evaluate((i, w) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth === w, width));
      const view = page.viewportSize()!;
      // object-fit: contain draws the picture inside the element's box: compute the drawn rectangle.
      const drawn = await img.evaluate((el) => {
        const i = el as HTMLImageElement;
        const r = i.getBoundingClientRect();
        const scale = Math.min(r.width / i.naturalWidth, r.height / i.naturalHeight, 1);
        const w = i.naturalWidth * scale;
        const h = i.naturalHeight * scale;
        const top = r.top + (r.height - h) / 2;
        return { top, bottom: top + h, left: r.left + (r.width - w) / 2, right: r.left + (r.width + w) / 2, fit: getComputedStyle(i).objectFit };
      });
      expect(drawn.fit).toBe('contain');
      expect(drawn.top, `${alt}: top`).toBeGreaterThanOrEqual(0);
      expect(drawn.bottom, `${alt}: bottom`).toBeLessThanOrEqual(view.height);
      expect(drawn.left).toBeGreaterThanOrEqual(0);
      expect(drawn.right).toBeLessThanOrEqual(view.width);
      const alt$ = await box(page, 'ox-media-viewer .alt');
      expect(alt$.top, 'the alt text starts below the photo').toBeGreaterThanOrEqual(drawn.bottom - 1);
      expect(alt$.bottom).toBeLessThanOrEqual(view.height);
      expect(await dialog.innerText()).toContain(alt);
      await screenshot(page, `everyone-media-${width}x${height}`);
      await page.keyboard.press('ArrowRight');
    }
    // The backdrop is opaque: nothing of the page shows through a transparent photo.
    const bg = await dialog.evaluate((d) => getComputedStyle(d).backgroundColor);
    const alpha = /rgba?\(([^)]+)\)/.exec(bg)![1]!.split(',').map(Number)[3];
    expect(alpha === undefined || alpha === 1, `backdrop ${bg}`).toBe(true);
    // A click zooms to 100%, another fits again.
    await page.keyboard.press('ArrowLeft');
    await until('the portrait again', () => img.evaluate((i) => (i as HTMLImageElement).naturalWidth === 360));
    await img.click();
    await until('zoomed to 100%', () => img.evaluate((i) => Math.abs(i.getBoundingClientRect().height - 1400) < 2));
    await img.click({ position: { x: 10, y: 10 } });
    await until('fitted again', () => img.evaluate((i) => i.getBoundingClientRect().height < 900));
    await page.keyboard.press('Escape');
    await until('the viewer to close', async () => !(await dialog.isVisible()));
  });
});

describe('places kept', () => {
  for (const [what, hash, first] of [
    ['a poll filter', '#/?poll=1', () => archive.ids.polls.at(-1)!],
    ['a hashtag with three posts', `#/?tag=${EVERYONE.tag}`, () => archive.ids.tagged.at(-1)!],
    ['four posts taller than the window', '#/?media=1', () => archive.ids.media.at(-1)!],
  ] as const) {
    it(`${what} opens on its first post, also after scrolling a long list first`, async () => {
      const page = await viewer();
      // Scroll the full timeline well down, then choose the filter.
      await page.locator('ox-timeline').evaluate((t) => (t as unknown as { scrollToIndex(i: number): void }).scrollToIndex(60));
      await page.waitForTimeout(300);
      await page.evaluate((h) => (location.hash = h), hash);
      await until('the short list', async () => (await resultCount(page))! <= 4);
      await until('the first post on screen', () => onScreen(article(page, first())));
      const top = await article(page, first()).evaluate((el) => el.getBoundingClientRect().top);
      const scroller = await page.locator('ox-timeline').evaluate((t) => t.shadowRoot!.querySelector('.scroller')!.getBoundingClientRect().top);
      expect(top - scroller).toBeLessThan(40);
      expect(top - scroller).toBeGreaterThanOrEqual(0);
    });
  }

  it('a short list opened from its address starts at its top', async () => {
    const page = await viewer('#/?media=1');
    const tall = article(page, archive.ids.media.at(-1)!);
    await until('the newest photo post on screen', () => onScreen(tall));
    await page.waitForTimeout(500);
    expect(await onScreen(tall)).toBe(true);
  });

  it('a short list from the filter button starts at its top; the wheel and Home keep it there', async () => {
    const page = await viewer('#/?poll=1');
    const first = article(page, archive.ids.polls.at(-1)!);
    await until('the newest poll on screen', () => onScreen(first));
    const scrollerTop = () => page.locator('ox-timeline').evaluate((t) => t.shadowRoot!.querySelector('.scroller')!.getBoundingClientRect().top);
    expect((await first.evaluate((el) => el.getBoundingClientRect().top)) - (await scrollerTop())).toBeLessThan(40);
    // The sidebar's button on the full timeline scrolled far down.
    await page.evaluate(() => (location.hash = '#/'));
    await until('the full list', async () => (await resultCount(page))! > 100);
    await page.locator('ox-timeline').evaluate((t) => (t as unknown as { scrollToIndex(i: number): void }).scrollToIndex(90));
    await page.waitForTimeout(300);
    await page.locator('nav[aria-label="Filters"]').getByRole('button', { name: /^Polls/ }).click();
    await until('three polls', async () => (await resultCount(page)) === 3);
    await until('the newest poll on screen again', () => onScreen(first));
    // The wheel and Home both keep it there.
    await page.mouse.move(640, 500);
    await page.mouse.wheel(0, -400);
    await page.keyboard.press('Home');
    await page.waitForTimeout(300);
    expect(await onScreen(first)).toBe(true);
  });

  it('Back, Esc and the browser back return to the post left, and a reload keeps the place', async () => {
    const page = await viewer();
    await page.locator('ox-timeline').evaluate((t) => (t as unknown as { scrollToIndex(i: number): void }).scrollToIndex(70));
    const root = article(page, archive.ids.threadRoot);
    await until('the thread root in the list', () => root.count());
    await root.scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    const before = await root.evaluate((el) => el.getBoundingClientRect().top);
    const thread = page.locator('[data-testid=thread]');
    for (const how of ['button', 'escape', 'history'] as const) {
      await root.getByRole('button', { name: /^Thread/ }).click();
      await thread.waitFor({ state: 'visible' });
      if (how === 'button') await thread.getByRole('button', { name: /^Back/ }).click();
      else if (how === 'escape') await page.keyboard.press('Escape');
      else await page.goBack();
      await until(`the timeline after ${how}`, async () => !(await thread.isVisible()));
      await until(`the post left, on screen after ${how}`, () => onScreen(root));
      const after = await root.evaluate((el) => el.getBoundingClientRect().top);
      expect(Math.abs(after - before), `moved by ${after - before} px after ${how}`).toBeLessThan(120);
    }
    // The address names the post read: a reload comes back to it.
    await page.waitForTimeout(400);
    expect(decodeURIComponent(page.url())).toContain('at=');
    await page.reload();
    await timelineReady(page);
    await until('the post after a reload', () => onScreen(root));
  });
});

describe('phones', () => {
  for (const width of [390, 320]) {
    it(`at ${width} px nothing scrolls sideways, and the export menu stays on screen`, async () => {
      const page = await viewer('', { viewport: { width, height: 800 } });
      await page.locator('ox-timeline').evaluate((t) => (t as unknown as { scrollToIndex(i: number): void }).scrollToIndex(8));
      await until('the photo post', () => article(page, archive.ids.portrait).count());
      await page.waitForTimeout(300);
      const wide = await page.evaluate(() => {
        const out: string[] = [];
        const walk = (root: Document | ShadowRoot) => {
          for (const el of root.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            // 1 px boxes are the visually hidden labels screen readers read.
            if (r.width > 1 && r.height > 1 && (r.right > innerWidth + 0.5 || r.left < -0.5) && el.checkVisibility()) {
              const clipped = el.closest('[aria-hidden=true]');
              if (!clipped) out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
            }
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
        return out;
      });
      expect(wide, 'elements outside the viewport').toEqual([]);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshot(page, `everyone-${width}`);
      await page.getByRole('button', { name: /^Export/ }).click();
      const menu = await box(page, 'ox-export-menu .panel');
      expect(menu.left).toBeGreaterThanOrEqual(0);
      expect(menu.right).toBeLessThanOrEqual(width);
    });
  }
});

describe('names', () => {
  it('isolates a display name that holds a right-to-left override', async () => {
    const page = await viewer();
    const name = page.locator('ox-timeline article .name').first();
    const isolated = await name.evaluate((el) => {
      for (let n: Element | null = el.querySelector('bdi, [dir=auto]') ?? el; n; n = n.parentElement) {
        const s = getComputedStyle(n);
        if (n.tagName === 'BDI' || s.unicodeBidi === 'isolate' || s.unicodeBidi === 'plaintext') return true;
        if (n === el) break;
      }
      return false;
    });
    expect(isolated).toBe(true);
    expect(await deepText(name)).toContain('Pia');
  });
});

describe('On this day and popularity', () => {
  it('On this day is one click from the timeline and shows the posts of this date in earlier years', async () => {
    const page = await viewer();
    await page.getByRole('button', { name: 'On this day' }).click();
    const view = page.locator('[data-testid=on-this-day]');
    await until('the earlier years', async () => (await view.locator('section[data-year]').count()) === 2);
    const years = await view.locator('section[data-year]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.year)));
    const now = new Date().getFullYear();
    expect(years).toEqual([now - 2, now - 3]);
    const ids = await view.locator('article[data-post-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.postId));
    expect(ids).toEqual([...archive.ids.onThisDay].reverse());
    expect(await view.innerText()).toMatch(/2 years ago/);
    await screenshot(page, 'everyone-on-this-day');
  });

  it('shows the totals, sorts by favourites, and filters by a minimum in the sidebar and in the words', async () => {
    const page = await viewer('#/?order=likes');
    const first = page.locator('ox-timeline article[data-post-id]').first();
    await until('the most liked post first', async () => (await first.getAttribute('data-post-id')) === archive.ids.popular);
    expect(await deepText(first)).toMatch(/240/);
    await page.evaluate(() => (location.hash = '#/'));
    await until('the full list', async () => (await resultCount(page))! > 100);
    await page.locator('select[aria-label=Favourites]').selectOption('100');
    await until('one post with 100 or more', async () => (await resultCount(page)) === 1);
    expect(page.url()).toContain('likes=100');
    await page.evaluate(() => (location.hash = '#/'));
    await until('the full list again', async () => (await resultCount(page))! > 100);
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('likes:>200');
    await until('the query finds the one post', async () => (await resultCount(page)) === 1);
    expect(await page.locator('ox-timeline article[data-post-id]').first().getAttribute('data-post-id')).toBe(archive.ids.popular);
  });
});
