// Serializes the search data to one Buffer (raw little-endian typed arrays) and loads it back as views, validated:
// whole (loadData), or lazily from the cache file (openData), reading and checking only the parts a query needs.
//
// Layout: [magic "OXSEARCH" | u32 version | u32 header length | u32 crc32(header) | u32 0] [header JSON] [pad to 8]
//         [body: the sections, each padded to 8; the small ones first, then the text and the postings]
// The header lists the sections and the crc32 of every CHUNK bytes of the body, so a lazy reader checks each chunk
// it reads (a one-word search reads ~3 MB of a 100k-post archive's 30 MB, not all of it).
import { crc32 } from 'node:zlib';
import { ArchiveError } from '../errors.js';
import type { Slicer } from '../time-slice.js';
import type { SearchData, TermTable } from './data.js';

const MAGIC = 'OXSEARCH';
export const SEARCH_FORMAT_VERSION = 2; // 2: crc32 per chunk of the body, big sections last
/** Bytes of body per crc32: a rare term's postings cost one or two chunks. */
const CHUNK = 1 << 16;
const ALIGN = 8;

type Section = Uint8Array | Uint16Array | Uint32Array | Float64Array;
const KINDS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f64: Float64Array } as const;
type Kind = keyof typeof KINDS;

interface Header {
  n: number;
  /** the sum of the docs' lengths */
  lengthSum: number;
  langs: string[];
  /** crc32 of each CHUNK of the body (the last one shorter) */
  sums: number[];
  sections: Array<{ name: string; kind: Kind; length: number }>;
}

function kindOf(a: Section): Kind {
  return a instanceof Uint8Array ? 'u8' : a instanceof Uint16Array ? 'u16' : a instanceof Uint32Array ? 'u32' : 'f64';
}

/** Strings as one UTF-8 blob plus UTF-16 offsets, so loading is one decode and slices. */
function packStrings(list: string[]): [Uint8Array, Uint32Array] {
  const offsets = new Uint32Array(list.length + 1);
  for (let i = 0; i < list.length; i++) offsets[i + 1] = offsets[i]! + list[i]!.length;
  return [Buffer.from(list.join(''), 'utf8'), offsets];
}

/** A section as written: its element kind and count, and its bytes in one or more parts. */
interface Made {
  kind: Kind;
  length: number;
  parts: readonly Uint8Array[];
}

const made = (a: Section): Made => ({ kind: kindOf(a), length: a.length, parts: [new Uint8Array(a.buffer, a.byteOffset, a.byteLength)] });

/** The folded text's bytes: as the build wrote them (no copy of ~150 MB at 1M posts), else encoded now. */
function textSection(data: SearchData): Made {
  if (!data.textParts) return made(Buffer.from(data.text, 'utf8'));
  let length = 0;
  for (const p of data.textParts) length += p.byteLength;
  return { kind: 'u8', length, parts: data.textParts };
}

/**
 * The sections in file order, each made when asked (encoding the text, when the build did not, is the one costly
 * step). Every section a query always needs comes first, then the ones read in parts or only for some queries
 * (LAZY): a lazy reader loads the first run in one read.
 */
function sectionMakers(data: SearchData): Array<[string, () => Made]> {
  const out: Array<[string, () => Made]> = [
    ['seq', () => made(data.seq)], ['published', () => made(data.published)], ['flags', () => made(data.flags)],
    ['visibility', () => made(data.visibility)], ['lang', () => made(data.lang)], ['length', () => made(data.length)],
    ['byDate', () => made(data.byDate)], ['dateRank', () => made(dateRankOf(data))], ['textStart', () => made(data.textStart)],
  ];
  const tables = ['words', 'tags', 'mentions'] as const;
  for (const name of tables) {
    const t = data[name];
    let packed: [Uint8Array, Uint32Array] | null = null;
    const pack = () => (packed ??= packStrings(t.terms));
    out.push([`${name}.terms`, () => made(pack()[0])], [`${name}.termOffsets`, () => made(pack()[1])], [`${name}.offsets`, () => made(t.offsets)]);
  }
  out.push(['text', () => textSection(data)]);
  for (const name of tables) out.push([`${name}.docs`, () => made(data[name].docs)], [`${name}.tfs`, () => made(data[name].tfs)]);
  return out;
}

/** Each doc's place in byDate: stored so a warm query need not invert byDate (see execute.ts, Derived). */
function dateRankOf(data: SearchData): Uint32Array {
  if (data.dateRank) return data.dateRank;
  const rank = new Uint32Array(data.n);
  for (let r = 0; r < data.n; r++) rank[data.byDate[r]!] = r;
  return rank;
}

function lengthSumOf(data: SearchData): number {
  if (data.lengthSum !== undefined) return data.lengthSum;
  let sum = 0;
  for (let d = 0; d < data.n; d++) sum += data.length[d]!;
  return sum;
}

/** Sections read when a query needs them (the first of them ends the part a lazy reader loads at open). */
const LAZY = new Set(['text', 'words.docs', 'words.tfs', 'tags.docs', 'tags.tfs', 'mentions.docs', 'mentions.tfs']);

/** crc32 of each CHUNK of a stream of bytes given in any pieces. */
class ChunkSums {
  readonly sums: number[] = [];
  private crc = 0;
  private filled = 0;

  add(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; ) {
      const take = Math.min(CHUNK - this.filled, bytes.length - at);
      this.crc = crc32(bytes.subarray(at, at + take), this.crc);
      this.filled += take;
      at += take;
      if (this.filled === CHUNK) this.end();
    }
  }

  finish(): number[] {
    if (this.filled > 0) this.end();
    return this.sums;
  }

  private end(): void {
    this.sums.push(this.crc);
    this.crc = 0;
    this.filled = 0;
  }
}

function sections(data: SearchData): Array<[string, Made]> {
  return sectionMakers(data).map(([name, make]) => [name, make()]);
}

const byteLengthOf = (m: Made): number => m.length * KINDS[m.kind].BYTES_PER_ELEMENT;

const pad = (x: number): number => (x + ALIGN - 1) & ~(ALIGN - 1);

function littleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('search index needs a little-endian machine');
}

const HEAD = 24;

/** The head: magic, version, header JSON length, its crc32, the header JSON, zero padding to ALIGN. */
function headBytes(data: SearchData, list: Array<[string, Made]>, sums: number[]): Buffer {
  const header: Header = {
    n: data.n,
    lengthSum: lengthSumOf(data),
    langs: data.langs,
    sums,
    sections: list.map(([name, m]) => ({ name, kind: m.kind, length: m.length })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(pad(HEAD + json.length));
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(SEARCH_FORMAT_VERSION, 8);
  head.writeUInt32LE(json.length, 12);
  head.writeUInt32LE(crc32(json), 16);
  json.copy(head, HEAD);
  return head;
}

/**
 * serializeData's exact bytes, as parts to write one after another, made between the slicer's turns (a cache
 * written behind a serving thread must not hold it for the whole index). Sections are views of the index's own
 * arrays, not copies: nothing here allocates the index a second time.
 */
export async function serializeDataInParts(data: SearchData, slicer: Slicer): Promise<Uint8Array[]> {
  littleEndian();
  const list: Array<[string, Made]> = [];
  const body: Uint8Array[] = [];
  const sums = new ChunkSums();
  for (const [name, make] of sectionMakers(data)) {
    if (slicer.due()) await slicer.turn();
    const m = make();
    list.push([name, m]);
    for (const bytes of m.parts) {
      for (let at = 0; at < bytes.length; at += CHUNK) {
        if (slicer.due()) await slicer.turn();
        sums.add(bytes.subarray(at, at + CHUNK));
      }
      body.push(bytes);
    }
    const byteLength = byteLengthOf(m);
    const zeros = pad(byteLength) - byteLength;
    if (zeros > 0) {
      const padding = new Uint8Array(zeros);
      sums.add(padding);
      body.push(padding);
    }
  }
  return [headBytes(data, list, sums.finish()), ...body];
}

export function serializeData(data: SearchData): Buffer {
  littleEndian();
  const list = sections(data);
  let bodyLength = 0;
  for (const [, m] of list) bodyLength += pad(byteLengthOf(m));
  const body = Buffer.alloc(bodyLength);
  let at = 0;
  for (const [, m] of list) {
    let to = at;
    for (const bytes of m.parts) {
      body.set(bytes, to);
      to += bytes.length;
    }
    at += pad(byteLengthOf(m));
  }
  const sums = new ChunkSums();
  sums.add(body);
  return Buffer.concat([headBytes(data, list, sums.finish()), body]);
}

function corrupt(why: string): never {
  throw new ArchiveError('internal', `The cached search index is damaged (${why}); it will be rebuilt.`);
}

/** The head's fields and the header, checked; `bytes` holds at least the head and header. */
function readHeader(bytes: Uint8Array, size: number): { header: Header; bodyStart: number } {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (input.length < HEAD || input.toString('latin1', 0, 8) !== MAGIC) corrupt('not a search index');
  if (input.readUInt32LE(8) !== SEARCH_FORMAT_VERSION) corrupt(`format version ${input.readUInt32LE(8)}`);
  const jsonLength = input.readUInt32LE(12);
  if (HEAD + jsonLength > input.length) corrupt('header cut short');
  if (input.readUInt32LE(20) !== 0) corrupt('header'); // reserved
  const json = input.subarray(HEAD, HEAD + jsonLength);
  if (crc32(json) !== input.readUInt32LE(16)) corrupt('header checksum');
  let header: Header;
  try {
    header = JSON.parse(json.toString('utf8')) as Header;
  } catch {
    corrupt('header is not JSON');
  }
  if (!header || !Number.isInteger(header.n) || !Number.isInteger(header.lengthSum) || !Array.isArray(header.sections) || !Array.isArray(header.langs) || !Array.isArray(header.sums)) corrupt('header fields');
  const bodyStart = pad(HEAD + jsonLength);
  if (bodyStart > size) corrupt('header cut short');
  if (header.sums.length !== Math.ceil((size - bodyStart) / CHUNK)) corrupt('chunk sums');
  return { header, bodyStart };
}

/** Each section's [name, kind constructor, byte offset in the body, length], checked to tile the body exactly. */
function layout(header: Header, bodyLength: number): Array<{ name: string; Kind: (typeof KINDS)[Kind]; at: number; length: number }> {
  const out = [];
  let at = 0;
  for (const s of header.sections) {
    const Kind = Object.hasOwn(KINDS, s.kind) ? KINDS[s.kind] : undefined;
    if (!Kind || !Number.isInteger(s.length) || s.length < 0) corrupt(`section ${s.name}`);
    const bytes = s.length * Kind.BYTES_PER_ELEMENT;
    if (at + bytes > bodyLength) corrupt(`section ${s.name} cut short`);
    out.push({ name: s.name, Kind, at, length: s.length });
    at += pad(bytes);
  }
  if (at !== bodyLength) corrupt('length');
  return out;
}

/** Views of every section over a body (an ArrayBuffer whose byteOffset is a multiple of ALIGN). */
function viewsOver(header: Header, body: Uint8Array): Map<string, Section> {
  const got = new Map<string, Section>();
  for (const s of layout(header, body.length)) got.set(s.name, new s.Kind(body.buffer as ArrayBuffer, body.byteOffset + s.at, s.length));
  return got;
}

/**
 * `checked`: the caller has already verified these exact bytes end to end (the cache file's sha256 of the block),
 * so the body's crc32s — a second full pass over tens of MB — are skipped. The structure is validated either way.
 */
export function loadData(input: Buffer, checked = false): SearchData {
  const { header, bodyStart } = readHeader(input, input.length);
  // Typed array views need aligned offsets: copy when the Buffer sits at an odd place in its ArrayBuffer.
  let buf = input;
  if (input.byteOffset % ALIGN !== 0) {
    buf = Buffer.alloc(input.length); // alloc, not from(): never a slice of the shared pool
    input.copy(buf);
  }
  const body = buf.subarray(bodyStart);
  const got = viewsOver(header, body);
  if (!checked) {
    for (let c = 0; c < header.sums.length; c++) {
      if (crc32(body.subarray(c * CHUNK, (c + 1) * CHUNK)) !== header.sums[c]) corrupt('checksum');
    }
  }
  return validate(header, got, null);
}

/** The search block of a cache file, read in parts: `read` fills `target` with the block's bytes from `at`. */
export interface SearchBytes {
  length: number;
  read(target: Uint8Array, at: number): void;
}

/**
 * The search data over a block read in parts: the header and the small sections now (checked), the text and each
 * term's postings when a query needs them (TermTable.postings, the text getter), each chunk checked by its crc32 as it
 * is read. Nothing is kept but what was asked for: no buffer the size of the block (allocating one made V8 run a full
 * garbage collection within a warm command). Damage found now throws (ArchiveError 'internal': rebuild); damage found
 * later calls `fail`, which must throw (the caller decides what a query over a damaged block does).
 */
export function openData(block: SearchBytes, fail: (why: string) => never = corrupt): SearchData {
  const first = new Uint8Array(Math.min(block.length, 4096));
  block.read(first, 0);
  let headBytes = first;
  if (first.length >= HEAD && Buffer.from(first.buffer).toString('latin1', 0, 8) === MAGIC) {
    const want = HEAD + Buffer.from(first.buffer).readUInt32LE(12);
    if (want > first.length && want <= block.length) {
      headBytes = new Uint8Array(want);
      block.read(headBytes, 0);
    }
  }
  const { header, bodyStart } = readHeader(headBytes, block.length);
  const bodyLength = block.length - bodyStart;
  const places = layout(header, bodyLength);
  /** The whole chunks holding body bytes [from, to), read and checked, and the body offset they start at. */
  const chunks = (from: number, to: number, onFail: (why: string) => never): { bytes: Uint8Array; at: number } => {
    const at = Math.floor(from / CHUNK) * CHUNK;
    const bytes = new Uint8Array(Math.min(bodyLength, Math.ceil(to / CHUNK) * CHUNK) - at);
    try {
      block.read(bytes, bodyStart + at);
    } catch {
      onFail(`read at ${at}`);
    }
    for (let c = at / CHUNK, off = 0; off < bytes.length; c++, off += CHUNK) {
      if (crc32(bytes.subarray(off, off + CHUNK)) !== header.sums[c]) onFail(`chunk ${c}`);
    }
    return { bytes, at };
  };
  const place = (name: string) => places.find((p) => p.name === name);
  // The sections every query needs, in one read (views: chunk starts and section starts are multiples of ALIGN).
  const lazyAt = places.find((s) => LAZY.has(s.name))?.at ?? bodyLength;
  const got = new Map<string, Section>();
  if (lazyAt > 0) {
    const head = chunks(0, lazyAt, corrupt);
    for (const s of places) if (s.at < lazyAt) got.set(s.name, new s.Kind(head.bytes.buffer as ArrayBuffer, s.at, s.length));
  }
  const wholes = new Map<string, Section>();
  const whole = (name: string): Section => {
    let a = wholes.get(name);
    if (!a) {
      const s = place(name);
      if (!s) return fail(`section ${name}`);
      const { bytes, at } = chunks(s.at, s.at + s.length * s.Kind.BYTES_PER_ELEMENT, fail);
      a = new s.Kind(bytes.buffer as ArrayBuffer, s.at - at, s.length);
      wholes.set(name, a);
    }
    return a;
  };
  /** Elements [from, to) of a lazy section, with the index its first one has. */
  const range = <T extends Section>(name: string, from: number, to: number): { list: T; base: number } => {
    const known = wholes.get(name);
    if (known) return { list: known as T, base: 0 };
    const s = place(name)!;
    const size = s.Kind.BYTES_PER_ELEMENT;
    if (to <= from) return { list: new s.Kind(0) as T, base: from };
    const { bytes, at } = chunks(s.at + from * size, s.at + to * size, fail);
    return { list: new s.Kind(bytes.buffer as ArrayBuffer, s.at + from * size - at, to - from) as T, base: from };
  };
  return validate(header, got, {
    fail,
    whole,
    postings: (name, from, to) => {
      const docs = range<Uint32Array>(`${name}.docs`, from, to);
      const tfs = range<Uint8Array>(`${name}.tfs`, from, to);
      for (let p = from; p < to; p++) if (docs.list[p - docs.base]! >= header.n) fail(`${name} postings`);
      return { docs: docs.list, tfs: tfs.list, docsBase: docs.base, tfsBase: tfs.base };
    },
  });
}

/** How a block read in parts gives its lazy sections (null: every section is in memory, checked). */
interface Lazy {
  fail(why: string): never;
  /** a whole section, read and checked when first asked for */
  whole(name: string): Section;
  /** a table's postings [from, to): docs[p - docsBase], tfs[p - tfsBase] */
  postings(table: string, from: number, to: number): { docs: Uint32Array; tfs: Uint8Array; docsBase: number; tfsBase: number };
}

function validate(header: Header, got: Map<string, Section>, lazy: Lazy | null): SearchData {
  const n = header.n;
  const get = <K extends Kind>(name: string, kind: K, length?: number): InstanceType<(typeof KINDS)[K]> => {
    const a = got.get(name);
    if (!a || kindOf(a) !== kind || (length !== undefined && a.length !== length)) corrupt(`section ${name}`);
    return a as InstanceType<(typeof KINDS)[K]>;
  };
  /** The length of a section (a lazy one need not be read for it). */
  const lengthOf = (name: string, kind: Kind): number => {
    const s = header.sections.find((x) => x.name === name);
    if (!s || s.kind !== kind) corrupt(`section ${name}`);
    return s.length;
  };
  // Indexed loops, not for…of: each runs once per load, before the optimizer would make an iterator cheap.
  const textStart = get('textStart', 'u32', n + 1);
  const textBytes = lazy ? null : get('text', 'u8');
  lengthOf('text', 'u8');
  const byDate = get('byDate', 'u32', n);
  const dateRank = get('dateRank', 'u32', n);
  const lang = get('lang', 'u16', n);
  // Whole: every list of docs is checked now. Read in parts, the checks that walk every doc are left out (each cost
  // several ms of a warm command): every byte read is still checked against the crc32 the writer computed, so they
  // guard only against a writer's bug, which the whole load (the server's, and the tests') still reports. The text
  // offsets are checked when the text is read; the postings when each term's are.
  if (!lazy) {
    if (!ascending(textStart)) corrupt('text offsets');
    const seen = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const d = byDate[i]!;
      if (d >= n || seen[d]++ || dateRank[d] !== i) corrupt('date order');
    }
    for (let i = 0; i < n; i++) if (lang[i]! > header.langs.length) corrupt('languages');
  }
  const table = (name: string): TermTable => {
    const blob = get(`${name}.terms`, 'u8');
    const termOffsets = get(`${name}.termOffsets`, 'u32');
    const offsets = get(`${name}.offsets`, 'u32', termOffsets.length);
    const postings = lengthOf(`${name}.docs`, 'u32');
    if (lengthOf(`${name}.tfs`, 'u8') !== postings) corrupt(`section ${name}.tfs`);
    const all = Buffer.from(blob.buffer, blob.byteOffset, blob.length).toString('utf8');
    if (!ascending(termOffsets) || termOffsets[termOffsets.length - 1] !== all.length) corrupt(`${name} terms`);
    if (!ascending(offsets) || offsets[0] !== 0 || offsets[offsets.length - 1] !== postings) corrupt(`${name} offsets`);
    const terms = new Array<string>(termOffsets.length - 1);
    for (let i = 0; i < terms.length; i++) terms[i] = all.slice(termOffsets[i], termOffsets[i + 1]);
    if (lazy) {
      // docs and tfs whole only if something asks for them (nothing in a query does: it asks for postings()).
      return {
        terms, offsets,
        get docs() {
          return lazy.whole(`${name}.docs`) as Uint32Array;
        },
        get tfs() {
          return lazy.whole(`${name}.tfs`) as Uint8Array;
        },
        postings: (from: number, to: number) => lazy.postings(name, from, to),
      };
    }
    const docs = get(`${name}.docs`, 'u32', postings);
    const tfs = get(`${name}.tfs`, 'u8', postings);
    for (let i = 0; i < docs.length; i++) if (docs[i]! >= n) corrupt(`${name} postings`);
    return { terms, offsets, docs, tfs };
  };
  // The folded text (tens of MB) is decoded when a query first needs it (phrases are verified on it), not at load:
  // a search for words never does. Its length is checked then.
  let text: string | null = null;
  const data = {
    n,
    seq: get('seq', 'u32', n),
    published: get('published', 'f64', n),
    flags: get('flags', 'u16', n),
    visibility: get('visibility', 'u8', n),
    lang,
    langs: header.langs.map(String),
    length: get('length', 'u32', n),
    byDate,
    dateRank,
    lengthSum: header.lengthSum,
    textStart,
    words: table('words'),
    tags: table('tags'),
    mentions: table('mentions'),
  };
  return Object.defineProperty(data, 'text', {
    enumerable: true,
    get(): string {
      if (text === null) {
        const bytes = textBytes ?? (lazy!.whole('text') as Uint8Array);
        if (lazy && !ascending(textStart)) lazy.fail('text offsets');
        const decoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
        if (textStart[n] !== decoded.length) corrupt('text offsets');
        text = decoded;
      }
      return text;
    },
  }) as SearchData;
}

function ascending(a: Uint32Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i]! < a[i - 1]!) return false;
  return a.length > 0;
}
