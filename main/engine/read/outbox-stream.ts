// readOutbox: streams outbox.json as bytes and hands each orderedItems element to JSON.parse on its own.
import type { Readable } from 'node:stream';
import { ArchiveError } from '../errors.js';
import { ValueCapture } from './value-capture.js';

export interface OutboxHandlers {
  /** top-level @context value (last one wins if duplicated) */
  onContext?(context: unknown): void;
  /** a new top-level orderedItems array begins (duplicate keys!) */
  onListStart?(): void;
  /** one element of orderedItems, JSON.parse'd (index within its list) */
  onItem(raw: unknown, index: number): void;
  /**
   * Instead of onItem: the element's bytes, not parsed (a view of the stream's chunks, valid for as long as it is
   * kept). For a reader that parses later, in another order (the newest page first, then the rest).
   */
  onItemBytes?(bytes: Buffer, index: number, start: number): void;
  /** cumulative bytes consumed, for progress */
  onBytes?(bytesRead: number): void;
  /** an item too large to parse */
  onSkip?(index: number, reason: string): void;
}

export interface OutboxTail {
  totalItems: number | null;
  type: string | null;
  lists: number;
}

const FILE = 'outbox.json';
/** One item above this is not parsed (DESIGN: bounded memory). */
export const MAX_ITEM_BYTES = 64 * 1024 * 1024;
/** Top-level values other than the item lists (@context, type, totalItems, id) are parsed only below this. */
const MAX_VALUE_BYTES = 1024 * 1024;
/** Longer keys are none we read; they are skipped like any other. */
const MAX_KEY_BYTES = 4096;
const COLLECTION_TYPES = new Set(['OrderedCollection', 'Collection', 'OrderedCollectionPage', 'CollectionPage']);

const enum State {
  Start, // before the top-level value (whitespace, BOM)
  KeyOrEnd, // after '{': a key or '}'
  Key, // after ',': a key
  Colon,
  Value, // after ':'
  AfterValue, // ',' or '}'
  ListFirst, // after '[' of an item list: an element or ']'
  ListAfter, // after an element: ',' or ']'
  ListElement, // after ',' in an item list: an element
  Capture, // inside a value (element, top-level value, or a top-level non-object)
  Done, // after the top-level value: whitespace only
}

const BOM = [0xef, 0xbb, 0xbf];
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

function badJson(offset: number, detail: string): ArchiveError {
  return new ArchiveError(
    'bad-json',
    `outbox.json is not valid JSON (at byte ${offset}): ${detail}. The file is damaged; download the archive again.`,
    FILE,
  );
}

/** A UTF-16 (or UTF-32) file: its byte order mark or a NUL byte first. Said as such, never as the bytes it holds. */
function utf16(): ArchiveError {
  return new ArchiveError(
    'bad-json',
    'outbox.json is encoded as UTF-16 (or UTF-32), not the UTF-8 that JSON files must use. It was probably re-saved ' +
      'by an editor: download the archive again, or save the file as UTF-8.',
    FILE,
  );
}

function describe(b: number): string {
  return b >= 0x20 && b < 0x7f ? `unexpected '${String.fromCharCode(b)}'` : `unexpected byte 0x${b.toString(16)}`;
}

/** The streaming scanner: feed it chunks with push(), then call end(). */
export class OutboxScanner {
  private state = State.Start;
  private offset = 0; // bytes consumed before the current chunk
  private key = '';
  private capture: ValueCapture | null = null;
  private captureKind: 'item' | 'value' | 'top' | 'key' = 'value';
  private index = 0;
  private readonly tail: OutboxTail = { totalItems: null, type: null, lists: 0 };
  private topIsObject = false;
  private listSeen = false;
  private bomBytes = 0;

  constructor(private readonly handlers: OutboxHandlers) {}

  push(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      const state = this.state;
      if (state === State.Capture) {
        i = this.continueCapture(chunk, i);
        continue;
      }
      // Structural states: skip whitespace in a tight loop (whitespace bombs cost no memory).
      let b = chunk[i];
      while (isSpace(b)) {
        if (++i === n) break;
        b = chunk[i];
      }
      if (i === n) break;
      i = this.structural(chunk, i, b);
    }
    this.offset += n;
  }

  end(): OutboxTail {
    const at = this.offset;
    // A bare number/true/false/null at the top ends with the file.
    if (this.state === State.Capture && this.captureKind === 'top') this.finishCapture();
    if (this.state === State.Start) {
      throw new ArchiveError(
        'not-collection',
        'outbox.json holds no JSON value (it is empty or only whitespace), so it has no posts. The archive may be incomplete.',
        FILE,
      );
    }
    if (this.state !== State.Done) throw badJson(at, 'the file ends in the middle of the JSON (it is truncated)');
    if (!this.topIsObject) {
      throw new ArchiveError(
        'not-collection',
        'outbox.json is JSON but not an ActivityPub collection (its top level is not an object). Is this an outbox from another program?',
        FILE,
      );
    }
    if (this.tail.type === null || !COLLECTION_TYPES.has(this.tail.type) || !this.listSeen) {
      const what = this.tail.type === null ? 'has no "type"' : `has type "${this.tail.type}"`;
      const items = this.listSeen ? '' : ' and no orderedItems';
      throw new ArchiveError(
        'not-collection',
        `outbox.json is JSON but not an ActivityPub OrderedCollection (it ${what}${items}). Is this an outbox from another program?`,
        FILE,
      );
    }
    return { ...this.tail };
  }

  /** One structural byte `b` at chunk[i] (not whitespace); returns the next index. */
  private structural(chunk: Buffer, i: number, b: number): number {
    const at = this.offset + i;
    switch (this.state) {
      case State.Start:
        if (at === this.bomBytes && (b === 0xff || b === 0xfe || (b === 0x00 && at === 0))) throw utf16();
        if (at < 3 && b === BOM[at] && this.bomBytes === at) {
          this.bomBytes++; // a UTF-8 byte order mark, possibly split across chunks
          return i + 1;
        }
        if (b === 0x7b) {
          this.topIsObject = true;
          this.state = State.KeyOrEnd;
          return i + 1;
        }
        this.startCapture('top', at);
        return i;
      case State.KeyOrEnd:
      case State.Key:
        if (b === 0x7d && this.state === State.KeyOrEnd) {
          this.state = State.Done;
          return i + 1;
        }
        if (b === 0x00 && at === this.bomBytes + 1) throw utf16(); // "{" then NUL: UTF-16LE without a byte order mark
        if (b !== 0x22) throw badJson(at, `${describe(b)} where a key was expected`);
        this.startCapture('key', at);
        return i;
      case State.Colon:
        if (b !== 0x3a) throw badJson(at, `${describe(b)} where ':' was expected`);
        this.state = State.Value;
        return i + 1;
      case State.Value:
        if (b === 0x5b && (this.key === 'orderedItems' || this.key === 'items')) {
          this.tail.lists++;
          this.listSeen = true;
          this.index = 0;
          this.handlers.onListStart?.();
          this.state = State.ListFirst;
          return i + 1;
        }
        this.startCapture('value', at);
        return i;
      case State.AfterValue:
        if (b === 0x2c) {
          this.state = State.Key;
          return i + 1;
        }
        if (b === 0x7d) {
          this.state = State.Done;
          return i + 1;
        }
        throw badJson(at, `${describe(b)} where ',' or '}' was expected`);
      case State.ListFirst:
        if (b === 0x5d) {
          this.state = State.AfterValue;
          return i + 1;
        }
        this.startCapture('item', at);
        return i;
      case State.ListAfter:
        if (b === 0x2c) {
          this.state = State.ListElement;
          return i + 1;
        }
        if (b === 0x5d) {
          this.state = State.AfterValue;
          return i + 1;
        }
        throw badJson(at, `${describe(b)} where ',' or ']' was expected between items`);
      case State.ListElement:
        if (b === 0x5d) throw badJson(at, "a ',' before ']' (an empty item)");
        this.startCapture('item', at);
        return i;
      case State.Done:
        throw badJson(at, `${describe(b)} after the end of the JSON`);
      default:
        throw new Error(`outbox scanner: unexpected state ${this.state}`);
    }
  }

  private startCapture(kind: 'item' | 'value' | 'top' | 'key', at: number): void {
    const limit = kind === 'key' ? MAX_KEY_BYTES : kind === 'value' ? MAX_VALUE_BYTES : MAX_ITEM_BYTES;
    this.capture = new ValueCapture(at, limit);
    this.captureKind = kind;
    this.state = State.Capture;
  }

  private continueCapture(chunk: Buffer, i: number): number {
    const capture = this.capture!;
    const end = capture.scan(chunk, i);
    if (end < 0) return chunk.length;
    this.finishCapture();
    return end;
  }

  private finishCapture(): void {
    const capture = this.capture!;
    this.capture = null;
    const kind = this.captureKind;
    if (kind === 'key') {
      this.state = State.Colon;
      this.key = capture.over ? '' : (this.parse(capture) as string); // a key too long to be one we read
      return;
    }
    if (kind === 'item') {
      this.state = State.ListAfter;
      const index = this.index++;
      if (capture.over) {
        this.handlers.onSkip?.(index, 'item larger than 64 MiB');
        return;
      }
      if (this.handlers.onItemBytes) this.handlers.onItemBytes(capture.view(), index, capture.start);
      else this.handlers.onItem(this.parse(capture), index);
      return;
    }
    if (kind === 'top') {
      this.state = State.Done;
      if (!capture.over) this.parse(capture); // invalid JSON is 'bad-json'; valid JSON is 'not-collection' at end()
      return;
    }
    this.state = State.AfterValue;
    if (capture.over) return;
    const value = this.parse(capture);
    if (this.key === '@context') this.handlers.onContext?.(value);
    else if (this.key === 'type') this.tail.type = typeof value === 'string' ? value : firstCollectionType(value);
    else if (this.key === 'totalItems') this.tail.totalItems = typeof value === 'number' ? value : null;
  }

  private parse(capture: ValueCapture): unknown {
    return parseItemText(capture.text(), capture.start);
  }
}

/** JSON.parse of one value whose first byte is at `start` of outbox.json; bad JSON is 'bad-json' naming the byte. */
export function parseItemText(text: string, start: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const at = start + (position ? Buffer.byteLength(text.slice(0, Number(position[1]))) : 0);
    throw badJson(at, message.replace(/^Unexpected/, 'unexpected'));
  }
}

function firstCollectionType(value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  const found = value.find((t) => typeof t === 'string' && COLLECTION_TYPES.has(t));
  return typeof found === 'string' ? found : null;
}

/** Inflated bytes that may wait between the stream and the scanner (backpressure beyond this). */
const READ_AHEAD_BYTES = 1024 * 1024;

/**
 * Reads outbox.json from `stream`, calling `handlers` for each top-level @context, each start of an item list
 * and each item. Throws ArchiveError 'bad-json' or 'not-collection' (file: outbox.json).
 *
 * The stream flows into a small queue that is scanned a microtask later: zlib then inflates the next chunk on
 * its thread while this one parses. Pulling chunk by chunk (for await) left the main thread waiting for every
 * inflate (a zlib stream stops at 16 KiB of unread output): about half the read at 10k items.
 */
export async function readOutbox(stream: Readable, handlers: OutboxHandlers): Promise<OutboxTail> {
  const scanner = new OutboxScanner(handlers);
  await new Promise<void>((resolve, reject) => {
    const queue: Buffer[] = [];
    let head = 0;
    let queued = 0;
    let bytes = 0;
    let scheduled = false;
    let ended = false;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', finish);
      stream.off('close', onClose);
      stream.on('error', () => undefined); // a late error of a stream we no longer read must not crash the process
      if (error === undefined) resolve();
      else {
        stream.destroy();
        reject(error);
      }
    };
    const drain = () => {
      scheduled = false;
      if (settled) return;
      try {
        while (head < queue.length) {
          const chunk = queue[head]!;
          queue[head++] = undefined as unknown as Buffer;
          queued -= chunk.length;
          scanner.push(chunk);
          bytes += chunk.length;
          handlers.onBytes?.(bytes);
        }
      } catch (error) {
        finish(error);
        return;
      }
      queue.length = 0;
      head = 0;
      if (ended) finish();
      else if (stream.isPaused()) stream.resume();
    };
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(drain);
    };
    function onData(chunk: Buffer | string): void {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      queue.push(buffer);
      queued += buffer.length;
      if (queued > READ_AHEAD_BYTES) stream.pause();
      schedule();
    }
    function onEnd(): void {
      ended = true;
      schedule();
    }
    function onClose(): void {
      // destroyed without an error and without its end: the bytes stopped short
      if (!ended) finish(Object.assign(new Error('outbox.json stopped before its end'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', finish);
    stream.on('close', onClose);
  });
  return scanner.end();
}
