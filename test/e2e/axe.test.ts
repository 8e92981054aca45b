// axe-core over every screen of the viewer, light and dark, at 1280 and 390 px: no serious or critical violation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { everyoneArchive, EVERYONE, type EveryoneArchive } from './everyone-archive.js';
import { tempRoot, zeroByteZip } from './fixtures.js';
import { launchBrowser, openPage, PageWatch, root, serve, timelineReady, until, type Served } from './harness.js';

const AXE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const tmp = tempRoot('axe');
let archive: EveryoneArchive;
let served: Served;
let brokenServed: Served;
let browser: Browser;
const open = new PageWatch();

beforeAll(async () => {
  archive = await everyoneArchive(tmp.dir);
  // A following list beside the archive, so the People tab is there.
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(tmp.dir, 'following_accounts.csv'), 'Account address,Show boosts,Notify on new posts,Languages\nana@other.example,true,false,\n');
  served = await serve([archive.path, join(tmp.dir, 'following_accounts.csv')], { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') });
  brokenServed = await serve(zeroByteZip(tmp.dir), { OUTBOX_CACHE_DIR: join(tmp.dir, 'cache') });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await brokenServed?.stop();
  tmp.done();
});

afterEach(() => open.settle());

interface Finding { id: string; impact: string; help: string; nodes: string[] }

/** axe-core in the page (shadow roots included); the serious and critical findings. */
async function audit(page: Page): Promise<Finding[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown[]; failureSummary: string }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary.split('\n')[1] ?? ''}`) }));
  });
}

type Screen = [name: string, show: (page: Page) => Promise<void>];

const goTo = (hash: string) => async (page: Page) => {
  await page.evaluate((h) => (location.hash = h), hash);
  await page.waitForTimeout(600);
};

const screens: Screen[] = [
  ['timeline', async () => {}],
  ['search results', async (page) => {
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('harbour');
    await until('results', async () => (await page.locator('ox-timeline mark').count()) > 0);
  }],
  ['filters (panel)', async (page) => {
    const toggle = page.locator('button.panel-toggle');
    if (await toggle.isVisible()) await toggle.click();
    await page.locator('nav[aria-label="Filters"]').waitFor({ state: 'visible' });
  }],
  ['thread', async (page) => {
    await goTo(`#/thread?id=${encodeURIComponent(archive.ids.threadRoot)}`)(page);
    await page.locator('[data-testid=thread] article').first().waitFor();
  }],
  ['media viewer', async (page) => {
    await page.locator('ox-timeline').evaluate((t) => (t as unknown as { scrollToIndex(i: number): void }).scrollToIndex(8));
    const post = page.locator(`ox-timeline article[data-post-id="${archive.ids.portrait}"]`);
    await until('the photo post', () => post.count());
    await post.getByRole('button', { name: new RegExp(EVERYONE.portrait) }).click();
    await page.locator('[data-testid=media-viewer]').waitFor({ state: 'visible' });
  }],
  ['stats', async (page) => {
    await goTo('#/stats')(page);
    await page.locator('[data-testid=stats-cards]').waitFor();
    await page.waitForTimeout(1000);
  }],
  ['stats table', async (page) => {
    await goTo('#/stats')(page);
    await page.locator('[data-testid=stats-cards]').waitFor();
    await page.getByRole('group', { name: 'Show as' }).getByRole('button', { name: 'Table' }).click();
    await page.locator('[data-testid=months-table]').waitFor();
  }],
  ['on this day', async (page) => {
    await goTo('#/today')(page);
    await page.locator('[data-testid=on-this-day] section[data-year]').first().waitFor();
  }],
  ['people', async (page) => {
    await goTo('#/people')(page);
    await page.locator('ox-people').waitFor();
    await page.waitForTimeout(800);
  }],
  ['favourites', goTo('#/likes')],
  ['bookmarks', goTo('#/bookmarks')],
  ['export menu', async (page) => {
    await page.getByRole('button', { name: /^Export/ }).click();
    await page.locator('[data-testid=export-panel]').waitFor();
  }],
  ['shortcuts', async (page) => {
    await page.keyboard.press('?');
    await page.waitForTimeout(300);
  }],
  ['welcome', async (page) => {
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('[data-testid=welcome]').waitFor();
  }],
];

for (const scheme of ['light', 'dark'] as const) {
  for (const width of [1280, 390]) {
    describe(`${scheme}, ${width} px`, () => {
      const options = { colorScheme: scheme, viewport: { width, height: 900 }, reducedMotion: 'reduce' as const };
      it('every screen of an open archive has no serious or critical axe violation', async () => {
        const w = await openPage(browser, served.url, options);
        open.push(w);
        await timelineReady(w.page);
        const found: Record<string, Finding[]> = {};
        for (const [name, show] of screens) {
          // A fresh document per screen: dialogs and menus of the one before are gone.
          await w.page.goto(`${served.origin}/#/`);
          await w.page.reload();
          await timelineReady(w.page);
          await show(w.page);
          const violations = await audit(w.page);
          if (violations.length) found[name] = violations;
        }
        const said = Object.entries(found).flatMap(([screen, vs]) => vs.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes[0]}`));
        expect(said).toEqual([]);
      });

      it('the error screen has none either', async () => {
        const w = await openPage(browser, brokenServed.url, options);
        open.push(w);
        await w.page.locator('[data-testid=error]').waitFor({ timeout: 30_000 });
        expect((await audit(w.page)).map((v) => `${v.id}: ${v.nodes[0]}`)).toEqual([]);
      });
    });
  }
}
