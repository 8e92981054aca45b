// The search build's worker thread (dist/engine/search-worker.js): a SearchInput in, the serialized index out; or, from
// a cold open that streams it the post records as it reads, the index, the stats tally and the records' run sums.
// Either way the second core does work the reading thread would otherwise do after the read.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { parentPort } from 'node:worker_threads';
import type { Post } from '../../../preload/contract.js';
import { StatsCounter, type StatsTally } from '../stats/stats.js';
import { buildSearchDataFrom, SearchStream, type SearchInput } from './build.js';
import { serializeData } from './codec.js';
import { idsPart, setRunSum, SUM } from '../cache/cache-file.js';
import { TablesBuilder, type IndexTables } from '../index/tables.js';

/** The answer to a SearchInput: the bytes of the index, or why it could not build them. */
export type SearchWorkerReply = { bytes: Uint8Array } | { error: string };

/** Post records, in archive order: JSON texts one after another in `bytes`, record k ending at ends[k]. */
export interface RecordsMessage {
  kind: 'records';
  bytes: Uint8Array;
  ends: Uint32Array;
  /** posts per run of records (the cache's RECORD_RUN): each run's CRC-32 goes in the reply's `sums` */
  run: number;
}

/** The records end: the thread answers with a RecordsReply. */
export interface RecordsEnd {
  kind: 'end';
}

/**
 * What a thread fed records sends on `end`, first, before it builds the search: the index tables over the records
 * (tables.ts), the CRC-32 of each run of records (the cache's record sums block, cache-file.ts), the stats tally of
 * the posts as the records hold them (parentInArchive is the index's to say, so the tally's selfReplies is 0 here:
 * the caller counts it from its columns), the records' bytes given back, as they came, and the cache's ids block
 * (every post's id, one per line, UTF-8) with its sha256. The reading thread can index and write all that while this
 * one builds the search.
 */
export interface RecordsDone {
  kind: 'records-done';
  tables: IndexTables;
  sums: Uint8Array;
  tally: StatsTally;
  count: number;
  parts: Uint8Array[];
  ids: Uint8Array;
  idsSha256: string;
}

/**
 * Then the search index's bytes, with their sha256 (the cache file checks its search block by it, and hashing is
 * this thread's work); or why it failed (a record it could not read: then no RecordsDone came before).
 */
export type RecordsReply = { bytes: Uint8Array; bytesSha256: string } | { error: string };

export type SearchWorkerMessage = SearchInput | RecordsMessage | RecordsEnd;

/** Records as they arrive: each parsed once, for the search and the tally; summed (CRC-32) by runs of the cache's size. */
class RecordsIn {
  private readonly search = new SearchStream();
  private readonly counter = new StatsCounter();
  private readonly tables = new TablesBuilder();
  private readonly runs: number[] = [];
  private readonly parts: Uint8Array[] = [];
  private readonly idParts: Buffer[] = [];
  private readonly idsHash = createHash('sha256');
  private crc = 0;
  private count = 0;
  private failed: string | null = null;

  constructor(private readonly run: number) {
    if (!(Number.isInteger(run) && run > 0)) this.failed = `a run of ${String(run)} records`;
  }

  add(message: RecordsMessage): void {
    this.parts.push(message.bytes);
    if (this.failed) return;
    try {
      const bytes = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength);
      let from = 0;
      let runFrom = 0;
      const ids: string[] = [];
      const first = this.count === 0;
      for (const end of message.ends) {
        const post = JSON.parse(bytes.toString('utf8', from, end)) as Post;
        ids.push(post.id);
        this.search.add(post);
        this.counter.add(post);
        this.tables.add(post);
        from = end;
        if (++this.count % this.run === 0) {
          this.runs.push(crc32(bytes.subarray(runFrom, end), this.crc));
          this.crc = 0;
          runFrom = end;
        }
      }
      if (from > runFrom) this.crc = crc32(bytes.subarray(runFrom, from), this.crc);
      if (ids.length > 0) {
        const part = idsPart(ids, first);
        this.idsHash.update(part);
        this.idParts.push(part);
      }
    } catch (error) {
      this.failed = error instanceof Error ? error.message : String(error);
    }
  }

  /** All but the search, once every record came; null when a record could not be read. */
  finishRecords(): { message: RecordsDone; transfer: ArrayBuffer[] } | null {
    if (this.failed) return null;
    const { tables } = this.tables.finish();
    if (this.count % this.run !== 0) this.runs.push(this.crc);
    const sums = new Uint8Array(this.runs.length * SUM);
    this.runs.forEach((crc, r) => setRunSum(sums, r, crc));
    const parts = this.parts.filter((part) => part.byteLength > 0);
    const ids = own(Buffer.concat(this.idParts));
    const message: RecordsDone = {
      kind: 'records-done', tables, sums, tally: this.counter.tally(), count: this.count, parts, ids, idsSha256: this.idsHash.digest('hex'),
    };
    const transfer = [
      ...Object.values(tables.columns).map((c) => (c as Uint8Array).buffer as ArrayBuffer), tables.postings.buffer as ArrayBuffer,
      sums.buffer as ArrayBuffer, ids.buffer as ArrayBuffer, ...parts.map((part) => part.buffer as ArrayBuffer),
    ];
    return { message, transfer };
  }

  /** The search over the records (after finishRecords). */
  finishSearch(): { reply: RecordsReply; transfer: ArrayBuffer[] } {
    if (this.failed) return { reply: { error: `a post record could not be read: ${this.failed}` }, transfer: [] };
    const bytes = own(serializeData(this.search.finish()));
    const bytesSha256 = createHash('sha256').update(bytes).digest('hex');
    return { reply: { bytes, bytesSha256 }, transfer: [bytes.buffer as ArrayBuffer] };
  }
}

/** Transfer, not copy: but only a buffer of its own (a small Buffer may be a slice of Node's shared pool). */
function own(built: Uint8Array): Uint8Array {
  return built.byteOffset === 0 && built.byteLength === built.buffer.byteLength ? built : new Uint8Array(built);
}

let records: RecordsIn | null = null;

parentPort?.on('message', (message: SearchWorkerMessage) => {
  if ('kind' in message && message.kind === 'records') {
    (records ??= new RecordsIn(message.run)).add(message);
    return;
  }
  if ('kind' in message && message.kind === 'end') {
    let answer: { reply: RecordsReply; transfer: ArrayBuffer[] };
    try {
      const done = records?.finishRecords();
      if (done) parentPort!.postMessage(done.message, done.transfer);
      answer = records ? records.finishSearch() : { reply: { error: 'no records came' }, transfer: [] };
    } catch (error) {
      answer = { reply: { error: error instanceof Error ? error.message : String(error) }, transfer: [] };
    }
    parentPort!.postMessage(answer.reply, answer.transfer);
    return;
  }
  let reply: SearchWorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const bytes = own(serializeData(buildSearchDataFrom(message as SearchInput)));
    reply = { bytes };
    transfer = [bytes.buffer as ArrayBuffer];
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply, transfer);
});
