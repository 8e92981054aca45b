// computeStats: every figure of `outbox stats` and the viewer's Stats view, in one pass over a set of posts.
import type { MediaKind, Post, Stats, Visibility } from '../../../preload/contract.js';
import { accountKey, mentionAccount, serverAndAccountOf } from './accounts.js';
import { streaks, type Streak } from './streak.js';
import { Tally, share, sortedRecord } from './tally.js';
import { systemTimeZone, zoneClock } from './zone-clock.js';

export type { Streak } from './streak.js';
export type { Stats } from '../../../preload/contract.js';

export interface StatsOptions {
  /** IANA time zone for every date, hour and weekday; default: the system's */
  timeZone?: string;
  /** true: compute in UTC (overrides timeZone) */
  utc?: boolean;
  /** length of each top list; default 20 */
  top?: number;
}


const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const codePoints = (text: string): number => text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);

/** "YYYY-MM" months from first to last inclusive. */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (;;) {
    const key = `${y}-${m < 10 ? '0' : ''}${m}`;
    out.push(key);
    if (key >= last) return out;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

/**
 * Everything of the stats that no time zone changes, over a set of posts: storable as JSON (the cache keeps the
 * archive's, so an unfiltered `outbox stats` reads no post). Tallies are [key, count] lists: their order does not
 * matter (top lists break ties by key, records sort their keys); `longest` is the first longest post.
 */
export interface StatsTally {
  posts: number;
  boosts: number;
  hashtags: Array<[string, number]>;
  mentions: Array<[string, number]>;
  boostedServers: Array<[string, number]>;
  boostedAccounts: Array<[string, number]>;
  languages: Array<[string, number]>;
  visibility: Record<Visibility, number>;
  kinds: Record<MediaKind, number>;
  media: { total: number; withAlt: number; posts: number };
  replies: { replies: number; originals: number; selfReplies: number };
  cw: number;
  chars: number;
  longest: { chars: number; id: string } | null;
}

/** Counts posts into a StatsTally, one post at a time (a cache writer adds them between its turns). */
export class StatsCounter {
  private readonly hashtags = new Tally();
  private readonly mentions = new Tally();
  private readonly boostedServers = new Tally();
  private readonly boostedAccounts = new Tally();
  private readonly languages = new Tally();
  private readonly t: Omit<StatsTally, 'hashtags' | 'mentions' | 'boostedServers' | 'boostedAccounts' | 'languages'> = {
    posts: 0, boosts: 0,
    visibility: { public: 0, unlisted: 0, private: 0, direct: 0 },
    kinds: { image: 0, video: 0, gifv: 0, audio: 0, unknown: 0 },
    media: { total: 0, withAlt: 0, posts: 0 },
    replies: { replies: 0, originals: 0, selfReplies: 0 },
    cw: 0, chars: 0, longest: null,
  };

  add(post: Post): void {
    const t = this.t;
    if (post.type === 'boost') {
      t.boosts++;
      const target = post.boostOf ?? post.boosted?.id ?? null;
      const { server, account } = target ? this.boostTargetOf(target) : { server: null, account: null };
      if (server) this.boostedServers.add(server);
      if (account) this.boostedAccounts.add(account);
      return;
    }
    t.posts++;
    // Most posts have no hashtag or mention, or one: no Set and no array for those.
    const tags = post.hashtags;
    if (tags.length === 1) this.hashtags.add(tags[0]!.toLowerCase());
    else if (tags.length > 1) for (const tag of new Set(tags.map((x) => x.toLowerCase()))) this.hashtags.add(tag);
    const mentions = post.mentions;
    if (mentions.length === 1) this.mentions.add(this.mentionOf(mentions[0]!));
    else if (mentions.length > 1) for (const account of new Set(mentions.map((m) => this.mentionOf(m)))) this.mentions.add(account);
    this.languages.add(post.language ?? 'und');
    t.visibility[post.visibility] = (t.visibility[post.visibility] ?? 0) + 1;
    if (post.media.length) t.media.posts++;
    for (const m of post.media) {
      t.media.total++;
      t.kinds[m.kind] = (t.kinds[m.kind] ?? 0) + 1;
      if (m.description && m.description.trim()) t.media.withAlt++;
    }
    if (post.inReplyTo) {
      t.replies.replies++;
      if (post.parentInArchive) t.replies.selfReplies++;
    } else {
      t.replies.originals++;
    }
    if (post.summary && post.summary.trim()) t.cw++;
    const length = codePoints(post.text);
    t.chars += length;
    if (!t.longest || length > t.longest.chars) t.longest = { chars: length, id: post.id };
  }

  /** mentionAccount, remembered per written name and URI: the same few accounts are mentioned again and again. */
  private readonly mentionAccounts = new Map<string, string>();

  private mentionOf(mention: { name: string; href: string }): string {
    const key = `${mention.name}\n${mention.href}`;
    let account = this.mentionAccounts.get(key);
    if (account === undefined) this.mentionAccounts.set(key, (account = mentionAccount(mention)));
    return account;
  }

  /** serverAndAccountOf, remembered per accountKey (a few thousand keys at most: a key per status is possible). */
  private readonly boostTargets = new Map<string, { server: string | null; account: string | null }>();

  private boostTargetOf(uri: string): { server: string | null; account: string | null } {
    const key = accountKey(uri);
    if (key === null) return serverAndAccountOf(uri);
    let got = this.boostTargets.get(key);
    if (!got) {
      if (this.boostTargets.size >= 4096) this.boostTargets.clear();
      this.boostTargets.set(key, (got = serverAndAccountOf(key)));
    }
    return got;
  }

  tally(): StatsTally {
    return {
      ...structuredClone(this.t),
      hashtags: this.hashtags.entries(), mentions: this.mentions.entries(),
      boostedServers: this.boostedServers.entries(), boostedAccounts: this.boostedAccounts.entries(),
      languages: this.languages.entries(),
    };
  }
}

/**
 * When each post was published (ms; NaN when unknown) and whether it is a boost, by position: columns, not a function
 * per post, so that the one loop over every post stays a tight loop (an index's published and flags columns as they are).
 */
export interface StatsTimes {
  count: number;
  published: ArrayLike<number>;
  /** post i is a boost when (flags[i] & boostFlag) !== 0 */
  flags: ArrayLike<number>;
  boostFlag: number;
}

/**
 * The stats of a filter over an archive: with no filter, from the archive's stored tally when it has one (no post
 * is read); otherwise counted over the posts that `posts` gives.
 */
export function statsOver(
  archive: { statsOfAll?(options?: StatsOptions): Stats | null } | null,
  filter: object,
  posts: () => Iterable<Post>,
  options: StatsOptions = {},
): Stats {
  const unfiltered = Object.values(filter).every((v) => v === undefined);
  return (unfiltered ? archive?.statsOfAll?.(options) : null) ?? computeStats(posts(), options);
}

/** Every figure over `posts` (any iterable: Archive.posts(filter) streams them). Pure: same posts, same stats. */
export function computeStats(posts: Iterable<Post>, options: StatsOptions = {}): Stats {
  const counter = new StatsCounter();
  const published: number[] = [];
  const flags: number[] = [];
  for (const post of posts) {
    counter.add(post);
    published.push(Date.parse(post.published));
    flags.push(post.type === 'boost' ? 1 : 0);
  }
  return statsFrom(counter.tally(), { count: published.length, published, flags, boostFlag: 1 }, options);
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "YYYY-MM" and "YYYY-MM-DD" of a day number on the local clock (days since 1970-01-01). */
function dayNames(dayNumber: number): { month: string; day: string } {
  const date = new Date(dayNumber * DAY_MS);
  const month = `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}`;
  return { month, day: `${month}-${pad2(date.getUTCDate())}` };
}

/**
 * Posts and boosts per local day number (days since 1970-01-01 on the zone's clock) and the hour × weekday grid: the
 * one loop over every post, kept small and apart so that V8 optimizes it at once (inside statsFrom it ran in the
 * interpreter for most of a warm `outbox stats`). Numbers only: days are named once each afterwards.
 */
function countByLocalDay(times: StatsTimes, clock: ReturnType<typeof zoneClock>) {
  const { count, published, flags, boostFlag } = times;
  const utc = clock.timeZone === 'UTC';
  const perDay = new Map<number, { posts: number; boosts: number }>();
  const hourByWeekday = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let undated = 0;
  for (let i = 0; i < count; i++) {
    const ms = published[i]!;
    if (!Number.isFinite(ms)) {
      undated++;
      continue;
    }
    const local = utc ? ms : clock.local(ms);
    const dayNumber = Math.floor(local / DAY_MS);
    let day = perDay.get(dayNumber);
    if (!day) perDay.set(dayNumber, (day = { posts: 0, boosts: 0 }));
    if ((flags[i]! & boostFlag) !== 0) day.boosts++;
    else day.posts++;
    // 1970-01-01 was a Thursday: weekday 3 with Monday as 0.
    hourByWeekday[(((dayNumber + 3) % 7) + 7) % 7]![Math.floor((local - dayNumber * DAY_MS) / HOUR_MS)]!++;
  }
  return { perDay, hourByWeekday, undated };
}

/** The figures from a tally and the posts' times (an index's published and flags columns will do). */
export function statsFrom(tally: StatsTally, times: StatsTimes, options: StatsOptions = {}): Stats {
  const clock = zoneClock(options.utc ? 'UTC' : (options.timeZone ?? systemTimeZone()));
  const top = Math.max(0, Math.floor(options.top ?? 20));

  const totals = { posts: tally.posts, boosts: tally.boosts, undated: 0 };
  const months = new Map<string, { posts: number; boosts: number }>();
  const days = new Map<string, number>();
  const { perDay, hourByWeekday, undated } = countByLocalDay(times, clock);
  totals.undated = undated;
  for (const [dayNumber, count] of [...perDay].sort((a, b) => a[0] - b[0])) {
    const at = dayNames(dayNumber);
    let month = months.get(at.month);
    if (!month) months.set(at.month, (month = { posts: 0, boosts: 0 }));
    month.posts += count.posts;
    month.boosts += count.boosts;
    if (count.posts > 0) days.set(at.day, count.posts);
  }

  const monthKeys = [...months.keys()].sort();
  const perMonth: Stats['perMonth'] = {};
  if (monthKeys.length) {
    for (const key of monthsBetween(monthKeys[0]!, monthKeys[monthKeys.length - 1]!)) perMonth[key] = months.get(key) ?? { posts: 0, boosts: 0 };
  }
  const list = (entries: Array<[string, number]>) => Tally.of(entries).top(top);
  const { media } = tally;

  return {
    timeZone: clock.timeZone,
    totals,
    perMonth,
    perDay: sortedRecord(days),
    hourByWeekday,
    topHashtags: list(tally.hashtags).map(([tag, count]) => ({ tag, count })),
    topMentions: list(tally.mentions).map(([account, count]) => ({ account, count })),
    topBoostedServers: list(tally.boostedServers).map(([server, count]) => ({ server, count })),
    topBoostedAccounts: list(tally.boostedAccounts).map(([account, count]) => ({ account, count })),
    languages: Tally.of(tally.languages).record(),
    visibility: { ...tally.visibility },
    media: { kinds: { ...tally.kinds }, total: media.total, withAlt: media.withAlt, altShare: share(media.withAlt, media.total), posts: media.posts },
    replies: { ...tally.replies },
    contentWarnings: { count: tally.cw, share: share(tally.cw, totals.posts) },
    length: { average: totals.posts ? Math.round((tally.chars / totals.posts) * 10) / 10 : null, longest: tally.longest && { ...tally.longest } },
    streak: streaks(days.keys()),
  };
}
