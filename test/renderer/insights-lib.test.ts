// The Stats/People/Export helpers of the renderer that need no DOM: section hashes, CLI commands, record counting,
// people rows.
import { describe, expect, it } from 'vitest';
import type { RelationshipsInfo } from '../../preload/contract.js';
import { RecordCounter, attachmentName } from '../../renderer/lib/download.js';
import { exportCommand, shellQuote, unquotableFilters } from '../../renderer/lib/export-command.js';
import { peopleRows } from '../../renderer/lib/people-rows.js';
import { formatSection, parseSection } from '../../renderer/lib/sections.js';

describe('sections', () => {
  it('round-trips Stats and People hashes with the filter and the merged flag', () => {
    const hash = '#/stats?tag=birds&from=2023-01&order=oldest&q=sea+gull&all=1';
    const place = parseSection(hash);
    expect(place).toMatchObject({ section: 'stats', merged: true, route: { view: 'timeline', order: 'oldest' } });
    expect(place.route.filter).toEqual({ hashtag: 'birds', from: '2023-01', q: 'sea gull' });
    expect(parseSection(formatSection(place.section, place.route, place.merged))).toEqual(place);
    expect(formatSection('people', { view: 'timeline', filter: {}, order: 'newest' })).toBe('#/people');
    expect(formatSection('timeline', { view: 'timeline', filter: { from: '2024-03', to: '2024-03' }, order: 'newest' })).toBe('#/?from=2024-03&to=2024-03');
    expect(parseSection('#/thread?id=x').section).toBe('thread');
  });
});

describe('the export command', () => {
  it('quotes the same way for sh, cmd.exe and PowerShell, and names every filter as `outbox export` flags', () => {
    expect(shellQuote('my archive.zip')).toBe('"my archive.zip"');
    expect(shellQuote("it's a \"test\" $HOME")).toBeNull();
    expect(shellQuote('a&calc&')).toBeNull();
    expect(shellQuote('50%')).toBeNull();
    expect(exportCommand(['my archive.zip'], 'html', { q: 'rain', kinds: ['post', 'reply'], visibility: ['public'], hasMedia: true, noAlt: true, mention: '@a@b.example' }, true))
      .toBe('outbox export "my archive.zip" --format html --query rain --kinds post,reply --visibility public --mention @a@b.example --has-media --no-alt --include-private --out outbox-html');
  });

  it('leaves out a filter value from archive data that a shell would run, and says so', () => {
    const filter = { hashtag: 'a&calc&', mention: 'https://x.example/?a&calc&', q: 'rain' };
    const command = exportCommand(['a.zip'], 'csv', filter, false);
    expect(command).toBe('outbox export a.zip --format csv --query rain --out posts.csv');
    expect(command).not.toContain('calc');
    expect(unquotableFilters(filter)).toEqual(['--hashtag', '--mention']);
    expect(exportCommand(['a.zip'], 'csv', {}, true)).toBe('outbox export a.zip --format csv --out posts.csv');
  });
});

describe('RecordCounter', () => {
  it('counts CSV records, not line breaks inside quoted fields, across chunk borders', () => {
    const c = new RecordCounter(true);
    for (const chunk of ['id,text\r\n1,"two\nlines"\r\n2,pl', 'ain\r\n3,"a ""quoted', '"" word\n"\r\n']) c.add(chunk);
    expect(c.records).toBe(3);
    const j = new RecordCounter(false);
    j.add('{"a":"x\\ny"}\n{"b":1}\n');
    expect(j.records).toBe(2);
    expect(attachmentName('attachment; filename="stats.csv"', 'x')).toBe('stats.csv');
    expect(attachmentName(null, 'x')).toBe('x');
  });
});

describe('peopleRows', () => {
  const info = {
    following: [{ acct: 'Kit@else.example', showBoosts: false, notify: true, languages: ['de'] }, { acct: 'ana@other.example', showBoosts: true, notify: false, languages: [] }],
    followers: [], lists: { Garden: ['kit@else.example', 'bo@far.example'], Work: ['ana@other.example'] }, blocks: [], mutes: [], domainBlocks: ['spam.example'],
    bookmarks: ['https://other.example/users/ana/statuses/1'], problems: [], inArchive: { 'Kit@else.example': 3 }, files: [], notes: [],
    byServer: { following: {}, followers: {}, lists: {}, blocks: {}, mutes: {}, domainBlocks: {}, bookmarks: {} },
  } satisfies RelationshipsInfo;

  it('searches, sorts and groups lists, with the posts that talk about each account', () => {
    expect(peopleRows(info, 'following', '', 'name').map((r) => [r.name, r.detail, r.posts])).toEqual([
      ['ana@other.example', undefined, undefined], ['Kit@else.example', 'boosts hidden · notifies · de', 3],
    ]);
    expect(peopleRows(info, 'following', '', 'posts')[0]!.name).toBe('Kit@else.example');
    expect(peopleRows(info, 'following', '@OTHER', 'name').map((r) => r.name)).toEqual(['ana@other.example']);
    expect(peopleRows(info, 'lists', 'far', 'name').map((r) => r.group ?? r.name)).toEqual(['Garden (1)', 'bo@far.example']);
    expect(peopleRows(info, 'lists', 'work', 'name').map((r) => r.group ?? r.name)).toEqual(['Work (1)', 'ana@other.example']);
    expect(peopleRows(info, 'bookmarks', '', 'server')[0]).toMatchObject({ server: 'other.example', href: 'https://other.example/users/ana/statuses/1' });
  });
});
