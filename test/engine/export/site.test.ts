// `export --format html` opened in real Chromium from file://: every request stays local, every post is there, nothing runs.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../main/engine/export/export-options.js';
import { writeSite } from '../../../main/engine/export/site.js';
import { openExportFixture, type ExportFixture } from './export-fixture.js';
import { useWriterThread } from './writer-thread.js';

// the files are made by the writer's thread, as in the built CLI (its month files read back through it too)
useWriterThread();

const CHROMIUM = process.env.OUTBOX_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const tmp = mkdtempSync(join(tmpdir(), 'outbox-site-'));
const out = join(tmp, 'site');
let fixture: ExportFixture;
let result: ExportResult;
let browser: Browser;
let context: BrowserContext;
/** every URL any page asked for, and every one that was not file:// (aborted) */
const requests: string[] = [];
const remote: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  fixture = await openExportFixture(tmp, 240, 5);
  const { archive } = fixture;
  result = await writeSite(archive.posts(), out, { mediaSource: async (p) => (await archive.openMedia(p))?.stream, title: '@sam@example.social' });
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (see .ci/run).`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://')) return route.continue();
    remote.push(url);
    return route.abort();
  });
  context.on('request', (request) => requests.push(request.url()));
  context.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await fixture?.archive.close();
  rmSync(tmp, { recursive: true, force: true });
});

const fileUrl = (path: string) => pathToFileURL(join(out, path)).href;

describe('the static site in Chromium from file://', () => {
  it('lists every exported post across its month pages, each linking to its own post page', async () => {
    expect(result.posts).toBe(fixture.shareable);
    const page = await context.newPage();
    await page.goto(fileUrl('index.html'));
    expect(await page.locator('#post-count').textContent()).toBe(String(fixture.shareable));
    expect(await page.locator('#privacy').textContent()).toBe(
      `${fixture.truth.itemVisibility.private} followers-only posts and ${fixture.truth.itemVisibility.direct} direct posts were left out; run with --include-private to include them.`,
    );
    const months = await page.locator('ul.months a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(months.length).toBe(result.months);
    let articles = 0;
    const postPages = new Set<string>();
    for (const month of months) {
      await page.goto(month);
      articles += await page.locator('article.post').count();
      for (const href of await page.locator('article.post a.permalink').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))) postPages.add(href);
    }
    expect(articles).toBe(fixture.shareable);
    expect(postPages.size).toBe(fixture.shareable);
    expect(readdirSync(join(out, 'posts'))).toHaveLength(fixture.shareable);
    // a post page opens from its link
    await page.goto([...postPages][0]!);
    expect(await page.locator('article.post').count()).toBe(1);
    await page.close();
  });

  it('shows the hostile post\'s text and its local image, runs none of its code, and loads nothing remote', async () => {
    const page = await context.newPage();
    const hostile = readdirSync(join(out, 'posts')).filter((f) => readFileSync(join(out, 'posts', f), 'utf8').includes('Hostile but harmless'));
    expect(hostile).toHaveLength(1);
    await page.goto(fileUrl(`posts/${hostile[0]}`));
    await expect.poll(() => page.locator('article.post .content').textContent()).toContain('Hostile but harmless');
    await page.locator('article.post b').hover();
    await page.locator('article.post a', { hasText: 'click me' }).click().catch(() => {});
    expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
    expect(await page.locator('article.post script, article.post iframe, article.post svg, article.post [onerror], article.post [style]').count()).toBe(0);
    const image = page.locator('ul.media img');
    expect(await image.getAttribute('alt')).toBe('a test image');
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('a', { hasText: '[image: pixel]' }).getAttribute('href')).toBe('https://tracker.example/pixel.gif');
    await page.close();
  });

  it('finds posts with the search script (a data file, not fetch) and keeps working without it', async () => {
    const page = await context.newPage();
    await page.goto(fileUrl('index.html'));
    await expect.poll(() => page.locator('#search').isVisible()).toBe(true);
    await page.locator('#search input').fill('hostile harmless');
    await expect.poll(() => page.locator('#search-results li').count()).toBe(1);
    await page.locator('#search-results a').click();
    await expect.poll(() => page.locator('article.post .content').textContent()).toContain('Hostile but harmless');
    await page.close();
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(fileUrl('index.html'));
    expect(await plain.locator('ul.months a').count()).toBe(result.months);
    expect(await plain.locator('#search').isVisible()).toBe(false);
    await noScript.close();
  });

  it('made every request to a file:// URL inside the site folder, and met no CSP error', () => {
    expect(requests.length).toBeGreaterThan(result.months);
    expect(remote).toEqual([]);
    const root = pathToFileURL(out).href;
    for (const url of requests) expect(url.startsWith(`${root}/`), url).toBe(true);
    expect(requests.some((u) => u.endsWith('/style.css'))).toBe(true);
    expect(requests.some((u) => u.includes('/media/'))).toBe(true);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('http-equiv="Content-Security-Policy"');
  });
});
