// A cold open with onPreview: the newest page is handed over before the rest is read, and is the page the whole
// archive answers; the rest waits for the preview's promise, so the test decides when the open may finish.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenProgress, PageQuery } from '../../../preload/contract.js';
import type { Archive } from '../../../main/engine/archive.js';
import { ArchiveError } from '../../../main/engine/errors.js';
import { PREVIEW_POSTS } from '../../../main/engine/index/preview-archive.js';
import { openArchive } from '../../../main/engine/open.js';
import { generatePosts, VERSIONS, writeArchive, type ArchiveSpec } from '../../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-preview-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FIRST: Omit<PageQuery, 'archive'> = { filter: {}, order: 'newest', offset: 0, limit: 50 };
const ids = (archive: Archive, query = FIRST) => archive.page(query).items.map((i) => i.post.id);

/** Opens cold with a preview held until `release()`; resolves the preview as soon as it is handed over. */
function openHeld(path: string, onProgress?: (p: OpenProgress) => void) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let gotPreview!: (a: Archive) => void;
  const preview = new Promise<Archive>((resolve) => (gotPreview = resolve));
  let finished = false;
  const opened = openArchive(path, {
    cacheDir: null, onProgress,
    onPreview: (p) => {
      gotPreview(p);
      return held;
    },
  }).then((a) => {
    finished = true;
    return a;
  });
  return { preview, opened, release, finished: () => finished };
}

describe('a cold open with a preview', () => {
  const { spec, truth } = generatePosts(700, 11);
  let path = '';
  beforeAll(async () => {
    path = await writeArchive(spec, join(tmp, 'gen'), { container: 'zip' });
  });

  it('hands over the newest page before the rest is read, and the whole archive answers the same page', async () => {
    const progress: OpenProgress[] = [];
    const run = openHeld(path, (p) => progress.push(p));
    const preview = await run.preview;
    await new Promise((r) => setTimeout(r, 50));
    expect(run.finished()).toBe(false);
    expect(preview.info.indexing).toBe(true);
    expect(preview.info.profile.username).toBe(spec.account.username);
    const page = preview.page(FIRST);
    expect(page.partial).toBe(true);
    expect(page.items).toHaveLength(PREVIEW_POSTS);
    expect(page.total).toBe(PREVIEW_POSTS);
    expect(page.facets).toBeNull();
    // What needs every post is refused by the preview, never answered from 50 posts.
    expect(() => preview.page({ ...FIRST, filter: { kinds: ['boost'] } })).toThrow(ArchiveError);
    expect(() => preview.page({ ...FIRST, offset: 50 })).toThrow(ArchiveError);
    expect(() => preview.page({ ...FIRST, order: 'oldest' })).toThrow(ArchiveError);
    expect(() => preview.search('the', 10)).toThrow(ArchiveError);
    expect(() => preview.likes()).toThrow(ArchiveError);

    run.release();
    const archive = await run.opened;
    try {
      expect(archive.info.indexing).toBeUndefined();
      expect(archive.summary().counts.items).toBe(truth.items);
      expect(archive.page(FIRST).partial).toBeUndefined();
      expect(ids(preview)).toEqual(ids(archive));
      expect(preview.page(FIRST).items).toEqual(archive.page(FIRST).items);
      // the rest was counted as indexing once the preview was out, and the read ended with 'done'
      const phases = progress.map((p) => p.phase);
      expect(phases.indexOf('indexing')).toBeGreaterThan(phases.indexOf('reading'));
      expect(phases.at(-1)).toBe('done');
    } finally {
      await archive.close();
    }
  });

  it('serves the media of its posts and the profile from the open source', async () => {
    const run = openHeld(path);
    const preview = await run.preview;
    const withMedia = preview.page(FIRST).items.map((i) => i.post).flatMap((p) => p.media).find((m) => m.path);
    const avatar = preview.info.profile.avatar;
    for (const name of [withMedia?.path, avatar]) {
      if (!name) continue;
      const media = await preview.openMedia(name);
      expect(media?.size).toBeGreaterThan(0);
      media?.stream.destroy();
    }
    expect(await preview.openMedia('outbox.json')).toBeUndefined();
    run.release();
    await (await run.opened).close();
  });

  it('takes the newest from the front of a file written newest first', async () => {
    const items = [...spec.items].reverse();
    const reversed: ArchiveSpec = { ...spec, items };
    const file = await writeArchive(reversed, join(tmp, 'reversed'), { container: 'zip' });
    const run = openHeld(file);
    const preview = await run.preview;
    run.release();
    const archive = await run.opened;
    try {
      expect(ids(preview)).toEqual(ids(archive));
    } finally {
      await archive.close();
    }
  });

  it('an item that is not JSON, read after the preview, still fails the open naming its byte', async () => {
    const folder = await writeArchive(spec, join(tmp, 'damaged'), { container: 'folder' });
    const outbox = join(folder, 'outbox.json');
    const text = readFileSync(outbox, 'utf8');
    // an item in the middle: neither the newest page nor the first item (which says which end is newest)
    let n = 0;
    writeFileSync(outbox, text.replace(/"type":"Create"/g, (m) => (++n === 300 ? '"type":Create' : m)));
    expect(n).toBeGreaterThan(300);
    let previewed = false;
    const error = await openArchive(folder, { cacheDir: null, onPreview: () => void (previewed = true) }).catch((e: unknown) => e);
    expect(previewed).toBe(true);
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as ArchiveError).code).toBe('bad-json');
    expect((error as ArchiveError).message).toMatch(/at byte \d+/);
    // the same file read as ever fails the same way
    const plain = await openArchive(folder, { cacheDir: null }).catch((e: unknown) => e);
    expect((plain as ArchiveError).message).toBe((error as ArchiveError).message);
  });

  // Every exporter's quirks (4.2.10's empty list before the real one, Pleroma's context…): a read that scans first
  // and parses after gives exactly the archive the streaming read gives.
  it.each(VERSIONS)('reads a %s archive exactly as the streaming read does', async (version) => {
    const { spec: versioned } = generatePosts(90, 21, { version });
    const file = await writeArchive(versioned, join(tmp, `v-${version}`));
    const plain = await openArchive(file, { cacheDir: null });
    const run = openHeld(file);
    run.release();
    const early = await run.opened;
    try {
      expect(early.summary()).toEqual(plain.summary());
      expect([...early.posts()]).toEqual([...plain.posts()]);
      expect(early.info.warnings).toEqual(plain.info.warnings);
    } finally {
      await early.close();
      await plain.close();
    }
  });
});
