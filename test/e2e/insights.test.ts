// The Stats view in real Chromium against `outbox serve` on a generated archive with known counts: charts,
// tables, click-to-filter, light and dark screenshots.
import { SAMPLES } from '../samples.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generatePosts, writeArchive, type Truth } from '../fixtures/archive-builder.js';
import { writeMovedExports } from '../engine/library/moved-account.js';
import { tempRoot } from './fixtures.js';
import { deepText, launchBrowser, openPage, resultCount, screenshot, serve, timelineReady, until, type Served, type Watched, PageWatch } from './harness.js';

const FOLLOWING_SAMPLE = join(SAMPLES, 'csv', 'following_accounts.csv');

const tmp = tempRoot('insights');
let truth: Truth;
let served: Served;
let browser: Browser;
const open = new PageWatch();

beforeAll(async () => {
  const generated = generatePosts(700, 31, { start: '2023-01-01T00:00:00Z', end: '2024-06-30T23:59:59Z' });
  truth = generated.truth;
  const path = await writeArchive(generated.spec, tmp.dir, { fileName: 'stats.zip' });
  served = await serve(path, { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await library?.stop();
  tmp.done();
});


let library: Served | undefined;

afterEach(() => open.settle());

/** The Stats view of the served archive, in UTC (so the browser's days are the server's), light or dark. */
async function statsPage(colorScheme: 'light' | 'dark' = 'light', hash = '#/stats', timezoneId = 'UTC'): Promise<Page> {
  const w = await openPage(browser, served.url.replace(/#.*$/, '') + hash, { timezoneId, colorScheme });
  open.push(w);
  const page = w.page;
  await page.locator('ox-stats [data-testid=stats-cards]').waitFor({ timeout: 60_000 });
  await page.locator('ox-month-chart canvas').first().waitFor();
  return page;
}

const busiest = (record: Record<string, number>) => Object.entries(record).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;

describe('the Stats view', () => {
  it('draws the engine\'s figures as charts, with exact totals and one bar per month', async () => {
    const page = await statsPage();
    const cards = await deepText(page.locator('ox-stats [data-testid=stats-cards]'));
    expect(cards).toMatch(new RegExp(`Posts\\s*${truth.posts.toLocaleString('en-US')}`));
    expect(await page.locator('ox-stats [role=status]').first().innerText()).toMatch(new RegExp(`${truth.posts.toLocaleString('en-US')} posts and ${truth.boosts.toLocaleString('en-US')} boosts`));
    // The header's section tab is current.
    expect(await page.locator('nav[aria-label=Sections] [aria-current=page]').innerText()).toBe('Stats');
    // No CSV files were given: no People section.
    expect(await page.locator('nav[aria-label=Sections] button').allInnerTexts()).toEqual(['Posts', 'On this day', 'Stats', 'Favourites', 'Bookmarks']);
    // uPlot's legend names the series; the calendar has a button per day with posts; the hour grid is a table.
    expect(await deepText(page.locator('ox-month-chart'))).toMatch(/Posts[\s\S]*Boosts/);
    const days = await page.locator('ox-calendar-heatmap button.day').count();
    expect(days).toBeGreaterThan(100);
    expect(await page.locator('ox-hour-grid tbody tr').count()).toBe(7);
    const [tag, count] = busiest(truth.hashtags);
    expect(await page.locator('ox-bar-list[data-testid=top-hashtags] button.row').first().innerText()).toMatch(new RegExp(`#${tag}\\s+${count}`));
    await screenshot(page, 'stats');
    await page.locator('ox-hour-grid').scrollIntoViewIfNeeded();
    await screenshot(page, 'stats-lower');
  });

  it('shows every figure as a table, the same numbers', async () => {
    const page = await statsPage();
    await page.getByRole('button', { name: 'Table', exact: true }).click();
    const rows = page.locator('ox-stats-table [data-testid=months-table] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(18);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent!.replace(/\D/g, '')))));
    const months = Object.keys(truth.months).sort();
    expect(cells.map(([p, b]) => p! + b!)).toEqual(months.map((m) => truth.months[m]));
    expect(await page.locator('ox-stats-table table caption').allInnerTexts()).toEqual(expect.arrayContaining(['Per month', 'Top hashtags', 'Languages', 'Visibility', 'Media']));
    await screenshot(page, 'stats-table');
  });

  it('counts in the reader\'s time zone, and in UTC when asked', async () => {
    const page = await statsPage('light', '#/stats', 'Pacific/Auckland');
    const lead = page.locator('ox-stats [role=status]').first();
    await until('local time', async () => (await lead.innerText()).endsWith('counted in local time (Pacific/Auckland).'));
    await page.getByRole('button', { name: 'Table', exact: true }).click();
    const monthSums = () => page.locator('ox-stats-table [data-testid=months-table] tbody tr').evaluateAll((trs) =>
      Object.fromEntries(trs.map((tr) => [tr.querySelector('th')!.textContent!.trim(), [...tr.querySelectorAll('td')].reduce((n, td) => n + Number(td.textContent!.replace(/\D/g, '')), 0)])));
    const local = await monthSums();
    expect(Object.values(local).reduce((a, b) => a + b, 0)).toBe(truth.items);
    await page.getByRole('button', { name: 'UTC', exact: true }).click();
    await until('UTC', async () => (await lead.innerText()).endsWith('counted in UTC.'));
    const utc = await monthSums();
    expect(Object.values(utc)).toEqual(Object.keys(truth.months).sort().map((m) => truth.months[m]));
    expect(utc).not.toEqual(local); // posts near midnight UTC+13 land in other months
  });

  it('filters the timeline to a month when its bar is clicked', async () => {
    const page = await statsPage();
    const [month, items] = busiest(truth.months);
    const point = await page.locator('ox-month-chart').evaluate((el, m) => {
      const chart = el as HTMLElement & { plot: { valToPos(v: number, s: string): number; over: HTMLElement; data: number[][] } };
      const i = Object.keys((el as unknown as { perMonth: Record<string, unknown> }).perMonth).sort().indexOf(m);
      const over = chart.plot.over.getBoundingClientRect();
      return { x: over.left + chart.plot.valToPos(chart.plot.data[0]![i]!, 'x') + 4, y: over.top + over.height - 6 };
    }, month);
    await page.mouse.move(point.x, point.y);
    // The tooltip names the month under the cursor before the click.
    await until('the tooltip', async () => /posts · .* boosts/.test(await deepText(page.locator('ox-month-chart'))));
    await page.mouse.click(point.x, point.y);
    await timelineReady(page);
    expect(new URL(page.url()).hash).toBe(`#/?from=${month}&to=${month}`);
    await until(`the count of ${month}`, async () => (await resultCount(page)) === items);
  });

  it('filters the timeline to a hashtag when its row is clicked, and back returns to Stats', async () => {
    const page = await statsPage();
    const [tag, count] = busiest(truth.hashtags);
    await page.locator('ox-bar-list[data-testid=top-hashtags] button.row').first().click();
    await timelineReady(page);
    expect(new URL(page.url()).hash).toBe(`#/?tag=${tag}`);
    await until(`the count of #${tag}`, async () => (await resultCount(page)) === count);
    await page.goBack();
    await page.locator('ox-stats [data-testid=stats-cards]').waitFor();
  });

  it('counts only the current filter: the Stats of a tag link', async () => {
    const [tag, count] = busiest(truth.hashtags);
    const page = await statsPage('light', `#/stats?tag=${tag}`);
    await until('the filtered totals', async () => (await page.locator('ox-stats [role=status]').first().innerText()).startsWith(`${count} posts and 0 boosts matching`));
    // Clicking a day of the calendar narrows within that tag.
    const day = page.locator('ox-calendar-heatmap button.day').first();
    const label = (await day.getAttribute('aria-label'))!;
    const n = Number(/: (\d+) posts?$/.exec(label)![1]);
    await day.click();
    await timelineReady(page);
    expect(new URL(page.url()).hash).toMatch(new RegExp(`^#/\\?tag=${tag}&from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}$`));
    await until('the day count', async () => (await resultCount(page)) === n);
  });

  it('follows the dark tokens', async () => {
    const page = await statsPage('dark');
    const bg = await page.locator('ox-stats').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(17, 19, 24)');
    await screenshot(page, 'stats-dark');
  });
});

describe('the Export menu', () => {
  it('downloads the filtered posts as CSV and JSON Lines, and spells out the site command and its privacy', async () => {
    const [tag, count] = busiest(truth.hashtags);
    const w = await openPage(browser, `${served.url.replace(/#.*$/, '')}#/?tag=${tag}`, { timezoneId: 'UTC' });
    open.push(w);
    const page = w.page;
    await timelineReady(page);
    await until('the filtered count', async () => (await resultCount(page)) === count);
    await page.getByRole('button', { name: 'Export ▾' }).click();
    const panel = page.locator('[data-testid=export-panel]');
    expect(await panel.locator('h3').innerText()).toBe(`Export ${count} posts shown`);

    const [csv] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'CSV (.csv)' }).click()]);
    expect(csv.suggestedFilename()).toBe('stats.csv');
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('id,url,type,published,')).toBe(true);
    await until('the saved message', async () => (await panel.locator('[data-testid=export-message]').innerText()) === `Saved ${count} posts as stats.csv.`);

    const [jsonl] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'JSON Lines (.jsonl)' }).click()]);
    const rows = readFileSync((await jsonl.path())!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { hashtags: string[]; visibility: string });
    expect(rows).toHaveLength(count);
    expect(rows.every((r) => r.hashtags.includes(tag))).toBe(true);

    const command = panel.locator('[data-testid=export-command]');
    // The archive by its full path (from the recent list), so the command runs from any folder.
    const zip = join(tmp.dir, 'stats.zip');
    const said = async () => (await command.innerText()).replace(/\s+/g, ' ').trim();
    await until('the command with the full path', async () => (await said()) === `outbox export ${zip} --format html --hashtag ${tag} --out outbox-html`);
    const privateCount = rows.filter((r) => r.visibility === 'private').length;
    const directCount = rows.filter((r) => r.visibility === 'direct').length;
    const box = panel.getByRole('checkbox');
    expect(await panel.locator('label.check').innerText()).toContain(`(${privateCount} followers-only and ${directCount} direct in this selection)`);
    await box.check();
    await panel.getByRole('button', { name: 'Markdown site' }).click();
    expect(await said()).toBe(`outbox export ${zip} --format md --hashtag ${tag} --include-private --out outbox-md`);
    await screenshot(page, 'export-menu');
  });
});

describe('People and moves (several archives and CSV files)', () => {
  const followingAccts = new Set(readFileSync(FOLLOWING_SAMPLE, 'utf8').split(/\r?\n/).slice(1).map((l) => l.split(',')[0]!.trim().toLowerCase()).filter(Boolean));

  async function peoplePage(): Promise<Page> {
    if (!library) {
      const dir = join(tmp.dir, 'moved');
      mkdirSync(dir, { recursive: true });
      const moved = await writeMovedExports(dir);
      const followers = join(dir, 'followers.csv');
      writeFileSync(followers, 'Account address\nkit@else.example\nana@other.example\n');
      library = await serve([moved.oldLate, moved.newer, followers, FOLLOWING_SAMPLE], { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache-library') });
    }
    const w = await openPage(browser, library.url, { timezoneId: 'UTC' });
    open.push(w);
    await timelineReady(w.page);
    return w.page;
  }

  it('shows the move, lists the CSVs with counts and servers, searches, and links an account to its posts', async () => {
    const page = await peoplePage();
    const banner = page.locator('[data-testid=moves]');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/@wren@old\.example\s*→\s*@wren@new\.example/);
    // Both accounts as one timeline: the old export's 8 items and the new one's 4.
    await banner.getByRole('button', { name: 'Show both accounts as one timeline' }).click();
    expect(new URL(page.url()).hash).toBe('#/?all=1');
    await until('the merged count', async () => (await resultCount(page)) === 12);
    await banner.getByRole('button', { name: 'Show this archive only' }).click();
    await until('one archive again', async () => (await resultCount(page)) !== 12);
    await page.locator('nav[aria-label=Sections]').getByRole('button', { name: 'People' }).click();
    const people = page.locator('ox-people');
    await people.locator('[data-testid=people-list]').waitFor();
    expect(new URL(page.url()).hash).toBe('#/people');
    const following = people.locator('nav[aria-label=Lists] button', { hasText: 'Following' });
    expect(Number((await following.locator('.chip').innerText()).replace(/\D/g, ''))).toBe(followingAccts.size);
    const onInfosec = [...followingAccts].filter((a) => a.endsWith('@infosec.exchange')).length;
    expect(await deepText(people.locator('ox-bar-list'))).toMatch(new RegExp(`^Servers\\ninfosec\\.exchange${onInfosec}\\n`));
    await screenshot(page, 'people');

    // Saved again in Mastodon's import format, every row of the sample.
    const [download] = await Promise.all([page.waitForEvent('download'), people.getByRole('button', { name: 'Save as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('following_accounts.csv');
    const saved = readFileSync((await download.path())!, 'utf8').split(/\r?\n/).filter(Boolean);
    expect(saved[0]).toBe('Account address,Show boosts,Notify on new posts,Languages');
    expect(new Set(saved.slice(1).map((l) => l.split(',')[0]!.toLowerCase()))).toEqual(followingAccts);

    await people.getByRole('searchbox').fill('infosec.exchange');
    const matching = [...followingAccts].filter((a) => a.includes('infosec.exchange')).length;
    await until('the search count', async () => (await people.locator('[data-testid=people-count]').innerText()) === `${matching} of ${followingAccts.size}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

    await people.locator('nav[aria-label=Lists] button', { hasText: 'Followers' }).click();
    const kit = people.locator('button.posts[data-acct="kit@else.example"]');
    await kit.waitFor();
    await kit.click();
    await timelineReady(page);
    expect(new URL(page.url()).hash).toBe('#/?mention=%40kit%40else.example&all=1');
    await until('the posts that mention kit', async () => (await resultCount(page)) === 1);
    expect(await deepText(page.locator('ox-timeline'))).toContain('A private word');
  });
});
