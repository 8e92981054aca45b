// createNormalizer on the real samples (counts from SOURCE.txt) and on one generated item per FORMAT.md quirk.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Post } from '../../../preload/contract.js';
import { createNormalizer } from '../../../main/engine/normalize/normalize.js';
import { readOutbox } from '../../../main/engine/read/outbox-stream.js';
import { ACTOR, create, FOLLOWERS, fakeResolver, folderResolver, MASTODON_CONTEXT, quirkItems, SAMPLES } from './items.js';

async function readSample(folder: string): Promise<{ posts: Post[]; skipped: string[] }> {
  const dir = join(SAMPLES, folder);
  const normalizer = createNormalizer({ resolveMedia: folderResolver(dir) });
  const pending: Array<Promise<Post | { skipped: string }>> = [];
  let seq = 0;
  await readOutbox(createReadStream(join(dir, 'outbox.json')), {
    onContext: (c) => normalizer.setContext(c),
    onItem: (raw) => pending.push(normalizer.item(raw, seq++)),
  });
  const results = await Promise.all(pending);
  return {
    posts: results.filter((r): r is Post => !('skipped' in r)),
    skipped: results.filter((r): r is { skipped: string } => 'skipped' in r).map((r) => r.skipped),
  };
}

async function one(raw: unknown, context: unknown = MASTODON_CONTEXT): Promise<Post | { skipped: string }> {
  const normalizer = createNormalizer({ resolveMedia: fakeResolver });
  normalizer.setContext(context);
  return normalizer.item(raw, 0);
}

async function post(raw: unknown, context?: unknown): Promise<Post> {
  const result = await one(raw, context);
  if ('skipped' in result) throw new Error(`skipped: ${result.skipped}`);
  return result;
}

describe('the samples', () => {
  it('mas.to (Mastodon 3.5): 207 items = 206 posts + 1 boost, 2 direct, 1 sensitive, 48 attachments all present', async () => {
    const { posts, skipped } = await readSample('mastodon-3.5-mas.to');
    expect(skipped).toEqual([]);
    expect(posts.length).toBe(207);
    expect(posts.filter((p) => p.type === 'post').length).toBe(206);
    const boosts = posts.filter((p) => p.type === 'boost');
    expect(boosts.length).toBe(1);
    expect(boosts[0].boostOf).toBe('https://m.cmx.im/users/drbakakuma/statuses/108646219757160334');
    expect(boosts[0].id).toBe('https://mas.to/users/GoodBoiShibe/statuses/108646238711140572/activity');
    expect(posts.filter((p) => p.visibility === 'direct').length).toBe(2);
    expect(posts.filter((p) => p.sensitive).length).toBe(1);
    const media = posts.flatMap((p) => p.media);
    expect(media.length).toBe(48);
    expect(media.every((m) => m.present && m.path !== null && m.path.startsWith('media_attachments/files/'))).toBe(true);
    expect(media.every((m) => m.url.startsWith('/masto-public/media_attachments/'))).toBe(true);
    expect(posts.map((p) => p.seq)).toEqual([...Array(207).keys()]);
    expect(posts[0].text).toBe("Who's a good boi");
    expect(posts[0].html).toBe('<p>Who&#39;s a good boi</p>');
    expect(posts[0].language).toBe('en');
    expect(posts[0].published).toBe('2022-07-10T02:34:28Z');
    expect(posts.some((p) => p.emojis.length > 0)).toBe(true);
  });

  it('synthetic 4.2.0: 7 posts, 1 CW, 3 followers-only, 1 direct, 3 replies', async () => {
    const { posts, skipped } = await readSample('synthetic-4.2.0-duplicate-context');
    expect(skipped).toEqual([]);
    expect(posts.length).toBe(7);
    expect(posts.every((p) => p.type === 'post')).toBe(true);
    expect(posts.filter((p) => p.summary !== null).length).toBe(1);
    expect(posts.filter((p) => p.visibility === 'private').length).toBe(3);
    expect(posts.filter((p) => p.visibility === 'direct').length).toBe(1);
    expect(posts.filter((p) => p.inReplyTo !== null).length).toBe(3);
    const media = posts.flatMap((p) => p.media);
    expect(media.length).toBe(2);
    expect(media.filter((m) => m.present).map((m) => m.path)).toEqual(['media_attachments/IMG_8735.jpeg']);
  });
});

describe('quirks', () => {
  const q = quirkItems();

  it('single-choice, multiple-choice, closed and expired polls', async () => {
    const single = await post(q.pollSingle);
    expect(single.poll).toEqual({
      multiple: false,
      options: [{ title: 'yes', votes: 3 }, { title: 'no', votes: 1 }],
      votersCount: 4,
      endTime: '2999-01-01T00:00:00Z',
      closed: false,
    });
    const multiple = await post(q.pollMultiple);
    expect(multiple.poll?.multiple).toBe(true);
    expect(multiple.poll?.options.map((o) => o.votes)).toEqual([2, 5, 0]);
    expect((await post(q.pollClosed)).poll?.closed).toBe(true);
    expect((await post(q.pollExpired)).poll).toMatchObject({ closed: true, votersCount: null });
    expect((await post(create())).poll).toBeNull();
  });

  it('quotes from quote (string, object, Tombstone), quoteUri and _misskey_quote', async () => {
    expect((await post(q.quoteString)).quote).toBe('https://other.example/s/1');
    expect((await post(q.quoteObject)).quote).toBe('https://other.example/s/2');
    expect((await post(q.quoteTombstone)).quote).toBeNull();
    expect((await post(q.quoteUriOnly)).quote).toBe('https://fedibird.example/s/3');
    expect((await post(q.misskeyQuote)).quote).toBe('https://misskey.example/notes/4');
  });

  it('Document attachments become media, Link attachments links', async () => {
    const p = await post(q.linkCard);
    expect(p.links).toEqual([{ href: 'https://news.example/article', name: null }]);
    expect(p.media).toEqual([
      {
        path: 'media_attachments/files/1/a.jpg',
        url: '/media_attachments/files/1/a.jpg',
        mediaType: 'image/jpeg',
        kind: 'image',
        description: 'a cat',
        present: true,
        width: 640,
        height: 480,
        blurhash: 'LKO2',
        focalPoint: [0.5, -0.25],
      },
    ]);
    const m = (await post(q.media)).media;
    expect(m.map((x) => [x.kind, x.present, x.description])).toEqual([
      ['video', true, null],
      ['audio', true, null],
      ['image', false, null],
    ]);
  });

  it('zhCn → zh-CN, and the language is the contentMap key whose value is the content', async () => {
    expect((await post(q.zhCn)).language).toBe('zh-CN');
    expect((await post(q.languagePick)).language).toBe('de');
    expect((await post(create({ contentMap: { ptBr: '<p>x</p>' }, content: undefined }))).html).toBe('<p>x</p>');
    expect((await post(create({ contentMap: undefined }))).language).toBeNull();
  });

  it('edits, content warnings, empty summaries, replies, tags and counts', async () => {
    expect((await post(q.edited)).updated).toBe('2024-03-02T11:00:00Z');
    expect(await post(q.cw)).toMatchObject({ summary: 'spoilers', sensitive: true });
    expect((await post(q.emptySummary)).summary).toBeNull();
    expect((await post(q.reply)).inReplyTo).toBe('https://other.example/s/9');
    expect((await post(q.replyObject)).inReplyTo).toBe('https://other.example/s/10');
    const tagged = await post(q.tagged);
    expect(tagged.hashtags).toEqual(['cats']);
    expect(tagged.mentions).toEqual([{ name: '@bo@other.example', href: 'https://other.example/users/bo' }]);
    expect(tagged.emojis).toEqual([{ shortcode: 'blobcat', url: 'https://social.example/emoji/blobcat.png' }]);
    expect(await post(q.counts)).toMatchObject({ likesCount: 7, sharesCount: 2, repliesCount: 4 });
    expect(await post(create())).toMatchObject({ likesCount: null, sharesCount: null, repliesCount: null, parentInArchive: false });
  });

  it('visibility: public, unlisted, followers-only, direct (and as:Public / Public spellings, single strings)', async () => {
    expect((await post(create())).visibility).toBe('public');
    expect((await post(q.unlisted)).visibility).toBe('unlisted');
    expect((await post(q.followersOnly)).visibility).toBe('private');
    expect((await post(q.direct)).visibility).toBe('direct');
    expect((await post(create({ to: 'as:Public', cc: [] }))).visibility).toBe('public');
    expect((await post(create({ to: FOLLOWERS, cc: 'Public' }))).visibility).toBe('unlisted');
    expect((await post(create({ to: FOLLOWERS, cc: undefined }))).visibility).toBe('private');
  });

  it('boosts: a URI object, and an inlined followers-only Note', async () => {
    const plain = await post(q.announce);
    expect(plain).toMatchObject({
      type: 'boost',
      boostOf: 'https://other.example/users/bo/statuses/77',
      url: 'https://other.example/users/bo/statuses/77',
      boosted: null,
      published: '2024-03-05T09:00:00Z',
      visibility: 'public',
    });
    const inlined = await post(q.announceInlined);
    const object = q.announceInlined.object as { id: string };
    expect(inlined.boostOf).toBe(object.id);
    expect(inlined.visibility).toBe('private');
    expect(inlined.boosted).toMatchObject({ id: object.id, type: 'post', text: 'mine, followers only', visibility: 'private' });
  });

  it('ignores per-item @context (standard) and signature', async () => {
    const item = {
      ...create({ content: '<p>signed</p>' }),
      '@context': ['https://www.w3.org/ns/activitystreams', { sensitive: 'as:sensitive', toot: 'http://joinmastodon.org/ns#', votersCount: 'toot:votersCount' }],
      signature: { type: 'RsaSignature2017', creator: `${ACTOR}#main-key`, created: '2022-07-28T05:44:51Z', signatureValue: 'abc' },
    };
    expect((await post(item, 'https://www.w3.org/ns/activitystreams')).text).toBe('signed');
  });

  it('accepts a bare Note or Question (no Create around it)', async () => {
    const bare = create().object as Record<string, unknown>;
    expect((await post(bare)).id).toBe(bare.id);
    const question = q.pollSingle.object as Record<string, unknown>;
    expect((await post(question)).poll?.options.length).toBe(2);
  });

  it('sets seq and leaves parentInArchive false', async () => {
    const normalizer = createNormalizer({ resolveMedia: fakeResolver });
    const p = (await normalizer.item(create(), 41)) as Post;
    expect(p.seq).toBe(41);
    expect(p.parentInArchive).toBe(false);
  });
});

describe('malformed items are skipped with a reason, never thrown', () => {
  const good = create();
  const object = good.object as Record<string, unknown>;
  it.each<[string, unknown, string]>([
    ['a number', 42, 'not an object'],
    ['null', null, 'not an object'],
    ['a string', 'https://x.example/s/1', 'not an object'],
    ['an array', [good], 'not an object'],
    ['no type', { id: 'x' }, 'no type'],
    ['a Like', { id: 'x', type: 'Like', object: 'y' }, 'not a post'],
    ['Create without object', { ...good, object: undefined }, 'Create has no object'],
    ['Create with a URI object', { ...good, object: 'https://x.example/s/1' }, 'not an object'],
    ['object without id', { ...good, object: { ...object, id: undefined } }, 'no id'],
    ['bad published', { ...good, object: { ...object, published: 'yesterday' } }, 'published is not a date'],
    ['published a number', { ...good, published: 5, object: { ...object, published: 5 } }, 'published is not a date'],
    ['Announce without object', { id: 'a', type: 'Announce', published: '2024-01-01T00:00:00Z' }, 'no object'],
    ['Announce without id', { type: 'Announce', object: 'x', published: '2024-01-01T00:00:00Z' }, 'no id'],
  ])('%s', async (_name, raw, reason) => {
    const result = await one(raw);
    expect(result).toHaveProperty('skipped');
    expect((result as { skipped: string }).skipped).toContain(reason);
  });

  it('keeps the post when attachment/tag/url/to are strings, numbers or junk', async () => {
    const p = await post(create({ attachment: 'media_attachments/x.png', tag: 'cats', url: 7, to: 3, cc: { nope: 1 }, likes: 'x', summary: 5, contentMap: 3 }));
    expect(p.media).toEqual([]);
    expect(p.hashtags).toEqual([]);
    expect(p.url).toBeNull();
    expect(p.summary).toBeNull();
    const single = await post(create({ attachment: { type: 'Document', mediaType: 'image/png', url: { href: '/media_attachments/files/9/z.png' } } }));
    expect(single.media.map((m) => m.path)).toEqual(['media_attachments/files/9/z.png']);
    const arrays = await post(create({ attachment: [null, 3, 'x', { type: 'Document', url: [{ href: 'media_attachments/files/8/y.png' }] }] }));
    expect(arrays.media.map((m) => [m.path, m.kind])).toEqual([['media_attachments/files/8/y.png', 'unknown']]);
  });

  it('reads a post of 100,000 words', async () => {
    const words = Array.from({ length: 100_000 }, (_, i) => `w${i}`).join(' ');
    const p = await post(create({ content: `<p>${words}</p>` }));
    expect(p.text.length).toBe(words.length);
  });

  it('a resolveMedia that throws only leaves that file missing', async () => {
    const normalizer = createNormalizer({ resolveMedia: () => { throw new Error('boom'); } });
    const p = (await normalizer.item(quirkItems().linkCard, 0)) as Post;
    expect(p.media[0]).toMatchObject({ path: null, present: false });
  });
});

describe('itemNow: the synchronous fast path a cold open uses', () => {
  it('gives what item() gives for every quirk item under the standard context', async () => {
    const normalizer = createNormalizer({ resolveMedia: fakeResolver });
    normalizer.setContext(MASTODON_CONTEXT);
    for (const [seq, raw] of Object.values(quirkItems()).entries()) {
      const now = normalizer.itemNow(raw, seq);
      expect(now).not.toBeNull();
      expect(now).toEqual(await normalizer.item(raw, seq));
    }
    expect(normalizer.itemNow(42, 0)).toHaveProperty('skipped');
  });

  it('returns null when the item needs jsonld: a non-standard top-level or per-item context', async () => {
    const normalizer = createNormalizer({ resolveMedia: fakeResolver });
    normalizer.setContext(['https://www.w3.org/ns/activitystreams', { texte: 'as:content' }]);
    expect(normalizer.itemNow(create(), 0)).toBeNull();
    normalizer.setContext(MASTODON_CONTEXT);
    expect(normalizer.itemNow({ '@context': ['https://www.w3.org/ns/activitystreams', { texte: 'as:content' }], ...create() }, 0)).toBeNull();
    expect(normalizer.itemNow({ '@context': 'https://www.w3.org/ns/activitystreams', ...create() }, 0)).not.toBeNull();
  });

  it('posts without media, links or tags share one frozen empty list', async () => {
    const a = await post(create());
    const b = await post(create());
    expect(a.media).toEqual([]);
    expect(a.media).toBe(b.hashtags);
    expect(Object.isFrozen(a.links)).toBe(true);
    const tagged = await post(quirkItems().tagged);
    expect(Object.isFrozen(tagged.hashtags)).toBe(false);
    expect(tagged.hashtags).toEqual(['cats']);
  });
});
