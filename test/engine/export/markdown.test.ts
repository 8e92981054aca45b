// `export --format md`: month files, converted content, media copied beside them, and the privacy rule's count.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFormat } from '../../../main/cli/export-formats.js';
import { writeMarkdown } from '../../../main/engine/export/markdown.js';
import { postKey } from '../../../main/engine/export/media-copy.js';
import { openLibrary } from '../../../main/engine/library/library.js';
import { generatePosts, makeAccount, writeArchive } from '../../fixtures/archive-builder.js';
import { makeMedia, makePost } from '../../fixtures/make-post.js';
import { openExportFixture, type ExportFixture } from './export-fixture.js';
import { useWriterThread } from './writer-thread.js';

// the files are made by the writer's thread, as in the built CLI (its month files read back through it too)
useWriterThread();

const tmp = mkdtempSync(join(tmpdir(), 'outbox-md-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BYTES: Record<string, Buffer> = { 'media_attachments/files/1/original/cat.jpg': Buffer.from('cat bytes'), 'media_attachments/files/2/original/song.mp3': Buffer.from('song') };
const mediaSource = async (path: string) => (BYTES[path] ? Readable.from([BYTES[path]!]) : undefined);

/** "## " headings of every month file: one per exported post. */
function headings(dir: string): string[] {
  return readdirSync(dir).filter((f) => /^\d{4}-\d{2}\.md$/.test(f)).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.startsWith('## ')));
}

describe('writeMarkdown on constructed posts', () => {
  const out = join(tmp, 'constructed');
  const posts = [
    makePost(1, { published: '2024-01-05T10:00:00Z', html: '<p>Hello <a href="https://mas.to/@bob" class="u-url mention">@<span>bob</span></a></p>', media: [makeMedia({ path: 'media_attachments/files/1/original/cat.jpg' })] }),
    makePost(2, { published: '2024-01-06T10:00:00Z', visibility: 'private', html: '<p>for followers</p>' }),
    makePost(3, { published: '2024-02-01T00:30:00Z', visibility: 'direct', html: '<p>a secret</p>' }),
    makePost(4, { published: '2024-02-02T08:00:00Z', summary: 'food', html: '<p>soup</p>', media: [makeMedia({ kind: 'audio', mediaType: 'audio/mpeg', path: 'media_attachments/files/2/original/song.mp3', description: null }), makeMedia({ path: 'media_attachments/gone.png' })] }),
    makePost(5, { published: '2024-01-20T00:00:00Z', html: '<p>late January, met after February</p>' }),
    makePost(6, { type: 'boost', published: '2024-02-03T00:00:00Z', boostOf: 'https://b.example/users/bob/statuses/7', html: '', text: '' }),
    // a self-boost of a followers-only post carries that post inline: private too
    makePost(7, { type: 'boost', published: '2024-02-04T00:00:00Z', boostOf: 'https://example.social/users/ann/statuses/2', html: '', text: '', boosted: makePost(2, { visibility: 'private', html: '<p>for followers</p>' }) }),
  ];
  let result: Awaited<ReturnType<typeof writeMarkdown>>;
  beforeAll(async () => {
    result = await writeMarkdown(posts, out, { mediaSource, title: '@ann@example.social' });
  });

  it('writes one file per month and an index that says what was left out', () => {
    expect(result).toEqual({ posts: 4, months: 2, media: 2, mediaMissing: 1, leftOut: { private: 2, direct: 1 } });
    expect(readdirSync(out).sort()).toEqual(['2024-01.md', '2024-02.md', 'index.md', 'media']);
    const index = readFileSync(join(out, 'index.md'), 'utf8');
    expect(index).toContain('2 followers-only posts and 1 direct post were left out; run with --include-private to include them.');
    expect(index).toContain('- [2024-01](2024-01.md) — 2');
    expect(index).toContain('- [2024-02](2024-02.md) — 2');
    expect(headings(out)).toHaveLength(4);
    const all = readdirSync(out).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
    expect(all).not.toMatch(/for followers|a secret/);
  });

  it('converts content, links media to the copied files, and splices a month met again into its file', () => {
    const january = readFileSync(join(out, '2024-01.md'), 'utf8');
    expect(january).toContain('## 2024-01-05 10:00 · post · public');
    expect(january).toContain('Hello [@bob](https://mas.to/@bob)');
    const cat = `media/${postKey(posts[0]!)}-0.jpg`;
    expect(cat).toMatch(/^media\/[0-9a-f]{12}-0\.jpg$/);
    expect(january).toContain(`- ![a cat](${cat})`);
    expect(january).toContain('late January, met after February');
    expect(january.indexOf('Hello')).toBeLessThan(january.indexOf('late January'));
    expect(readFileSync(join(out, cat))).toEqual(BYTES['media_attachments/files/1/original/cat.jpg']);
    const february = readFileSync(join(out, '2024-02.md'), 'utf8');
    expect(february).toContain('**Content warning: food**');
    const song = `media/${postKey(posts[3]!)}-0.mp3`;
    expect(february).toContain(`- [audio](${song})`);
    expect(february).toContain('- *(image: a cat — not in the archive)*');
    expect(february).toContain('Boosted <https://b.example/users/bob/statuses/7>');
    expect(existsSync(join(out, song))).toBe(true);
  });

  it('includes followers-only and direct posts when asked, and says so', async () => {
    const dir = join(tmp, 'private');
    const r = await writeMarkdown(posts, dir, { includePrivate: true, timeZone: 'Asia/Tokyo' });
    expect(r.posts).toBe(7);
    expect(r.leftOut).toEqual({ private: 0, direct: 0 });
    expect(readFileSync(join(dir, 'index.md'), 'utf8')).toMatch(/are included \(--include-private\)/);
    expect(readFileSync(join(dir, '2024-02.md'), 'utf8')).toContain('## 2024-02-01 09:30 · post · direct'); // Tokyo time
    expect(existsSync(join(dir, 'media'))).toBe(false); // no media source: listed, not copied
    expect(readFileSync(join(dir, '2024-02.md'), 'utf8')).toMatch(/## 2024-02-04 09:00 · boost · public\n\nBoosted <https:\/\/example\.social\/users\/ann\/statuses\/2>\n\nfor followers/);
  });
});

describe('writeMarkdown round trip from a generated archive', () => {
  let fixture: ExportFixture;
  const out = join(tmp, 'generated');
  beforeAll(async () => {
    fixture = await openExportFixture(tmp, 300, 11);
  });
  afterAll(() => fixture?.archive.close());

  it('writes every shareable post once, with its media copied, and counts the rest', async () => {
    const { archive, truth, shareable } = fixture;
    const result = await writeMarkdown(archive.posts(), out, { mediaSource: async (p) => (await archive.openMedia(p))?.stream });
    expect(result.posts).toBe(shareable);
    expect(result.leftOut).toEqual({ private: truth.itemVisibility.private, direct: truth.itemVisibility.direct });
    expect(headings(out)).toHaveLength(shareable);
    const index = readFileSync(join(out, 'index.md'), 'utf8');
    const listed = [...index.matchAll(/^- \[(\d{4}-\d{2})\]\(\1\.md\) — (\d+)$/gm)];
    expect(listed.map((m) => `${m[1]}.md`)).toEqual(readdirSync(out).filter((f) => /^\d{4}-\d{2}\.md$/.test(f)).sort());
    expect(listed.reduce((n, m) => n + Number(m[2]), 0)).toBe(shareable);
    expect(listed.length).toBe(result.months);
    expect(index).toContain(`${truth.itemVisibility.private} followers-only posts and ${truth.itemVisibility.direct} direct posts were left out`);
    // every media link points at a file that was copied, with the archive's bytes
    const links = readdirSync(out).filter((f) => f.endsWith('.md')).flatMap((f) => [...readFileSync(join(out, f), 'utf8').matchAll(/\]\((media\/[^)]+)\)/g)].map((m) => m[1]!));
    expect(links.length).toBe(result.media);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(existsSync(join(out, link)), link).toBe(true);
    expect(readdirSync(join(out, 'media'))).toHaveLength(result.media);
    const hostile = readFileSync(join(out, '2022-12.md'), 'utf8');
    expect(hostile).toContain('Hostile but harmless');
    expect(hostile).not.toContain('pwned');
  });
});

describe('exportFormat over several archives (the CLI body of `export --format md`)', () => {
  it('writes the posts of both, each with media read from its own archive, titled with both accounts', async () => {
    const one = await openExportFixture(join(tmp, 'one'), 120, 21);
    await one.archive.close();
    const other = generatePosts(80, 22, { account: makeAccount({ host: 'other.example', username: 'kim', displayName: 'Kim' }), start: '2023-01-01T00:00:00Z', end: '2023-03-01T00:00:00Z' });
    const otherPath = await writeArchive(other.spec, join(tmp, 'two'), { container: 'zip' });
    const library = await openLibrary([one.path, otherPath], { cacheDir: null });
    const out = join(tmp, 'library-md');
    try {
      const result = await exportFormat(library, 'md', { out, 'include-private': true, 'time-zone': 'UTC' });
      expect(result.posts).toBe(one.truth.items + 1 + other.truth.items);
      expect(result.leftOut).toEqual({ private: 0, direct: 0 });
      expect(headings(out)).toHaveLength(result.posts);
      expect(readFileSync(join(out, 'index.md'), 'utf8')).toMatch(/^# @sam@example\.social, @kim@other\.example\n/);
      const copied = readdirSync(join(out, 'media'));
      expect(copied.length).toBe(result.media);
      expect(result.media).toBe(one.truth.media.present + 1 + other.truth.media.present);
      expect(result.mediaMissing).toBe(one.truth.media.missing + other.truth.media.missing);
    } finally {
      await library.close();
    }
  });
});
