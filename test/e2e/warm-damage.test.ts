// Issue 12, in the page: a warm `outbox serve` shows its first posts from the saved index without checking all of it
// first. A tampered old post is found only when the reader asks for it (here by searching): the page must then show
// the post as the archive has it, never the tampered text, with the index read again behind it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT, makePost, writeArchive } from '../fixtures/archive-builder.js';
import { tempRoot } from './fixtures.js';
import { launchBrowser, openPage, PageWatch, runCli, serve, until, type Served } from './harness.js';

const tmp = tempRoot('warm-damage');
const watch = new PageWatch();
let browser: Browser;
let zip = '';
let server: Served | null = null;

const COUNT = 700;
/** In the oldest run of post records: the newest page never reads it. */
const TARGET = 5;
const TEXT = (i: number) => (i === TARGET ? `Marmalade sandwiches for everybody ${i}` : `Ordinary toast number ${i} with marmalade`);
const TAMPERED = `N${TEXT(TARGET).slice(1)}`;
const cacheDir = join(tmp.dir, 'cache');
const cacheFile = () => {
  const name = readdirSync(cacheDir).find((n) => n.endsWith('.outbox-index'));
  return name ? join(cacheDir, name) : null;
};

beforeAll(async () => {
  const items = Array.from({ length: COUNT }, (_, i) =>
    makePost({ account: DEFAULT_ACCOUNT, published: new Date(Date.UTC(2023, 0, 1) + i * 3_600_000).toISOString(), text: TEXT(i), visibility: 'public' }));
  zip = await writeArchive({ version: '4.4', account: DEFAULT_ACCOUNT, items }, join(tmp.dir, 'archive'), { container: 'zip' });
  expect((await runCli(['summary', zip], { OUTBOX_CACHE_DIR: cacheDir })).code).toBe(0);
  const bytes = readFileSync(cacheFile()!);
  const at = bytes.indexOf(Buffer.from(TEXT(TARGET)));
  expect(at).toBeGreaterThan(0);
  bytes.write('N', at);
  writeFileSync(cacheFile()!, bytes);
  browser = await launchBrowser();
});

afterAll(async () => {
  await watch.settle();
  await server?.stop();
  await browser?.close();
  tmp.done();
});

describe('the viewer on a warm serve whose saved index is damaged where the first page does not read', () => {
  it('shows the newest posts from the index, then the damaged post as the archive has it', async () => {
    server = await serve(zip, { OUTBOX_CACHE_DIR: cacheDir });
    const w = await openPage(browser, server.url);
    watch.push(w);
    const { page } = w;
    const first = page.locator('ox-timeline article[data-post-id]').first();
    await first.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await first.innerText()).toContain(`number ${COUNT - 1} `);
    // The first posts came from the saved index, which is still there, unread where it is damaged.
    expect(readFileSync(cacheFile()!).includes(Buffer.from(TAMPERED))).toBe(true);

    await page.getByRole('searchbox', { name: 'Search posts' }).fill('sandwiches');
    const found = page.locator('ox-timeline article[data-post-id]', { hasText: 'sandwiches' }).first();
    await found.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await found.innerText()).toContain(TEXT(TARGET));
    expect(await page.locator('ox-timeline article[data-post-id]', { hasText: TAMPERED }).count()).toBe(0);
    // The archive was read again and its index written anew, sound.
    await until('the index rewritten', async () => {
      const file = cacheFile();
      return !!file && readFileSync(file).includes(Buffer.from(TEXT(TARGET)));
    });
    expect(readFileSync(cacheFile()!).includes(Buffer.from(TAMPERED))).toBe(false);
  });
});
