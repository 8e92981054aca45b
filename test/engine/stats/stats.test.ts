// computeStats over constructed posts with known counts: months, days, hours (UTC and New York across DST), tops, streaks.
import { describe, expect, it } from 'vitest';
import { computeStats } from '../../../main/engine/stats/stats.js';
import { accountOf, mentionAccount } from '../../../main/engine/stats/accounts.js';
import { makeMedia, makePost } from '../../fixtures/make-post.js';

let seq = 0;
const at = (published: string, over: Parameters<typeof makePost>[1] = {}) => makePost(seq++, { published, ...over });
const boost = (published: string, boostOf: string) => at(published, { type: 'boost', boostOf, text: '', html: '', language: null });

describe('computeStats: time figures', () => {
  it('counts posts and boosts per month, posts per day and hour × weekday in UTC, with empty months filled', () => {
    const posts = [
      at('2024-01-01T00:30:00Z'), // Monday 00h
      at('2024-01-01T23:59:59Z'), // Monday 23h
      boost('2024-01-02T10:00:00Z', 'https://a.example/users/bob/statuses/1'), // Tuesday 10h
      at('2024-03-31T23:00:00Z'), // Sunday 23h
      boost('2024-03-15T12:00:00Z', 'https://a.example/users/bob/statuses/2'),
    ];
    const stats = computeStats(posts, { utc: true });
    expect(stats.timeZone).toBe('UTC');
    expect(stats.totals).toEqual({ posts: 3, boosts: 2, undated: 0 });
    expect(stats.perMonth).toEqual({
      '2024-01': { posts: 2, boosts: 1 }, '2024-02': { posts: 0, boosts: 0 }, '2024-03': { posts: 1, boosts: 1 },
    });
    expect(stats.perDay).toEqual({ '2024-01-01': 2, '2024-03-31': 1 });
    expect(stats.hourByWeekday).toHaveLength(7);
    expect(stats.hourByWeekday.every((row) => row.length === 24)).toBe(true);
    expect(stats.hourByWeekday[0]![0]).toBe(1);
    expect(stats.hourByWeekday[0]![23]).toBe(1);
    expect(stats.hourByWeekday[1]![10]).toBe(1);
    expect(stats.hourByWeekday[6]![23]).toBe(1);
    expect(stats.hourByWeekday[4]![12]).toBe(1); // 2024-03-15 is a Friday
    expect(stats.hourByWeekday.flat().reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('uses local dates and hours in America/New_York, on both sides of the spring and autumn DST changes', () => {
    const posts = [
      at('2024-03-10T04:59:00Z'), // Sat 2024-03-09 23:59 EST
      at('2024-03-10T06:30:00Z'), // Sun 01:30 EST
      at('2024-03-10T07:30:00Z'), // Sun 03:30 EDT (02:xx does not exist that day)
      at('2024-04-01T03:00:00Z'), // Sun 2024-03-31 23:00 EDT: still March in New York
      at('2024-11-03T05:30:00Z'), // Sun 01:30 EDT
      at('2024-11-03T06:30:00Z'), // Sun 01:30 EST (the hour repeats)
      at('2024-11-03T12:00:00Z'), // Sun 07:00 EST
    ];
    const ny = computeStats(posts, { timeZone: 'America/New_York' });
    expect(ny.timeZone).toBe('America/New_York');
    expect(ny.perDay).toEqual({ '2024-03-09': 1, '2024-03-10': 2, '2024-03-31': 1, '2024-11-03': 3 });
    expect(ny.perMonth['2024-03']).toEqual({ posts: 4, boosts: 0 });
    expect(ny.perMonth['2024-04']).toEqual({ posts: 0, boosts: 0 });
    expect(ny.perMonth['2024-11']).toEqual({ posts: 3, boosts: 0 });
    expect(ny.hourByWeekday[5]![23]).toBe(1);
    expect(ny.hourByWeekday[6]![1]).toBe(3);
    expect(ny.hourByWeekday[6]![3]).toBe(1);
    expect(ny.hourByWeekday[6]![2]).toBe(0);
    expect(ny.hourByWeekday[6]![7]).toBe(1);
    expect(ny.hourByWeekday[6]![23]).toBe(1);

    const utc = computeStats(posts, { timeZone: 'America/New_York', utc: true });
    expect(utc.timeZone).toBe('UTC');
    expect(utc.perMonth['2024-04']).toEqual({ posts: 1, boosts: 0 });
    expect(utc.perDay['2024-03-10']).toBe(3);
  });

  it('puts Tokyo evenings on the next day in UTC terms and the same day locally', () => {
    const posts = [at('2023-12-31T16:00:00Z')]; // 2024-01-01 01:00 in Tokyo, a Monday
    expect(computeStats(posts, { timeZone: 'Asia/Tokyo' }).perMonth).toEqual({ '2024-01': { posts: 1, boosts: 0 } });
    expect(computeStats(posts, { timeZone: 'Asia/Tokyo' }).hourByWeekday[0]![1]).toBe(1);
    expect(computeStats(posts, { utc: true }).perMonth).toEqual({ '2023-12': { posts: 1, boosts: 0 } });
  });

  it('refuses an unknown time zone with a message naming it', () => {
    expect(() => computeStats([], { timeZone: 'Mars/Olympus' })).toThrow(/Mars\/Olympus/);
  });

  it('keeps undated posts in totals only', () => {
    const stats = computeStats([at('not a date'), at('2024-05-05T05:05:05Z')], { utc: true });
    expect(stats.totals).toEqual({ posts: 2, boosts: 0, undated: 1 });
    expect(stats.perMonth).toEqual({ '2024-05': { posts: 1, boosts: 0 } });
  });

  it('finds the longest and the latest posting streak in local days', () => {
    const days = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-05', '2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-10', '2024-03-11'];
    const posts = days.flatMap((d, i) => [at(`${d}T12:00:00Z`), ...(i % 2 ? [at(`${d}T13:00:00Z`)] : [])]);
    posts.push(boost('2024-03-12T12:00:00Z', 'https://a.example/users/x/statuses/1')); // boosts do not extend a streak
    const stats = computeStats(posts, { utc: true });
    expect(stats.streak.longest).toEqual({ days: 4, from: '2024-02-27', to: '2024-03-01' });
    expect(stats.streak.latest).toEqual({ days: 2, from: '2024-03-10', to: '2024-03-11' });
    expect(computeStats([], { utc: true }).streak).toEqual({ longest: null, latest: null });
  });
});

describe('computeStats: content figures', () => {
  it('ranks hashtags, mentions, boosted servers and accounts, with ties in key order and the top limit', () => {
    const posts = [
      at('2024-01-01T00:00:00Z', { hashtags: ['cats', 'Art'], mentions: [{ name: '@bob@b.example', href: 'https://b.example/users/bob' }] }),
      at('2024-01-02T00:00:00Z', { hashtags: ['art', 'art'], mentions: [{ name: '@ann', href: 'https://example.social/users/ann' }] }),
      at('2024-01-03T00:00:00Z', { hashtags: ['dogs'], mentions: [{ name: '@Bob@b.example', href: 'https://b.example/users/bob' }] }),
      boost('2024-01-04T00:00:00Z', 'https://b.example/users/bob/statuses/9'),
      boost('2024-01-05T00:00:00Z', 'https://b.example/@carol/10'),
      boost('2024-01-06T00:00:00Z', 'https://c.example/objects/5f1c2b8e'),
      boost('2024-01-07T00:00:00Z', 'https://d.example/ap/users/1234/statuses/5'),
      boost('2024-01-08T00:00:00Z', 'https://b.example/users/bob/statuses/11'),
    ];
    const stats = computeStats(posts, { utc: true, top: 2 });
    expect(stats.topHashtags).toEqual([{ tag: 'art', count: 2 }, { tag: 'cats', count: 1 }]);
    expect(stats.topMentions).toEqual([{ account: '@bob@b.example', count: 2 }, { account: '@ann@example.social', count: 1 }]);
    expect(stats.topBoostedServers).toEqual([{ server: 'b.example', count: 3 }, { server: 'c.example', count: 1 }]);
    expect(stats.topBoostedAccounts).toEqual([{ account: '@bob@b.example', count: 2 }, { account: '@carol@b.example', count: 1 }]);
    const all = computeStats(posts, { utc: true });
    expect(all.topBoostedAccounts).toContainEqual({ account: 'https://d.example/ap/users/1234', count: 1 });
    expect(all.topBoostedAccounts.map((a) => a.account)).not.toContain(null);
    expect(all.topBoostedServers.reduce((n, s) => n + s.count, 0)).toBe(5);
  });

  it('derives accounts from URI shapes', () => {
    expect(accountOf('https://mas.to/users/Ann/statuses/1')).toBe('@Ann@mas.to');
    expect(accountOf('https://mas.to/@ann/1')).toBe('@ann@mas.to');
    expect(accountOf('https://pix.example/p/ann/123')).toBe('@ann@pix.example');
    expect(accountOf('https://pl.example/objects/abc')).toBeNull();
    expect(accountOf('not a url')).toBeNull();
    expect(accountOf('https://mk.example/users/9abc0def/')).toBe('@9abc0def@mk.example');
    expect(mentionAccount({ name: '@ann', href: 'https://mas.to/users/ann' })).toBe('@ann@mas.to');
    expect(mentionAccount({ name: 'zed', href: 'https://x.example/objects/1' })).toBe('@zed@x.example');
  });

  it('counts languages, visibility, media and alt text, replies, content warnings and length', () => {
    const posts = [
      at('2024-01-01T00:00:00Z', { language: 'de', visibility: 'unlisted', text: 'abc', media: [makeMedia(), makeMedia({ kind: 'video', description: null })] }),
      at('2024-01-02T00:00:00Z', { language: null, visibility: 'direct', text: '😀😀', summary: 'spoilers', inReplyTo: 'https://b.example/users/bob/statuses/1' }),
      at('2024-01-03T00:00:00Z', { visibility: 'private', text: 'longest text here', inReplyTo: 'https://example.social/users/ann/statuses/0', parentInArchive: true, media: [makeMedia({ kind: 'gifv', description: '  ' })] }),
      at('2024-01-04T00:00:00Z', { text: '' }),
      boost('2024-01-05T00:00:00Z', 'https://b.example/users/bob/statuses/2'),
    ];
    const stats = computeStats(posts, { utc: true });
    expect(stats.languages).toEqual({ de: 1, en: 2, und: 1 });
    expect(stats.visibility).toEqual({ public: 1, unlisted: 1, private: 1, direct: 1 });
    expect(stats.media).toEqual({ kinds: { image: 1, video: 1, gifv: 1, audio: 0, unknown: 0 }, total: 3, withAlt: 1, altShare: 0.3333, posts: 2 });
    expect(stats.replies).toEqual({ replies: 2, originals: 2, selfReplies: 1 });
    expect(stats.contentWarnings).toEqual({ count: 1, share: 0.25 });
    expect(stats.length.longest).toEqual({ chars: 17, id: posts[2]!.id });
    expect(stats.length.average).toBe(5.5); // (3 + 2 + 17 + 0) / 4: emoji count once each
    const empty = computeStats([], { utc: true });
    expect(empty.media.altShare).toBeNull();
    expect(empty.contentWarnings.share).toBeNull();
    expect(empty.length).toEqual({ average: null, longest: null });
    expect(empty.perMonth).toEqual({});
  });
});
