// What a person waits for in browser mode: `outbox serve` started → the first post on screen in Chromium (cold and
// warm), and /api/search latency from the first query after the address is printed (cold: the cache is being written).
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { queriesFor } from './bench-queries.js';
import type { ChildResult } from './child.js';
import { JUDGED_FROM } from './cli-suite.js';
import { cliPath, launchNode } from './process-run.js';
import { measureInterleaved, ratio, target, type Suite, type Target } from './suite.js';

const CHROMIUM = process.env.OUTBOX_CHROMIUM ?? '/usr/bin/chromium';

/**
 * test/e2e/harness.ts's flags (not imported: it pulls in vitest), plus a resolver that knows only 127.0.0.1, so no
 * request can leave the machine without routing every request through Playwright (which would add to each one).
 */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** The first post of the timeline, as the viewer specs find it (inside the components' shadow roots). */
const FIRST_POST = 'ox-timeline article[data-post-id]';

/**
 * Run in the page at every animation frame (before its paint): the wall-clock time (ms since the epoch) once an
 * article[data-post-id] inside an ox-timeline (open shadow roots crossed) has a box and is not hidden — what
 * Playwright's 'visible' means — else false. Playwright's own waitFor polls at 0, 20, 70, 170, 270 ms, then every
 * 500 ms: a post painted at 300 ms was reported at ~800 ms, so the row measured the poll, not the page.
 */
function firstPostPainted(): number | false {
  const inTimeline = (el: Element): boolean => {
    for (let n: Node | null = el; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
      if (n instanceof Element && n.localName === 'ox-timeline') return true;
    }
    return false;
  };
  const roots: Array<Document | ShadowRoot> = [document];
  while (roots.length) {
    for (const el of roots.pop()!.querySelectorAll('*')) {
      if (el.shadowRoot) roots.push(el.shadowRoot);
      if (el.localName !== 'article' || !el.hasAttribute('data-post-id') || !inTimeline(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden') return performance.timeOrigin + performance.now();
    }
  }
  return false;
}

const ms = (x: number): number => Math.round(x * 100) / 100;

/** Whether `outbox serve` has written the cache file of an archive into `cacheDir`. */
const cacheWritten = (cacheDir: string) => existsSync(cacheDir) && readdirSync(cacheDir).some((n) => n.endsWith('.outbox-index'));

async function until(check: () => boolean, ms = 120_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Starts `outbox serve` (t = 0), opens its address as soon as it is printed, and waits for the frame in which a post
 * article is visible (firstPostPainted). The browser is already running (a person's is); each open gets a fresh context (no HTTP cache).
 * A cold serve shows its first page before the open is done: it is left running until its cache file is written
 * (not timed), so that the warm measurement finds the cache a person's first open leaves.
 */
export async function firstPost(browser: Browser, zip: string, cacheDir: string): Promise<ChildResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const serve = launchNode([cliPath, 'serve', zip, '--no-open', '--port', '0'], { env: { OUTBOX_CACHE_DIR: cacheDir } });
  try {
    const { line, ms: urlMs } = await serve.firstLine;
    const spawnedAt = Date.now() - (performance.now() - serve.startedAt);
    await page.goto(line.trim(), { waitUntil: 'commit' });
    const painted = await page.waitForFunction(firstPostPainted, undefined, { polling: 'raf', timeout: 300_000 });
    const shownMs = (await painted.jsonValue() as number) - spawnedAt;
    const seq = await page.locator(FIRST_POST).first().getAttribute('data-seq');
    await context.close();
    await until(() => cacheWritten(cacheDir));
    const end = await serve.stop();
    return { ms: ms(shownMs), peakRssMb: end.peakRssMb ?? 0, urlMs: ms(urlMs), firstSeq: seq === null ? null : Number(seq) };
  } catch (error) {
    await context.close().catch(() => undefined);
    await serve.stop();
    throw error;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
}

/** One GET over a kept-alive connection; resolves with the time to the whole body. */
function get(agent: Agent, origin: URL, path: string, token: string): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: origin.hostname, port: origin.port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`GET ${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * `outbox serve` on an empty cache folder: the first query is sent the moment the address is printed (it waits for
 * the open; that wait is `readyMs`, not a latency), then every bench query once, back to back — the first seconds a
 * person searches, while the cache is written. Then the same set again once the cache file is on disk (`settled`).
 */
async function apiSearch(zip: string, cacheDir: string, queries: string[]): Promise<ChildResult> {
  const serve = launchNode([cliPath, 'serve', zip, '--no-open', '--port', '0'], { env: { OUTBOX_CACHE_DIR: cacheDir } });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const { line, ms: urlMs } = await serve.firstLine;
    const url = new URL(line.trim());
    const token = url.searchParams.get('token') ?? '';
    const path = (q: string) => `/api/search?q=${encodeURIComponent(q)}`;
    await get(agent, url, path(queries[0]!), token);
    const readyMs = performance.now() - serve.startedAt;
    const pass = async () => {
      const times: number[] = [];
      for (const q of queries) times.push(await get(agent, url, path(q), token));
      return times.sort((a, b) => a - b);
    };
    const first = await pass();
    const firstPassEndMs = performance.now() - serve.startedAt;
    await until(() => cacheWritten(cacheDir));
    const cacheWrittenMs = performance.now() - serve.startedAt;
    await new Promise((r) => setTimeout(r, 500));
    const settled = await pass();
    agent.destroy();
    const end = await serve.stop();
    return {
      ms: ms(percentile(first, 95)), peakRssMb: end.peakRssMb ?? 0,
      p50Ms: ms(percentile(first, 50)), maxMs: ms(first[first.length - 1] ?? 0), queries: first.length,
      urlMs: ms(urlMs), readyMs: ms(readyMs), passEndMs: ms(firstPassEndMs), cacheWrittenMs: ms(cacheWrittenMs),
      settledP50Ms: ms(percentile(settled, 50)), settledP95Ms: ms(percentile(settled, 95)),
    };
  } catch (error) {
    agent.destroy();
    await serve.stop();
    throw error;
  }
}

export const viewerSuite: Suite = {
  name: 'viewer',
  tasks: {},
  async measure(ctx) {
    const queries = Object.values(await queriesFor(ctx)).flat();
    const zip = ctx.archive.zip;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    let rows;
    try {
      // One page load before measuring: Chromium's own first-navigation costs belong to no open.
      const warmup = await browser.newPage();
      await warmup.goto('about:blank');
      await warmup.close();
      rows = await measureInterleaved(ctx, ['viewer cold', 'viewer warm', 'api search cold'], async (_round, measure) => {
        const cacheDir = mkdtempSync(join(ctx.tmp, 'viewer-cache-'));
        await measure('viewer cold', () => firstPost(browser, zip, cacheDir));
        await measure('viewer warm', () => firstPost(browser, zip, cacheDir));
        await measure('api search cold', () => apiSearch(zip, mkdtempSync(join(ctx.tmp, 'api-cache-')), queries));
      });
    } finally {
      await browser.close();
    }
    if (ctx.archive.size < JUDGED_FROM) return { rows, targets: [] };
    const floor = ctx.rows.get('floor');
    const api = ctx.rows.get('api search cold');
    const naive = ctx.rows.get('search')?.naive_p95_ms;
    const p95 = typeof api?.ms === 'number' ? api.ms : null;
    const targets: Target[] = [
      target('viewer cold: first post ≤ 1.0× floor', ratio(ctx.rows.get('viewer cold'), floor), 1, '×'),
      target('viewer warm: first post ≤ 0.25× floor', ratio(ctx.rows.get('viewer warm'), floor), 0.25, '×'),
      target('/api/search p95 from the first query ≤ naive scan p95', p95, typeof naive === 'number' ? naive : null, ' ms'),
      target('/api/search p95 from the first query ≤ 30 ms', p95, 30, ' ms'),
    ];
    return { rows, targets };
  },
};
