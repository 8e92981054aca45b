// `outbox export --format html` as published: every page opened in Chromium from file://, the viewer's look (profile,
// cards, threads, a lightbox without JavaScript), the Atom feed, other languages (Arabic right to left), isolated names.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePosts, makeAccount, makePost, writeArchive } from '../fixtures/archive-builder.js';
import { HOSTILE_HTML } from '../engine/export/export-fixture.js';
import { assertBuilt, root, runCli } from './run-cli.js';

const CHROMIUM = process.env.OUTBOX_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const demo = join(root, 'dist', 'demo', 'demo-archive.zip');
/** U+202E (right-to-left override) in a display name: without isolation it reverses the rest of its line */
const SPOOF = 'Mallory \u202Egnp.exe';

let temp: string;
let demoSite: string;
let arabicSite: string;
let browser: Browser;
const remote: string[] = [];

async function context(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ serviceWorkers: 'block', ...options });
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://')) return route.continue();
    remote.push(url);
    return route.abort();
  });
  return ctx;
}

const url = (site: string, path: string) => pathToFileURL(join(site, path)).href;

beforeAll(async () => {
  assertBuilt();
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (see .ci/run).`);
  temp = mkdtempSync(join(tmpdir(), 'outbox-site-export-'));
  demoSite = join(temp, 'demo-site');
  const run = await runCli(['export', demo, '--format', 'html', '--out', demoSite, '--no-cache']);
  expect(run.code, run.stderr).toBe(0);
  const account = makeAccount({ host: 'spoof.example', username: 'mallory', displayName: SPOOF, bio: '<p>\u202Ebio</p>', fields: [] });
  const { spec } = generatePosts(60, 9, { account, start: '2024-01-01T00:00:00Z', end: '2024-06-30T00:00:00Z' });
  const hostile = makePost({ account, published: '2024-07-01T12:00:00Z', html: HOSTILE_HTML, visibility: 'public' });
  const items = [...spec.items, hostile];
  const zip = await writeArchive({ ...spec, account, items, totalItems: items.length }, join(temp, 'spoof'), { container: 'zip' });
  arabicSite = join(temp, 'arabic-site');
  const ar = await runCli(['export', zip, '--format', 'html', '--out', arabicSite, '--site-lang', 'ar', '--no-cache']);
  expect(ar.code, ar.stderr).toBe(0);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('the published site in Chromium from file://', () => {
  it('opens every page (index, months, posts) with nothing run from the posts and no request leaving the folder', async () => {
    const ctx = await context();
    const requests: string[] = [];
    const errors: string[] = [];
    ctx.on('request', (r) => requests.push(r.url()));
    ctx.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const page = await ctx.newPage();
    for (const site of [demoSite, arabicSite]) {
      // Every page of the small site; of the demo's 300 post pages, those a month page does not already show in full
      // (threads, media), so the test stays within minutes on a shared machine.
      const posts = readdirSync(join(site, 'posts')).filter((f) => site === arabicSite || /class="(thread|replies|lightbox)"/.test(readFileSync(join(site, 'posts', f), 'utf8')));
      const pages = ['index.html', ...readdirSync(join(site, 'months')).map((f) => `months/${f}`), ...posts.map((f) => `posts/${f}`)];
      for (const path of pages) {
        await page.goto(url(site, path));
        expect(await page.locator('main').count(), path).toBe(1);
      }
      expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
    }
    await ctx.close();
    expect(remote).toEqual([]);
    const roots = [demoSite, arabicSite].map((s) => `${pathToFileURL(s).href}/`);
    expect(requests.filter((r) => !roots.some((root) => r.startsWith(root)))).toEqual([]);
    expect(errors.filter((e) => /Content Security Policy|Refused|Failed to load/i.test(e))).toEqual([]);
  }, 300_000);

  it('has the profile header with avatar, banner, bio and fields, and cards with the archive account', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(url(demoSite, 'index.html'));
    const profile = page.locator('section.profile');
    await expect.poll(() => profile.locator('img.avatar').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await expect.poll(() => profile.locator('img.banner').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await profile.locator('h1').textContent()).toContain('Wren Halloway');
    expect(await profile.locator('.handle').textContent()).toBe('@wren@harbor.example');
    expect(await profile.locator('dl.fields dt').count()).toBeGreaterThan(0);
    expect(await profile.locator('.bio').textContent()).toContain('Skerry Point');
    const month = await page.locator('ul.months a').first().getAttribute('href');
    await page.goto(url(demoSite, month!));
    const card = page.locator('article.post').first();
    expect(await card.locator('.post-head .handle').textContent()).toBe('@wren@harbor.example');
    expect(await card.locator('.post-foot .visibility').count()).toBe(1);
    await ctx.close();
  });

  it('shows content warnings closed, polls with their shares, and a lightbox that opens without JavaScript', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const pages = readdirSync(join(demoSite, 'posts')).map((f) => readFileSync(join(demoSite, 'posts', f), 'utf8'));
    const cwPage = readdirSync(join(demoSite, 'posts'))[pages.findIndex((t) => t.includes('details class="cw"'))]!;
    await page.goto(url(demoSite, `posts/${cwPage}`));
    expect(await page.locator('details.cw').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.locator('details.cw .content').isVisible()).toBe(false);
    await page.locator('details.cw > summary').click();
    expect(await page.locator('details.cw .content').isVisible()).toBe(true);

    const pollPage = readdirSync(join(demoSite, 'posts'))[pages.findIndex((t) => t.includes('Gerald') && t.includes('class="poll"'))]!;
    await page.goto(url(demoSite, `posts/${pollPage}`));
    expect(await page.locator('.poll li').count()).toBe(3);
    expect(await page.locator('.poll progress').evaluateAll((p) => p.map((x) => (x as HTMLProgressElement).value))).toEqual([41, 17, 88]);

    const imagePage = readdirSync(join(demoSite, 'posts'))[pages.findIndex((t) => t.includes('class="lightbox"'))]!;
    await page.goto(url(demoSite, `posts/${imagePage}`));
    const box = page.locator('.lightbox').first();
    expect(await box.isVisible()).toBe(false);
    await page.locator('ul.media a').first().click();
    await expect.poll(() => box.isVisible()).toBe(true);
    await expect.poll(() => box.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await box.locator('.lightbox-close').click();
    await expect.poll(() => box.isVisible()).toBe(false);
    await ctx.close();
  });

  it('shows a self-thread as a thread: the parents above a reply, the replies under their parent', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    const names = readdirSync(join(demoSite, 'posts'));
    const texts = names.map((f) => readFileSync(join(demoSite, 'posts', f), 'utf8'));
    const deepest = names.map((n, i) => [n, (texts[i]!.match(/<li class="thread-post">/g) ?? []).length, texts[i]!.includes('class="thread"')] as const)
      .filter(([, , inThread]) => inThread).sort((a, b) => b[1] - a[1])[0]!;
    await page.goto(url(demoSite, `posts/${deepest[0]}`));
    const ancestors = await page.locator('ol.thread li.thread-post a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(ancestors.length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('article.post').count()).toBe(1);
    expect(await page.locator('article.post .context a').getAttribute('href')).toMatch(/^\.\.\/posts\/[0-9a-f]{12}\.html$/);
    // the first post of the thread lists the second among its replies
    await page.goto(ancestors[0]!);
    const replies = await page.locator('ol.replies a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(replies).toContain(ancestors[1]);
    await ctx.close();
  });

  it('writes an Atom feed of the newest public posts that parses as XML', async () => {
    const xml = readFileSync(join(demoSite, 'feed.xml'), 'utf8');
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(url(demoSite, 'index.html'));
    const feed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const entries = [...doc.getElementsByTagName('entry')];
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.namespaceURI,
        entries: entries.length,
        links: entries.map((e) => e.getElementsByTagName('link')[0]!.getAttribute('href')),
        published: entries.map((e) => e.getElementsByTagName('published')[0]!.textContent),
      };
    }, xml);
    expect(feed.error).toBe(0);
    expect(feed.root).toBe('http://www.w3.org/2005/Atom');
    expect(feed.entries).toBe(30);
    for (const link of feed.links) expect(existsSync(join(demoSite, link!))).toBe(true);
    expect([...feed.published].sort().reverse()).toEqual(feed.published);
    expect(xml).not.toMatch(/<script|onerror=/i);
    await ctx.close();
  });

  it('speaks Arabic right to left, and isolates a U+202E display name so it reorders nothing after it', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(url(arabicSite, 'index.html'));
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('h2').first().textContent()).toBe('الأشهر');
    expect(await page.locator('#privacy').textContent()).toMatch(/^حُذف/);
    // the name sits in its own <bdi>: the override ends with it, and the handle beside it reads left to right
    const name = page.locator('section.profile h1 bdi.name');
    expect(await name.textContent()).toBe(SPOOF);
    const handle = page.locator('section.profile bdi.handle');
    expect(await handle.textContent()).toBe('@mallory@spoof.example');
    const hostile = readdirSync(join(arabicSite, 'posts')).find((f) => readFileSync(join(arabicSite, 'posts', f), 'utf8').includes('Hostile but harmless'))!;
    await page.goto(url(arabicSite, `posts/${hostile}`));
    expect(await page.locator('.topbar bdi').textContent()).toBe(SPOOF);
    // every card's name is isolated too, and the override does not leak into the time beside it
    const card = page.locator('article.post');
    expect(await card.locator('.post-head bdi.name').textContent()).toBe(SPOOF);
    const time = await card.locator('.post-head time').evaluate((t) => {
      const range = document.createRange();
      range.selectNodeContents(t);
      return range.toString();
    });
    expect(time).not.toContain('\u202E');
    expect(await page.title()).toMatch(/^\u2068@mallory@spoof\.example\u2069 — /);
    expect(await page.locator('article.post script, article.post iframe, article.post svg, article.post [onerror], article.post [style]').count()).toBe(0);
    await page.locator('article.post a', { hasText: 'click me' }).click().catch(() => {});
    expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
    await ctx.close();
  });

  it('searches in the page language when JavaScript is on', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(url(arabicSite, 'index.html'));
    await expect.poll(() => page.locator('#search').isVisible()).toBe(true);
    await page.locator('#search input').fill('hostile harmless');
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('عُثر على منشور واحد');
    await ctx.close();
  });
});
