// The Misskey-family notes reader: the constructed sample and generated exports of each serializer version.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { misskeyReader } from '../../../main/engine/readers/misskey.js';
import { misskeyNote, misskeyNotes, type MisskeyVariant } from '../../fixtures/other-exports.js';
import { SAMPLES } from '../../samples.js';
import { readWith } from './read-with.js';

const SAMPLE = join(SAMPLES, 'other', 'misskey', 'constructed-notes-2024-10-02-09-30-00.json');
let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'outbox-misskey-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the constructed sample', () => {
  it('reads all six notes with their kinds', async () => {
    const read = (await readWith(misskeyReader, SAMPLE))!;
    expect(read.source).toBe('misskey');
    expect(read.posts).toHaveLength(6);
    expect(read.skippedCount).toBe(0);
    const [photo, renote, quote, reply, poll, direct] = read.posts;
    expect(photo!.media).toMatchObject([{ kind: 'image', mediaType: 'image/jpeg', description: 'Sunset over the harbour (alt text)',
      width: 1600, height: 1200, present: false, path: null }]);
    expect(photo!.hashtags).toEqual(['photo']);
    expect(photo!.emojis).toEqual([{ shortcode: 'blobcat', url: null }]);
    expect(photo!.text).toBe('Evening walk :blobcat: #photo\nnice'); // the MFM function's effect dropped, its text kept
    expect(renote).toMatchObject({ type: 'boost', boostOf: '9yt5abcdab340009', text: '', boosted: null }); // someone else's note
    expect(quote).toMatchObject({ type: 'post', quote: '9ytzjlw5k3x90002', visibility: 'unlisted' });
    expect(reply).toMatchObject({ inReplyTo: '9yt5abcdab340009', summary: 'Movie spoilers', sensitive: true, visibility: 'private' });
    expect(reply!.mentions).toEqual([{ name: '@alice@other.example', href: 'https://other.example/@alice' }]);
    expect(poll!.poll).toMatchObject({ multiple: false, options: [{ title: 'Tea', votes: 3 }, { title: 'Coffee', votes: 5 }], closed: true });
    expect(direct!.visibility).toBe('direct');
    expect(read.posts.map((p) => p.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(read.warnings.join(' ')).toContain('holds no profile');
  });
});

describe.each<MisskeyVariant>(['misskey', 'misskey-2023-03', 'firefish'])('a generated %s export', (variant) => {
  it('reads every note with the counts its generator knows', async () => {
    const { text, truth } = misskeyNotes(variant, 60);
    const file = join(tmp, `notes-${variant}.json`);
    writeFileSync(file, text);
    const read = (await readWith(misskeyReader, file))!;
    expect(read.posts).toHaveLength(60);
    const posts = read.posts.filter((p) => p.type === 'post');
    expect(read.posts.filter((p) => p.type === 'boost')).toHaveLength(truth.renotes);
    expect(posts.filter((p) => p.quote !== null)).toHaveLength(truth.quotes);
    expect(posts.filter((p) => p.inReplyTo !== null)).toHaveLength(truth.replies);
    expect(posts.filter((p) => p.poll !== null)).toHaveLength(truth.polls);
    expect(posts.filter((p) => p.summary !== null)).toHaveLength(truth.cw);
    const withFiles = posts.filter((p) => p.media.length > 0);
    expect(withFiles).toHaveLength(truth.withFiles);
    // Before `files` existed, fileIds still say media was attached: two absent attachments each, no address.
    for (const p of withFiles) expect(p.media).toHaveLength(2);
    // Renotes of one's own first note carry it, as Mastodon inlines a boost of one's own post.
    const renotes = read.posts.filter((p) => p.type === 'boost');
    expect(renotes.every((p) => p.boosted?.id === read.posts[0]!.id && p.boosted.seq === p.seq)).toBe(true);
    if (variant === 'misskey-2023-03') expect(withFiles[0]!.media[0]).toMatchObject({ kind: 'unknown', present: false });
    else expect(withFiles[0]!.media[0]).toMatchObject({ kind: 'image', url: expect.stringMatching(/^https:\/\/misskey\.example\/files\//) });
    const visibility = { public: 0, unlisted: 0, private: 0, direct: 0 };
    for (const p of posts) visibility[p.visibility]++;
    expect(visibility).toEqual(truth.visibility);
    expect(posts[0]!.mentions).toEqual([{ name: '@friend@remote.example', href: 'https://remote.example/@friend' }]);
    expect(posts[0]!.html).toContain('<a href="https://example.org/0"');
  });
});

describe('sensitive files', () => {
  it('a note whose file is marked sensitive is sensitive, without a CW', async () => {
    const note = misskeyNote('misskey', 1, { fileIds: ['fa', 'fb'] });
    (note.files as Array<Record<string, unknown>>)[1]!.isSensitive = true;
    const file = join(tmp, 'notes-sensitive.json');
    writeFileSync(file, JSON.stringify([misskeyNote('misskey', 0, { fileIds: ['fc'] }), note]));
    const read = (await readWith(misskeyReader, file))!;
    expect(read.posts.map((p) => [p.sensitive, p.summary])).toEqual([[false, null], [true, null]]);
  });
});
