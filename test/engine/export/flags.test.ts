// The CLI's shared filter flags → PostFilter, the stats flags, and the lines `stats` and `export` print.
import { describe, expect, it } from 'vitest';
import { exportReport } from '../../../main/cli/export-formats.js';
import { filterFromFlags } from '../../../main/cli/command-flags.js';
import { statsOptions, statsText } from '../../../main/cli/stats-command.js';
import { ArchiveError } from '../../../main/engine/errors.js';
import { computeStats } from '../../../main/engine/stats/stats.js';
import { makePost } from '../../fixtures/make-post.js';

class Usage extends Error {}
const usage = (message: string) => new Usage(message);

describe('filterFromFlags', () => {
  it('maps every filter flag onto PostFilter', () => {
    expect(filterFromFlags({
      query: ' cats has:media ', from: '2023', to: '2023-06-30', kinds: 'posts,reply', visibility: 'public,followers,direct', lang: 'de',
      hashtag: '#Photography', mention: '@bob@b.example', 'has-media': true, 'has-poll': true, 'has-cw': true, edited: true, 'no-alt': true,
    }, usage)).toEqual({
      q: 'cats has:media', from: '2023', to: '2023-06-30', kinds: ['post', 'reply'], visibility: ['public', 'private', 'direct'], language: 'de',
      hashtag: 'photography', mention: '@bob@b.example', hasMedia: true, hasPoll: true, hasCw: true, edited: true, noAlt: true,
    });
    expect(filterFromFlags({}, usage)).toEqual({});
    expect(filterFromFlags({ json: true, out: 'x', 'has-media': false }, usage)).toEqual({});
  });

  it('refuses bad values through the caller\'s usage error, or an ArchiveError by default', () => {
    expect(() => filterFromFlags({ kinds: 'post,toot' }, usage)).toThrow(new Usage('--kinds takes post, reply and boost, not "toot"'));
    expect(() => filterFromFlags({ visibility: 'secret' }, usage)).toThrow(Usage);
    expect(() => filterFromFlags({ from: '2023-13' }, usage)).toThrow(/--from "2023-13" is not a date/);
    expect(() => filterFromFlags({ kinds: ',' }, usage)).toThrow(/needs at least one value/);
    expect(() => filterFromFlags({ to: 'yesterday' })).toThrow(ArchiveError);
  });
});

describe('stats flags and text', () => {
  it('reads --utc, --time-zone and --top, refusing unknown zones and bad numbers', () => {
    expect(statsOptions({ utc: true, top: '5' }, usage)).toEqual({ utc: true, top: 5 });
    expect(statsOptions({ 'time-zone': 'Europe/Berlin' }, usage)).toEqual({ timeZone: 'Europe/Berlin' });
    expect(() => statsOptions({ 'time-zone': 'Mars/Olympus' }, usage)).toThrow(Usage);
    expect(() => statsOptions({ top: '-1' }, usage)).toThrow(Usage);
    expect(() => statsOptions({ top: 'ten' }, usage)).toThrow(Usage);
  });

  it('prints every figure as a readable section', () => {
    const stats = computeStats([
      makePost(1, { published: '2024-01-01T09:00:00Z', hashtags: ['cats'] }),
      makePost(2, { published: '2024-01-02T09:00:00Z', type: 'boost', boostOf: 'https://b.example/users/bob/statuses/1' }),
    ], { utc: true });
    const text = statsText(stats);
    for (const title of ['Totals', 'Per month', 'Busiest days', 'Hour of day', 'Top hashtags', 'Top mentions', 'Top boosted servers', 'Top boosted accounts', 'Languages', 'Visibility', 'Media', 'Replies', 'Content warnings', 'Length', 'Posting streaks']) {
      expect(text).toContain(`${title}`);
    }
    expect(text).toMatch(/2024-01 {2}1 \/ 1/);
    expect(text).toMatch(/#cats {2}1/);
    expect(text).toMatch(/@bob@b\.example {2}1/);
    expect(text).toMatch(/Mon {4}0 {2}0 {2}0 {2}0 {2}0 {2}0 {2}0 {2}0 {2}0 {2}1/);
    expect(text).toContain('1 day (2024-01-01 … 2024-01-01)');
  });

  it('reports an export in one line', () => {
    expect(exportReport({ posts: 1, months: 1, media: 0, mediaMissing: 2, leftOut: { private: 3, direct: 0 } }, '/out'))
      .toBe('Wrote 1 post in 1 month and 0 media files to /out; left out 3 followers-only and 0 direct (--include-private includes them); 2 media not in the archive\n');
  });
});
