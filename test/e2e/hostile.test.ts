// Hostile archive HTML shows its text and runs nothing; remote images, emoji, avatars and media make no request.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileArchive, HOSTILE_POSTS, tempRoot, TRACKER, type HostileArchive } from './fixtures.js';
import { deepText, launchBrowser, openPage, screenshot, serve, timelineReady, until, type Served, type Watched } from './harness.js';

const tmp = tempRoot('hostile');
let hostile: HostileArchive;
let served: Served;
let browser: Browser;
let w: Watched;
let page: Page;

/** Draws every post (14 fit in the window), opens every warning, lifts every veil and hovers each post. */
async function exposeEverything(p: Page): Promise<void> {
  await timelineReady(p);
  await until('all hostile posts drawn', async () => (await p.locator('article[data-post-id]').count()) === HOSTILE_POSTS.length + 2);
  for (const button of await p.getByRole('button', { name: 'Show more' }).all()) await button.click();
  for (const veil of await p.getByRole('button', { name: /Sensitive media/ }).all()) await veil.click();
  for (const article of await p.locator('article[data-post-id]').all()) {
    await article.scrollIntoViewIfNeeded();
    await article.hover({ position: { x: 40, y: 40 } });
  }
  await p.waitForTimeout(500);
}

beforeAll(async () => {
  hostile = await hostileArchive(tmp.dir);
  served = await serve(hostile.path, { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') });
  browser = await launchBrowser();
  // The server's CSP would stop inline handlers and remote loads on its own: switch it off here, so these specs
  // prove the renderer (its sanitizer) runs nothing and loads nothing by itself. The CSP gets its own spec below.
  w = await openPage(browser, served.url, { bypassCSP: true });
  page = w.page;
  await exposeEverything(page);
});

afterAll(async () => {
  await w?.close();
  await browser?.close();
  await served?.stop();
  tmp.done();
});

/** Every element under `article .content` etc., across shadow roots, that archive HTML must never produce. */
async function forbiddenInPosts(p: Page): Promise<{ articles: number; found: string[] }> {
  return p.evaluate(() => {
    const found: string[] = [];
    const deep = (root: Document | ShadowRoot | Element, visit: (e: Element) => void): void => {
      for (const e of root.querySelectorAll('*')) {
        visit(e);
        if (e.shadowRoot) deep(e.shadowRoot, visit);
      }
    };
    const articles: Element[] = [];
    deep(document, (e) => {
      if (e.tagName === 'ARTICLE') articles.push(e);
    });
    const banned = 'iframe, frame, form, input, textarea, object, embed, script, style, link, meta, base, math, video[poster], audio[autoplay], picture, source';
    for (const article of articles) {
      const scope: Element[] = [];
      deep(article, (e) => scope.push(e));
      for (const e of scope) {
        const tag = e.tagName.toLowerCase();
        const where = `${(article as HTMLElement).dataset.postId ?? '?'}: <${tag}>`;
        if (e.matches(banned)) found.push(where);
        // Archive content and profile text live in .content; no picture of any kind may come from there.
        if ((tag === 'img' || tag === 'svg') && e.closest('.content')) found.push(`${where} in content`);
        if (tag === 'img' && new URL((e as HTMLImageElement).src, location.href).origin !== location.origin) found.push(`${where} remote src`);
        for (const attr of e.getAttributeNames()) if (/^on/i.test(attr)) found.push(`${where} ${attr}`);
        const href = e.getAttribute('href');
        if (href && !/^(https?:|mailto:|#)/i.test(href)) found.push(`${where} href=${href}`);
        if (e.closest('.content') && e.getAttribute('style')) found.push(`${where} style=${e.getAttribute('style')}`);
      }
    }
    return { articles: articles.length, found };
  });
}

describe('hostile posts', () => {
  it('run nothing: no flag, no dialog, no page error', async () => {
    // Clicking the neutered javascript: link and the data: link must not run or navigate either.
    const before = page.url();
    await page.getByText('Hostile three: javascript link').click();
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(w.dialogs).toEqual([]);
    expect(w.errors).toEqual([]);
  });

  it('show the visible text of each post', async () => {
    for (const [i, [visible]] of HOSTILE_POSTS.entries()) {
      const article = page.locator(`article[data-post-id="${hostile.ids[i]}"]`);
      expect(await deepText(article), visible).toContain(visible);
    }
    const remote = page.locator(`article[data-post-id="${hostile.remoteId}"]`);
    const text = await deepText(remote);
    expect(text).toContain('Remote things :trackmoji: stay text');
    // Markup in a content warning, a display name, alt text and poll options is shown as text.
    expect(text).toContain(`Warning <img src=x onerror="window.__pwned='plain'">`);
    expect(text).toContain(`Mallory <img src=x`);
  });

  it('leave no iframe, form, svg, img, script, style or handler inside posts', async () => {
    const { articles, found } = await forbiddenInPosts(page);
    expect(articles).toBe(HOSTILE_POSTS.length + 2);
    expect(found).toEqual([]);
  });

  it('cannot cover the page with a fixed-position overlay', async () => {
    const fixed = await page.evaluate(() => {
      const out: string[] = [];
      const deep = (root: Document | ShadowRoot): void => {
        for (const e of root.querySelectorAll('*')) {
          const inPost = (() => {
            for (let n: Node | null = e; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) if ((n as Element).tagName === 'ARTICLE') return true;
            return false;
          })();
          if (inPost && ['fixed', 'sticky'].includes(getComputedStyle(e).position)) out.push(e.tagName);
          if (e.shadowRoot) deep(e.shadowRoot);
        }
      };
      deep(document);
      return out;
    });
    expect(fixed).toEqual([]);
    // What is at the search field's centre is the search field (nothing lies over the page).
    const search = page.getByRole('searchbox', { name: 'Search posts' });
    await search.click({ timeout: 5000 });
    await search.fill('Hostile seven');
    await until('the overlay post found by search', async () => (await page.locator('article[data-post-id]').count()) === 1);
    expect(await deepText(page.locator('article[data-post-id]'))).toContain('Hostile seven: fixed overlay');
    await screenshot(page, 'e2e-hostile-search');
    await search.fill('');
    await until('all posts back', async () => (await page.locator('article[data-post-id]').count()) === HOSTILE_POSTS.length + 2);
  });

  it('stay inert when a search highlights them and in the thread view', async () => {
    const search = page.getByRole('searchbox', { name: 'Search posts' });
    // "onerror", "script", "img": words inside the payloads, so highlighting walks right through them.
    for (const q of ['hostile', 'onerror', 'script img', 'trackmoji']) {
      await search.fill(q);
      await until(`results for "${q}"`, () => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('q') === q);
      await page.waitForTimeout(300);
      const { found } = await forbiddenInPosts(page);
      expect(found, q).toEqual([]);
      if (q === 'hostile') expect(await page.locator('article[data-post-id] .content mark').count()).toBeGreaterThan(5);
    }
    await search.fill('');
    await until('all posts back', async () => (await page.locator('article[data-post-id]').count()) === HOSTILE_POSTS.length + 2);
    for (const id of [hostile.ids[6]!, hostile.remoteId]) {
      await page.goto(`${served.origin}/#/thread?id=${encodeURIComponent(id)}`);
      const thread = page.locator('[data-testid=thread]');
      await until('the thread of a hostile post', async () => (await thread.locator('article[data-post-id]').count()) === 1);
      for (const button of await thread.getByRole('button', { name: 'Show more' }).all()) await button.click();
      const { articles, found } = await forbiddenInPosts(page);
      expect(articles).toBeGreaterThan(0);
      expect(found).toEqual([]);
    }
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(w.dialogs).toEqual([]);
    await page.goto(`${served.origin}/`);
    await timelineReady(page);
  });

  it('make no request off 127.0.0.1 (remote images, emoji, avatar, header, media, link cards)', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'e2e-hostile');
    expect(w.blocked).toEqual([]);
    expect(w.requests.filter((u) => u.includes(TRACKER))).toEqual([]);
    expect(w.requests.length).toBeGreaterThan(2);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });

  it('with the server\'s CSP on as well: the page tries no load the CSP has to stop', async () => {
    const guarded = await openPage(browser, served.url);
    try {
      await exposeEverything(guarded.page);
      expect(guarded.blocked).toEqual([]);
      expect(guarded.cspLoads()).toEqual([]);
      expect(guarded.dialogs).toEqual([]);
      expect(await guarded.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    } finally {
      await guarded.close();
    }
  });
});
