// The Bluesky reader: the real and synthetic CARs from indigo, and repositories written by the fixture generator.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blueskyReader } from '../../../main/engine/readers/bluesky.js';
import { blobRef, writeRepoCar } from '../../fixtures/other-exports.js';
import { SAMPLES } from '../../samples.js';
import { readWith } from './read-with.js';

const BSKY = join(SAMPLES, 'other', 'bluesky');
const DID = 'did:plc:testtesttesttesttesttest';
let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'outbox-bluesky-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('real repositories', () => {
  it('a 2025 v3 export: 23 posts and a repost, replies, a quote, images as references, likes, the profile', async () => {
    const read = (await readWith(blueskyReader, join(BSKY, 'bnewbold.robocracy.org.20250310005405.car')))!;
    expect(read.source).toBe('bluesky');
    expect(read.posts.filter((p) => p.type === 'post')).toHaveLength(23);
    expect(read.posts.filter((p) => p.type === 'boost')).toHaveLength(1);
    expect(read.posts.filter((p) => p.inReplyTo)).toHaveLength(2);
    expect(read.posts.filter((p) => p.quote)).toHaveLength(1);
    expect(read.posts.filter((p) => p.media.length)).toHaveLength(4);
    expect(read.posts.filter((p) => p.mentions.length)).not.toHaveLength(0);
    expect(read.likes).toHaveLength(2);
    expect(read.profile).toMatchObject({ id: 'did:plc:nhxcyu4ewwhl5pqil4dotqjo', displayName: 'now roaming free', present: true });
    const first = read.posts.find((p) => p.id.endsWith('/3kly5whjwmc2v'))!;
    expect(first).toMatchObject({ text: 'does it work?', language: 'en', published: '2024-02-22T04:35:10.072Z',
      url: 'https://bsky.app/profile/did:plc:nhxcyu4ewwhl5pqil4dotqjo/post/3kly5whjwmc2v' });
    expect(read.posts.flatMap((p) => p.media).every((m) => !m.present && m.path === null)).toBe(true);
    expect(read.warnings.join(' ')).toContain('holds no images or videos');
  });

  it('a legacy 2023 v2 export with history: recordWithMedia quotes and pre-facet entities', async () => {
    const read = (await readWith(blueskyReader, join(BSKY, 'paul_staging.repo.car')))!;
    expect(read.skippedCount).toBe(0);
    expect(read.posts.filter((p) => p.quote && p.media.length > 0).length).toBeGreaterThan(0);
    expect(read.posts.length).toBe(116);
  });

  it('the synthetic fakermaker repository: replies, reposts, likes', async () => {
    const read = (await readWith(blueskyReader, join(BSKY, 'fakermaker.repo.car')))!;
    expect(read.posts.filter((p) => p.type === 'boost')).toHaveLength(15);
    expect(read.likes).toHaveLength(22);
  });
});

describe('a generated repository', () => {
  it('reads every kind of embed, facet and record', async () => {
    const text = 'héllo @alice.test see example.org #tag';
    const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
    const mention = text.indexOf('@alice.test');
    const link = text.indexOf('example.org');
    const tag = text.indexOf('#tag');
    const car = await writeRepoCar({ did: DID, records: {
      'app.bsky.actor.profile/self': { $type: 'app.bsky.actor.profile', displayName: 'Tester', description: 'line one\nline two' },
      'app.bsky.feed.post/3aaaaaaaaaa21': { $type: 'app.bsky.feed.post', text, createdAt: '2024-01-01T00:00:00.000Z', langs: ['pt-BR'],
        facets: [
          { index: { byteStart: bytes(text.slice(0, mention)), byteEnd: bytes(text.slice(0, mention + 11)) }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:alice' }] },
          { index: { byteStart: bytes(text.slice(0, link)), byteEnd: bytes(text.slice(0, link + 11)) }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.org/' }] },
          { index: { byteStart: bytes(text.slice(0, tag)), byteEnd: bytes(text.slice(0, tag + 4)) }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Tag' }] },
        ] },
      'app.bsky.feed.post/3aaaaaaaaaa22': { $type: 'app.bsky.feed.post', text: 'with images', createdAt: '2024-01-02T00:00:00Z',
        embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'a dog', image: await blobRef('dog'), aspectRatio: { width: 4, height: 3 } }] },
        labels: { $type: 'com.atproto.label.defs#selfLabels', values: [{ val: 'graphic-media' }] } },
      'app.bsky.feed.post/3aaaaaaaaaa23': { $type: 'app.bsky.feed.post', text: 'quote with media', createdAt: '2024-01-03T00:00:00Z',
        embed: { $type: 'app.bsky.embed.recordWithMedia',
          record: { $type: 'app.bsky.embed.record', record: { uri: 'at://did:plc:other/app.bsky.feed.post/3zzz', cid: 'bafy' } },
          media: { $type: 'app.bsky.embed.video', video: await blobRef('clip', 'video/mp4'), alt: 'a clip' } } },
      'app.bsky.feed.post/3aaaaaaaaaa24': { $type: 'app.bsky.feed.post', text: 'a reply', createdAt: '2024-01-04T00:00:00Z',
        reply: { root: { uri: `at://${DID}/app.bsky.feed.post/3aaaaaaaaaa21`, cid: 'x' }, parent: { uri: `at://${DID}/app.bsky.feed.post/3aaaaaaaaaa21`, cid: 'x' } },
        embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://news.example/', title: 'News', description: '' } } },
      'app.bsky.feed.repost/3aaaaaaaaaa25': { $type: 'app.bsky.feed.repost', subject: { uri: 'at://did:plc:other/app.bsky.feed.post/3yyy', cid: 'y' }, createdAt: '2024-01-05T00:00:00Z' },
      'app.bsky.feed.like/3aaaaaaaaaa26': { $type: 'app.bsky.feed.like', subject: { uri: 'at://did:plc:other/app.bsky.feed.post/3xxx', cid: 'z' }, createdAt: '2024-01-06T00:00:00Z' },
      'app.bsky.graph.follow/3aaaaaaaaaa27': { $type: 'app.bsky.graph.follow', subject: 'did:plc:other', createdAt: '2024-01-06T00:00:00Z' },
    } });
    const file = join(tmp, 'repo.car');
    writeFileSync(file, car);
    const read = (await readWith(blueskyReader, file))!;
    expect(read.posts.map((p) => p.type)).toEqual(['post', 'post', 'post', 'post', 'boost']);
    const [facets, images, quote, reply, repost] = read.posts;
    expect(facets!.text).toBe(text);
    expect(facets!.html).toContain(`<a href="https://bsky.app/profile/did:plc:alice" class="u-url mention"`);
    expect(facets!.html).toContain('<a href="https://example.org/"');
    expect(facets!.mentions).toEqual([{ name: '@alice.test', href: 'https://bsky.app/profile/did:plc:alice' }]);
    expect(facets!.hashtags).toEqual(['tag']);
    expect(facets!.language).toBe('pt-BR');
    expect(images!.media).toMatchObject([{ kind: 'image', description: 'a dog', width: 4, height: 3, present: false, mediaType: 'image/jpeg' }]);
    expect(images!.sensitive).toBe(true);
    expect(quote!.quote).toBe('at://did:plc:other/app.bsky.feed.post/3zzz');
    expect(quote!.media).toMatchObject([{ kind: 'video', description: 'a clip' }]);
    expect(reply!.inReplyTo).toBe(facets!.id);
    expect(reply!.links).toEqual([{ href: 'https://news.example/', name: 'News' }]);
    expect(repost).toMatchObject({ boostOf: 'at://did:plc:other/app.bsky.feed.post/3yyy', id: `at://${DID}/app.bsky.feed.repost/3aaaaaaaaaa25` });
    expect(read.likes).toEqual(['at://did:plc:other/app.bsky.feed.post/3xxx']);
    expect(read.profile).toMatchObject({ displayName: 'Tester', bio: '<p>line one<br>line two</p>' });
  });

  it("a repost of one's own post carries it; a repost of another's does not", async () => {
    const own = `at://${DID}/app.bsky.feed.post/3ccccccccccc1`;
    const file = join(tmp, 'own-repost.car');
    writeFileSync(file, await writeRepoCar({ did: DID, records: {
      'app.bsky.feed.post/3ccccccccccc1': { $type: 'app.bsky.feed.post', text: 'mine', createdAt: '2024-02-01T00:00:00Z' },
      'app.bsky.feed.repost/3ccccccccccc2': { $type: 'app.bsky.feed.repost', subject: { uri: own, cid: 'x' }, createdAt: '2024-02-02T00:00:00Z' },
      'app.bsky.feed.repost/3ccccccccccc3': { $type: 'app.bsky.feed.repost', subject: { uri: 'at://did:plc:other/app.bsky.feed.post/1', cid: 'y' }, createdAt: '2024-02-03T00:00:00Z' },
    } }));
    const [, mine, theirs] = (await readWith(blueskyReader, file))!.posts;
    expect(mine!.boosted).toMatchObject({ id: own, text: 'mine', seq: 1 });
    expect(theirs!.boosted).toBeNull();
  });

  it('a v2 commit (prev set) reads the same', async () => {
    const file = join(tmp, 'v2.car');
    writeFileSync(file, await writeRepoCar({ did: DID, version: 2, records: {
      'app.bsky.feed.post/3bbbbbbbbbb21': { $type: 'app.bsky.feed.post', text: 'old', createdAt: '2023-03-01T00:00:00Z' } } }));
    expect((await readWith(blueskyReader, file))!.posts.map((p) => p.text)).toEqual(['old']);
  });
});
