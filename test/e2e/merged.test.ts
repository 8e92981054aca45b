// The merged timeline of an account's old and new exports in real Chromium: each post drawn as its own archive's
// (author, avatar, media, thread), the account chip, the order said beside the search count, the header at 200%.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveInfo, Result } from '../../preload/contract.js';
import { makeAccount, makeBoost, makePost, makeReply, pngImage, snowflake, writeArchive } from '../fixtures/archive-builder.js';
import { tempRoot } from './fixtures.js';
import { deepText, launchBrowser, onScreen, openPage, resultCount, root, screenshot, serve, timelineReady, until, type Served, type Watched, PageWatch } from './harness.js';

const OLD_URI = 'https://old.example/users/wren';
const NEW_URI = 'https://new.example/users/wren';
const oldAccount = makeAccount({ host: 'old.example', username: 'wren', displayName: 'Wren Oldhome', movedTo: NEW_URI });
const newAccount = makeAccount({ host: 'new.example', username: 'wren', displayName: 'Wren Newhome', alsoKnownAs: [OLD_URI] });

// Sizes tell the archives' images apart: a picture drawn from the wrong archive (or from `*`) cannot pass.
const OLD_AVATAR = pngImage(20, 20, () => [200, 60, 60]);
const NEW_AVATAR = pngImage(24, 24, () => [60, 60, 200]);
const OLD_PHOTO = { w: 40, h: 30 };
const NEW_PHOTO = { w: 64, h: 48 };
const photo = (size: { w: number; h: number }, rgb: [number, number, number]) => pngImage(size.w, size.h, (x, y) => [rgb[0], rgb[1] + y, rgb[2] + x]);

const TEXT = {
  oldPost: 'Old home radishes',
  oldPhoto: 'Old home photo of the allotment',
  newPhoto: 'New home photo of the balcony',
  newRoot: 'Seedlings thread starts here',
  newReply: 'Seedlings thread goes on',
};
const NEW_IDS = { photo: snowflake('2023-09-01T09:00:00Z', 1), root: snowflake('2023-10-01T09:00:00Z', 2), reply: snowflake('2023-10-02T09:00:00Z', 3) };

const tmp = tempRoot('merged');
let library: Served;
let browser: Browser;
let infos: { old: ArchiveInfo; new: ArchiveInfo };
const open = new PageWatch();


beforeAll(async () => {
  const oldPath = await writeArchive({
    version: '4.4', account: oldAccount, avatar: { name: 'avatar.png', bytes: OLD_AVATAR }, exportedAt: '2023-08-01T00:00:00Z',
    items: [
      makePost({ account: oldAccount, published: '2023-03-01T09:00:00Z', text: TEXT.oldPost }),
      makeBoost({ account: oldAccount, published: '2023-04-01T09:00:00Z', object: 'https://else.example/users/kit/statuses/1' }),
      makePost({ account: oldAccount, published: '2023-05-01T09:00:00Z', text: TEXT.oldPhoto, media: [{ alt: 'Allotment', bytes: photo(OLD_PHOTO, [90, 160, 60]), ext: 'png', mediaType: 'image/png', width: OLD_PHOTO.w, height: OLD_PHOTO.h }] }),
    ],
  }, join(tmp.dir, 'old'), { container: 'zip', fileName: 'wren-old.zip' });
  const newPath = await writeArchive({
    version: '4.4', account: newAccount, avatar: { name: 'avatar.png', bytes: NEW_AVATAR }, exportedAt: '2024-01-01T00:00:00Z',
    items: [
      makePost({ account: newAccount, id: NEW_IDS.photo, published: '2023-09-01T09:00:00Z', text: TEXT.newPhoto, media: [{ alt: 'Balcony', bytes: photo(NEW_PHOTO, [60, 90, 170]), ext: 'png', mediaType: 'image/png', width: NEW_PHOTO.w, height: NEW_PHOTO.h }] }),
      makePost({ account: newAccount, id: NEW_IDS.root, published: '2023-10-01T09:00:00Z', text: TEXT.newRoot }),
      makeReply({ account: newAccount, id: NEW_IDS.reply, published: '2023-10-02T09:00:00Z', text: TEXT.newReply, inReplyTo: newAccount.statusUri(NEW_IDS.root) }),
    ],
  }, join(tmp.dir, 'new'), { container: 'zip', fileName: 'wren-new.zip' });
  // A CSV gives the header its fifth section (People): the widest it gets.
  mkdirSync(join(tmp.dir, 'csv'), { recursive: true });
  const followers = join(tmp.dir, 'csv', 'followers.csv');
  writeFileSync(followers, 'Account address\nkit@else.example\n');
  library = await serve([oldPath, newPath, followers], { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') });
  const current = (await (await fetch(new URL('/api/current', library.origin), { headers: { Authorization: `Bearer ${library.token}` } })).json()) as Result<ArchiveInfo[]>;
  if (!current.ok) throw new Error(current.message);
  const byName = (name: string) => current.value.find((a) => a.name === name)!;
  infos = { old: byName('wren-old.zip'), new: byName('wren-new.zip') };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await library?.stop();
  tmp.done();
});

afterEach(() => open.settle());

async function viewer(hash = '', options: BrowserContextOptions = {}): Promise<Page> {
  const w = await openPage(browser, library.url.replace(/#.*$/, '') + hash, { timezoneId: 'UTC', ...options });
  open.push(w);
  await timelineReady(w.page);
  return w.page;
}

/** The timeline's card holding this text. */
const card = (page: Page, text: string): Locator => page.locator('ox-timeline ox-post').filter({ has: page.locator('.content', { hasText: text }) });

/** An <img> once it has loaded: its natural width (0 when it failed). */
async function naturalWidth(img: Locator): Promise<number> {
  await until('the image to settle', () => img.evaluate((el) => (el as HTMLImageElement).complete));
  return img.evaluate((el) => (el as HTMLImageElement).naturalWidth);
}

describe('the merged timeline of an old and a new export', () => {
  it('draws each post as its own archive\'s: author, avatar, media and the account chip', async () => {
    const page = await viewer('#/?all=1');
    await until('both archives\' posts', async () => (await resultCount(page)) === 6);
    for (const [text, info, avatar] of [[TEXT.newPhoto, infos.new, 24], [TEXT.oldPhoto, infos.old, 20], [TEXT.oldPost, infos.old, 20]] as const) {
      const post = card(page, text);
      const p = info.profile;
      await until(`the author of “${text}”`, async () => (await post.locator('.who .name').innerText()) === p.displayName);
      expect(await post.locator('.who .handle').innerText()).toBe(`@wren@${p.server}`);
      expect(await post.locator('[data-testid=post-source]').innerText()).toBe(`from @wren@${p.server}`);
      expect(await post.locator('article').getAttribute('data-archive')).toBe(info.id);
      const img = post.locator('ox-avatar img');
      expect(decodeURIComponent((await img.getAttribute('src'))!)).toContain(`/${info.id}/`);
      expect(await naturalWidth(img)).toBe(avatar);
    }
    // Each photo comes from the archive that holds it, not from `*`.
    for (const [text, info, size] of [[TEXT.newPhoto, infos.new, NEW_PHOTO], [TEXT.oldPhoto, infos.old, OLD_PHOTO]] as const) {
      const img = card(page, text).locator('ox-media-grid img');
      expect(new URL((await img.getAttribute('src'))!, library.origin).pathname.split('/')[2]).toBe(info.id);
      expect(await naturalWidth(img)).toBe(size.w);
    }
    // A boost says whose it is too.
    const boost = page.locator('ox-timeline ox-boost');
    expect(await boost.locator('.line strong').innerText()).toBe('Wren Oldhome');
    expect(await boost.locator('[data-testid=post-source]').innerText()).toBe('from @wren@old.example');
    expect(await boost.locator('article').getAttribute('data-archive')).toBe(infos.old.id);
    await screenshot(page, 'merged');
    await page.locator('ox-timeline .scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await until('the oldest post on screen', () => onScreen(card(page, TEXT.oldPost)));
    await screenshot(page, 'merged-end');

    // One archive alone: no chip, every post that archive's.
    const single = await viewer();
    await until('the first archive alone', async () => (await resultCount(single)) === 3);
    expect(await single.locator('ox-timeline ox-post .who .name').allInnerTexts()).toEqual(['Wren Oldhome', 'Wren Oldhome']);
    expect(await single.locator('[data-testid=post-source]').count()).toBe(0);
  });

  it('opens a thread of the second archive from the merged timeline, and back', async () => {
    const page = await viewer('#/?all=1');
    const reply = card(page, TEXT.newReply);
    await until('the reply drawn as the new account\'s', async () => (await reply.locator('.who .name').innerText()) === 'Wren Newhome');
    await reply.getByRole('button', { name: 'Thread' }).click();
    const thread = page.locator('ox-thread [data-testid=thread]');
    await until('the thread with its root', async () => /Seedlings thread starts here[\s\S]*Seedlings thread goes on/.test(await deepText(thread)));
    const hash = new URL(page.url()).hash;
    expect(hash).toContain(`archive=${infos.new.id}`);
    expect(hash).toContain('all=1');
    expect(await thread.locator('ox-post .who .name').allInnerTexts()).toEqual(['Wren Newhome', 'Wren Newhome']);
    expect(await thread.locator('[data-testid=post-source]').count()).toBe(0);
    await screenshot(page, 'merged-thread');
    // The address alone opens it again (a reload), against the same archive.
    await page.reload();
    await until('the thread after a reload', async () => /Seedlings thread starts here/.test(await deepText(page.locator('ox-thread'))));
    await page.locator('ox-thread').getByRole('button', { name: 'Back' }).click();
    await until('the merged timeline again', async () => (await resultCount(page)) === 6 && new URL(page.url()).hash === '#/?all=1');
    // Enter on a post of the second archive opens its thread against that archive too.
    await card(page, TEXT.newRoot).locator('article').focus();
    await page.keyboard.press('Enter');
    await until('the thread from the keyboard', async () => new URL(page.url()).hash.includes(`archive=${infos.new.id}`)
      && /Seedlings thread starts here[\s\S]*Seedlings thread goes on/.test(await deepText(page.locator('ox-thread'))));
  });

  it('says when results are ordered by best match', async () => {
    const page = await viewer('#/?all=1');
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('seedlings');
    const count = page.locator('[data-testid=result-count]');
    await until('the relevance count', async () => (await count.innerText()) === '2 results · best match');
    await page.locator('ox-filters').getByRole('combobox', { name: 'Order' }).selectOption('newest');
    await until('the plain count', async () => (await count.innerText()) === '2 results');
  });
});

describe('the header at 200% zoom (640×800 CSS px at device scale 2)', () => {
  /** How many rows the header's visible parts sit on. */
  const rows = (page: Page) => page.locator('ox-archive-view header.bar').evaluate((bar) => {
    const boxes = [...bar.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0).sort((a, b) => a.top - b.top);
    let count = 0;
    let bottom = -Infinity;
    // A part that starts below everything of the row before it starts a new row.
    for (const r of boxes) {
      if (r.top >= bottom - 1) count++;
      bottom = r.top >= bottom - 1 ? r.bottom : Math.max(bottom, r.bottom);
    }
    return count;
  });

  it('fits on two rows and keeps every name', async () => {
    const page = await viewer('#/?all=1', { viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 });
    await page.locator('nav[aria-label=Sections]').getByRole('button', { name: 'People' }).waitFor();
    expect(await rows(page)).toBeLessThanOrEqual(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const search = page.getByRole('searchbox', { name: 'Search posts' });
    expect(await search.isVisible()).toBe(true);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    for (const name of ['Posts', 'Stats', 'People', 'Favourites', 'Bookmarks']) expect(await nav.getByRole('button', { name }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Filters' }).isVisible()).toBe(true);
    await screenshot(page, 'zoom-200-header');
    // The icons are buttons that work.
    await nav.getByRole('button', { name: 'Stats' }).click();
    await until('the Stats section', async () => new URL(page.url()).hash.startsWith('#/stats'));
    expect(await nav.locator('[aria-current=page]').getAttribute('title')).toBe('Stats');
    // Searching keeps the two rows (the count and the order join the search row).
    await nav.getByRole('button', { name: 'Posts' }).click();
    await search.fill('seedlings');
    await until('the relevance count', async () => (await page.locator('[data-testid=result-count]').innerText()) === '2 results · best match');
    expect(await rows(page)).toBeLessThanOrEqual(2);
    await screenshot(page, 'zoom-200-header-search');
  });
});
