// Issue 16, what was left, in Chromium: top posts in Stats, Stats labels, legend and heatmap months, an archive
// without actor.json, the export command with Copy, a truncated zip in our words, and zooming photos by keyboard.
// Each screen changed is audited with axe-core too (light and dark, 1280 and 390 px).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makePost, writeArchive } from '../fixtures/archive-builder.js';
import { hostile } from '../fixtures/hostile.js';
import { everyoneArchive, EVERYONE, type EveryoneArchive } from './everyone-archive.js';
import { tempRoot } from './fixtures.js';
import { launchBrowser, openPage, PageWatch, root, runCli, screenshot, serve, timelineReady, until, type Served } from './harness.js';

const NO_ACTOR = 'archive-20241201123456-0123456789abcdef0123456789abcdef.zip';
const AXE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

const tmp = tempRoot('everyone-more');
let archive: EveryoneArchive;
let noActorPath: string;
let truncatedPath: string;
let served: Served;
let noActor: Served;
let truncated: Served;
let browser: Browser;
const open = new PageWatch();

beforeAll(async () => {
  archive = await everyoneArchive(tmp.dir);
  const account = makeAccount({ host: 'quay.example', username: 'ghost' });
  const items = Array.from({ length: 12 }, (_, i) => makePost({ account, published: new Date(Date.UTC(2024, 2, 1 + i, 12)), text: `A post without a profile, number ${i + 1}` }));
  noActorPath = await writeArchive({ version: '4.4', account, items, actor: false, avatar: null, header: null }, join(tmp.dir, 'no-actor'), { fileName: NO_ACTOR });
  truncatedPath = hostile.truncatedZip(tmp.dir);
  const cache = { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') };
  [served, noActor, truncated] = await Promise.all([serve(archive.path, cache), serve(noActorPath, cache), serve(truncatedPath, cache)]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([served?.stop(), noActor?.stop(), truncated?.stop()]);
  tmp.done();
});

afterEach(() => open.settle());

async function viewer(hash = '', options: Parameters<typeof openPage>[2] = {}, at: Served = served): Promise<Page> {
  const w = await openPage(browser, at.url + hash, options);
  open.push(w);
  await timelineReady(w.page);
  return w.page;
}

async function stats(page: Page): Promise<void> {
  await page.evaluate(() => (location.hash = '#/stats'));
  await page.locator('[data-testid=stats-cards]').waitFor();
}

/** Opens the media viewer on the tall portrait photo of the everyone archive. */
async function openPortrait(page: Page): Promise<void> {
  const post = page.locator(`ox-timeline article[data-post-id="${archive.ids.portrait}"]`);
  await until('the photo post', async () => {
    await page.locator('ox-timeline').evaluate((t) => (t as unknown as { scrollToIndex(i: number): void }).scrollToIndex(8));
    return post.count();
  });
  await post.scrollIntoViewIfNeeded();
  await post.getByRole('button', { name: new RegExp(EVERYONE.portrait) }).click();
  await page.locator('[data-testid=media-viewer]').waitFor({ state: 'visible' });
  await until('the portrait', () => page.locator('ox-media-viewer img').evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth === 360));
}

interface Finding { id: string; impact: string; nodes: string[] }

/** axe-core in the page (shadow roots included): the serious and critical findings. */
async function audit(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown[]; failureSummary: string }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v): Finding => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary.split('\n')[1] ?? ''}`) }));
  });
  return found.map((f) => `${f.id} (${f.impact}) ${f.nodes[0]}`);
}

describe('top posts in Stats', () => {
  it('lists the most favourited and most boosted posts; a click opens the post', async () => {
    const page = await viewer();
    await stats(page);
    const likes = page.locator('[data-testid=top-likes]');
    await likes.waitFor();
    const rows = likes.locator('button[data-post-id]');
    expect(await rows.count()).toBe(5);
    expect(await rows.first().getAttribute('data-post-id')).toBe(archive.ids.popular);
    expect(await rows.first().innerText()).toContain(EVERYONE.popular);
    expect(await rows.first().innerText()).toContain('240');
    // Most first: the totals never rise down the list.
    const counts = await rows.evaluateAll((els) => els.map((e) => Number(e.querySelector('.count')!.textContent!.replace(/\D/g, ''))));
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const boosts = page.locator('[data-testid=top-boosts] button[data-post-id]');
    expect(await boosts.first().getAttribute('data-post-id')).toBe(archive.ids.popular);
    expect(await boosts.first().innerText()).toContain('31');
    await screenshot(page, 'everyone-top-posts');
    await rows.first().click();
    const thread = page.locator('[data-testid=thread]');
    await thread.waitFor({ state: 'visible' });
    await until('the post opened', () => thread.locator(`article[data-post-id="${archive.ids.popular}"]`).count());
    // Back returns to Stats.
    await page.goBack();
    await page.locator('[data-testid=top-likes]').waitFor();
  });

  it('the Table view has them as tables with captions and header cells, each post a button', async () => {
    const page = await viewer();
    await stats(page);
    await page.getByRole('group', { name: 'Show as' }).getByRole('button', { name: 'Table' }).click();
    const table = page.getByRole('table', { name: 'Most favourited posts' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Post', 'Date', 'Favourites']);
    const first = table.getByRole('rowheader').first();
    expect(await first.innerText()).toContain(EVERYONE.popular);
    expect(await table.getByRole('row').nth(1).getByRole('cell').last().innerText()).toBe('240');
    await page.getByRole('table', { name: 'Most boosted posts' }).waitFor();
    await first.getByRole('button').click();
    await until('the post opened', () => page.locator(`[data-testid=thread] article[data-post-id="${archive.ids.popular}"]`).count());
  });

  it('an archive whose posts carry no totals shows no such list', async () => {
    const page = await viewer('', {}, noActor);
    await stats(page);
    await page.locator('ox-month-chart').waitFor();
    await page.waitForTimeout(800);
    expect(await page.locator('[data-testid=top-likes], [data-testid=top-boosts]').count()).toBe(0);
    expect(await page.locator('ox-top-posts').isVisible()).toBe(false);
  });
});

describe('Stats labels, legend and calendar', () => {
  it('media kinds are labels ("Image"), and the month chart legend has no blank values', async () => {
    const page = await viewer();
    await stats(page);
    const media = page.locator('ox-bar-list', { has: page.locator('h3', { hasText: /^Media$/ }) });
    await media.waitFor();
    expect(await media.locator('.name').allInnerTexts()).toEqual(['Image']);
    const legend = page.locator('ox-month-chart .u-legend');
    await legend.waitFor({ state: 'attached' });
    const text = await legend.evaluate((el) => (el as HTMLElement).innerText);
    expect(text).not.toMatch(/–|Month/);
    expect(text).toMatch(/Posts/);
    expect(text).toMatch(/Boosts/);
  });

  it('the per-day calendar names the months over the week each begins, in the interface language', async () => {
    const page = await viewer();
    await stats(page);
    const heatmap = page.locator('ox-calendar-heatmap');
    const year = new Date().getFullYear() - 1;
    const labels = heatmap.locator('.year', { hasText: String(year) }).locator('.months span');
    await until('twelve month names', async () => (await labels.count()) === 12);
    const short = Array.from({ length: 12 }, (_, m) => new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(year, m, 1))));
    expect(await labels.allInnerTexts()).toEqual(short);
    for (const month of [1, 6, 11]) {
      const first = `${year}-${String(month).padStart(2, '0')}-01`;
      const label = await labels.nth(month - 1).evaluate((el) => el.getBoundingClientRect().left);
      const cell = await heatmap.locator(`[data-day="${first}"]`).evaluate((el) => el.getBoundingClientRect().left);
      expect(Math.abs(label - cell), `${first}: the label stands over its first week`).toBeLessThan(1);
    }
    // In German, German month names.
    await page.locator('[data-testid=language-switch]').first().selectOption('de');
    await until('German month names', async () => (await labels.first().innerText()) === new Intl.DateTimeFormat('de', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(year, 0, 1))));
  });
});

describe('an archive without actor.json', () => {
  for (const width of [1280, 390]) {
    it(`at ${width} px: a person outline named "Unknown account" instead of "?", and the file name breaks only between its parts`, async () => {
      const page = await viewer('', { viewport: { width, height: 900 } }, noActor);
      const avatars = page.locator('ox-timeline ox-post ox-avatar');
      await until('post avatars', () => avatars.count());
      const drawn = await avatars.evaluateAll((els) => els.map((el) => {
        const inner = el.shadowRoot!.querySelector('.avatar')!;
        return { text: inner.textContent!.trim(), role: inner.getAttribute('role'), label: inner.getAttribute('aria-label'), svg: !!inner.querySelector('svg') };
      }));
      for (const a of drawn) expect(a).toEqual({ text: '', role: 'img', label: 'Unknown account', svg: true });
      expect(await page.locator('ox-timeline article[data-post-id]').first().getAttribute('aria-label')).toMatch(/^Unknown account, /);
      if (width < 900) await page.locator('button.panel-toggle').click();
      const heading = page.locator('ox-profile h1');
      await heading.waitFor({ state: 'visible' });
      expect(await heading.getAttribute('title')).toBe(NO_ACTOR);
      expect((await heading.textContent())!.trim()).toBe(NO_ACTOR);
      expect(await page.getByRole('img', { name: 'Unknown account' }).count()).toBeGreaterThan(0);
      // Where each line of the heading ends: only after "-" or "_", or before the extension's ".".
      const breaks = await heading.evaluate((h) => {
        const out: string[] = [];
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        const chars: Array<{ c: string; top: number }> = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (let i = 0; i < n.textContent!.length; i++) {
            const r = document.createRange();
            r.setStart(n, i);
            r.setEnd(n, i + 1);
            const box = r.getBoundingClientRect();
            chars.push({ c: n.textContent![i]!, top: box.top });
          }
        }
        for (let i = 1; i < chars.length; i++) {
          if (chars[i]!.top - chars[i - 1]!.top > 4) out.push(`${chars[i - 1]!.c}|${chars[i]!.c}`);
        }
        return out;
      });
      for (const at of breaks) expect(at, `a line break at ${at}`).toMatch(/^[-_]\||^.\|\.$/);
      // Nothing of the card is pushed sideways by the name.
      const card = await page.locator('ox-profile').evaluate((el) => {
        const c = el.shadowRoot!.querySelector('.card')!;
        return { scroll: c.scrollWidth, client: c.clientWidth };
      });
      expect(card.scroll).toBeLessThanOrEqual(card.client + 1);
      // The drawer keeps its margin: the card does not touch the window's edges (the Open button's class once
      // stripped the open drawer's padding).
      const box = (await page.locator('ox-profile').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(8);
      expect(box.x + box.width).toBeLessThanOrEqual(width - 8);
      await screenshot(page, `everyone-no-actor-${width}`);
    });
  }
});

describe('the export command', () => {
  for (const width of [1280, 390, 320]) {
    it(`at ${width} px wraps between words only, names the archive's full path, and copies`, async () => {
      const w = await openPage(browser, served.url, { viewport: { width, height: 900 } });
      open.push(w);
      const page = w.page;
      await timelineReady(page);
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
      await page.evaluate(() => (location.hash = '#/?lang=en&media=1'));
      await page.getByRole('button', { name: /^Export/ }).click();
      const command = page.locator('[data-testid=export-command]');
      await command.waitFor();
      const expected = `outbox export ${archive.path} --format html --lang en --has-media --out outbox-html`;
      await until('the full path', async () => (await command.innerText()).replace(/\s+/g, ' ').trim() === expected);
      // No word is split across two lines: each one's boxes are a single line.
      const split = await command.locator('.arg').evaluateAll((els) => els.filter((e) => e.getClientRects().length > 1).map((e) => e.textContent));
      expect(split).toEqual([]);
      const lines = await command.locator('.arg').evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);
      if (width < 600) expect(lines, 'a narrow panel wraps the command').toBeGreaterThan(1);
      // It stays inside the window; a word wider than the panel scrolls inside the block.
      const box = await command.evaluate((el) => el.getBoundingClientRect().right);
      expect(box).toBeLessThanOrEqual(width);
      await screenshot(page, `everyone-export-command-${width}`);
      await page.locator('ox-export-menu').getByRole('button', { name: 'Copy' }).click();
      await until('the clipboard', async () => (await page.evaluate(() => navigator.clipboard.readText())) === expected);
      expect(await page.locator('[data-testid=export-command-status]').textContent()).toBe('Copied');
      expect(await page.locator('ox-export-menu').getByRole('button', { name: 'Copied' }).count()).toBe(1);
    });
  }
});

describe('a truncated zip', () => {
  it('the error screen says in our words that the file is cut short or not a zip, naming it', async () => {
    const w = await openPage(browser, truncated.url);
    open.push(w);
    const error = w.page.locator('[data-testid=error]');
    await error.waitFor({ timeout: 30_000 });
    const text = await error.innerText();
    expect(text).toContain('archive-truncated.zip is cut short, or is not a zip file');
    expect(text).not.toMatch(/central directory|signature|Either not a zip/i);
    expect(await error.getAttribute('data-code')).toBe('truncated');
    await screenshot(w.page, 'everyone-truncated');
  });

  it('the CLI says the same and keeps its exit code', async () => {
    const run = await runCli(['summary', truncatedPath, '--no-cache']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('archive-truncated.zip is cut short, or is not a zip file');
    expect(run.stderr).not.toMatch(/central directory|signature/i);
  });
});

describe('zooming a photo by keyboard', () => {
  it('Z, + and - zoom and fit, the arrows pan while zoomed, Enter on the photo zooms, and a screen reader hears each', async () => {
    const page = await viewer();
    await openPortrait(page);
    const img = page.locator('ox-media-viewer img');
    const stage = page.locator('ox-media-viewer .media');
    const status = page.locator('[data-testid=viewer-status]');
    const height = () => img.evaluate((i) => i.getBoundingClientRect().height);
    await page.keyboard.press('z');
    await until('zoomed to 100% by Z', async () => Math.abs((await height()) - 1400) < 2);
    expect(await status.textContent()).toMatch(/^Full size\. The arrow keys move around the image/);
    expect(await page.getByRole('button', { name: 'Full size' }).getAttribute('aria-pressed')).toBe('true');
    // The arrows move around the photo, not to the next one.
    const before = await stage.evaluate((s) => s.scrollTop);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await until('panned down', async () => (await stage.evaluate((s) => s.scrollTop)) > before);
    await page.keyboard.press('ArrowRight');
    expect(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(360);
    await screenshot(page, 'everyone-zoomed');
    await page.keyboard.press('-');
    await until('fitted by -', async () => (await height()) < 900);
    expect(await status.textContent()).toBe('Fitted to the window.');
    await page.keyboard.press('+');
    await until('zoomed by +', async () => Math.abs((await height()) - 1400) < 2);
    await page.keyboard.press('z');
    await until('fitted by Z', async () => (await height()) < 900);
    // Fitted, the arrows go to the next attachment again.
    await page.keyboard.press('ArrowRight');
    await until('the square photo', () => img.evaluate((i) => (i as HTMLImageElement).naturalWidth === 1200));
    await page.keyboard.press('ArrowLeft');
    await until('the portrait again', () => img.evaluate((i) => (i as HTMLImageElement).naturalWidth === 360));
    // The photo takes focus from the keyboard, and Enter on it zooms.
    await img.focus();
    await page.keyboard.press('Enter');
    await until('zoomed by Enter', async () => Math.abs((await height()) - 1400) < 2);
    await page.keyboard.press('Escape');
    await until('the viewer to close', async () => !(await page.locator('[data-testid=media-viewer]').isVisible()));
  });

  it('the shortcuts list names the zoom keys', async () => {
    const page = await viewer();
    await page.keyboard.press('?');
    const list = page.locator('[data-testid=shortcuts]');
    await list.waitFor({ state: 'visible' });
    const text = await list.innerText();
    expect(text).toMatch(/z \+ -\s*Full size or fitted, in the viewer/);
    expect(text).toContain('Move around a full-size image');
  });
});

for (const scheme of ['light', 'dark'] as const) {
  for (const width of [1280, 390]) {
    describe(`axe, ${scheme}, ${width} px`, () => {
      const options = { colorScheme: scheme, viewport: { width, height: 900 }, reducedMotion: 'reduce' as const };
      it('Stats with top posts (charts and table), the zoomed viewer and the export menu: no serious or critical violation', async () => {
        const page = await viewer('', options);
        const found: string[] = [];
        await stats(page);
        await page.locator('[data-testid=top-likes]').waitFor();
        await page.waitForTimeout(500);
        found.push(...(await audit(page)).map((f) => `stats: ${f}`));
        await page.getByRole('group', { name: 'Show as' }).getByRole('button', { name: 'Table' }).click();
        await page.locator('[data-testid=top-likes-table]').waitFor();
        found.push(...(await audit(page)).map((f) => `stats table: ${f}`));
        await page.evaluate(() => (location.hash = '#/'));
        await page.locator('ox-timeline article[data-post-id]').first().waitFor();
        await page.getByRole('button', { name: /^Export/ }).click();
        await page.locator('[data-testid=export-command]').waitFor();
        found.push(...(await audit(page)).map((f) => `export: ${f}`));
        await page.keyboard.press('Escape');
        await page.reload();
        await timelineReady(page);
        await openPortrait(page);
        await page.keyboard.press('z');
        await until('zoomed', () => page.locator('ox-media-viewer .media.zoomed').count());
        found.push(...(await audit(page)).map((f) => `zoomed viewer: ${f}`));
        expect(found).toEqual([]);
      });

      it('an archive without actor.json and the truncated zip\'s error screen: none either', async () => {
        const page = await viewer('', options, noActor);
        const found = (await audit(page)).map((f) => `no actor: ${f}`);
        const w = await openPage(browser, truncated.url, options);
        open.push(w);
        await w.page.locator('[data-testid=error]').waitFor({ timeout: 30_000 });
        found.push(...(await audit(w.page)).map((f) => `truncated: ${f}`));
        expect(found).toEqual([]);
      });
    });
  }
}
