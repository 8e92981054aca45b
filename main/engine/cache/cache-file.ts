// The cache file of one archive: header, checksummed metadata and columns, ids, search bytes, post records.
//
// Layout:  [header 64 B] [post records] [columns: 8-byte aligned typed arrays] [ids] [search] [meta JSON]
// header:  magic "OUTBOXIX" | u32 version | u32 meta length | f64 meta offset | sha256(meta) | 8 B reserved
// A warm open checks everything before any of it is used: the header, the meta (its checksum and the archive
// identity it was written for), the columns, the ids and the post records (each block's checksum); then the
// records and ids are read again when needed. A damaged or swapped file is never trusted: it is read as absent.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import { dirname } from 'node:path';
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
  recordsSha256: string;
  extra: Extra;
}

export interface CacheContent {
  tables: IndexTables;
  posts: readonly Post[];
  /** the search block: its bytes, or what makes them in parts between the writer's turns; null = none */
  search: Buffer | ((slicer: Slicer) => Promise<Uint8Array[]>) | null;
  extra: Extra;
  /** the archive's identity key (cache/location.ts): a warm open of another archive refuses this file */
  identity?: string;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const align8 = (n: number) => Math.ceil(n / 8) * 8;
const HASH_CHUNK = 1 << 20;

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
    /** Writes parts in order and returns the sha256 of all of them, hashed a MiB at a time between turns. */
    const writeHashed = async (parts: readonly Uint8Array[]): Promise<[number, string]> => {
      const hash = createHash('sha256');
      let length = 0;
      for (const part of parts) {
        for (let i = 0; i < part.length; i += HASH_CHUNK) {
          await breathe();
          hash.update(part.subarray(i, i + HASH_CHUNK));
        }
        await write(part);
        length += part.length;
      }
      return [length, hash.digest('hex')];
    };
    // Records first, streamed in ~1 MiB chunks (never the whole blob in memory); their offsets go in the columns.
    const offsets = new Float64Array(content.posts.length + 1);
    const recordsAt = at;
    let pending: string[] = [];
    let pendingBytes = 0;
    let recordBytes = 0;
    const recordsHash = createHash('sha256');
    for (let i = 0; i < content.posts.length; i++) {
      if (slicer.due()) await slicer.turn();
      const json = JSON.stringify(content.posts[i]);
      const len = Buffer.byteLength(json);
      offsets[i] = recordBytes;
      recordBytes += len;
      pending.push(json);
      pendingBytes += len;
      if (pendingBytes > 1 << 20) {
        const chunk = Buffer.from(pending.join(''));
        recordsHash.update(chunk);
        await write(chunk);
        pending = [];
        pendingBytes = 0;
      }
    }
    offsets[content.posts.length] = recordBytes;
    if (pending.length) {
      const chunk = Buffer.from(pending.join(''));
      recordsHash.update(chunk);
      await write(chunk);
    }
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
    // The ids, one per line, in parts of a few thousand (one join of 100k ids would hold the thread).
    const idsAt = at;
    const idParts: Uint8Array[] = [];
    for (let i = 0; i < content.posts.length; i += 4096) {
      await breathe();
      const slice = content.posts.slice(i, i + 4096).map((p) => p.id).join('\n');
      idParts.push(Buffer.from(i === 0 ? slice : `\n${slice}`));
    }
    const [idsLength, idsSha256] = await writeHashed(idParts);
    let searchAt: [number, number] | null = null;
    let searchSha256: string | null = null;
    if (content.search) {
      const searchStart = at;
      const parts = typeof content.search === 'function' ? await content.search(slicer) : [content.search];
      const [length, digest] = await writeHashed(parts);
      searchAt = [searchStart, length];
      searchSha256 = digest;
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
      recordsSha256: recordsHash.digest('hex'),
      extra: content.extra,
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
    await handle.sync();
    await handle.close();
    await fs.rename(tmp, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/** Raised when a cache file turns out damaged after it was opened (a post record or the ids fail their check). */
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

/** sha256 of a block read in 1 MiB pieces (the records of a big archive are never held whole for this). */
function blockSha(fd: number, [at, length]: [number, number]): string {
  const hash = createHash('sha256');
  for (let done = 0; done < length; done += 1 << 20) hash.update(readAt(fd, at + done, Math.min(1 << 20, length - done)));
  return hash.digest('hex');
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

/**
 * Opens a cache file; null when it is missing, foreign, damaged, of another version, or written for another archive
 * than `identity` (when given): never trusted.
 */
export function readCacheFile(file: string, identity?: string): WarmCache | null {
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
    if (!inside(meta.records) || !inside(meta.ids) || !inside(meta.columns)) throw new CacheDamaged('block bounds');
    // Every byte a page or a post can show is checked now, so damage found later cannot become an error.
    if (blockSha(fd, meta.records) !== meta.recordsSha256) throw new CacheDamaged('records checksum');
    if (blockSha(fd, meta.ids) !== meta.idsSha256) throw new CacheDamaged('ids checksum');
    const columnBytes = readAt(fd, meta.columns[0], meta.columns[1]);
    if (sha(columnBytes) !== meta.columnsSha256) throw new CacheDamaged('columns checksum');
    const n = meta.count;
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
    const parse = (pos: number, json: string): Post => {
      let post: Post;
      try {
        post = JSON.parse(json) as Post;
      } catch {
        throw new CacheDamaged(`record ${pos}`);
      }
      if (!post || post.seq !== tables.columns.seq[pos]) throw new CacheDamaged(`record ${pos}`);
      return post;
    };
    let idMap: Map<string, number> | null = null;
    let closed = false;
    return {
      tables,
      extra: meta.extra,
      post(pos) {
        const start = offsets[pos]!;
        return parse(pos, readAt(fd, recordsAt + start, offsets[pos + 1]! - start).toString('utf8'));
      },
      allPosts() {
        const all = readAt(fd, recordsAt, meta.records[1]);
        const out: Post[] = new Array(n);
        for (let i = 0; i < n; i++) out[i] = parse(i, all.toString('utf8', offsets[i], offsets[i + 1]));
        return out;
      },
      ids() {
        if (idMap) return idMap;
        const bytes = readAt(fd, meta.ids[0], meta.ids[1]);
        if (sha(bytes) !== meta.idsSha256) throw new CacheDamaged('ids checksum');
        const list = n === 0 ? [] : bytes.toString('utf8').split('\n');
        if (list.length !== n) throw new CacheDamaged('ids count');
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
