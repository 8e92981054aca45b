// One person's Mastodon archive and X/Twitter archive as one timeline in real Chromium: posts of both interleaved
// by date, each drawn as its own export's (author, avatar, media) and saying where it came from.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveInfo, Result } from '../../preload/contract.js';
import { makeAccount, makePost, pngImage, writeArchive } from '../fixtures/archive-builder.js';
import { writeZip } from '../fixtures/containers.js';
import { customFilters, folderEntries, writeTwitterArchive } from '../fixtures/other-exports.js';
import { tempRoot } from './fixtures.js';
import { deepText, launchBrowser, openPage, resultCount, screenshot, serve, timelineReady, until, type Served, PageWatch } from './harness.js';

const account = makeAccount({ host: 'example.social', username: 'sam', displayName: 'Sam on Mastodon' });
const TWEET_PHOTO = { w: 36, h: 27 };
/** A long tweet's full text (note-tweet.js); tweets.js holds its first 200 characters and "…". */
const LONG_TAIL = 'and this last sentence is only in note-tweet.js';
const TEXT = {
  tweetOld: 'Tweeting about sourdough in 2019',
  tweetPhoto: 'Tweeted photo of the bakery',
  tootMiddle: 'Moved to the fediverse, still baking sourdough',
  tweetDeleted: 'A tweet I deleted and the archive kept',
  tweetLong: 'A long tweet about proofing baskets',
  tweetLate: 'Last tweet before leaving',
  tootNew: 'Newest toot about rye',
};

const tmp = tempRoot('merged-other');
let library: Served;
let browser: Browser;
let infos: { mastodon: ArchiveInfo; twitter: ArchiveInfo };
const open = new PageWatch();

beforeAll(async () => {
  const mastodon = await writeArchive({
    version: '4.4', account, exportedAt: '2024-01-01T00:00:00Z',
    items: [
      makePost({ account, published: '2022-11-10T09:00:00Z', text: TEXT.tootMiddle }),
      makePost({ account, published: '2023-06-01T09:00:00Z', text: TEXT.tootNew }),
    ],
  }, join(tmp.dir, 'mastodon'), { container: 'zip', fileName: 'sam-mastodon.zip' });
  const unpacked = join(tmp.dir, 'twitter-unpacked');
  writeTwitterArchive(unpacked, [
    { id: '1100000000000000001', text: TEXT.tweetOld, at: new Date('2019-05-01T09:00:00Z') },
    { id: '1200000000000000002', text: `${TEXT.tweetPhoto} https://t.co/ph`, at: new Date('2020-07-01T09:00:00Z'),
      media: [{ url: 'https://t.co/ph', file: 'BAKERY.png', type: 'photo', alt: 'The bakery window' }] },
    { id: '1400000000000000005', text: `${longText().slice(0, 200)}…`, at: new Date('2021-06-01T09:00:00Z') },
    { id: '1500000000000000003', text: TEXT.tweetLate, at: new Date('2022-11-01T09:00:00Z') },
  ], { naming: '2023', username: 'sam',
    notes: [{ noteId: '1400000000000000099', text: longText(), at: new Date('2021-06-01T09:00:00.250Z') }],
    deleted: [{ id: '1300000000000000004', text: TEXT.tweetDeleted, at: new Date('2021-03-01T09:00:00Z') }],
    mediaFiles: { '1200000000000000002-BAKERY.png': pngImage(TWEET_PHOTO.w, TWEET_PHOTO.h, (x, y) => [200, 120 + y, 40 + x]) } });
  const twitter = join(tmp.dir, 'twitter-2024-sam.zip');
  await writeZip(folderEntries(unpacked), twitter, { mtime: new Date('2024-02-01T00:00:00Z') });
  // Mastodon's filters export, given beside the archives: People shows it.
  const filters = join(tmp.dir, 'custom_filters.json');
  writeFileSync(filters, customFilters());
  library = await serve([mastodon, twitter, filters], { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') });
  const current = (await (await fetch(new URL('/api/current', library.origin), { headers: { Authorization: `Bearer ${library.token}` } })).json()) as Result<ArchiveInfo[]>;
  if (!current.ok) throw new Error(current.message);
  const byName = (name: string) => current.value.find((a) => a.name === name)!;
  infos = { mastodon: byName('sam-mastodon.zip'), twitter: byName('twitter-2024-sam.zip') };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await library?.stop();
  tmp.done();
});

afterEach(() => open.settle());

function longText(): string {
  return `${TEXT.tweetLong}. ${'Wicker or cane, floured well, never washed with soap. '.repeat(5)}${LONG_TAIL}`;
}

async function viewer(hash: string): Promise<Page> {
  const w = await openPage(browser, library.url.replace(/#.*$/, '') + hash, { timezoneId: 'UTC' });
  open.push(w);
  await timelineReady(w.page);
  return w.page;
}

const card = (page: Page, text: string): Locator => page.locator('ox-timeline ox-post').filter({ has: page.locator('.content', { hasText: text }) });

describe('a Mastodon and an X/Twitter archive of one person', () => {
  it('are one timeline, in date order, each post drawn as its export\'s and saying where it came from', async () => {
    expect(infos.twitter.summary.source).toBe('twitter');
    expect(infos.mastodon.summary.source).toBe('mastodon');
    const page = await viewer('#/?all=1&order=oldest');
    await until('both archives\' posts', async () => (await resultCount(page)) === 7);
    const texts = await page.locator('ox-timeline ox-post .content').allInnerTexts();
    expect(texts.map((t) => Object.values(TEXT).find((x) => t.includes(x)))).toEqual(
      [TEXT.tweetOld, TEXT.tweetPhoto, TEXT.tweetDeleted, TEXT.tweetLong, TEXT.tweetLate, TEXT.tootMiddle, TEXT.tootNew]);
    for (const [text, info, name, from] of [
      [TEXT.tweetOld, infos.twitter, 'Sam on X', 'from @sam@twitter.com'],
      [TEXT.tootNew, infos.mastodon, 'Sam on Mastodon', 'from @sam@example.social'],
    ] as const) {
      const post = card(page, text);
      await until(`the author of “${text}”`, async () => (await post.locator('.who .name').innerText()) === name);
      expect(await post.locator('[data-testid=post-source]').innerText()).toBe(from);
      expect(await post.locator('article').getAttribute('data-archive')).toBe(info.id);
    }
    expect(await card(page, TEXT.tweetOld).locator('[data-testid=post-source]').getAttribute('title')).toBe('From the X/Twitter archive twitter-2024-sam.zip');
    // The tweet's photo is served from the Twitter zip (tweets_media/), with its alt text.
    const img = card(page, TEXT.tweetPhoto).locator('ox-media-grid img');
    expect(new URL((await img.getAttribute('src'))!, library.origin).pathname.split('/')[2]).toBe(infos.twitter.id);
    await until('the photo to load', () => img.evaluate((el) => (el as HTMLImageElement).complete));
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(TWEET_PHOTO.w);
    expect(await img.getAttribute('alt')).toBe('The bakery window');
    await screenshot(page, 'merged-mastodon-twitter');
  });

  it('People shows the filters of custom_filters.json', async () => {
    const page = await viewer('#/?all=1');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'People' }).click();
    const filters = page.locator('ox-people [data-testid=filters]');
    await until('the filters', async () => (await filters.count()) === 1 && /Filters\s*2/.test(await filters.locator('h3').innerText()));
    const text = (await deepText(filters)).replace(/\s+/g, ' ');
    expect(text).toContain('Spoilers');
    expect(text).toContain('Warns about posts in home and public with “finale” (whole word)');
    expect(text).toContain('Hides posts in home · 1 post · until January 1, 2030');
    await screenshot(page, 'people-filters');
  });

  it('a deleted tweet says so, is:deleted finds only it, and a long tweet shows its full text', async () => {
    const page = await viewer('#/?all=1&order=oldest');
    await until('the timeline', async () => (await resultCount(page)) === 7);
    const deleted = card(page, TEXT.tweetDeleted);
    await until('the deleted banner', async () => (await deleted.locator('.deleted-banner').count()) === 1);
    expect(await deleted.locator('.deleted-banner').innerText()).toMatch(/^\s*Deleted — its author deleted this post/);
    expect(await page.locator('ox-timeline ox-post .deleted-banner').count()).toBe(1);
    expect(await card(page, TEXT.tweetLong).locator('.content').innerText()).toContain(LONG_TAIL);
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('is:deleted ');
    await until('one result', async () => (await resultCount(page)) === 1);
    expect(await deepText(page.locator('ox-timeline'))).toContain(TEXT.tweetDeleted);
    await screenshot(page, 'twitter-deleted-tweet');
  });

  it('search across both finds the tweet and the toot', async () => {
    const page = await viewer('#/?all=1');
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('sourdough');
    await until('two results', async () => (await resultCount(page)) === 2);
    const text = await deepText(page.locator('ox-timeline'));
    expect(text).toContain(TEXT.tweetOld);
    expect(text).toContain(TEXT.tootMiddle);
  });
});
