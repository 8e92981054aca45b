// The viewer's test harness: real Chromium (Debian's, through playwright-core) against a real `outbox serve`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type BrowserContextOptions, type Dialog, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const root = join(__dirname, '..', '..');
export const artifacts = join(root, 'test-artifacts');
const CHROMIUM = process.env.OUTBOX_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (see .ci/run).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs, headless: true });
}

export interface Served {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built `outbox serve` (as a user runs it) with no archive (the demo), one, or several paths (archives
 * and CSV files), and resolves with the URL it prints first.
 */
export function serve(archive: string | readonly string[] | null, env: Record<string, string> = {}): Promise<Served> {
  const paths = archive === null ? [] : typeof archive === 'string' ? [archive] : [...archive];
  const args = [join(root, 'dist/cli/outbox.js'), 'serve', ...paths, '--no-open', '--port', '0'];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`outbox serve printed no URL; stderr: ${stderr}`)), 240_000);
    child.once('exit', (code) => reject(new Error(`outbox serve exited with ${code}: ${stderr}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      const url = new URL(line.trim());
      resolve({
        url: url.href,
        origin: url.origin,
        token: url.searchParams.get('token') ?? '',
        process: child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Records every request the page makes, so a test can prove none leaves 127.0.0.1. */
export function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => seen.push(request.url()));
  return seen;
}

export function offOrigin(requests: string[], origin: string): string[] {
  return requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return false;
    return new URL(u).origin !== origin;
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false });
}

// ── added by the viewer-tests spec files ─────────────────────────────────────────────────────────────

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `outbox` command to its end (e.g. `search --json`, or `serve` on a broken archive). */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<CliRun> {
  const child = spawn(process.execPath, [join(root, 'dist/cli/outbox.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`outbox ${args.join(' ')} did not end within ${timeoutMs} ms; stdout: ${stdout.slice(0, 300)} stderr: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** What a guarded page saw: requests that tried to leave 127.0.0.1 (aborted), dialogs, page errors, CSP reports. */
export interface Watched {
  page: Page;
  /** every request url the page made */
  requests: string[];
  /** requests to anything but 127.0.0.1 (each was aborted) */
  blocked: string[];
  dialogs: string[];
  errors: string[];
  console: string[];
  /**
   * Loads the Content-Security-Policy stopped before any request was made (Chromium logs "Loading the image '…'
   * violates…"): a leak attempt that page.route never sees. Parse-time reports about inline handlers, style
   * attributes and <base> are not loads and are left out (DOMPurify's inert parse document triggers them).
   */
  cspLoads(): string[];
  close(): Promise<void>;
}

const CSP_LOAD = /(Loading|Refused to load|Connecting to|Refused to connect|Framing|Refused to frame|Fetching)[^]*violates the following Content Security Policy/i;

/**
 * A fresh context and page whose every request is routed: anything not addressed to 127.0.0.1 is recorded and
 * aborted, so a leak fails the spec without reaching the network. Dialogs are recorded and dismissed.
 * Pass `bypassCSP: true` to test the renderer's own defences without the server's CSP behind them.
 */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const requests: string[] = [];
  const blocked: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  const console: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d: Dialog) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  await context.route('**/*', (route) => {
    const u = route.request().url();
    let host = '';
    try {
      host = new URL(u).hostname;
    } catch {
      // not a URL we can read: treat as leaving
    }
    if (host === '127.0.0.1') return route.continue();
    blocked.push(u);
    return route.abort('blockedbyclient');
  });
  await page.goto(url);
  return {
    page, requests, blocked, dialogs, errors, console,
    cspLoads: () => console.filter((m) => CSP_LOAD.test(m)),
    close: () => context.close(),
  };
}

/** Polls `probe` until it returns a truthy value (returned) or the time is up (throws with `what`). */
export async function until<T>(what: string, probe: () => Promise<T> | T, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The timeline is drawn: at least one post article (or the empty state) is on screen. The app's own: the printed
 * address's page first shows the server's inert cards (main/engine/export/first-page.ts), outside <outbox-app>.
 */
export async function timelineReady(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('outbox-app').waitFor({ state: 'attached', timeout: timeoutMs });
  await page.locator('outbox-app article[data-post-id]').first().waitFor({ state: 'visible', timeout: timeoutMs });
  // A cold open shows its newest page before it is done (ArchiveInfo.indexing): ready is once it is read whole.
  await page.locator('[data-testid=indexing]').waitFor({ state: 'detached', timeout: timeoutMs });
}

/** The number `[data-testid=result-count]` shows (e.g. "1,234 posts" → 1234), or null when it shows none. */
export async function resultCount(page: Page): Promise<number | null> {
  const text = (await page.locator('[data-testid=result-count]').textContent()) ?? '';
  const m = /([\d,.\s\u202f\u00a0]+)/.exec(text);
  return m ? Number(m[1]!.replace(/[^\d]/g, '')) : null;
}

/** True when the element's box lies (mostly) inside the viewport and the point at its centre hits it. */
export async function onScreen(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.height === 0 || r.width === 0) return false;
    const top = Math.max(r.top, 0);
    const bottom = Math.min(r.bottom, window.innerHeight);
    if (bottom - top < Math.min(40, r.height)) return false;
    const x = r.left + r.width / 2;
    const y = (top + bottom) / 2;
    // Walk into shadow roots: the hit element is inside this article, or the article itself.
    let hit: Element | null = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    for (let n: Node | null = hit; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) if (n === el) return true;
    return false;
  });
}

/** data-seq of the post articles in the DOM, in document order (shadow roots included). */
export async function renderedSeqs(page: Page): Promise<number[]> {
  return (await page.locator('article[data-seq]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.seq))));
}

/** The deepest focused element (through shadow roots), described for assertions. */
export async function focused(page: Page): Promise<{ tag: string; postId?: string; type?: string; label?: string }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return { tag: '' };
    const h = el as HTMLElement;
    return { tag: el.tagName.toLowerCase(), postId: h.dataset?.postId, type: (el as HTMLInputElement).type, label: el.getAttribute('aria-label') ?? undefined };
  });
}

/**
 * The rendered text of an element and of every shadow root under it (innerText stops at shadow hosts), with
 * hidden parts left out, whitespace folded.
 */
export async function deepText(locator: Locator): Promise<string> {
  return locator.evaluate((root) => {
    const out: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        if (parent && parent.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) out.push(node.textContent ?? '');
        return;
      }
      if (node instanceof Element && ['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName)) return;
      if (node instanceof HTMLSlotElement) {
        for (const n of node.assignedNodes({ flatten: true })) walk(n);
        return;
      }
      const children = node instanceof Element && node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
      for (const child of children) walk(child);
      if (node instanceof Element && /^(P|DIV|LI|BR|H\d|SECTION|ARTICLE|FIGURE|DT|DD)$/.test(node.tagName)) out.push('\n');
    };
    walk(root);
    return out.join('').replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
  });
}

/**
 * The pages one spec file opens. `settle()`, run after each test, closes them and checks that every one stayed
 * on 127.0.0.1, needed no CSP block, raised no dialog and threw no error.
 */
export class PageWatch {
  private pages: Watched[] = [];

  push(page: Watched): void {
    this.pages.push(page);
  }

  async settle(): Promise<void> {
    const pages = this.pages;
    this.pages = [];
    for (const w of pages) await w.close();
    for (const w of pages) {
      expect(w.blocked, 'requests that left 127.0.0.1').toEqual([]);
      expect(w.cspLoads(), 'loads the CSP had to stop').toEqual([]);
      expect(w.dialogs, 'dialogs').toEqual([]);
      expect(w.errors, 'page errors').toEqual([]);
    }
  }
}
