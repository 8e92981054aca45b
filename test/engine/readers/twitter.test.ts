// The X/Twitter archive reader: the two real samples (2022 and 2023 naming) and generated archives.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twitterReader } from '../../../main/engine/readers/twitter.js';
import { writeTwitterArchive, type TweetSpec } from '../../fixtures/other-exports.js';
import { SAMPLES } from '../../samples.js';
import { readWith } from './read-with.js';

const OTHER = join(SAMPLES, 'other');
let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'outbox-twitter-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('real archives', () => {
  it('2022 naming (data/tweet.js): an old-style retweet and a tweet with a mention, the profile and avatar', async () => {
    const read = (await readWith(twitterReader, join(OTHER, 'twitter-mrled-2022')))!;
    expect(read.source).toBe('twitter');
    expect(read.posts.map((p) => p.type)).toEqual(['boost', 'post']);
    const [retweet, tweet] = read.posts;
    expect(retweet).toMatchObject({ boostOf: 'https://twitter.com/nostrich', published: '2012-10-07T07:39:51Z' });
    expect(retweet!.boosted!.text).toBe('2012 is about correcting the typo on the 3 different social networks you cross-posted to.');
    expect(tweet).toMatchObject({ id: 'https://twitter.com/i/web/status/1276916896974110721',
      url: 'https://twitter.com/mrled/status/1276916896974110721', likesCount: 2, language: 'en' });
    expect(tweet!.mentions).toEqual([{ name: '@syncthing', href: 'https://twitter.com/syncthing' }]);
    expect(read.profile).toMatchObject({ username: 'mrled', server: 'twitter.com', joined: '2009-04-24T19:18:20Z',
      avatar: 'data/profile_media/35010911-Kn8Hv8_B.jpg', present: true });
    expect(read.profile.fields.map((f) => f.name)).toEqual(['Website', 'Location']);
  });

  it('2023 naming (data/tweets.js): 28 tweets, replies, a self-reply, a photo not in the excerpt', async () => {
    const read = (await readWith(twitterReader, join(OTHER, 'twitter-darkliquid-2023')))!;
    expect(read.posts).toHaveLength(28);
    expect(read.posts.filter((p) => p.type === 'boost')).toHaveLength(1);
    expect(read.posts.filter((p) => p.inReplyTo)).toHaveLength(23);
    const photo = read.posts.find((p) => p.media.length > 0)!;
    expect(photo.media[0]).toMatchObject({ kind: 'image', url: 'https://pbs.twimg.com/media/FWVnxzyWIAIEZU3.png', present: false, width: 640 });
    expect(photo.text).toBe('@symatt Monocycle'); // the photo's t.co link is not left in the text
    // Oldest first, seq in that order.
    const times = read.posts.map((p) => Date.parse(p.published));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(read.posts.map((p) => p.seq)).toEqual(read.posts.map((_, i) => i));
    expect(read.warnings.join(' ')).toContain('no account.js');
  });
});

const T0 = Date.UTC(2021, 4, 1);
const at = (h: number) => new Date(T0 + h * 3_600_000);

function tweets(): TweetSpec[] {
  return [
    { id: '100', text: 'First & <best> tweet https://t.co/aaa #Hello', at: at(0), hashtags: ['Hello'],
      urls: [{ url: 'https://t.co/aaa', expanded: 'https://example.org/a?b=1', display: 'example.org/a?b=…' }] },
    { id: '101', text: '@sam and a thread', at: at(1), replyTo: { id: '100', screenName: 'sam' }, mentions: ['sam'] },
    { id: '102', text: 'Photo time https://t.co/pic', at: at(2),
      media: [{ url: 'https://t.co/pic', file: 'AAA.jpg', type: 'photo', alt: 'a cat' }] },
    { id: '103', text: 'A clip https://t.co/vid', at: at(3), media: [{ url: 'https://t.co/vid', file: 'BBB.jpg', type: 'video' }] },
    { id: '104', text: 'Quoting this https://t.co/q', at: at(4),
      urls: [{ url: 'https://t.co/q', expanded: 'https://x.com/other/status/999', display: 'x.com/other/…' }] },
    { id: '105', text: 'RT @other: their words', at: at(5), mentions: ['other'] },
    { id: '106', text: 'typo version', at: at(6), editIds: ['106', '107'] },
    { id: '107', text: 'fixed version', at: at(6.5), editIds: ['106', '107'] },
    { id: '108', text: 'sin idioma', at: at(7), lang: 'und' },
  ];
}

describe.each(['2022', '2023'] as const)('a generated archive, %s naming', (naming) => {
  it('expands links, links mentions and hashtags, threads replies, finds media, keeps the newest edit', async () => {
    const dir = join(tmp, `gen-${naming}`);
    writeTwitterArchive(dir, tweets(), { naming, perPart: 4, likes: ['555', '556'],
      mediaFiles: { '102-AAA.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xd9]), '103-BBB.mp4': Buffer.from('mp4') } });
    const read = (await readWith(twitterReader, dir))!;
    expect(read.posts).toHaveLength(8); // 9 tweets, one an older version of an edited one
    const byId = new Map(read.posts.map((p) => [p.id.split('/').pop(), p]));
    const first = byId.get('100')!;
    expect(first.text).toBe('First & <best> tweet example.org/a?b=… #Hello');
    expect(first.html).toContain('<a href="https://example.org/a?b=1"');
    expect(first.html).toContain('&lt;best&gt;');
    expect(first.hashtags).toEqual(['hello']);
    expect(byId.get('101')!.inReplyTo).toBe(first.id);
    expect(byId.get('102')!.media[0]).toMatchObject({ path: `data/${naming === '2022' ? 'tweet' : 'tweets'}_media/102-AAA.jpg`, present: true,
      description: 'a cat', kind: 'image' });
    expect(byId.get('102')!.text).toBe('Photo time');
    // A video's file is named after its best mp4 variant.
    expect(byId.get('103')!.media[0]).toMatchObject({ kind: 'video', present: true, url: 'https://video.twimg.com/high/BBB.mp4?tag=12' });
    expect(byId.get('104')!.quote).toBe('https://twitter.com/i/web/status/999');
    expect(byId.get('105')).toMatchObject({ type: 'boost', boostOf: 'https://twitter.com/other' });
    expect(byId.has('106')).toBe(false);
    expect(byId.get('107')).toMatchObject({ text: 'fixed version', published: '2021-05-01T06:00:00Z', updated: '2021-05-01T06:30:00Z' });
    expect(byId.get('108')!.language).toBeNull();
    expect(read.likes).toEqual(['https://twitter.com/i/web/status/555', 'https://twitter.com/i/web/status/556']);
    expect(read.profile).toMatchObject({ username: 'sam', displayName: 'Sam on X', avatar: 'data/profile_media/42-avatar.jpg' });
    expect(read.profile.bio).toBe('<p>Bio &amp; more &lt;3</p>');
    expect(read.skippedCount).toBe(0);
  });
});

describe('the cache of an unpacked archive', () => {
  it('is read again when a later tweets part changes, not only the first', async () => {
    const { openArchive } = await import('../../../main/engine/open.js');
    const { writeFileSync } = await import('node:fs');
    const { tweetJson } = await import('../../fixtures/other-exports.js');
    const dir = join(tmp, 'cached');
    const cacheDir = join(tmp, 'cache');
    writeTwitterArchive(dir, tweets().slice(0, 4), { naming: '2023', perPart: 2 });
    const first = await openArchive(dir, { cacheDir });
    expect(first.info.summary.counts.items).toBe(4);
    await first.close();
    const again = await openArchive(dir, { cacheDir });
    expect(again.info.fromCache).toBe(true);
    await again.close();
    const more = [...tweets().slice(2, 4), { id: '200', text: 'added later', at: at(9) }].map(tweetJson);
    writeFileSync(join(dir, 'data', 'tweets-part1.js'), `window.YTD.tweets.part1 = ${JSON.stringify(more)}`);
    const changed = await openArchive(dir, { cacheDir });
    try {
      expect(changed.info.fromCache).toBe(false);
      expect(changed.info.summary.counts.items).toBe(5);
    } finally {
      await changed.close();
    }
  });
});
