// The Pixelfed reader: the constructed sample, generated exports, and account.json beside them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pixelfedReader } from '../../../main/engine/readers/pixelfed.js';
import { pixelfedStatus } from '../../fixtures/other-exports.js';
import { SAMPLES } from '../../samples.js';
import { readWith } from './read-with.js';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'outbox-pixelfed-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the constructed sample', () => {
  it('reads a photo post, a CW self-reply and a share with the shared post inside', async () => {
    const read = (await readWith(pixelfedReader, join(SAMPLES, 'other', 'pixelfed', 'constructed-pixelfed-statuses.json')))!;
    expect(read.source).toBe('pixelfed');
    const [photo, reply, share] = read.posts;
    expect(photo!.media).toMatchObject([{ kind: 'image', description: 'A red bicycle (alt text)', width: 1600, present: false }]);
    expect(photo!.hashtags).toEqual(['bike']);
    expect(reply).toMatchObject({ inReplyTo: photo!.id, summary: 'food', visibility: 'unlisted', sensitive: true });
    expect(share).toMatchObject({ type: 'boost', boostOf: 'https://other.example/p/bob/800000000000000555' });
    expect(share!.boosted).not.toBeNull();
    expect(read.profile).toMatchObject({ username: 'demo', displayName: 'Demo User', server: 'pixelfed.example' });
  });
});

describe('a generated export', () => {
  it('reads every status, replies to statuses outside the export by the server address, and account.json beside it', async () => {
    const dir = join(tmp, 'export');
    mkdirSync(dir);
    const statuses = Array.from({ length: 30 }, (_, n) => pixelfedStatus(n, n === 7 ? { in_reply_to_id: '12345', in_reply_to_account_id: '9' }
      : n === 8 ? { spoiler_text: 'cw', visibility: 'private', edited_at: '2023-02-01T00:00:00.000Z' } : {}));
    writeFileSync(join(dir, 'pixelfed-statuses.json'), JSON.stringify(statuses));
    writeFileSync(join(dir, 'account.json'), JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: 'https://pixelfed.example/users/pat',
      type: 'Person', preferredUsername: 'pat', name: 'Pat (account.json)', summary: '<p>Film</p>', url: 'https://pixelfed.example/pat',
      published: '2022-12-01T00:00:00Z' }));
    writeFileSync(join(dir, 'pixelfed-following.json'), JSON.stringify(['https://pixelfed.example/bob']));
    const read = (await readWith(pixelfedReader, dir))!;
    expect(read.posts).toHaveLength(30);
    expect(read.posts[7]!.inReplyTo).toBe('https://pixelfed.example/i/web/post/12345');
    expect(read.posts[8]).toMatchObject({ summary: 'cw', visibility: 'private', updated: '2023-02-01T00:00:00Z' });
    expect(read.posts.filter((p) => p.media[0]?.description)).toHaveLength(15);
    expect(read.profile).toMatchObject({ username: 'pat', displayName: 'Pat (account.json)', joined: '2022-12-01T00:00:00Z' });
  });
});
