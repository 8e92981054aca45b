// computeStats: every figure of `outbox stats` and the viewer's Stats view, in one pass over a set of posts.
import type { MediaKind, Post, Stats, Visibility } from '../../../preload/contract.js';
import { accountOf, mentionAccount, serverOf } from './accounts.js';
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
