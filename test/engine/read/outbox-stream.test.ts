// readOutbox on the real samples, chunk boundaries, duplicate keys, Pleroma's layout, bombs and broken JSON.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../../../main/engine/errors.js';
import { readOutbox, type OutboxTail } from '../../../main/engine/read/outbox-stream.js';

import { SAMPLES } from '../../samples.js';
const MAS_TO = join(SAMPLES, 'mastodon-3.5-mas.to/outbox.json');
const SYNTHETIC = join(SAMPLES, 'synthetic-4.2.0-duplicate-context/outbox.json');

interface Run {
  tail: OutboxTail;
  items: Array<{ raw: unknown; index: number }>;
  contexts: unknown[];
  listStarts: number;
  skips: Array<{ index: number; reason: string }>;
  bytes: number;
}

async function run(stream: Readable): Promise<Run> {
  const r: Omit<Run, 'tail'> = { items: [], contexts: [], listStarts: 0, skips: [], bytes: 0 };
  const tail = await readOutbox(stream, {
    onItem: (raw, index) => r.items.push({ raw, index }),
    onContext: (c) => r.contexts.push(c),
    onListStart: () => r.listStarts++,
    onSkip: (index, reason) => r.skips.push({ index, reason }),
    onBytes: (b) => (r.bytes = b),
  });
  return { ...r, tail };
}

/** A stream of `bytes` cut into chunks of `size`. */
function chunked(bytes: Buffer | string, size: number): Readable {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8');
  return Readable.from(
    (function* () {
      for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
    })(),
  );
}

async function failure(text: string | Buffer, size = 1 << 16): Promise<ArchiveError> {
  try {
    await run(chunked(text, size));
  } catch (error) {
    expect(error).toBeInstanceOf(ArchiveError);
    return error as ArchiveError;
  }
  throw new Error('readOutbox did not throw');
}

describe('readOutbox on the samples', () => {
  it('reads every item of the mas.to archive (207, totalItems 205)', async () => {
    const r = await run(createReadStream(MAS_TO));
    const parsed = JSON.parse(readFileSync(MAS_TO, 'utf8'));
    expect(r.items.length).toBe(207);
    expect(r.items.map((i) => i.raw)).toEqual(parsed.orderedItems);
    expect(r.items.map((i) => i.index)).toEqual([...Array(207).keys()]);
    expect(r.tail).toEqual({ totalItems: 205, type: 'OrderedCollection', lists: 1 });
    expect(r.contexts).toEqual(['https://www.w3.org/ns/activitystreams']);
    expect(r.bytes).toBe(readFileSync(MAS_TO).length);
  });

  it('gives the same items whatever the chunk size (escapes and UTF-8 split across chunks)', async () => {
    const bytes = readFileSync(MAS_TO);
    const expected = JSON.parse(bytes.toString('utf8')).orderedItems;
    for (const size of [3, 17, 4096]) {
      const r = await run(chunked(bytes, size));
      expect(r.items.map((i) => i.raw)).toEqual(expected);
    }
  });

  it('reads the synthetic 4.2.0 archive one byte at a time; the duplicate @context: last wins', async () => {
    const bytes = readFileSync(SYNTHETIC);
    const r = await run(chunked(bytes, 1));
    expect(r.items.length).toBe(7);
    expect(r.contexts.length).toBe(2);
    expect(r.contexts[0]).toBe('https://www.w3.org/ns/activitystreams');
    expect(Array.isArray(r.contexts[1])).toBe(true);
    expect(r.tail.totalItems).toBe(7);
  });
});

describe('readOutbox shapes', () => {
  const note = (n: number) => ({ id: `https://x.example/s/${n}/activity`, type: 'Create', object: { id: `s${n}` } });

  it('calls onListStart for each orderedItems (4.2.10: [] then the real list)', async () => {
    const text = `{"type":"OrderedCollection","orderedItems":[],"orderedItems":${JSON.stringify([note(1), note(2)])}}`;
    const r = await run(chunked(text, 5));
    expect(r.listStarts).toBe(2);
    expect(r.tail.lists).toBe(2);
    expect(r.items.map((i) => i.index)).toEqual([0, 1]);
  });

  it('restarts the index in a second non-empty list', async () => {
    const text = `{"type":"OrderedCollection","orderedItems":[${JSON.stringify(note(1))}],"orderedItems":[${JSON.stringify(note(2))}]}`;
    const r = await run(chunked(text, 1 << 16));
    expect(r.items.map((i) => i.index)).toEqual([0, 0]);
    expect(r.listStarts).toBe(2);
  });

  it("reads Pleroma's layout: pretty header, one item per line, totalItems last", async () => {
    const items = [note(1), note(2), note(3)];
    const text =
      '{\n  "@context": "https://www.w3.org/ns/activitystreams",\n  "id": "outbox.json",\n  "type": "OrderedCollection",\n  "orderedItems": [\n' +
      items.map((i) => JSON.stringify(i)).join(',\n') +
      '\n],\n  "totalItems": 3}';
    const r = await run(chunked(text, 7));
    expect(r.items.map((i) => i.raw)).toEqual(items);
    expect(r.tail).toEqual({ totalItems: 3, type: 'OrderedCollection', lists: 1 });
  });

  it('accepts `items`, a Collection type, a BOM, and primitives as items', async () => {
    const text = '\ufeff{"type":"Collection","items":[1, "two", null, {"a":[{"b":"]}"}]}, true]}';
    const r = await run(chunked(text, 2));
    expect(r.items.map((i) => i.raw)).toEqual([1, 'two', null, { a: [{ b: ']}' }] }, true]);
  });

  it('keeps strings with backslashes and quotes intact at every chunk boundary', async () => {
    const tricky = ['\\', '\\"', '"\\\\"', 'a\\\\\\"b', '}]{[', 'ü€😀', '\u003cp\u003e'];
    const item = { id: 'x', type: 'Create', object: { content: tricky.join(''), list: tricky } };
    const text = `{"type":"OrderedCollection","orderedItems":[${JSON.stringify(item)},${JSON.stringify(tricky)}]}`;
    for (const size of [1, 2, 3, 5]) {
      const r = await run(chunked(text, size));
      expect(r.items.map((i) => i.raw)).toEqual([item, tricky]);
    }
  });

  it('finds every value end wherever one cut falls (escaped quotes, backslash runs, brackets inside strings)', async () => {
    const item = { id: 'a\\', c: 'x\\\\"]}', d: ['\\"', { e: '{[\\\\' }], f: '' };
    const text = `{"t\\"y":"\\\\","type":"OrderedCollection","orderedItems":[${JSON.stringify(item)},"\\"",7]}`;
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const r = await run(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]));
      expect(r.items.map((i) => i.raw), `cut at ${cut}`).toEqual([item, '"', 7]);
    }
  });

  it('decodes escaped keys, skips very long keys and values it does not need', async () => {
    const long = 'k'.repeat(10_000);
    const text = `{"${long}":{"nested":[1,{"orderedItems":[9]}]},"ty\\u0070e":"OrderedCollection","ordered\\u0049tems":[{"id":"a"}]}`;
    const r = await run(chunked(text, 100));
    expect(r.items.map((i) => i.raw)).toEqual([{ id: 'a' }]);
    expect(r.tail).toEqual({ totalItems: null, type: 'OrderedCollection', lists: 1 });
  });

  it('reads \\u003c-escaped HTML as ordinary JSON', async () => {
    const text = '{"type":"OrderedCollection","orderedItems":[{"content":"\\u003cp\\u003eHi \\u0026amp; bye\\u003c/p\\u003e"}]}';
    const r = await run(chunked(text, 3));
    expect(r.items[0].raw).toEqual({ content: '<p>Hi &amp; bye</p>' });
  });
});

describe('readOutbox refuses what is not an outbox', () => {
  it.each([
    ['[1,2,3]', 'top level is not an object'],
    ['"outbox"', 'top level is not an object'],
    ['42', 'top level is not an object'],
    ['{"type":"Person","orderedItems":[]}', 'has type "Person"'],
    ['{"type":"OrderedCollection","totalItems":0}', 'no orderedItems'],
    ['{"orderedItems":[]}', 'has no "type"'],
    ['   \n\t  ', 'only whitespace'],
    ['', 'only whitespace'],
  ])('%j → not-collection', async (text, words) => {
    const error = await failure(text);
    expect(error.code).toBe('not-collection');
    expect(error.file).toBe('outbox.json');
    expect(error.message).toContain(words);
  });

  it.each([
    ['{"type":"OrderedCollection","orderedItems":[{"a":1} {"b":2}]}', 54],
    ['{"type":"OrderedCollection","orderedItems":[{"a":tru}]}', 45],
    ['{"type":"OrderedCollection" "orderedItems":[]}', 28],
    ['{"type":"OrderedCollection","orderedItems":[1,]}', 47],
    ['{"type":"OrderedCollection","orderedItems":[]} x', 48],
    ['{"type":"OrderedCollection","orderedItems":[{"a":1}', 51],
    ['<html>not json</html>', 0],
    ['[1,', 0],
  ])('%j → bad-json naming the byte', async (text, at) => {
    const error = await failure(text, 4);
    expect(error.code).toBe('bad-json');
    expect(error.file).toBe('outbox.json');
    expect(error.message).toMatch(/^outbox\.json is not valid JSON \(at byte \d+\): /);
    const byte = Number(/at byte (\d+)/.exec(error.message)![1]);
    expect(Math.abs(byte - at)).toBeLessThanOrEqual(2);
  });
});

describe('readOutbox and its stream', () => {
  const head = '{"type":"OrderedCollection","orderedItems":[{"id":"a"},{"id":"b"},';

  it('rejects with the error of a stream that fails midway, after the items it did read', async () => {
    const stream = Readable.from(
      (function* () {
        yield Buffer.from(head);
        throw new Error('disk read failed');
      })(),
    );
    const seen: unknown[] = [];
    await expect(readOutbox(stream, { onItem: (raw) => seen.push(raw) })).rejects.toThrow('disk read failed');
    expect(seen).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('rejects when the stream is destroyed before its end (an abort), and leaves it destroyed', async () => {
    const stream = new Readable({ read() {} });
    const reading = readOutbox(stream, { onItem: () => undefined });
    stream.push(Buffer.from(head));
    setImmediate(() => stream.destroy());
    await expect(reading).rejects.toThrow(/before its end/);
    expect(stream.destroyed).toBe(true);
  });

  it('destroys the stream when a handler throws, and rejects with that error', async () => {
    const stream = chunked(`${head}{"id":"c"}]}`, 8);
    await expect(readOutbox(stream, { onItem: () => { throw new Error('handler refused'); } })).rejects.toThrow('handler refused');
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.destroyed).toBe(true);
  });

  it('reads ahead at most about 1 MiB: a 64 MiB stream of 64 KiB chunks is never pulled far past the scanner', async () => {
    let pulled = 0;
    let scanned = 0;
    let lead = 0;
    const stream = Readable.from(
      (function* () {
        yield Buffer.from('{"type":"OrderedCollection","orderedItems":[');
        for (let i = 0; i < 1024; i++) {
          pulled += 64 * 1024;
          yield Buffer.alloc(64 * 1024, 0x20);
        }
        yield Buffer.from(']}');
      })(),
    );
    await readOutbox(stream, {
      onItem: () => undefined,
      onBytes: (bytes) => {
        scanned = bytes;
        lead = Math.max(lead, pulled - scanned);
      },
    });
    expect(scanned).toBeGreaterThan(64 * 1024 * 1024);
    expect(lead).toBeLessThan(4 * 1024 * 1024);
  });
});

describe('readOutbox memory bounds', () => {
  const MiB = 1024 * 1024;
  /** `count` MiB of spaces as a stream, between `head` and `tail`; fresh buffers, so keeping them would show in RSS. */
  function bomb(head: string, count: number, tail: string): Readable {
    return Readable.from(
      (function* () {
        yield Buffer.from(head);
        for (let i = 0; i < count; i++) yield Buffer.alloc(MiB, 0x20);
        yield Buffer.from(tail);
      })(),
    );
  }

  it('skips 200 MB of whitespace without growing memory, then says not-collection', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const stream = bomb('', 200, '');
    stream.on('data', () => (peak = Math.max(peak, process.memoryUsage().rss)));
    const error = await run(stream).then(
      () => null,
      (e: unknown) => e as ArchiveError,
    );
    expect(error?.code).toBe('not-collection');
    // Stricter than the 300 MB budget: keeping the 200 MB of whitespace must fail this (seen: under 40 MB).
    expect(peak - before).toBeLessThan(150 * MiB);
  });

  it('yields zero items for 200 MB of whitespace inside orderedItems', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const stream = bomb('{"type":"OrderedCollection","orderedItems":[', 200, ']}');
    stream.on('data', () => (peak = Math.max(peak, process.memoryUsage().rss)));
    const r = await run(stream);
    expect(r.items).toEqual([]);
    expect(r.tail.lists).toBe(1);
    expect(peak - before).toBeLessThan(150 * MiB);
  });

  it('skips an item over 64 MiB (onSkip) and reads the next one', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const stream = bomb('{"type":"OrderedCollection","orderedItems":[{"content":"', 70, '"},{"id":"next"}]}');
    stream.on('data', () => (peak = Math.max(peak, process.memoryUsage().rss)));
    const r = await run(stream);
    expect(r.skips).toEqual([{ index: 0, reason: 'item larger than 64 MiB' }]);
    expect(r.items).toEqual([{ raw: { id: 'next' }, index: 1 }]);
    expect(peak - before).toBeLessThan(300 * MiB);
  });

  it('does not keep a huge top-level value it does not need (a 5 MiB @context)', async () => {
    const r = await run(bomb('{"@context":[', 5, '"x"],"type":"OrderedCollection","orderedItems":[]}'));
    expect(r.contexts).toEqual([]);
    expect(r.tail.type).toBe('OrderedCollection');
  });
});
