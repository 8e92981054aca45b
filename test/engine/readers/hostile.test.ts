// Broken and hostile exports, for every reader: truncated files, the wrong shape, junk items among good ones,
// huge strings, bombs. Each ends with a clear message naming the file, or reads every good item and counts the rest.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveError } from '../../../main/engine/errors.js';
import { blueskyReader } from '../../../main/engine/readers/bluesky.js';
import { misskeyReader } from '../../../main/engine/readers/misskey.js';
import { openExport } from '../../../main/engine/readers/pick.js';
import { pixelfedReader } from '../../../main/engine/readers/pixelfed.js';
import { twitterReader } from '../../../main/engine/readers/twitter.js';
import { misskeyNote, misskeyNotes, pixelfedStatus, tweetJson, writeRepoCar, writeTwitterArchive } from '../../fixtures/other-exports.js';
import { rawZip } from '../../fixtures/hostile.js';
import { SAMPLES } from '../../samples.js';
import { readWith } from './read-with.js';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'outbox-readers-hostile-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const JUNK = [null, 42, 'a string', [], {}, { id: 'only-an-id' }, { id: 'x'.repeat(5000), createdAt: 'never' }, true];

async function failure(promise: Promise<unknown>): Promise<ArchiveError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ArchiveError);
  return error as ArchiveError;
}

describe('misskey notes', () => {
  it('truncated: a clear message naming the file', async () => {
    const file = join(tmp, 'notes-cut.json');
    const { text } = misskeyNotes('misskey', 40);
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    const error = await failure(readWith(misskeyReader, file));
    expect(error.code).toBe('bad-json');
    expect(error.message).toContain('notes-cut.json is not complete JSON');
  });

  it('junk items among good notes: every good note read, each junk item skipped with its reason', async () => {
    const file = join(tmp, 'notes-junk.json');
    const good = Array.from({ length: 10 }, (_, n) => misskeyNote('misskey', n));
    const items = [good[0], ...JUNK, ...good.slice(1)];
    writeFileSync(file, JSON.stringify(items));
    const read = (await readWith(misskeyReader, file))!;
    expect(read.posts.map((p) => p.id)).toEqual(good.map((n) => n.id));
    expect(read.skippedCount).toBe(JUNK.length);
    expect(read.skipped.map((s) => s.index)).toEqual(JUNK.map((_, i) => i + 1));
    expect(read.skipped[0]!.reason).toBe('the item is null, not an object');
  });

  it('a 20 MB note text is read whole', async () => {
    const file = join(tmp, 'notes-huge.json');
    const huge = 'word '.repeat(4_000_000);
    writeFileSync(file, JSON.stringify([misskeyNote('misskey', 0), misskeyNote('misskey', 1, { text: huge })]));
    const read = (await readWith(misskeyReader, file))!;
    expect(read.posts).toHaveLength(2);
    expect(read.posts[1]!.text.length).toBe(huge.trim().length);
  });

  it('a second note with the same id is counted, not silently dropped', async () => {
    const file = join(tmp, 'notes-dup.json');
    const note = misskeyNote('misskey', 3);
    writeFileSync(file, JSON.stringify([note, note]));
    const read = (await readWith(misskeyReader, file))!;
    expect(read.posts).toHaveLength(1);
    expect(read.skippedCount).toBe(1);
  });

  it('deeply nested JSON inside a note: read, or a clear message naming the file, never a crash', async () => {
    const file = join(tmp, 'notes-deep.json');
    writeFileSync(file, `[{"id":"a1","text":"x","createdAt":"2024-01-01T00:00:00Z","fileIds":[],"poll":${'['.repeat(200_000)}${']'.repeat(200_000)}}]`);
    const outcome = await readWith(misskeyReader, file).then((r) => r!.posts.length, (e: unknown) => e);
    if (typeof outcome === 'number') expect(outcome).toBe(1);
    else expect((outcome as Error).message).toContain('notes-deep.json');
  });
});

describe('x/twitter archives', () => {
  const tweet = (id: string, h: number) => ({ id, text: `tweet ${id}`, at: new Date(Date.UTC(2022, 0, 1, h)) });

  it('a truncated tweets.js: a clear message naming it', async () => {
    const dir = join(tmp, 'tw-cut');
    writeTwitterArchive(dir, [tweet('1', 0), tweet('2', 1), tweet('3', 2)], { naming: '2023' });
    const path = join(dir, 'data', 'tweets.js');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, text.length - 40));
    const error = await failure(readWith(twitterReader, dir));
    expect(error.message).toContain('data/tweets.js is not complete JSON');
  });

  it('the wrong shape: tweets.js assigning an object, not a list', async () => {
    const dir = join(tmp, 'tw-shape');
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'tweets.js'), 'window.YTD.tweets.part0 = {"tweet": {}}');
    const error = await failure(readWith(twitterReader, dir));
    expect(error.code).toBe('not-collection');
    expect(error.message).toContain('data/tweets.js does not hold a list');
  });

  it('junk items among good tweets, across parts: good ones read, junk counted with its place in the whole archive', async () => {
    const dir = join(tmp, 'tw-junk');
    mkdirSync(join(dir, 'data'), { recursive: true });
    const good = [tweetJson(tweet('10', 0)), tweetJson(tweet('11', 1)), tweetJson(tweet('12', 2))];
    writeFileSync(join(dir, 'data', 'tweets.js'), `window.YTD.tweets.part0 = ${JSON.stringify([good[0], ...JUNK])}`);
    writeFileSync(join(dir, 'data', 'tweets-part1.js'), `window.YTD.tweets.part1 = ${JSON.stringify([good[1], { tweet: { id_str: '13' } }, good[2]])}`);
    const read = (await readWith(twitterReader, dir))!;
    expect(read.posts.map((p) => p.id.split('/').pop())).toEqual(['10', '11', '12']);
    expect(read.skippedCount).toBe(JUNK.length + 1);
    expect(read.skipped.at(-1)).toEqual({ index: JUNK.length + 2, reason: 'created_at is not a date' });
  });

  it('an unreadable account.js: the posts still read, a warning names the file', async () => {
    const dir = join(tmp, 'tw-account');
    writeTwitterArchive(dir, [tweet('1', 0)], { naming: '2023' });
    writeFileSync(join(dir, 'data', 'account.js'), 'window.YTD.account.part0 = [{');
    const read = (await readWith(twitterReader, dir))!;
    expect(read.posts).toHaveLength(1);
    expect(read.warnings.join(' ')).toContain('data/account.js could not be read');
  });

  it('a zip whose tweets.js holds more than it declares is refused as unsafe, naming the entry', async () => {
    const body = Buffer.from(`window.YTD.tweets.part0 = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => tweetJson(tweet(String(i + 1), 0))))}`);
    const file = join(tmp, 'twitter-bomb.zip');
    writeFileSync(file, rawZip([{ name: 'data/tweets.js', data: body, declaredSize: 1000 }]));
    const error = await failure(readWith(twitterReader, file));
    expect(error.code).toBe('unsafe');
    expect(error.message).toContain('data/tweets.js');
  });

  it('a zip bomb (a tweets.js inflating far past its packed size) stops with the bomb message', async () => {
    const body = Buffer.concat([Buffer.from('window.YTD.tweets.part0 = ['), Buffer.alloc(40 * 1024 ** 2, 0x20), Buffer.from(']')]);
    const file = join(tmp, 'twitter-ratio.zip');
    writeFileSync(file, rawZip([{ name: 'data/tweets.js', data: body }]));
    const error = await failure(readWith(twitterReader, file));
    expect(error.code).toBe('unsafe');
    expect(error.message).toMatch(/zip bomb/);
  });
});

describe('pixelfed statuses', () => {
  it('truncated: a clear message naming the file', async () => {
    const file = join(tmp, 'pixelfed-cut.json');
    const text = JSON.stringify(Array.from({ length: 5 }, (_, n) => pixelfedStatus(n)));
    writeFileSync(file, text.slice(0, text.length - 100));
    const error = await failure(readWith(pixelfedReader, file));
    expect(error.message).toContain('pixelfed-cut.json is not complete JSON');
  });

  it('junk items among good statuses: good ones read, the rest counted', async () => {
    const file = join(tmp, 'pixelfed-junk.json');
    writeFileSync(file, JSON.stringify([pixelfedStatus(0), ...JUNK, pixelfedStatus(1), { ...pixelfedStatus(2), reblog: { uri: null } }]));
    const read = (await readWith(pixelfedReader, file))!;
    expect(read.posts).toHaveLength(2);
    expect(read.skippedCount).toBe(JUNK.length + 1);
  });
});

describe('bluesky repositories', () => {
  const DID = 'did:plc:hostilehostilehostile';
  const post = (n: number) => ({ $type: 'app.bsky.feed.post', text: `post ${n}`, createdAt: new Date(Date.UTC(2024, 0, n + 1)).toISOString() });

  it('truncated: a clear message naming the file, or every complete record read', async () => {
    const car = await writeRepoCar({ did: DID, records: Object.fromEntries(Array.from({ length: 20 }, (_, n) => [`app.bsky.feed.post/3k${String(n).padStart(11, 'a')}`, post(n)])) });
    const file = join(tmp, 'cut.car');
    writeFileSync(file, car.subarray(0, Math.floor(car.length * 0.6)));
    const error = await failure(readWith(blueskyReader, file));
    expect(error.message).toContain('cut.car');
  });

  it('a missing record block: the other records read, the missing one counted with its path', async () => {
    const records = { 'app.bsky.feed.post/3kaaaaaaaaaa1': post(1), 'app.bsky.feed.post/3kaaaaaaaaaa2': post(2), 'app.bsky.feed.post/3kaaaaaaaaaa3': post(3) };
    const file = join(tmp, 'hole.car');
    writeFileSync(file, await writeRepoCar({ did: DID, records, omit: ['app.bsky.feed.post/3kaaaaaaaaaa2'] }));
    const read = (await readWith(blueskyReader, file))!;
    expect(read.posts.map((p) => p.text)).toEqual(['post 1', 'post 3']);
    expect(read.skippedCount).toBe(1);
    expect(read.skipped[0]!.reason).toContain('app.bsky.feed.post/3kaaaaaaaaaa2');
  });

  it('junk records: posts without dates, reposts without subjects, wrong types are counted; the good post reads', async () => {
    const file = join(tmp, 'junk.car');
    writeFileSync(file, await writeRepoCar({ did: DID, records: {
      'app.bsky.feed.post/3kaaaaaaaaaa1': post(1),
      'app.bsky.feed.post/3kaaaaaaaaaa2': { $type: 'app.bsky.feed.post', text: 'no date' },
      'app.bsky.feed.post/3kaaaaaaaaaa3': 'a string',
      'app.bsky.feed.repost/3kaaaaaaaaaa4': { $type: 'app.bsky.feed.repost', createdAt: '2024-01-01T00:00:00Z' },
      'app.bsky.feed.post/3kaaaaaaaaaa5': { $type: 'app.bsky.feed.post', text: 'bad facets', createdAt: '2024-01-01T00:00:00Z',
        facets: [{ index: { byteStart: 5, byteEnd: 99999 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'x' }] }, 7, null],
        embed: { $type: 'app.bsky.embed.images', images: [null, { image: 'not a blob' }] } },
    } }));
    const read = (await readWith(blueskyReader, file))!;
    expect(read.posts.map((p) => p.text).sort()).toEqual(['bad facets', 'post 1']);
    expect(read.skippedCount).toBe(3);
  });

  it('a CBOR bomb (a record nested 200,000 deep) is one skipped record, never a crash', async () => {
    const bomb = Buffer.concat([Buffer.alloc(200_000, 0x81), Buffer.from([0x00])]);
    const file = join(tmp, 'deep.car');
    writeFileSync(file, await writeRepoCar({ did: DID, records: { 'app.bsky.feed.post/3kaaaaaaaaaa1': post(1), 'app.bsky.feed.post/3kaaaaaaaaaa2': null },
      raw: { 'app.bsky.feed.post/3kaaaaaaaaaa2': bomb } }));
    const read = (await readWith(blueskyReader, file))!;
    expect(read.posts.map((p) => p.text)).toEqual(['post 1']);
    expect(read.skippedCount).toBe(1);
    expect(read.skipped[0]!.reason).toContain('app.bsky.feed.post/3kaaaaaaaaaa2');
  });

  it('a CAR that is not a repository: a message naming the file', async () => {
    const { CarWriter } = await import('@ipld/car');
    const dagCbor = await import('@ipld/dag-cbor');
    const { CID } = await import('multiformats/cid');
    const { sha256 } = await import('multiformats/hashes/sha2');
    const bytes = dagCbor.encode({ hello: 'world' });
    const cid = CID.create(1, dagCbor.code, await sha256.digest(bytes));
    const { writer, out } = CarWriter.create([cid]);
    const chunks: Uint8Array[] = [];
    const done = (async () => { for await (const c of out) chunks.push(c); })();
    await writer.put({ cid, bytes });
    await writer.close();
    await done;
    const file = join(tmp, 'not-a-repo.car');
    writeFileSync(file, Buffer.concat(chunks));
    const error = await failure(readWith(blueskyReader, file));
    expect(error.code).toBe('not-collection');
    expect(error.message).toContain('not-a-repo.car is a CAR file but not a Bluesky repository');
  });
});

describe('detection', () => {
  const OTHER = join(SAMPLES, 'other');
  const samples = {
    misskey: join(OTHER, 'misskey', 'constructed-notes-2024-10-02-09-30-00.json'),
    pixelfed: join(OTHER, 'pixelfed', 'constructed-pixelfed-statuses.json'),
    bluesky: join(OTHER, 'bluesky', 'bnewbold.robocracy.org.20250310005405.car'),
    twitter: join(OTHER, 'twitter-darkliquid-2023'),
    mastodon: join(SAMPLES, 'mastodon-3.5-mas.to'),
  };
  const readers = { misskey: misskeyReader, pixelfed: pixelfedReader, bluesky: blueskyReader, twitter: twitterReader };

  it.each(Object.keys(readers))('the %s reader recognises only its own kind of export', async (kind) => {
    const reader = readers[kind as keyof typeof readers];
    for (const [other, path] of Object.entries(samples)) {
      const source = await openExport(path).catch(() => null);
      if (!source) continue;
      try {
        expect(await reader.detect(source) !== null, `${kind} on ${other}`).toBe(other === kind);
      } finally {
        await source.close();
      }
    }
  });

  it('a file no reader recognises keeps the "not a zip, a tar.gz or a folder" message, whatever its name', async () => {
    for (const [name, text] of [['notes-2024.json', '{"notes": []}'], ['repo.car', 'not a car at all'], ['tweets.js', '[1, 2, 3]'], ['empty-list.json', '[]']]) {
      const file = join(tmp, name!);
      writeFileSync(file, text!);
      const error = await failure(openExport(file));
      expect(error.code).toBe('not-archive');
      expect(error.message).toContain(`${name} is not a zip, a tar.gz or a folder`);
    }
  });

  it('a renamed export is still recognised by content', async () => {
    const file = join(tmp, 'holiday-photos.zip.txt');
    writeFileSync(file, readFileSync(samples.bluesky));
    const source = await openExport(file);
    try {
      expect(source.format).toBe('file');
      expect(await blueskyReader.detect(source)).not.toBeNull();
    } finally {
      await source.close();
    }
  });
});

describe('huge strings, for every reader', () => {
  const HUGE = 'long '.repeat(1_000_000).trim(); // 5 MB of one post's text

  it('a 5 MB tweet', async () => {
    const dir = join(tmp, 'tw-huge');
    writeTwitterArchive(dir, [{ id: '1', text: HUGE, at: new Date('2022-01-01T00:00:00Z') }, { id: '2', text: 'small', at: new Date('2022-01-02T00:00:00Z') }], { naming: '2023' });
    const read = (await readWith(twitterReader, dir))!;
    expect(read.posts.map((p) => p.text.length)).toEqual([HUGE.length, 5]);
  });

  it('a 5 MB Pixelfed caption', async () => {
    const file = join(tmp, 'pixelfed-huge.json');
    writeFileSync(file, JSON.stringify([pixelfedStatus(0, { content: HUGE }), pixelfedStatus(1)]));
    const read = (await readWith(pixelfedReader, file))!;
    expect(read.posts[0]!.text.length).toBe(HUGE.length);
    expect(read.posts).toHaveLength(2);
  });

  it('a 5 MB Bluesky post', async () => {
    const file = join(tmp, 'huge.car');
    writeFileSync(file, await writeRepoCar({ did: 'did:plc:huge', records: {
      'app.bsky.feed.post/3kaaaaaaaaaa1': { $type: 'app.bsky.feed.post', text: HUGE, createdAt: '2024-01-01T00:00:00Z' } } }));
    const read = (await readWith(blueskyReader, file))!;
    expect(read.posts[0]!.text.length).toBe(HUGE.length);
  });
});
