// `outbox stats <archive…> [--json] [filters] [--utc | --time-zone ZONE] [--top N]`: the engine's Stats, as JSON or a table.
import { statsOver, type Stats, type StatsOptions } from '../engine/service/index.js';
import { FILTER_HELP, badRequest, filterFromFlags, filteredPosts, timeZone, type Flags, type PostSource, type UsageFault } from './command-flags.js';
import { libraryNotices, overLibrary } from './library-args.js';

export { STATS_OPTIONS } from './command-flags.js';

export const STATS_HELP = `Usage: outbox stats <archive…> [--json] [filters] [--utc | --time-zone ZONE] [--top N]

Counts over the posts that match the filters (all of them without): posts and boosts per month, posts per day,
hour × weekday activity, top hashtags, mentions, boosted servers and accounts, languages, visibility, media and
alt text, replies, content warnings, post length, posting streaks. Several archives are counted together.
  --json           print the Stats JSON (keys: see README "Stats")
  --utc            count days, months and hours in UTC (default: this computer's time zone)
  --time-zone Z    count them in the IANA time zone Z (e.g. Europe/Berlin)
  --top N          length of the top lists (default 20)

${FILTER_HELP}`;

export function statsOptions(flags: Flags, usage: UsageFault = badRequest): StatsOptions {
  const options: StatsOptions = {};
  if (flags.utc === true) options.utc = true;
  if (typeof flags['time-zone'] === 'string') options.timeZone = timeZone(flags['time-zone'], usage);
  if (typeof flags.top === 'string') {
    const n = Number(flags.top);
    if (!Number.isInteger(n) || n < 0 || n > 10_000) throw usage(`--top must be a whole number from 0 to 10000, not "${flags.top}"`);
    options.top = n;
  }
  return options;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const percent = (share: number | null) => (share === null ? '-' : `${(share * 100).toFixed(1)}%`);

function table(rows: Array<[string, string | number]>, indent = '  '): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`).join('\n');
}

/** The readable form: one section per figure. */
export function statsText(stats: Stats): string {
  const s: string[] = [];
  const section = (title: string, body: string) => s.push(`${title}\n${body || '  (none)'}`);
  section('Totals', table([['posts', stats.totals.posts], ['boosts', stats.totals.boosts], ['time zone', stats.timeZone]]));
  section('Per month (posts / boosts)', table(Object.entries(stats.perMonth).map(([m, c]) => [m, `${c.posts} / ${c.boosts}`])));
  const busiest = Object.entries(stats.perDay).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  section('Busiest days', table(busiest));
  const hours = stats.hourByWeekday.map((row, d) => [WEEKDAYS[d]!, row.map((n) => String(n).padStart(3)).join('')] as [string, string]);
  section('Hour of day × weekday (posts and boosts; hours 0…23)', table(hours));
  section('Top hashtags', table(stats.topHashtags.map((t) => [`#${t.tag}`, t.count])));
  section('Top mentions', table(stats.topMentions.map((t) => [t.account, t.count])));
  section('Top boosted servers', table(stats.topBoostedServers.map((t) => [t.server, t.count])));
  section('Top boosted accounts', table(stats.topBoostedAccounts.map((t) => [t.account, t.count])));
  section('Languages', table(Object.entries(stats.languages).sort((a, b) => b[1] - a[1])));
  section('Visibility', table(Object.entries(stats.visibility)));
  const m = stats.media;
  section('Media', table([...Object.entries(m.kinds), ['total', m.total], ['with alt text', `${m.withAlt} (${percent(m.altShare)})`], ['posts with media', m.posts]]));
  section('Replies', table([['replies', stats.replies.replies], ['to own posts', stats.replies.selfReplies], ['originals', stats.replies.originals]]));
  section('Content warnings', table([['posts', stats.contentWarnings.count], ['share', percent(stats.contentWarnings.share)]]));
  const longest = stats.length.longest;
  section('Length (characters)', table([['average', stats.length.average ?? '-'], ['longest', longest ? `${longest.chars}  ${longest.id}` : '-']]));
  const streak = (x: Stats["streak"]["longest"]) => (x ? `${x.days} day${x.days === 1 ? "" : "s"} (${x.from} … ${x.to})` : '-');
  section('Posting streaks', table([['longest', streak(stats.streak.longest)], ['latest', streak(stats.streak.latest)]]));
  return `${s.join('\n\n')}\n`;
}

/** Stats over an open archive or library (a post in two overlapping exports counts once), filtered by the flags. */
export function statsOf(source: PostSource, flags: Flags, usage: UsageFault = badRequest): Stats {
  const filter = filterFromFlags(flags, usage);
  // One archive (alone or as a library of one): unfiltered, its stored tally answers without reading a post.
  const one = 'archives' in source ? (source.archives.length === 1 ? source.archives[0]! : null) : source;
  return statsOver(one, filter, () => filteredPosts(source, filter), statsOptions(flags, usage));
}

/** Runs `outbox stats`: opens every path as one library, counts, prints; returns the exit code (0). */
export async function runStats(paths: string[], flags: Flags, options: { noCache: boolean; usage?: UsageFault }): Promise<number> {
  const usage = options.usage ?? badRequest;
  if (paths.length === 0) throw usage('missing <archive>');
  filterFromFlags(flags, usage); // bad flags fail before the read
  statsOptions(flags, usage);
  await overLibrary(paths, { noCache: options.noCache }, (library) => {
    const stats = statsOf(library, flags, usage);
    return [libraryNotices(library), flags.json ? `${JSON.stringify(stats, null, 2)}\n` : statsText(stats)] as const;
  }, ([notices, text]) => {
    process.stderr.write(notices);
    process.stdout.write(text);
  });
  return 0;
}
