// openArchive end to end: generated archives (exact truth), the real samples, the cache (warm, damaged, stale, off).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenProgress, PageQuery } from '../../preload/contract.js';
import type { Archive } from '../../main/engine/archive.js';
import { demoArchivePath } from '../../main/engine/demo.js';
import { openArchive, openDemo } from '../../main/engine/open.js';
import { toErrorInfo } from '../../main/engine/errors.js';
import { generatePosts, writeArchive, type ArchiveSpec } from '../fixtures/archive-builder.js';
import { blockOffset, columnsOffset } from './cache/cache-bytes.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-open-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
import { SAMPLES } from '../samples.js';

/** Every file under a folder with its size and mtime: proof that nothing was written there. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const s = statSync(full);
      if (s.isDirectory()) walk(full);
      else out.push(`${full} ${s.size} ${s.mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}

async function readAll(archive: Archive, path: string): Promise<Buffer | undefined> {
  const media = await archive.openMedia(path);
  if (!media) return undefined;
  const chunks: Buffer[] = [];
  for await (const c of media.stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const pageQueries: Array<Omit<PageQuery, 'archive'>> = [
  { filter: {}, order: 'newest', offset: 0, limit: 50 },
  { filter: {}, order: 'oldest', offset: 100, limit: 25 },
  { filter: { kinds: ['reply'], hasMedia: true }, order: 'newest', offset: 0, limit: 500 },
  { filter: { from: '2020', to: '2021-06' }, order: 'oldest', offset: 0, limit: 40 },
  { filter: { q: 'the' }, order: 'relevance', offset: 0, limit: 20 },
];

describe('openArchive on a generated archive', () => {
  const { spec, truth } = generatePosts(600, 7);
  const dir = join(tmp, 'gen');
  const cacheDir = join(tmp, 'gen-cache');
  let path = '';

  it('reads the exact truth cold, then the same from the cache warm', async () => {
    path = await writeArchive(spec, dir, { container: 'zip' });
    const before = listing(dir);
    const progress: OpenProgress[] = [];
    const cold = await openArchive(path, { cacheDir, onProgress: (p) => progress.push(p) });
    const s = cold.summary();
    expect(cold.info.fromCache).toBe(false);
    expect(s.format).toBe('zip');
    expect(s.counts).toEqual({
      items: truth.items, posts: truth.posts, boosts: truth.boosts, replies: truth.replies, selfReplies: truth.selfReplies,
      polls: truth.polls, withMedia: truth.withMedia, cw: truth.cw, edited: truth.edited, quotes: truth.quotes,
      likes: truth.likes, bookmarks: truth.bookmarks, skipped: 0,
    });
    expect(s.media).toEqual({ referenced: truth.media.referenced, present: truth.media.present, missing: truth.media.missing });
    expect(s.languages).toEqual(truth.languages);
    expect(s.hashtags).toEqual(truth.hashtags);
    expect(s.dates).toEqual(truth.dates);
    expect(cold.info.months).toEqual(truth.months);
    const facets = cold.page({ filter: {}, order: 'newest', offset: 0, limit: 1 }).facets!;
    expect(s.visibility).toEqual(truth.visibility);
    expect(facets.visibility).toEqual(truth.itemVisibility);
    expect(facets.noAlt).toBe(truth.noAlt);
    expect(facets.posts).toBe(truth.topLevelPosts);
    expect(cold.likes().total).toBe(truth.likes);
    expect(cold.info.id).toMatch(/^[0-9a-f]{16}$/);
    expect(cold.info.name).toBe(path.split('/').pop());
    if (truth.media.missing > 0) expect(cold.info.warnings.join(' ')).toMatch(/media/);

    // progress: reading with the entry's size, then done
    expect(progress[0]!.phase).toBe('reading');
    const reading = progress.filter((p) => p.phase === 'reading');
    expect(reading.every((p) => p.bytesTotal > 0 && p.bytesRead <= p.bytesTotal)).toBe(true);
    expect(progress.at(-1)!.phase).toBe('done');
    expect(progress.at(-1)!.items).toBe(truth.items);

    const warm = await openArchive(path, { cacheDir });
    expect(warm.info.fromCache).toBe(true);
    expect(warm.info.id).toBe(cold.info.id);
    expect(warm.summary()).toEqual(s);
    expect(warm.info.profile).toEqual(cold.info.profile);
    expect(warm.info.warnings).toEqual(cold.info.warnings);
    for (const q of pageQueries) expect(warm.page(q)).toEqual(cold.page(q));
    const some = cold.page({ filter: { kinds: ['reply'] }, order: 'oldest', offset: 0, limit: 5 }).items.map((i) => i.post.id);
    for (const id of some) {
      expect(warm.post(id)).toEqual(cold.post(id));
      expect(warm.thread(id)).toEqual(cold.thread(id));
    }
    const { tookMs: _a, ...coldSearch } = cold.search('the', 10);
    const { tookMs: _b, ...warmSearch } = warm.search('the', 10);
    expect(coldSearch.total).toBeGreaterThan(0);
    expect(coldSearch.results[0]!.snippet.length).toBeGreaterThan(0);
    expect(warmSearch).toEqual(coldSearch);
    expect([...warm.posts({ hasPoll: true })]).toEqual([...cold.posts({ hasPoll: true })]);
    expect(warm.bookmarks()).toEqual(cold.bookmarks());

    // media: known names stream from the archive, warm too; anything else is undefined
    const withMedia = [...cold.posts({ hasMedia: true })].flatMap((p) => p.media).find((m) => m.present)!;
    const bytes = await readAll(warm, withMedia.path!);
    expect(bytes!.length).toBeGreaterThan(0);
    expect(bytes).toEqual(await readAll(cold, withMedia.path!));
    expect((await warm.openMedia(withMedia.path!))!.mediaType).toBe(withMedia.mediaType);
    expect(await warm.openMedia('outbox.json')).toBeUndefined();
    expect(await warm.openMedia('../../etc/passwd')).toBeUndefined();
    expect(await readAll(warm, warm.info.profile.avatar!)).toBeDefined();

    await cold.close();
    await warm.close();
    expect(listing(dir)).toEqual(before);
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it('discards a damaged cache and rebuilds it', async () => {
    const [name] = readdirSync(cacheDir);
    const file = join(cacheDir, name!);
    const good = readFileSync(file);
    const damages: Array<(b: Buffer) => Buffer> = [
      (b) => (b[columnsOffset(b)] ^= 0x01, b), // a column byte
      (b) => b.subarray(0, b.length - 100), // truncated
      () => Buffer.from('garbage'),
    ];
    for (const damage of damages) {
      writeFileSync(file, damage(Buffer.from(good)));
      const again = await openArchive(path, { cacheDir });
      expect(again.info.fromCache).toBe(false);
      expect(again.summary().counts.items).toBe(truth.items);
      await again.close();
    }
    const warm = await openArchive(path, { cacheDir });
    expect(warm.info.fromCache).toBe(true);
    const expected = warm.search('the', 5).results;
    await warm.close();

    // A damaged search block (read lazily) or id block costs a rebuild of that part, not a wrong answer.
    const rebuilt = readFileSync(file);
    rebuilt[blockOffset(rebuilt, 'search') + 40] ^= 0xff;
    writeFileSync(file, rebuilt);
    const lazy = await openArchive(path, { cacheDir });
    expect(lazy.info.fromCache).toBe(true);
    expect(lazy.search('the', 5).results).toEqual(expected);
    await lazy.close();
    rebuilt[blockOffset(rebuilt, 'ids') + 3] ^= 0xff;
    writeFileSync(file, rebuilt);
    const noIds = await openArchive(path, { cacheDir });
    expect(() => noIds.post(expected[0]!.id)).toThrow(/damaged/);
    // a damaged cache is not a bug in Outbox: its own code, which every edge reports as such (CLI exit 2, not 70)
    let thrown: unknown;
    try {
      noIds.post(expected[0]!.id);
    } catch (error) {
      thrown = error;
    }
    expect(toErrorInfo(thrown)).toMatchObject({ code: 'damaged-cache' });
    await noIds.close();
    const reopened = await openArchive(path, { cacheDir });
    expect(reopened.info.fromCache).toBe(false);
    expect(reopened.post(expected[0]!.id)!.id).toBe(expected[0]!.id);
    await reopened.close();
  });

  it('gives a changed archive a new key and removes the stale cache', async () => {
    const [oldName] = readdirSync(cacheDir);
    const first = await openArchive(path, { cacheDir });
    utimesSync(path, new Date('2025-01-01'), new Date('2025-01-01'));
    const changed = await openArchive(path, { cacheDir });
    expect(changed.info.fromCache).toBe(false);
    expect(changed.info.id).not.toBe(first.info.id);
    await changed.close(); // the cache is written behind the open; close waits for it
    const names = readdirSync(cacheDir);
    expect(names).toHaveLength(1);
    expect(names[0]).not.toBe(oldName);
    await first.close();
  });

  it('writes nothing anywhere with cacheDir null', async () => {
    const envDir = join(tmp, 'env-cache');
    const saved = process.env.OUTBOX_CACHE_DIR;
    process.env.OUTBOX_CACHE_DIR = envDir;
    try {
      const before = listing(dir);
      const a = await openArchive(path, { cacheDir: null });
      expect(a.info.fromCache).toBe(false);
      await a.close();
      expect(listing(dir)).toEqual(before);
      expect(() => readdirSync(envDir)).toThrow();
      const b = await openArchive(path);
      await b.close();
      expect(readdirSync(envDir)).toHaveLength(1); // the environment variable is the default folder
    } finally {
      if (saved === undefined) delete process.env.OUTBOX_CACHE_DIR;
      else process.env.OUTBOX_CACHE_DIR = saved;
    }
  });

  it('aborts when the signal says so', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(openArchive(path, { cacheDir: null, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const midway = new AbortController();
    const opening = openArchive(path, {
      cacheDir: null, signal: midway.signal,
      onProgress: (p) => {
        if (p.phase === 'reading' && p.items > 0) midway.abort();
      },
    });
    await expect(opening).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('keeps the last non-empty orderedItems list (Mastodon 4.2.10) and reads tar.gz and folders', async () => {
    const g = generatePosts(120, 3, { version: '4.2.10' });
    for (const container of ['zip', 'folder'] as const) {
      const p = await writeArchive(g.spec, join(tmp, `dup-${container}`), { container, nested: container === 'folder' ? 'Inner' : undefined });
      const a = await openArchive(p, { cacheDir: join(tmp, 'dup-cache') });
      expect(a.summary().counts.items).toBe(g.truth.items);
      expect(a.summary().format).toBe(container);
      await a.close();
    }
    const t = generatePosts(80, 5, { version: '3.5' });
    const tar = await writeArchive(t.spec, join(tmp, 'tar'));
    const a = await openArchive(tar, { cacheDir: null });
    expect(a.summary().format).toBe('tar.gz');
    expect(a.summary().counts).toMatchObject({ items: t.truth.items, posts: t.truth.posts, boosts: t.truth.boosts });
    expect(a.summary().media).toEqual({ referenced: t.truth.media.referenced, present: t.truth.media.present, missing: t.truth.media.missing });
    await a.close();
  });
});

describe('openArchive side files', () => {
  const base = (): ArchiveSpec => ({ ...generatePosts(20, 11).spec });

  it('opens without actor.json (empty profile, a warning)', async () => {
    const p = await writeArchive({ ...base(), actor: false }, join(tmp, 'no-actor'), { container: 'zip' });
    const a = await openArchive(p, { cacheDir: null });
    expect(a.info.profile.present).toBe(false);
    expect(a.info.warnings.join(' ')).toMatch(/actor\.json/);
    expect(a.summary().counts.items).toBe(20);
    await a.close();
  });

  it('opens with a broken actor.json and names it in a warning', async () => {
    const p = await writeArchive({ ...base(), actor: false, extraEntries: [{ name: 'actor.json', data: Buffer.from('{"broken": ') }] },
      join(tmp, 'bad-actor'), { container: 'zip' });
    const a = await openArchive(p, { cacheDir: null });
    expect(a.info.profile.present).toBe(false);
    expect(a.info.warnings.some((w) => w.includes('actor.json') && /could not be read/.test(w))).toBe(true);
    await a.close();
  });

  it('reports a missing path as not-found', async () => {
    await expect(openArchive(join(tmp, 'nope.zip'), { cacheDir: null })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('openArchive on the real samples', () => {
  const cacheDir = join(tmp, 'samples-cache');

  it('reads mas.to (3.5): 207 items, 206 posts, 1 boost, all 48 media present; writes nothing beside it', async () => {
    const dir = join(SAMPLES, 'mastodon-3.5-mas.to');
    const before = listing(dir);
    for (const fromCache of [false, true]) {
      const a = await openArchive(dir, { cacheDir });
      expect(a.info.fromCache).toBe(fromCache);
      const s = a.summary();
      expect(s.format).toBe('folder');
      expect(s.counts).toMatchObject({ items: 207, posts: 206, boosts: 1 });
      expect(s.media).toEqual({ referenced: 48, present: 48, missing: 0 });
      expect(a.page({ filter: {}, order: 'newest', offset: 0, limit: 500 }).total).toBe(207);
      const media = [...a.posts({ hasMedia: true })][0]!.media[0]!;
      expect((await readAll(a, media.path!))!.length).toBeGreaterThan(0);
      await a.close();
    }
    expect(listing(dir)).toEqual(before);
  });

  it('reads the synthetic 4.2.0 archive: 7 posts', async () => {
    const dir = join(SAMPLES, 'synthetic-4.2.0-duplicate-context');
    const before = listing(dir);
    const a = await openArchive(dir, { cacheDir });
    expect(a.summary().counts.posts).toBe(7);
    await a.close();
    expect(listing(dir)).toEqual(before);
  });
});

describe('the demo archive', () => {
  it('is found under dist/demo up from the working folder, and opens', async () => {
    const { spec } = generatePosts(30, 2);
    const root = join(tmp, 'demo-root');
    const demoDir = join(root, 'dist', 'demo');
    await writeArchive(spec, demoDir, { container: 'zip', fileName: 'demo-archive.zip' });
    mkdirSync(join(root, 'sub', 'deeper'), { recursive: true });
    const cwd = process.cwd();
    process.chdir(join(root, 'sub', 'deeper'));
    try {
      expect(demoArchivePath()).toBe(join(demoDir, 'demo-archive.zip'));
      const a = await openDemo({ cacheDir: null });
      expect(a.info.name).toBe('demo-archive.zip');
      expect(a.summary().counts.items).toBe(30);
      await a.close();
    } finally {
      process.chdir(cwd);
    }
  });
});
