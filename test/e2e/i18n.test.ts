// The viewer in every shipped language, in real Chromium against `outbox serve`: a pseudo-locale run that fails on
// any visible word not from the catalogue, each language without a missing message, Arabic mirrored without
// overflow, right-to-left posts keeping their direction in an English interface, and axe in German and Arabic.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makePost, writeArchive } from '../fixtures/archive-builder.js';
import { SAMPLES } from '../samples.js';
import { richArchive, tempRoot } from './fixtures.js';
import { launchBrowser, openPage, PageWatch, serve, timelineReady, until, type Served } from './harness.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SHIPPED = ['en', 'de', 'fr', 'es', 'ja', 'zh-Hans', 'pt-BR', 'ar'];
const HEBREW = 'שלום לכולם, זה פוסט בעברית על המגדלור';
const ARABIC = 'مرحبا بالجميع، هذا منشور بالعربية عن المنارة';

const tmp = tempRoot('i18n');
let rich: Served;
let rtl: Served;
let browser: Browser;
const open = new PageWatch();

beforeAll(async () => {
  const archive = await richArchive(tmp.dir);
  const followers = join(tmp.dir, 'followers.csv');
  writeFileSync(followers, 'Account address\nkit@else.example\nana@other.example\n');
  // An account that writes Hebrew and Arabic, with a Hebrew name and a Latin handle.
  const account = makeAccount({ host: 'harbor.example', username: 'noa', displayName: 'נועה כהן', bio: `<p>${HEBREW}</p>` });
  const items = [
    makePost({ account, published: '2024-03-01T10:00:00Z', text: HEBREW, language: 'he' }),
    makePost({ account, published: '2024-03-02T10:00:00Z', text: ARABIC, language: 'ar' }),
    makePost({ account, published: '2024-03-03T10:00:00Z', text: 'An English post about the lighthouse', language: 'en' }),
  ];
  const rtlPath = await writeArchive({ version: '4.4', account, items }, tmp.dir, { fileName: 'rtl.zip' });
  [rich, rtl] = await Promise.all([
    serve([archive.path, followers, join(SAMPLES, 'csv', 'following_accounts.csv')], { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') }),
    serve(rtlPath, { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache-rtl') }),
  ]);
  browser = await launchBrowser();
});

afterEach(() => open.settle());

afterAll(async () => {
  await browser?.close();
  await Promise.all([rich?.stop(), rtl?.stop()]);
  tmp.done();
});

/** A page whose browser says `locale` (navigator.languages): the viewer picks its language from it. */
async function pageIn(served: Served, locale: string): Promise<Page> {
  const w = await openPage(browser, served.url, { locale, timezoneId: 'UTC' });
  open.push(w);
  await timelineReady(w.page);
  return w.page;
}

const go = (page: Page, hash: string) => page.evaluate((h) => (location.hash = h), hash);

/**
 * Brings up every screen of the viewer in turn and calls `check` on each: the timeline, the export panel, the
 * shortcuts, the media viewer, a thread, Stats as charts and as tables, People, Favourites, Bookmarks, an empty
 * search, and the opening screens (welcome, progress, error) drawn on top.
 */
async function everyScreen(page: Page, check: (screen: string) => Promise<void>): Promise<void> {
  await check('timeline');
  const exportButton = page.locator('ox-export-menu button[aria-haspopup=dialog]');
  await exportButton.click();
  await page.locator('[data-testid=export-panel]').waitFor();
  await check('export');
  await exportButton.click();

  await page.locator('button.help').click();
  await page.locator('[data-testid=shortcuts]').waitFor({ state: 'visible' });
  await check('shortcuts');
  await page.keyboard.press('Escape');

  const picture = page.locator('ox-media-grid button.open').first();
  await picture.scrollIntoViewIfNeeded();
  await picture.click();
  await page.locator('[data-testid=media-viewer]').waitFor({ state: 'visible' });
  await check('media viewer');
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=media-viewer]').waitFor({ state: 'hidden' });

  await page.locator('ox-post-footer button.act').first().click();
  await page.locator('[data-testid=thread] li.main').waitFor();
  await check('thread');

  await go(page, '#/stats');
  await page.locator('[data-testid=stats-cards]').waitFor();
  await page.locator('ox-month-chart .u-legend').waitFor();
  await check('stats charts');
  await page.locator('ox-stats .seg button').nth(1).click();
  await page.locator('[data-testid=totals-table]').waitFor();
  await check('stats table');

  await go(page, '#/today');
  await page.locator('[data-testid=on-this-day] .state, [data-testid=on-this-day] section').first().waitFor();
  await check('on this day');

  await go(page, '#/people');
  await page.locator('[data-testid=people-list]').waitFor();
  await check('people');

  for (const kind of ['likes', 'bookmarks']) {
    await go(page, `#/${kind}`);
    await page.locator(`[data-testid=${kind}] details`).first().waitFor();
    await check(kind);
  }

  await go(page, '#/');
  await page.locator('ox-search-box input').fill('zzqqxxnothing');
  await page.locator('[data-testid=empty]').waitFor();
  await check('empty search');
  await page.locator('ox-search-box input').fill('');

  // The opening screens, drawn over the archive with the properties the app gives them.
  await page.evaluate(() => {
    const layer = document.createElement('div');
    layer.id = 'opening-screens';
    const recent = [{ name: 'old.zip', path: '/home/me/old.zip', openedAt: '2024-01-01T00:00:00Z' }];
    const welcomeDesktop = Object.assign(document.createElement('ox-welcome'), { canOpen: true, mode: 'desktop' });
    const welcomeBrowser = Object.assign(document.createElement('ox-welcome'), { canOpen: true, mode: 'browser', recent });
    const welcomeNone = Object.assign(document.createElement('ox-welcome'), { canOpen: false });
    const progress = Object.assign(document.createElement('ox-progress'), { progress: { phase: 'indexing', items: 1234, bytesRead: 5 << 20, bytesTotal: 12 << 20 } });
    const upload = Object.assign(document.createElement('ox-progress'), { upload: { name: 'big.zip', sent: 1, total: 2 }, progress: null });
    const error = Object.assign(document.createElement('ox-error'), { canOpen: true, mode: 'browser', error: { ok: false, code: 'truncated', message: 'The zip ends early.', file: 'archive.zip' } });
    layer.append(welcomeDesktop, welcomeBrowser, welcomeNone, progress, upload, error);
    document.body.append(layer);
  });
  await page.locator('#opening-screens ox-error [data-testid=error]').waitFor();
  await check('opening screens');
  await page.evaluate(() => document.getElementById('opening-screens')?.remove());
}

/**
 * Every visible piece of interface text (text nodes, and the labels a screen reader or tooltip shows), leaving out
 * what belongs to the archive or is code: elements with dir="auto", <bdi>, a `lang` of their own, translate="no",
 * <code> and <kbd>. Walks shadow roots.
 */
function interfaceText(page: Page): Promise<Array<{ text: string; where: string }>> {
  return page.evaluate(() => {
    const out: Array<{ text: string; where: string }> = [];
    const up = (n: Element): Element | null => n.parentElement ?? ((n.getRootNode() as ShadowRoot).host ?? null);
    const own = (n: Element) =>
      n.matches('[dir=auto], bdi, code, kbd, [translate=no], script, style, template') || (n.hasAttribute('lang') && n !== document.documentElement);
    const outside = (from: Element | null) => {
      for (let n = from; n; n = up(n)) if (own(n)) return true;
      return false;
    };
    const describe = (el: Element) => `${(el.getRootNode() as ShadowRoot).host?.localName ?? 'document'} ${el.localName}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        const text = node.textContent?.trim() ?? '';
        if (text && parent && !outside(parent) && parent.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) out.push({ text, where: describe(parent) });
        return;
      }
      if (node instanceof Element) {
        const visible = node.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions) || node.localName === 'option';
        // A form field's labels are the interface's even when what is typed in it takes its own direction; any
        // other element marked as the archive's carries the archive's words in its labels too (a file name).
        const field = node.matches('input, textarea, select');
        if (visible && (field ? !outside(up(node)) : !outside(node))) {
          for (const name of ['aria-label', 'title', 'placeholder', 'aria-description', 'aria-valuetext']) {
            const value = node.getAttribute(name)?.trim();
            if (value) out.push({ text: value, where: `${describe(node)}[${name}]` });
          }
        }
        if (node.shadowRoot) walk(node.shadowRoot);
      }
      for (const child of node.childNodes) walk(child);
    };
    walk(document.documentElement);
    return out;
  });
}

/** Text left once every ⟦…⟧ the pseudo-locale wrapped (messages and formatted values) is taken out. */
function outsideCatalogue(text: string): string {
  let rest = text;
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(/⟦[^⟦⟧]*⟧/g, '');
  }
  return rest;
}

const missingMessages = (page: Page) =>
  page.evaluate(() => [...((globalThis as { __outboxMissingMessages?: Set<string> }).__outboxMissingMessages ?? [])]);

describe('pseudo-locale', () => {
  it('shows no word on any screen that did not come from the catalogue', async () => {
    const page = await pageIn(rich, 'en-XA');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const stray: string[] = [];
    let screens = 0;
    await everyScreen(page, async (screen) => {
      screens++;
      const texts = await interfaceText(page);
      expect(texts.length, `${screen} has text`).toBeGreaterThan(3);
      for (const { text, where } of texts) if (/[A-Za-z]/.test(outsideCatalogue(text))) stray.push(`${screen} · ${where}: ${JSON.stringify(text)}`);
    });
    expect(screens).toBe(13);
    expect(stray).toEqual([]);
  });
});

describe('each shipped language', () => {
  for (const code of SHIPPED) {
    it(`${code}: every screen without a missing message or an unfilled slot`, async () => {
      const page = await pageIn(rich, code === 'zh-Hans' ? 'zh-CN' : code);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(code);
      const unfilled: string[] = [];
      await everyScreen(page, async (screen) => {
        for (const { text, where } of await interfaceText(page)) if (/\{\w+\}|⟦/.test(text)) unfilled.push(`${screen} · ${where}: ${text}`);
      });
      expect(unfilled).toEqual([]);
      expect(await missingMessages(page)).toEqual([]);
    });
  }

  it('switches language from the header, remembers it, and the next visit starts in it', async () => {
    const page = await pageIn(rich, 'en-US');
    const tabs = page.locator('nav.tabs');
    expect(await tabs.innerText()).toContain('Posts');
    await page.locator('[data-testid=language-switch]').first().selectOption('de');
    await until('German tabs', async () => (await tabs.innerText()).includes('Beiträge'));
    expect(await page.evaluate(() => [document.documentElement.lang, localStorage.getItem('outbox.language')])).toEqual(['de', 'de']);
    // The options name each language in itself.
    const names = await page.locator('[data-testid=language-switch]').first().locator('option').allInnerTexts();
    expect(names).toEqual(['English', 'Deutsch', 'Français', 'Español', '日本語', '简体中文', 'Português (Brasil)', 'العربية']);
    await page.reload();
    await timelineReady(page);
    expect(await page.locator('nav.tabs').innerText()).toContain('Beiträge');
  });

  it('falls back to English for a language it does not ship', async () => {
    const page = await pageIn(rich, 'sv-SE');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    expect(await page.locator('nav.tabs').innerText()).toContain('Posts');
  });
});

/** Elements drawn outside the viewport's width, except inside their own scrolling boxes. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) bad.push(`document ${document.documentElement.scrollWidth} > ${width}`);
    const walk = (root: Document | ShadowRoot, clipped: boolean): void => {
      for (const el of root.querySelectorAll('*')) {
        const style = getComputedStyle(el);
        const inScroller = clipped || /auto|scroll|hidden|clip/.test(style.overflowX);
        const r = el.getBoundingClientRect();
        if (!clipped && r.width > 0 && r.height > 0 && style.position !== 'fixed' && !el.closest('.visually-hidden') && (r.right > width + 1 || r.left < -1)) {
          bad.push(`${el.localName}.${String(el.className)} ${Math.round(r.left)}..${Math.round(r.right)}`);
        }
        if (el.shadowRoot) walk(el.shadowRoot, inScroller);
      }
    };
    walk(document, false);
    return bad;
  });
}

describe('right to left', () => {
  it('mirrors the whole interface in Arabic, with nothing wider than the window', async () => {
    const page = await pageIn(rich, 'ar');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    // Mirrored: the brand is on the right, the side panel too.
    const brand = await page.locator('.brand').first().boundingBox();
    expect(brand!.x).toBeGreaterThan(640);
    const problems: string[] = [];
    await everyScreen(page, async (screen) => {
      expect(await page.evaluate(() => document.documentElement.dir), screen).toBe('rtl');
      for (const p of await overflowing(page)) problems.push(`${screen}: ${p}`);
    });
    expect(problems).toEqual([]);
  });

  it('keeps a Hebrew or Arabic post right to left inside the English interface, and a Latin handle left to right in Arabic', async () => {
    const page = await pageIn(rtl, 'en-US');
    const direction = (text: string, selector: string) =>
      page.locator('ox-post').filter({ hasText: text }).locator(selector).first().evaluate((el) => (el.matches(':dir(rtl)') ? 'rtl' : 'ltr'));
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(await direction(HEBREW, '.content')).toBe('rtl');
    expect(await direction(ARABIC, '.content')).toBe('rtl');
    expect(await direction('An English post', '.content')).toBe('ltr');
    // The Hebrew display name reads right to left; the handle beside it stays a Latin string.
    expect(await direction(HEBREW, '.name')).toBe('rtl');
    expect(await direction(HEBREW, '.handle')).toBe('ltr');
    // The card around it follows the interface.
    expect(await direction(HEBREW, 'article')).toBe('ltr');
    const bio = page.locator('ox-profile .bio');
    expect(await bio.evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);

    const arabicUi = await pageIn(rtl, 'ar');
    const inArabic = (text: string, selector: string) =>
      arabicUi.locator('ox-post').filter({ hasText: text }).locator(selector).first().evaluate((el) => (el.matches(':dir(rtl)') ? 'rtl' : 'ltr'));
    expect(await inArabic('An English post', '.content')).toBe('ltr');
    expect(await inArabic('An English post', '.handle')).toBe('ltr');
    expect(await inArabic('An English post', 'article')).toBe('rtl');
  });
});

describe('accessibility in German and Arabic', () => {
  async function seriousViolations(page: Page): Promise<string[]> {
    // Evaluated through the debugging protocol: the page's CSP (script-src 'self') rightly refuses a script tag.
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
    });
  }

  for (const code of ['de', 'ar']) {
    it(`${code}: axe finds no serious violation on the timeline, Stats and People`, async () => {
      const page = await pageIn(rich, code);
      const found: string[] = [];
      for (const [hash, ready] of [['#/', 'article[data-post-id]'], ['#/stats', '[data-testid=stats-cards]'], ['#/people', '[data-testid=people-list]']] as const) {
        await go(page, hash);
        await page.locator(ready).first().waitFor();
        for (const v of await seriousViolations(page)) found.push(`${hash} ${v}`);
      }
      expect(found).toEqual([]);
    });
  }
});
