// X/Twitter: long tweets' full text from note-tweet.js, and the deleted tweets an archive keeps (deleted-tweets.js),
// on generated archives in both namings, split into -partN files, with the hostile cases.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../../preload/contract.js';
import { twitterReader } from '../../../main/engine/readers/twitter.js';
import { exportRow } from '../../../main/engine/rows/export-schema.js';
import { buildSearchIndex } from '../../../main/engine/search/index.js';
import { writeTwitterArchive, type NoteSpec, type TweetSpec } from '../../fixtures/other-exports.js';
import { readWith } from './read-with.js';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'outbox-twitter-notes-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const T0 = Date.UTC(2023, 5, 1, 12);
const at = (s: number) => new Date(T0 + s * 1000);

/** A long text with a link and a mention both before and after where tweets.js cuts it. */
const LONG = `Long thoughts on archives https://t.co/early and why they matter. ${'Every post is a small piece of a life. '.repeat(6)}` +
  'Past the cut now: ask @kim, read https://t.co/late and tag it #LongRead. The end.';
const CUT = LONG.slice(0, 270);
const EARLY = { url: 'https://t.co/early', expanded: 'https://example.org/early', display: 'example.org/early' };
const LATE = { url: 'https://t.co/late', expanded: 'https://example.org/late', display: 'example.org/late' };
const REPLY_LONG = `Replying at length. ${'More words to pass the limit of two hundred and eighty. '.repeat(6)}Fin.`;

function live(): TweetSpec[] {
  return [
    { id: '300', text: `${CUT}…`, at: at(0), urls: [EARLY] },
    // Another tweet in the same second: the time alone does not say which tweet the note belongs to.
    { id: '302', text: 'A short one in the same second', at: at(0.4) },
    { id: '301', text: `@sam ${REPLY_LONG.slice(0, 250)}…`, at: at(60), replyTo: { id: '300', screenName: 'sam' }, mentions: ['sam'] },
    { id: '303', text: 'Ends with an ellipsis but has no note…', at: at(120) },
    { id: '304', text: 'Same start…', at: at(180) },
    { id: '305', text: 'Same start…', at: at(180.5) },
  ];
}

function notes(): NoteSpec[] {
  return [
    // createdAt has milliseconds, created_at whole seconds.
    { noteId: '9001', text: LONG, at: new Date(T0 + 300), urls: [EARLY, LATE], mentions: ['kim'], hashtags: ['LongRead'] },
    { noteId: '9002', text: REPLY_LONG, at: at(60) },
    { noteId: '9003', text: `An orphan note no tweet matches. ${'Still long. '.repeat(30)}`, at: at(1000), hashtags: ['Orphan'] },
    { noteId: '9001', text: 'a second note with the first one\'s id', at: at(1500) },
    { noteId: '9004', text: 'Same start and then much more text', at: at(180) },
  ];
}

function deleted(): TweetSpec[] {
  return [
    { id: '400', text: 'I said this and took it back', at: at(2000) },
    { id: '401', text: `${REPLY_LONG.slice(0, 200)}…`, at: at(3000) },
    { id: '300', text: 'a deleted copy of a live tweet', at: at(0) },
  ];
}

const key = (p: Post) => p.id.split('/').pop()!;

describe.each(['2022', '2023'] as const)('long and deleted tweets, %s naming, in -partN files', (naming) => {
  it('replaces cut text with the note, keeps unmatched notes as posts, marks deleted tweets', async () => {
    const dir = join(tmp, `notes-${naming}`);
    const written = writeTwitterArchive(dir, live(), { naming, perPart: 2, notes: notes(), deleted: deleted(),
      deletedNotes: [{ noteId: '9006', text: REPLY_LONG, at: at(3000) }] });
    // The split files exist: note-tweet-part1.js, deleted-tweets-part1.js (deleted-tweet-part1.js in 2022).
    expect(written).toContain('data/note-tweet-part2.js');
    expect(written).toContain(naming === '2022' ? 'data/deleted-tweet-part1.js' : 'data/deleted-tweets-part1.js');
    const read = (await readWith(twitterReader, dir))!;
    const byKey = new Map(read.posts.map((p) => [key(p), p]));

    const long = byKey.get('300')!;
    expect(long.text).toBe(LONG.replace('https://t.co/early', 'example.org/early').replace('https://t.co/late', 'example.org/late'));
    expect(long.html).toContain('<a href="https://example.org/late"');
    expect(long.html).toContain('href="https://twitter.com/kim"');
    expect(long.mentions).toEqual([{ name: '@kim', href: 'https://twitter.com/kim' }]);
    expect(long.hashtags).toEqual(['longread']);
    expect(long.url).toBe('https://twitter.com/sam/status/300');
    expect(byKey.get('302')!.text).toBe('A short one in the same second');

    // A reply's note leaves out the mention its tweet starts with: it is kept.
    const reply = byKey.get('301')!;
    expect(reply.text).toBe(`@sam ${REPLY_LONG}`);
    expect(reply.inReplyTo).toBe(long.id);

    expect(byKey.get('303')!.text).toBe('Ends with an ellipsis but has no note…');
    // Two tweets the same note could finish: neither is guessed at, the note stands alone.
    expect(byKey.get('304')!.text).toBe('Same start…');
    expect(byKey.get('305')!.text).toBe('Same start…');

    const own = read.posts.filter((p) => p.id.endsWith('#note'));
    expect(own).toHaveLength(2);
    expect(own.map((p) => p.text).sort()).toEqual([expect.stringMatching(/^An orphan note/), 'Same start and then much more text']);
    const orphan = own.find((p) => p.text.startsWith('An orphan'))!;
    expect(orphan).toMatchObject({ url: null, published: '2023-06-01T12:16:40Z', hashtags: ['orphan'], type: 'post' });
    expect(read.warnings.join(' ')).toMatch(/2 long tweets in data\/note-tweet\.js matched no tweet \(1 could belong to more than one\)/);

    // Deleted tweets: marked, the long one with its full text; a copy of a live tweet's id is counted, not shown twice.
    expect(byKey.get('400')).toMatchObject({ deleted: true, text: 'I said this and took it back' });
    expect(byKey.get('401')).toMatchObject({ deleted: true, text: REPLY_LONG });
    expect(long.deleted).toBeUndefined();
    expect(read.posts.filter((p) => p.deleted)).toHaveLength(2);
    expect(read.warnings).toContain(`2 deleted tweets that the archive keeps (data/${naming === '2022' ? 'deleted-tweet' : 'deleted-tweets'}.js) ` +
      'are shown marked "Deleted"; is:deleted finds them, -is:deleted leaves them out.');
    expect(read.skippedCount).toBe(2);
    expect(read.skipped.map((s) => s.reason).sort()).toEqual(['a second item with the id https://twitter.com/i/web/status/300',
      'a second note with the id 9001']);
    expect(read.posts).toHaveLength(6 + 2 + 2);
    expect(read.posts.map((p) => p.seq)).toEqual(read.posts.map((_, i) => i));

    // The query language finds them, and the export says so.
    const index = buildSearchIndex(read.posts);
    const seqsOf = (q: string) => [...index.query(q, { order: 'oldest' }).seqs];
    expect(seqsOf('is:deleted')).toEqual(read.posts.filter((p) => p.deleted).map((p) => p.seq));
    expect(seqsOf('-is:deleted')).toEqual(read.posts.filter((p) => !p.deleted).map((p) => p.seq));
    expect(seqsOf('longread')).toEqual([long.seq]);
    expect(exportRow(byKey.get('400')!, '@sam@twitter.com').deleted).toBe(true);
    expect(exportRow(long, '@sam@twitter.com').deleted).toBe(false);
  });
});

describe('hostile side files', () => {
  it('a cut note-tweet.js: the tweets are read with their cut text, and the warning names the file', async () => {
    const dir = join(tmp, 'cut-notes');
    writeTwitterArchive(dir, live(), { naming: '2023', notes: notes() });
    writeFileSync(join(dir, 'data', 'note-tweet.js'), 'window.YTD.note_tweet.part0 = [ { "noteTweet" : { "noteTweetId" : "9001", "core');
    const read = (await readWith(twitterReader, dir))!;
    expect(read.posts).toHaveLength(6);
    expect(read.posts.find((p) => key(p) === '300')!.text.endsWith('…')).toBe(true);
    expect(read.warnings.join(' ')).toMatch(/data\/note-tweet\.js could not be read \(.*not complete JSON.*\), so the full text of long tweets are not shown/);
  });

  it('junk notes are skipped with their reasons; the good ones still apply', async () => {
    const dir = join(tmp, 'junk-notes');
    writeTwitterArchive(dir, live().slice(0, 1), { naming: '2023', notes: notes().slice(0, 1) });
    const good = (await import('../../fixtures/other-exports.js')).noteJson(notes()[0]!);
    const junk = [null, 'text', { noteTweet: {} }, { noteTweet: { noteTweetId: '77', createdAt: 'yesterday', core: { text: 'x' } } },
      { noteTweet: { noteTweetId: '78', createdAt: '2023-06-01T12:00:00Z' } }, { noteTweet: { noteTweetId: '79', createdAt: '2023-06-01T12:00:00Z',
        core: { text: 'x'.repeat(200_000), urls: 'not a list', mentions: [42, { screenName: 'a b' }], hashtags: [{}] } } }, good];
    writeFileSync(join(dir, 'data', 'note-tweet.js'), `window.YTD.note_tweet.part0 = ${JSON.stringify(junk)}`);
    const read = (await readWith(twitterReader, dir))!;
    expect(read.posts.find((p) => key(p) === '300')!.text).toContain('The end.');
    expect(read.skipped.map((s) => s.reason)).toEqual([
      'the item is null, not an object', 'the item is a string, not an object', 'the note has no noteTweetId',
      'the note\'s createdAt is not a date', 'the note has no text']);
    // The huge one with broken entities matched nothing: it is still a post, whole, with no entities.
    const huge = read.posts.find((p) => p.id.endsWith('79#note'))!;
    expect(huge.text).toHaveLength(200_000);
    expect([huge.mentions, huge.hashtags]).toEqual([[], []]);
  });

  it('a file named deleted-tweets.js whose first line names another data type is not read as deleted tweets', async () => {
    const dir = join(tmp, 'wrong-kind');
    writeTwitterArchive(dir, live().slice(0, 2), { naming: '2023' });
    writeFileSync(join(dir, 'data', 'deleted-tweets.js'), 'window.YTD.like.part0 = [{"like":{"tweetId":"1"}}]');
    const read = (await readWith(twitterReader, dir))!;
    expect(read.posts).toHaveLength(2);
    expect(read.posts.some((p) => p.deleted)).toBe(false);
    expect(read.skippedCount).toBe(0);
  });
});
