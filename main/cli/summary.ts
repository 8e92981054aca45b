// `outbox summary`: the Summary as JSON (fixed keys) or as a few readable lines.
import type { ArchiveInfo, Summary } from '../../preload/contract.js';
import { accountText } from '../engine/service/index.js';

const top = (counts: Record<string, number>, n: number, prefix = ''): string => {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return 'none';
  const shown = entries.slice(0, n).map(([k, v]) => `${prefix}${k} ${v}`).join(' · ');
  return entries.length > n ? `${shown} · … (${entries.length} in all)` : shown;
};

export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/** How `outbox summary` names each kind of export. */
const SOURCE_NAMES: Record<NonNullable<Summary['source']>, string> = {
  mastodon: 'Mastodon', pleroma: 'Pleroma/Akkoma', misskey: 'Misskey notes', twitter: 'X/Twitter', bluesky: 'Bluesky', pixelfed: 'Pixelfed',
};

export function summaryText(info: ArchiveInfo, s: Summary): string {
  const c = s.counts;
  const lines: Array<[string, string]> = [
    ['Archive', `${info.name} (${s.format}${s.source ? `, ${SOURCE_NAMES[s.source]}` : ''})`],
    ['Account', accountText(info, s.profile)],
  ];
  if (s.profile.movedTo) lines.push(['Moved to', s.profile.movedTo]);
  if (s.profile.alsoKnownAs.length) lines.push(['Also', s.profile.alsoKnownAs.join(', ')]);
  lines.push(
    ['Items', `${c.items}: ${c.posts} posts, ${c.boosts} boosts`],
    ['Replies', `${c.replies} (${c.selfReplies} to own posts)`],
    ['Posts with', `media ${c.withMedia} · polls ${c.polls} · content warnings ${c.cw} · edits ${c.edited} · quotes ${c.quotes}`],
    ['Media', `${s.media.referenced} referenced, ${s.media.present} in the archive, ${s.media.missing} missing`],
    ['Visibility', top(s.visibility, 4)],
    ['Languages', top(s.languages, 8)],
    ['Hashtags', top(s.hashtags, 10, '#')],
    ['Dates', s.dates.first ? `${s.dates.first.slice(0, 10)} → ${(s.dates.last ?? s.dates.first).slice(0, 10)}` : 'none'],
    ['Likes', String(c.likes)],
    ['Bookmarks', String(c.bookmarks)],
  );
  if (c.skipped > 0) {
    const first = s.skippedItems[0];
    lines.push(['Skipped', `${c.skipped} items${first ? ` (item ${first.index}: ${first.reason})` : ''}`]);
  }
  for (const warning of info.warnings) lines.push(['Note', warning]);
  const width = Math.max(...lines.map(([k]) => k.length)) + 2;
  return lines.map(([k, v]) => `${k.padEnd(width)}${v}\n`).join('');
}
