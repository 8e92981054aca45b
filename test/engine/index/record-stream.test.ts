// The cache's post records made during a cold open's read and streamed to the search thread: the thread's search,
// tally and run sums are the ones made from the posts after the read, the cache file is byte for byte the one
// written without a thread, and a read whose posts are not the streamed ones (a list replaced, items read out of
// order by jsonld) falls back to doing it all on the open's thread.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../../preload/contract.js';
import { RECORD_RUN } from '../../../main/engine/cache/cache-file.js';
import { RecordStream } from '../../../main/engine/index/record-stream.js';
import { indexPostsSearchBehind } from '../../../main/engine/index/build.js';
import { buildTables, type IndexTables } from '../../../main/engine/index/tables.js';
import { timeSlicer } from '../../../main/engine/time-slice.js';
import { startSearchThread, type SearchThread } from '../../../main/engine/index/search-thread.js';
import { openArchive } from '../../../main/engine/open.js';
import { buildSearchData, SearchStream } from '../../../main/engine/search/build.js';
import { SearchIndex } from '../../../main/engine/search/index.js';
import { StatsCounter } from '../../../main/engine/stats/stats.js';
import { generatePosts as generateSpec, writeArchive } from '../../fixtures/archive-builder.js';
import { generatePosts } from '../../bench/search-posts.js';
import { assertBuilt, root } from '../../cli/run-cli.js';

const workerFile = join(root, 'dist', 'engine', 'search-worker.js');
const logged = join(__dirname, 'fixtures', 'search-worker-logged.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'outbox-record-stream-'));

beforeAll(() => assertBuilt());
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.OUTBOX_SEARCH_WORKER;
  delete process.env.OUTBOX_TEST_WORKER_LOG;
});

const serialized = (posts: Post[]) => new SearchIndex(buildSearchData(posts)).serialize();
/** Posts as the reader leaves them (the index sets parentInArchive after the read). */
const asRead = (posts: Post[]) => posts.map((p) => ({ ...p, parentInArchive: false }));

describe('the search built from posts given one at a time', () => {
  it('is buildSearchData\'s result, whatever the number of posts (the room grows past 1024, 2048…)', () => {
    for (const n of [0, 1, 1023, 1024, 1025, 2500]) {
      const posts = generatePosts(n, 40 + n);
      const stream = new SearchStream();
      for (const post of posts) stream.add(post);
      expect(new SearchIndex(stream.finish()).serialize().equals(serialized(posts)), `${n} posts`).toBe(true);
    }
  });
});

describe('the records streamed to the search thread', () => {
  it('come back with the search, the tally and the run sums made from the same posts, and every byte of the records', async () => {
    const posts = asRead(generatePosts(2300, 41));
    const thread = startSearchThread(workerFile)!;
    expect(thread).not.toBeNull();
    const stream = new RecordStream(thread, RECORD_RUN);
    for (const post of posts) stream.add(post);
    const records = stream.finish(posts)!;
    expect(records).not.toBeNull();
    const answer = (await thread.endRecords())!;
    expect(answer, thread.why ?? '').not.toBeNull();
    expect(answer.count).toBe(posts.length);

    const texts = posts.map((p) => Buffer.from(JSON.stringify(p)));
    const all = Buffer.concat(answer.parts);
    expect(all.equals(Buffer.concat(texts))).toBe(true);
    let at = 0;
    texts.forEach((text, i) => {
      expect(records.offsets[i]).toBe(at);
      at += text.length;
    });
    expect(records.offsets[posts.length]).toBe(at);
    const sums: number[] = [];
    for (let i = 0; i < posts.length; i += RECORD_RUN) sums.push(crc32(Buffer.concat(texts.slice(i, i + RECORD_RUN))));
    expect(sums).toHaveLength(Math.ceil(2300 / RECORD_RUN));
    expect(Buffer.from(answer.sums).equals(Buffer.from(Uint32Array.from(sums).buffer))).toBe(true); // little-endian here

    expect(Buffer.from(answer.bytes).equals(serialized(posts))).toBe(true);
    const counter = new StatsCounter();
    for (const post of posts) counter.add(post);
    expect(answer.tally).toEqual(counter.tally());
    // the cache's ids block, as the writer makes it from the posts: ids one per line
    const ids = Buffer.from(posts.map((p) => p.id).join('\n'));
    expect(Buffer.from(answer.ids).equals(ids)).toBe(true);
    expect(answer.idsSha256).toBe(createHash('sha256').update(ids).digest('hex'));
  });

  it('are not the read\'s when spoiled, when the posts differ in number or order; a stopped thread takes none', () => {
    const posts = asRead(generatePosts(300, 42));
    const sent: number[] = [];
    const fake = (open: boolean): SearchThread => ({
      why: null,
      build: () => Promise.resolve(null),
      records: (_bytes, ends) => (sent.push(ends.length), open),
      endRecords: () => Promise.resolve(null),
      stop: () => undefined,
    });
    const fed = (thread: SearchThread, list: Post[]) => {
      const stream = new RecordStream(thread, RECORD_RUN);
      for (const post of list) stream.add(post);
      return stream;
    };
    expect(fed(fake(true), posts).finish(posts)).not.toBeNull();
    expect(sent.reduce((a, b) => a + b, 0)).toBe(300);
    const spoiled = fed(fake(true), posts);
    spoiled.spoil();
    expect(spoiled.started).toBe(true);
    expect(spoiled.finish(posts)).toBeNull();
    expect(fed(fake(true), posts.slice(0, 299)).finish(posts)).toBeNull();
    expect(fed(fake(true), [posts[1]!, posts[0]!, ...posts.slice(2)]).finish(posts)).toBeNull();
    const stopped = fed(fake(false), posts);
    expect(stopped.finish(posts)).toBeNull();
    expect(stopped.threadFailed).toBe(true);
    const none = new RecordStream(fake(true), RECORD_RUN);
    none.spoil(); // nothing handed yet: nothing to spoil (an empty first list, Mastodon 4.2.10)
    expect(none.started).toBe(false);
  });
});

/** A folder archive whose outbox.json is `edit`ed from a generated one. */
async function folderArchive(name: string, edit?: (doc: Record<string, unknown>, items: unknown[]) => string): Promise<string> {
  const g = generateSpec(400, 43);
  const dir = await writeArchive(g.spec, join(tmp, name), { container: 'folder' });
  const file = readdirSync(dir).includes('outbox.json') ? join(dir, 'outbox.json') : null;
  expect(file).not.toBeNull();
  if (edit) {
    const doc = JSON.parse(readFileSync(file!, 'utf8')) as Record<string, unknown>;
    writeFileSync(file!, edit(doc, doc.orderedItems as unknown[]));
  }
  return dir;
}

/** A cold open (then the cache it wrote, the messages the worker got) and a warm one's posts. */
async function open(archive: string, worker: 'logged' | 'none', cacheName: string, streamRecords?: boolean) {
  const log = join(tmp, `${cacheName}.log`);
  process.env.OUTBOX_SEARCH_WORKER = worker === 'none' ? '0' : logged;
  process.env.OUTBOX_TEST_WORKER_LOG = log;
  const cacheDir = join(tmp, cacheName);
  const cold = await openArchive(archive, streamRecords === undefined ? { cacheDir } : { cacheDir, streamRecords });
  const coldPosts = [...cold.posts({})];
  const summary = cold.summary();
  const coldStats = cold.statsOfAll!({ utc: true });
  await cold.close();
  const files = readdirSync(cacheDir).filter((f) => f.endsWith('.outbox-index'));
  expect(files).toHaveLength(1);
  const warm = await openArchive(archive, { cacheDir });
  expect(warm.info.fromCache).toBe(true);
  const warmPosts = [...warm.posts({})];
  const stats = warm.statsOfAll!({ utc: true });
  await warm.close();
  const messages = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  expect(stats).toEqual(coldStats);
  return { cache: readFileSync(join(cacheDir, files[0]!)), coldPosts, warmPosts, summary, stats, messages };
}

describe('the index tables the thread builds from the records', () => {
  /** Posts with replies in the archive: to an earlier post, to a later one, to one whose id comes twice, to itself. */
  const withReplies = () => {
    const posts = asRead(generatePosts(2300, 44));
    posts[10] = { ...posts[10]!, inReplyTo: posts[3]!.id };
    posts[20] = { ...posts[20]!, inReplyTo: posts[2000]!.id };
    posts[1500] = { ...posts[1500]!, id: posts[40]!.id };
    posts[1600] = { ...posts[1600]!, inReplyTo: posts[40]!.id };
    posts[1700] = { ...posts[1700]!, inReplyTo: posts[1700]!.id };
    posts[1800] = { ...posts[1800]!, inReplyTo: 'https://elsewhere.example/1' };
    return posts;
  };

  it('come before the search (with the records, run sums, tally and ids), and are the tables built from the posts after the read', async () => {
    const posts = withReplies();
    const thread = startSearchThread(workerFile)!;
    const stream = new RecordStream(thread, RECORD_RUN);
    for (const post of posts) stream.add(post);
    expect(stream.finish(posts)).not.toBeNull();
    const order: string[] = [];
    let fromThread: IndexTables | null = null;
    let earlyParts = 0;
    const answer = await thread.endRecords((early) => {
      order.push('tables');
      fromThread = early.tables;
      earlyParts = early.parts.length;
    }).then((a) => {
      order.push('answer');
      return a;
    });
    expect(answer, thread.why ?? '').not.toBeNull();
    expect(order).toEqual(['tables', 'answer']);
    // the records came back with the tables, before the search: the cache write starts while the search builds
    expect(earlyParts).toBeGreaterThan(0);
    expect(answer!.parts).toHaveLength(earlyParts);
    const { tables } = buildTables(posts.map((p) => ({ ...p })));
    expect(fromThread).toEqual(tables);
    expect(Array.from(tables.columns.parent.subarray(0, 30)).filter((p) => p >= 0)).toEqual([3, 2000]);
    expect(tables.columns.parent[1600]).toBe(40);
    expect(tables.columns.parent[1700]).toBe(-1);
    expect(tables.columns.parent[1800]).toBe(-1);
  });

  it('are taken as they are: the posts get their parentInArchive from them, and ids are looked up as before', () => {
    const posts = withReplies();
    const { tables } = buildTables(posts.map((p) => ({ ...p })));
    const adopted = indexPostsSearchBehind(posts, timeSlicer(), null, undefined, undefined, tables);
    adopted.abandon();
    expect(adopted.index.tables).toBe(tables);
    expect(posts.filter((p) => p.parentInArchive).map((p) => p.seq)).toEqual([posts[10]!.seq, posts[20]!.seq, posts[1600]!.seq]);
    const built = indexPostsSearchBehind(posts.map((p) => ({ ...p })), timeSlicer(), null);
    built.abandon();
    for (const i of [0, 3, 40, 1500, 2000, 2299]) {
      expect(adopted.index.post(posts[i]!.id)?.seq, `post ${i}`).toBe(built.index.post(posts[i]!.id)?.seq);
    }
    expect(adopted.index.post(posts[1500]!.id)?.seq).toBe(posts[40]!.seq);
    expect(adopted.index.post('https://elsewhere.example/1')).toBeUndefined();
    // tables over other posts (a number that differs) are not taken: built here
    const other = indexPostsSearchBehind(posts, timeSlicer(), null, undefined, undefined, buildTables(posts.slice(1)).tables);
    other.abandon();
    expect(other.index.tables.count).toBe(posts.length);
  });
});

describe('a cold open that streams its records', () => {
  const cases: Array<[string, boolean, ((doc: Record<string, unknown>, items: unknown[]) => string) | undefined]> = [
    ['as written', true, undefined],
    // Two non-empty lists: the first one's posts were streamed, then replaced (the last non-empty list wins).
    ['two lists', false, (doc, items) => {
      const { orderedItems: _, ...rest } = doc;
      const head = JSON.stringify(rest).slice(0, -1);
      return `${head},"orderedItems":${JSON.stringify(items.slice(0, 30))},"orderedItems":${JSON.stringify(items)}}`;
    }],
    // An item with a context of its own is read by jsonld, after the others: the posts are sorted in at the end.
    ['an item read by jsonld', false, (doc, items) => {
      const item = items[7] as Record<string, unknown>;
      // a new name for a standard term: not the standard context, so its keys are read through jsonld
      item['@context'] = ['https://www.w3.org/ns/activitystreams', { words: 'https://www.w3.org/ns/activitystreams#content' }];
      return JSON.stringify(doc);
    }],
    // Items left out (not an activity) take no record: the posts are still the streamed ones.
    ['items left out', true, (doc, items) => {
      items.splice(5, 0, 42, { type: 'Like' });
      return JSON.stringify(doc);
    }],
  ];
  for (const [name, streamed, edit] of cases) {
    it(`writes the cache byte for byte as without a thread: ${name}`, async () => {
      const archive = await folderArchive(name.replace(/ /g, '-'), edit);
      const without = await open(archive, 'none', `${name}-without`);
      const withThread = await open(archive, 'logged', `${name}-with`);
      expect(without.messages).toEqual([]);
      if (streamed) {
        expect(withThread.messages.filter((m) => m === 'records').length).toBeGreaterThan(0);
        expect(withThread.messages.at(-1)).toBe('end');
      } else {
        // spoiled: the thread was stopped unused after the records it got; the search was built here
        expect(withThread.messages).not.toContain('end');
        expect(withThread.messages).not.toContain('input');
      }
      expect(withThread.cache.equals(without.cache)).toBe(true);
      expect(withThread.summary).toEqual(without.summary);
      expect(withThread.stats).toEqual(without.stats);
      // The records say parentInArchive false (made during the read): a warm open reads it from the index.
      const selfReplies = withThread.coldPosts.filter((p) => p.parentInArchive).length;
      expect(selfReplies).toBeGreaterThan(0);
      expect(withThread.warmPosts).toEqual(withThread.coldPosts);
      expect(without.warmPosts).toEqual(without.coldPosts);
    });
  }
});

describe('a cold open asked not to stream its records (an export that renders a site)', () => {
  it('gives the thread the search input after the read instead, and writes the same cache', async () => {
    const archive = await folderArchive('not-streamed');
    const streamed = await open(archive, 'logged', 'streamed');
    const asked = await open(archive, 'logged', 'not-streamed', false);
    expect(streamed.messages).toContain('records');
    expect(asked.messages).not.toContain('records');
    expect(asked.messages).toContain('input');
    expect(asked.cache.equals(streamed.cache)).toBe(true);
    expect(asked.summary).toEqual(streamed.summary);
    expect(asked.warmPosts).toEqual(streamed.warmPosts);
  });
});
