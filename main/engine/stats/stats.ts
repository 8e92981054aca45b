// computeStats: every figure of `outbox stats` and the viewer's Stats view, in one pass over a set of posts.
import type { MediaKind, Post, Visibility } from '../../../preload/contract.js';
import { accountOf, mentionAccount, serverOf } from './accounts.js';
import { streaks, type Streak } from './streak.js';
import { Tally, share, sortedRecord } from './tally.js';
import { systemTimeZone, zoneClock } from './zone-clock.js';

export type { Streak } from './streak.js';

export interface StatsOptions {
  /** IANA time zone for every date, hour and weekday; default: the system's */
  timeZone?: string;
  /** true: compute in UTC (overrides timeZone) */
  utc?: boolean;
  /** length of each top list; default 20 */
  top?: number;
}

/**
 * The JSON of `outbox stats --json` (README "Stats" is written from these comments). "posts" are own statuses,
 * replies included; "boosts" are Announce items. A figure about content (hashtags, mentions, languages,
 * visibility, media, replies, content warnings, length, streaks) counts posts only: a boost has no content of
 * its own. Every date key is a local date in `timeZone`.
 */
export interface Stats {
  /** the IANA time zone of every month, day, hour and weekday below ("UTC" with --utc) */
  timeZone: string;
  /** posts and boosts counted; `undated` ones (no readable date) are in totals but in no time figure */
  totals: { posts: number; boosts: number; undated: number };
  /** "YYYY-MM" → exact counts; every month from the first to the last one with an item, empty months as 0 */
  perMonth: Record<string, { posts: number; boosts: number }>;
  /** "YYYY-MM-DD" → posts that day (the calendar heatmap); only days with posts appear */
  perDay: Record<string, number>;
  /** [weekday][hour]: posts and boosts; weekday 0 = Monday … 6 = Sunday, hour 0..23 */
  hourByWeekday: number[][];
  /** hashtags (lower-case, without '#'), by number of posts using them */
  topHashtags: Array<{ tag: string; count: number }>;
  /** mentioned accounts as "@name@host", by number of posts mentioning them */
  topMentions: Array<{ account: string; count: number }>;
  /** hosts of boosted statuses, by number of boosts */
  topBoostedServers: Array<{ server: string; count: number }>;
  /**
   * accounts of boosted statuses, derived from the boosted status URI's path (accountOf in accounts.ts):
   * `/users/<name>/statuses/<id>` and `/@<name>/<id>` → "@name@host"; numeric ids → the actor URI;
   * URIs that name no account (`/objects/<uuid>`) are counted in topBoostedServers only
   */
  topBoostedAccounts: Array<{ account: string; count: number }>;
  /** BCP-47 language → posts; posts without a language count as "und" */
  languages: Record<string, number>;
  /** posts by visibility ("private" is followers-only) */
  visibility: Record<Visibility, number>;
  /**
   * attachments of posts: by kind, total, how many have alt text, withAlt / total (null without media),
   * and how many posts have at least one attachment
   */
  media: { kinds: Record<MediaKind, number>; total: number; withAlt: number; altShare: number | null; posts: number };
  /** replies (to anyone), originals (not replies), selfReplies (replies to a post in this archive) */
  replies: { replies: number; originals: number; selfReplies: number };
  /** posts with a content warning, and their share of posts (null without posts) */
  contentWarnings: { count: number; share: number | null };
  /** post length in characters (Unicode code points of the plain text, content warning excluded) */
  length: { average: number | null; longest: { chars: number; id: string } | null };
  /** runs of consecutive local days with posts: the longest (earliest on a tie) and the one ending on the last day with a post */
  streak: { longest: Streak | null; latest: Streak | null };
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

/** Every figure over `posts` (any iterable: Archive.posts(filter) streams them). Pure: same posts, same stats. */
export function computeStats(posts: Iterable<Post>, options: StatsOptions = {}): Stats {
  const clock = zoneClock(options.utc ? 'UTC' : (options.timeZone ?? systemTimeZone()));
  const top = Math.max(0, Math.floor(options.top ?? 20));

  const totals = { posts: 0, boosts: 0, undated: 0 };
  const months = new Map<string, { posts: number; boosts: number }>();
  const days = new Map<string, number>();
  const hourByWeekday = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const hashtags = new Tally();
  const mentions = new Tally();
  const boostedServers = new Tally();
  const boostedAccounts = new Tally();
  const languages = new Tally();
  const visibility: Record<Visibility, number> = { public: 0, unlisted: 0, private: 0, direct: 0 };
  const kinds: Record<MediaKind, number> = { image: 0, video: 0, gifv: 0, audio: 0, unknown: 0 };
  const media = { total: 0, withAlt: 0, posts: 0 };
  const replies = { replies: 0, originals: 0, selfReplies: 0 };
  let cw = 0;
  let chars = 0;
  let longest: { chars: number; id: string } | null = null;

  for (const post of posts) {
    const boost = post.type === 'boost';
    if (boost) totals.boosts++;
    else totals.posts++;

    const ms = Date.parse(post.published);
    if (Number.isFinite(ms)) {
      const at = clock.at(ms);
      let month = months.get(at.month);
      if (!month) months.set(at.month, (month = { posts: 0, boosts: 0 }));
      if (boost) month.boosts++;
      else {
        month.posts++;
        days.set(at.day, (days.get(at.day) ?? 0) + 1);
      }
      hourByWeekday[at.weekday]![at.hour]!++;
    } else {
      totals.undated++;
    }

    if (boost) {
      const target = post.boostOf ?? post.boosted?.id ?? null;
      const server = target ? serverOf(target) : null;
      if (server) boostedServers.add(server);
      const account = target ? accountOf(target) : null;
      if (account) boostedAccounts.add(account);
      continue;
    }

    for (const tag of new Set(post.hashtags.map((t) => t.toLowerCase()))) hashtags.add(tag);
    for (const account of new Set(post.mentions.map(mentionAccount))) mentions.add(account);
    languages.add(post.language ?? 'und');
    visibility[post.visibility] = (visibility[post.visibility] ?? 0) + 1;
    if (post.media.length) media.posts++;
    for (const m of post.media) {
      media.total++;
      kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
      if (m.description && m.description.trim()) media.withAlt++;
    }
    if (post.inReplyTo) {
      replies.replies++;
      if (post.parentInArchive) replies.selfReplies++;
    } else {
      replies.originals++;
    }
    if (post.summary && post.summary.trim()) cw++;
    const length = codePoints(post.text);
    chars += length;
    if (!longest || length > longest.chars) longest = { chars: length, id: post.id };
  }

  const monthKeys = [...months.keys()].sort();
  const perMonth: Stats['perMonth'] = {};
  if (monthKeys.length) {
    for (const key of monthsBetween(monthKeys[0]!, monthKeys[monthKeys.length - 1]!)) perMonth[key] = months.get(key) ?? { posts: 0, boosts: 0 };
  }

  return {
    timeZone: clock.timeZone,
    totals,
    perMonth,
    perDay: sortedRecord(days),
    hourByWeekday,
    topHashtags: hashtags.top(top).map(([tag, count]) => ({ tag, count })),
    topMentions: mentions.top(top).map(([account, count]) => ({ account, count })),
    topBoostedServers: boostedServers.top(top).map(([server, count]) => ({ server, count })),
    topBoostedAccounts: boostedAccounts.top(top).map(([account, count]) => ({ account, count })),
    languages: languages.record(),
    visibility,
    media: { kinds, total: media.total, withAlt: media.withAlt, altShare: share(media.withAlt, media.total), posts: media.posts },
    replies,
    contentWarnings: { count: cw, share: share(cw, totals.posts) },
    length: { average: totals.posts ? Math.round((chars / totals.posts) * 10) / 10 : null, longest },
    streak: streaks(days.keys()),
  };
}
