// The cache file of one archive: header, checksummed metadata and columns, ids, search bytes, post records.
//
// Layout:  [header 64 B] [post records] [columns: 8-byte aligned typed arrays] [ids] [record sums] [search] [meta JSON]
// header:  magic "OUTBOXIX" | u32 version | u32 meta length | f64 meta offset | sha256(meta) | 8 B reserved
// The post records are checked in runs of RECORD_RUN posts, each with its own CRC-32 (the record sums block), so a
// reader that needs a few posts checks a few runs, not the whole file. CRC-32, not sha256: it finds damage as well
// (a swapped file is refused by the identity in the meta, which has its sha256), at a fraction of the CPU of
// hashing every record twice (cold write, warm read): sha256 was ~10% of a cold open's instructions at 100k.
// A warm open checks, before any of it is used: the header, the meta (its checksum and the archive identity it was
// written for), the columns and the record sums; by default also the ids and every run of records, so damage found
// later cannot become an error. With `checkWhenRead` the ids and each run are checked when first read instead, and
// damage then fails that read (CacheDamaged): for callers that can run again from the archive (the CLI). Either way
// a damaged or swapped file is never served.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Post } from '../../../preload/contract.js';
import type { IndexColumns, IndexTables } from '../index/tables.js';
import { timeSlicer, type Slicer } from '../time-slice.js';
import { CACHE_VERSION } from './location.js';

const MAGIC = Buffer.from('OUTBOXIX', 'latin1');
const HEADER = 64;
const COLUMN_NAMES = ['seq', 'published', 'flags', 'visibility', 'language', 'month', 'parent', 'byTime'] as const;
type ArrayCtor = Uint32ArrayConstructor | Float64ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor | Int32ArrayConstructor;
const COLUMN_TYPES: Record<(typeof COLUMN_NAMES)[number], ArrayCtor> = {
  seq: Uint32Array, published: Float64Array, flags: Uint16Array, visibility: Uint8Array,
  language: Uint16Array, month: Uint16Array, parent: Int32Array, byTime: Uint32Array,
};

/** Whatever the opener wants back on a warm open besides the index (profile, summary, lists…). */
export type Extra = Record<string, unknown>;

interface Meta {
  version: number;
  /** the identity key of the archive this file indexes (a cache copied over another's is refused) */
  identity: string | null;
  fileSize: number;
  count: number;
  postings: number;
  languages: string[];
  hashtags: Array<[string, number, number]>;
  mentions: Array<[string, number, number]>;
  months: Record<string, number>;
  /** [offset, length] in the file */
  columns: [number, number];
  columnsSha256: string;
  ids: [number, number];
  idsSha256: string;
  search: [number, number] | null;
  searchSha256: string | null;
  records: [number, number];
  /** posts per run of records, and the block of each run's CRC-32 (SUM bytes a run, little-endian) */
  recordRun: number;
  sums: [number, number];
  sumsSha256: string;
  extra: Extra;
  /** the keys of `extra` kept apart (CacheContent.apart): [offset, length, sha256] of each one's JSON */
  apart: Record<string, [number, number, string]>;
}

export interface CacheContent {
  tables: IndexTables;
  posts: readonly Post[];
  /**
   * the search block: its bytes, or what makes them in parts between the writer's turns (asked for once the post
   * records are written: a search still being built elsewhere has that long to finish); null = none
   */
  search: Buffer | ((slicer: Slicer) => Promise<Uint8Array[] | null>) | null;
  extra: Extra;
  /** The sha256 (hex) of the search block's parts when the caller has it already (the thread that made them), else null. */
  searchSha256?: (parts: readonly Uint8Array[]) => string | null;
  /** the archive's identity key (cache/location.ts): a warm open of another archive refuses this file */
  identity?: string;
  /**
   * The post records made already (index/record-stream.ts: JSON.stringify of each post, in parts) with each run's
   * CRC-32 (runs of RECORD_RUN posts, SUM bytes each): written as they are. Absent, or not matching the posts in
   * number, they are made here.
   */
  records?: { parts: readonly Uint8Array[]; offsets: Float64Array; sums: Uint8Array };
  /**
   * The ids block made already, by the thread the records went to (every post's id, one per line, UTF-8), with its
   * sha256: written as it is. Absent, it is made here from the posts.
   */
  ids?: { bytes: Uint8Array; sha256: string };
  /**
   * Keys of `extra` kept in blocks of their own (long lists a warm command rarely needs): with checkWhenRead each is
   * read, checked and parsed when first used (WarmCache.extra's getter), not with the rest.
   */
  apart?: readonly string[];
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const align8 = (n: number) => Math.ceil(n / 8) * 8;
const HASH_CHUNK = 1 << 20;
/** Posts per checked run of records: ~100 KiB of records each (a few for a search's hits, not the whole file). */
export const RECORD_RUN = 64;
/** Bytes of one run's sum in the record sums block: its CRC-32, little-endian (recordRunSums). */
export const SUM = 4;

/** Writes run r's CRC-32 into a record sums block. */
export function setRunSum(sums: Uint8Array, r: number, crc: number): void {
  new DataView(sums.buffer, sums.byteOffset, sums.byteLength).setUint32(r * SUM, crc, true);
}

/**
 * Writes the cache atomically: a temp file beside the target, renamed over it. The same bytes as ever; the work is
 * cut in slices (`slicer`, ~4 ms by default) because an open returns before its cache is written: on a serving
 * thread, a search or a page asked for meanwhile waits for one slice, not for the whole write.
 */
export async function writeCacheFile(file: string, content: CacheContent, slicer: Slicer = timeSlicer()): Promise<void> {
  const { tables } = content;
  const breathe = async () => {
    if (slicer.due()) await slicer.turn();
  };
  // The cache holds direct messages and followers-only posts: only the user may read it.
  await fs.mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const handle = await fs.open(tmp, 'wx', 0o600);
  try {
    let at = HEADER;
    const write = async (bytes: Uint8Array) => {
      await handle.write(bytes, 0, bytes.length, at);
      at += bytes.length;
    };
    /**
     * Writes parts in order and returns the sha256 of all of them, hashed a MiB at a time between turns. Parts made as
     * they are asked for (a generator) are let go once written: a 1M-post archive's ids are ~60 MB.
     */
    const writeHashed = async (parts: Iterable<Uint8Array>, known: string | null = null): Promise<[number, string]> => {
      const hash = createHash('sha256');
      let length = 0;
      for (const part of parts) {
        for (let i = 0; !known && i < part.length; i += HASH_CHUNK) {
          await breathe();
          hash.update(part.subarray(i, i + HASH_CHUNK));
        }
        await write(part);
        length += part.length;
      }
      return [length, known ?? hash.digest('hex')];
    };
    // Records first, encoded straight into a 4 MiB buffer written as it fills (never the whole blob in memory, one
    // UTF-8 pass per post); their offsets go in the columns. Each run of RECORD_RUN posts gets its own sha256 (the
    // record sums block, written after the ids).
    const recordsAt = at;
    const runs = Math.ceil(content.posts.length / RECORD_RUN);
    const made = content.records;
    const ready = made && made.offsets.length === content.posts.length + 1 && made.sums.length === runs * SUM &&
      made.parts.reduce((sum, part) => sum + part.length, 0) === made.offsets[content.posts.length];
    const offsets = ready ? made.offsets : new Float64Array(content.posts.length + 1);
    const sums = ready ? made.sums : new Uint8Array(runs * SUM);
    let recordBytes = 0;
    if (ready) {
      for (const part of made.parts) {
        await breathe();
        await write(part);
      }
      recordBytes = offsets[content.posts.length]!;
    }
    let buffer = Buffer.allocUnsafe(4 << 20);
    let used = 0;
    let runFrom = 0;
    let runCrc = 0;
    const flush = async () => {
      runCrc = crc32(buffer.subarray(runFrom, used), runCrc);
      await write(buffer.subarray(0, used));
      used = 0;
      runFrom = 0;
    };
    for (let i = 0; !ready && i < content.posts.length; i++) {
      if (slicer.due()) await slicer.turn();
      // parentInArchive as the reader left it (false), as records made during the read hold it (the same bytes
      // either way): a warm open reads it from the parent column. Set back at once: nothing runs in between.
      const post = content.posts[i]!;
      const parent = post.parentInArchive;
      post.parentInArchive = false;
      const json = JSON.stringify(post);
      post.parentInArchive = parent;
      // At most 3 bytes of UTF-8 per UTF-16 unit.
      if (used + json.length * 3 > buffer.length) {
        await flush();
        if (json.length * 3 > buffer.length) buffer = Buffer.allocUnsafe(json.length * 3);
      }
      const length = buffer.write(json, used);
      offsets[i] = recordBytes;
      recordBytes += length;
      used += length;
      if ((i + 1) % RECORD_RUN === 0 || i === content.posts.length - 1) {
        setRunSum(sums, Math.floor(i / RECORD_RUN), crc32(buffer.subarray(runFrom, used), runCrc));
        runCrc = 0;
        runFrom = used;
      }
    }
    offsets[content.posts.length] = recordBytes;
    if (used > 0) await write(buffer.subarray(0, used));
    at = align8(at);

    // Columns, postings and record offsets, each 8-byte aligned so a warm open views them in place.
    const arrays: ArrayBufferView[] = [...COLUMN_NAMES.map((n) => tables.columns[n]), tables.postings, offsets];
    const columnsStart = at;
    const columnParts: Uint8Array[] = [];
    for (const a of arrays) {
      columnParts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      const zeros = align8(a.byteLength) - a.byteLength;
      if (zeros > 0) columnParts.push(new Uint8Array(zeros));
    }
    const [columnsLength, columnsSha256] = await writeHashed(columnParts);
    // The ids, one per line, in parts of a few thousand (one join of 100k ids would hold the thread), each made when
    // written (writeHashed breathes between them).
    const idsAt = at;
    const posts = content.posts;
    const idParts = function* (): Generator<Uint8Array> {
      for (let i = 0; i < posts.length; i += 4096) yield idsPart(posts.slice(i, i + 4096).map((p) => p.id), i === 0);
    };
    const [idsLength, idsSha256] = content.ids ? await writeHashed([content.ids.bytes], content.ids.sha256) : await writeHashed(idParts());
    const sumsAt = at;
    const [sumsLength, sumsSha256] = await writeHashed([sums]);
    let searchAt: [number, number] | null = null;
    let searchSha256: string | null = null;
    const searchParts = typeof content.search === 'function' ? await content.search(slicer) : content.search && [content.search];
    if (searchParts) {
      const searchStart = at;
      const [length, digest] = await writeHashed(searchParts, content.searchSha256?.(searchParts) ?? null);
      searchAt = [searchStart, length];
      searchSha256 = digest;
    }
    const extra: Extra = { ...content.extra };
    const apart: Meta['apart'] = {};
    for (const key of content.apart ?? []) {
      if (!Object.hasOwn(extra, key)) continue;
      await breathe();
      const apartAt = at;
      const [length, digest] = await writeHashed(jsonParts(extra[key]));
      apart[key] = [apartAt, length, digest];
      delete extra[key];
    }
    await breathe();
    const metaAt = at;
    const meta: Meta = {
      version: CACHE_VERSION,
      identity: content.identity ?? null,
      fileSize: 0,
      count: tables.count,
      postings: tables.postings.length,
      languages: tables.languages,
      hashtags: [...tables.hashtags].map(([k, [s, l]]) => [k, s, l]),
      mentions: [...tables.mentions].map(([k, [s, l]]) => [k, s, l]),
      months: tables.months,
      columns: [columnsStart, columnsLength],
      columnsSha256,
      ids: [idsAt, idsLength],
      idsSha256,
      search: searchAt,
      searchSha256,
      records: [recordsAt, recordBytes],
      recordRun: RECORD_RUN,
      sums: [sumsAt, sumsLength],
      sumsSha256,
      extra,
      apart,
    };
    let metaBytes = Buffer.from(JSON.stringify(meta));
    meta.fileSize = metaAt + metaBytes.length;
    // fileSize's own digits may change the length: settle it.
    for (;;) {
      metaBytes = Buffer.from(JSON.stringify(meta));
      if (metaAt + metaBytes.length === meta.fileSize) break;
      meta.fileSize = metaAt + metaBytes.length;
    }
    await write(metaBytes);
    const header = Buffer.alloc(HEADER);
    MAGIC.copy(header, 0);
    header.writeUInt32LE(CACHE_VERSION, 8);
    header.writeUInt32LE(metaBytes.length, 12);
    header.writeDoubleLE(metaAt, 16);
    Buffer.from(sha(metaBytes), 'hex').copy(header, 24);
    await handle.write(header, 0, HEADER, 0);
    // No fsync before the rename: a file cut short or zeroed by a crash fails its checksums and is read as absent
    // (rebuilt), so durability buys nothing here, while flushing ~150 MB to disk held every cold CLI command.
    await handle.close();
    await fs.rename(tmp, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/** Elements of a list per part of JSON.stringify(list)'s bytes: a long list is never one string and one Buffer. */
const JSON_RUN = 4096;

/** JSON.stringify(value)'s UTF-8, in parts made as they are asked for (a list in runs of elements). */
function* jsonParts(value: unknown): Generator<Uint8Array> {
  if (!Array.isArray(value)) {
    yield Buffer.from(JSON.stringify(value));
    return;
  }
  // JSON.stringify of an array is its elements' JSON joined by commas in brackets (undefined and functions: null).
  if (value.length === 0) {
    yield Buffer.from('[]');
    return;
  }
  for (let i = 0; i < value.length; i += JSON_RUN) {
    const run = JSON.stringify(value.slice(i, i + JSON_RUN));
    const first = i === 0 ? '[' : ',';
    const last = i + JSON_RUN >= value.length ? ']' : '';
    yield Buffer.from(first + run.slice(1, -1) + last);
  }
}

/** Raised when a cache file turns out damaged after it was opened (a post record or the ids fail their check). */
/**
 * One part of the ids block (every post's id, one per line, UTF-8): the ids given, after a newline unless they are
 * the first. The cache writer and the search thread (which makes the block as the records come) both make it here.
 */
export function idsPart(ids: readonly string[], first: boolean): Buffer {
  const joined = ids.join('\n');
  return Buffer.from(first ? joined : `\n${joined}`);
}

export class CacheDamaged extends Error {}

export interface WarmCache {
  tables: IndexTables;
  extra: Extra;
  /** reads, checks and parses the post at a position */
  post(pos: number): Post;
  /** every post, read in one pass (for a search rebuilt from the posts) */
  allPosts(): Post[];
  ids(): Map<string, number>;
  /** the search block; null when absent or damaged */
  search(): Buffer | null;
  /**
   * The search block read in parts, unchecked here: its own format checks each part it reads (search/codec.ts), so a
   * warm search reads a few MB, not the whole block and its sha256. null when absent.
   */
  searchParts(): { length: number; read(target: Uint8Array, at: number): void } | null;
  close(): void;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new CacheDamaged('short read');
    done += n;
  }
  return buf;
}

/**
 * The extra, with the keys kept apart put back: read and checked now, or (`later`) by a getter when first used,
 * which throws CacheDamaged when that block is damaged.
 */
function extraOf(fd: number, meta: Meta, later: boolean): Extra {
  const extra: Extra = { ...meta.extra };
  for (const [key, [at, length, digest]] of Object.entries(meta.apart)) {
    const load = () => {
      const bytes = readAt(fd, at, length);
      if (sha(bytes) !== digest) throw new CacheDamaged(`extra ${key}`);
      try {
        return JSON.parse(bytes.toString('utf8')) as unknown;
      } catch {
        throw new CacheDamaged(`extra ${key}`);
      }
    };
    if (!later) {
      extra[key] = load();
      continue;
    }
    let value: unknown;
    let loaded = false;
    Object.defineProperty(extra, key, {
      enumerable: true,
      get: () => {
        if (!loaded) {
          value = load();
          loaded = true;
        }
        return value;
      },
    });
  }
  return extra;
}

/**
 * Whether `file` starts as a cache file of this version does (magic and version): a cheap look before deciding to
 * skip work. Nothing in it is trusted: readCacheFile checks everything when the file is opened.
 */
export async function looksLikeCacheFile(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const header = Buffer.alloc(HEADER);
    const { bytesRead } = await handle.read(header, 0, HEADER, 0);
    return bytesRead === HEADER && header.subarray(0, 8).equals(MAGIC) && header.readUInt32LE(8) === CACHE_VERSION;
  } finally {
    await handle.close();
  }
}

export interface ReadCacheOptions {
  /**
   * Check the ids and each run of post records when first read, not all of them now (see the top of this file): a
   * damaged one then throws CacheDamaged from that read. Default false: everything is checked before this returns.
   */
  checkWhenRead?: boolean;
}

/**
 * Opens a cache file; null when it is missing, foreign, damaged, of another version, or written for another archive
 * than `identity` (when given): never trusted.
 */
export function readCacheFile(file: string, identity?: string, options: ReadCacheOptions = {}): WarmCache | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < HEADER) throw new CacheDamaged('short file');
    const header = readAt(fd, 0, HEADER);
    if (!header.subarray(0, 8).equals(MAGIC) || header.readUInt32LE(8) !== CACHE_VERSION) throw new CacheDamaged('magic');
    const metaLength = header.readUInt32LE(12);
    const metaAt = header.readDoubleLE(16);
    if (!(metaAt >= HEADER && metaAt + metaLength === size)) throw new CacheDamaged('meta bounds');
    const metaBytes = readAt(fd, metaAt, metaLength);
    if (sha(metaBytes) !== header.subarray(24, 56).toString('hex')) throw new CacheDamaged('meta checksum');
    const meta = JSON.parse(metaBytes.toString('utf8')) as Meta;
    if (meta.version !== CACHE_VERSION || meta.fileSize !== size) throw new CacheDamaged('meta');
    if (identity !== undefined && meta.identity !== identity) throw new CacheDamaged('another archive');
    const inside = ([at, length]: [number, number]) => at >= HEADER && length >= 0 && at + length <= metaAt;
    if (!inside(meta.records) || !inside(meta.ids) || !inside(meta.columns) || !inside(meta.sums)) throw new CacheDamaged('block bounds');
    if (Object.values(meta.apart).some(([at, length]) => !inside([at, length]))) throw new CacheDamaged('block bounds');
    const extra = extraOf(fd, meta, options.checkWhenRead === true);
    const columnBytes = readAt(fd, meta.columns[0], meta.columns[1]);
    if (sha(columnBytes) !== meta.columnsSha256) throw new CacheDamaged('columns checksum');
    const n = meta.count;
    const runLength = meta.recordRun;
    const runs = Math.ceil(n / runLength);
    if (!(Number.isInteger(runLength) && runLength > 0 && meta.sums[1] === runs * SUM)) throw new CacheDamaged('record sums');
    const sums = readAt(fd, meta.sums[0], meta.sums[1]);
    if (sha(sums) !== meta.sumsSha256) throw new CacheDamaged('record sums checksum');
    let off = 0;
    const view = <T>(Ctor: { new (b: ArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number }, length: number): T => {
      const v = new Ctor(columnBytes.buffer as ArrayBuffer, columnBytes.byteOffset + off, length);
      off += align8(length * Ctor.BYTES_PER_ELEMENT);
      if (off > columnBytes.length) throw new CacheDamaged('columns length');
      return v;
    };
    const columns = {} as Record<string, unknown>;
    for (const name of COLUMN_NAMES) columns[name] = view(COLUMN_TYPES[name] as never, n);
    const postings = view(Uint32Array, meta.postings);
    const offsets = view(Float64Array, n + 1);
    if (offsets[0] !== 0 || offsets[n] !== meta.records[1]) throw new CacheDamaged('record offsets');
    /** Whether the record offsets of posts [from, to] ascend (the columns' sha256 matched: only a writer's bug fails). */
    const ascend = (from: number, to: number): boolean => {
      for (let i = from; i < to; i++) if (!(offsets[i + 1]! >= offsets[i]!)) return false;
      return true;
    };
    // Checked all now, or (checkWhenRead) each run's with its records: a warm command reading no post walks none.
    if (!options.checkWhenRead && !ascend(0, n)) throw new CacheDamaged('record offsets');
    const tables: IndexTables = {
      count: n,
      columns: columns as unknown as IndexColumns,
      languages: meta.languages,
      postings,
      hashtags: new Map(meta.hashtags.map(([k, s, l]) => [k, [s, l]])),
      mentions: new Map(meta.mentions.map(([k, s, l]) => [k, [s, l]])),
      months: meta.months,
    };
    const [recordsAt] = meta.records;
    /** Runs whose CRC-32 matched; a run read again later is read from the file again but not checked again. */
    const checked = new Uint8Array(runs);
    const runSpan = (r: number): [number, number] => [offsets[r * runLength]!, offsets[Math.min(n, (r + 1) * runLength)]!];
    const checkRun = (r: number, bytes: Uint8Array) => {
      if (checked[r]) return;
      if (crc32(bytes) !== sums.readUInt32LE(r * SUM)) throw new CacheDamaged(`records of run ${r}`);
      checked[r] = 1;
    };
    /** The last run read (an export reads the posts in order: one read and one check per run, not per post). */
    let current: { run: number; bytes: Buffer } | null = null;
    const runBytes = (r: number): Buffer => {
      if (current?.run === r) return current.bytes;
      if (!checked[r] && !ascend(r * runLength, Math.min(n, (r + 1) * runLength))) throw new CacheDamaged(`record offsets of run ${r}`);
      const [from, to] = runSpan(r);
      const bytes = readAt(fd, recordsAt + from, to - from);
      checkRun(r, bytes);
      current = { run: r, bytes };
      return bytes;
    };
    const parse = (pos: number, json: string): Post => {
      let post: Post;
      try {
        post = JSON.parse(json) as Post;
      } catch {
        throw new CacheDamaged(`record ${pos}`);
      }
      if (!post || post.seq !== tables.columns.seq[pos]) throw new CacheDamaged(`record ${pos}`);
      // The index says it: a record made while the archive was read holds false (record-stream.ts).
      post.parentInArchive = tables.columns.parent[pos]! >= 0;
      return post;
    };
    let idMap: Map<string, number> | null = null;
    const readIds = (): string[] => {
      const bytes = readAt(fd, meta.ids[0], meta.ids[1]);
      if (sha(bytes) !== meta.idsSha256) throw new CacheDamaged('ids checksum');
      const list = n === 0 ? [] : bytes.toString('utf8').split('\n');
      if (list.length !== n) throw new CacheDamaged('ids count');
      return list;
    };
    if (!options.checkWhenRead) {
      // Every byte a page or a post can show is checked now, so damage found later cannot become an error.
      // Read in slabs of whole runs (~4 MiB), not one read per run.
      for (let r = 0; r < runs; ) {
        const from = runSpan(r)[0];
        let last = r;
        while (last + 1 < runs && runSpan(last + 1)[1] - from <= 4 << 20) last++;
        const slab = readAt(fd, recordsAt + from, runSpan(last)[1] - from);
        for (; r <= last; r++) {
          const [a, b] = runSpan(r);
          checkRun(r, slab.subarray(a - from, b - from));
        }
      }
      if (sha(readAt(fd, meta.ids[0], meta.ids[1])) !== meta.idsSha256) throw new CacheDamaged('ids checksum');
    }
    let closed = false;
    return {
      tables,
      extra,
      post(pos) {
        const r = Math.floor(pos / runLength);
        const bytes = runBytes(r);
        const base = offsets[r * runLength]!;
        return parse(pos, bytes.toString('utf8', offsets[pos]! - base, offsets[pos + 1]! - base));
      },
      allPosts() {
        if (!ascend(0, n)) throw new CacheDamaged('record offsets');
        const all = readAt(fd, recordsAt, meta.records[1]);
        for (let r = 0; r < runs; r++) {
          const [from, to] = runSpan(r);
          checkRun(r, all.subarray(from, to));
        }
        const out: Post[] = new Array(n);
        for (let i = 0; i < n; i++) out[i] = parse(i, all.toString('utf8', offsets[i], offsets[i + 1]));
        return out;
      },
      ids() {
        if (idMap) return idMap;
        const list = readIds();
        idMap = new Map();
        list.forEach((id, i) => {
          if (!idMap!.has(id)) idMap!.set(id, i);
        });
        return idMap;
      },
      search() {
        if (!meta.search) return null;
        const bytes = readAt(fd, meta.search[0], meta.search[1]);
        // A damaged search block costs only a rebuild from the posts.
        return sha(bytes) === meta.searchSha256 ? bytes : null;
      },
      searchParts() {
        const block = meta.search;
        if (!block || !inside(block)) return null;
        return {
          length: block[1],
          read(target, at) {
            if (closed) throw new CacheDamaged('closed');
            if (at < 0 || at + target.length > block[1]) throw new CacheDamaged('search bounds');
            for (let done = 0; done < target.length; ) {
              const n = readSync(fd, target, done, target.length - done, block[0] + at + done);
              if (n === 0) throw new CacheDamaged('short read');
              done += n;
            }
          },
        };
      },
      close() {
        if (!closed) closeSync(fd);
        closed = true;
      },
    };
  } catch (error) {
    // Whatever went wrong (damage, a read error, a foreign file), the archive is read again.
    closeSync(fd);
    void error;
    return null;
  }
}
