// Serializes the search data to one Buffer (raw little-endian typed arrays) and loads it back as views, validated.
import { crc32 } from 'node:zlib';
import { ArchiveError } from '../errors.js';
import type { Slicer } from '../time-slice.js';
import type { SearchData, TermTable } from './data.js';

const MAGIC = 'OXSEARCH';
export const SEARCH_FORMAT_VERSION = 1;
const ALIGN = 8;

type Section = Uint8Array | Uint16Array | Uint32Array | Float64Array;
const KINDS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f64: Float64Array } as const;
type Kind = keyof typeof KINDS;

interface Header {
  n: number;
  langs: string[];
  crc: number;
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

/** The sections in file order, each made when asked (encoding the text is the one costly step). */
function sectionMakers(data: SearchData): Array<[string, () => Section]> {
  const out: Array<[string, () => Section]> = [
    ['seq', () => data.seq], ['published', () => data.published], ['flags', () => data.flags],
    ['visibility', () => data.visibility], ['lang', () => data.lang], ['length', () => data.length],
    ['byDate', () => data.byDate], ['textStart', () => data.textStart], ['text', () => Buffer.from(data.text, 'utf8')],
  ];
  for (const name of ['words', 'tags', 'mentions'] as const) {
    const t = data[name];
    let packed: [Uint8Array, Uint32Array] | null = null;
    const pack = () => (packed ??= packStrings(t.terms));
    out.push([`${name}.terms`, () => pack()[0]], [`${name}.termOffsets`, () => pack()[1]], [`${name}.offsets`, () => t.offsets],
      [`${name}.docs`, () => t.docs], [`${name}.tfs`, () => t.tfs]);
  }
  return out;
}

function sections(data: SearchData): Array<[string, Section]> {
  return sectionMakers(data).map(([name, make]) => [name, make()]);
}

const pad = (x: number): number => (x + ALIGN - 1) & ~(ALIGN - 1);

function littleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('search index needs a little-endian machine');
}

/** The head: magic, version, header JSON length, the header JSON, zero padding to ALIGN. */
function headBytes(data: SearchData, list: Array<[string, Section]>, crc: number): Buffer {
  const header: Header = {
    n: data.n,
    langs: data.langs,
    crc,
    sections: list.map(([name, a]) => ({ name, kind: kindOf(a), length: a.length })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(pad(16 + json.length));
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(SEARCH_FORMAT_VERSION, 8);
  head.writeUInt32LE(json.length, 12);
  json.copy(head, 16);
  return head;
}

const CRC_CHUNK = 1 << 20;

/**
 * serializeData's exact bytes, as parts to write one after another, made between the slicer's turns (a cache
 * written behind a serving thread must not hold it for the whole index). Sections are views of the index's own
 * arrays, not copies: nothing here allocates the index a second time.
 */
export async function serializeDataInParts(data: SearchData, slicer: Slicer): Promise<Uint8Array[]> {
  littleEndian();
  const list: Array<[string, Section]> = [];
  const body: Uint8Array[] = [];
  let crc = 0;
  for (const [name, make] of sectionMakers(data)) {
    if (slicer.due()) await slicer.turn();
    const a = make();
    list.push([name, a]);
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let at = 0; at < bytes.length; at += CRC_CHUNK) {
      if (slicer.due()) await slicer.turn();
      crc = crc32(bytes.subarray(at, at + CRC_CHUNK), crc);
    }
    body.push(bytes);
    const zeros = pad(a.byteLength) - a.byteLength;
    if (zeros > 0) {
      const padding = new Uint8Array(zeros);
      crc = crc32(padding, crc);
      body.push(padding);
    }
  }
  return [headBytes(data, list, crc), ...body];
}

export function serializeData(data: SearchData): Buffer {
  littleEndian();
  const list = sections(data);
  let bodyLength = 0;
  for (const [, a] of list) bodyLength += pad(a.byteLength);
  const body = Buffer.alloc(bodyLength);
  let at = 0;
  for (const [, a] of list) {
    body.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += pad(a.byteLength);
  }
  return Buffer.concat([headBytes(data, list, crc32(body)), body]);
}

function corrupt(why: string): never {
  throw new ArchiveError('internal', `The cached search index is damaged (${why}); it will be rebuilt.`);
}

/**
 * `checked`: the caller has already verified these exact bytes end to end (the cache file's sha256 of the block),
 * so the body's crc32 — a second full pass over tens of MB on every warm search — is skipped. The structure is
 * validated either way.
 */
export function loadData(input: Buffer, checked = false): SearchData {
  if (input.length < 16 || input.toString('latin1', 0, 8) !== MAGIC) corrupt('not a search index');
  if (input.readUInt32LE(8) !== SEARCH_FORMAT_VERSION) corrupt(`format version ${input.readUInt32LE(8)}`);
  const jsonLength = input.readUInt32LE(12);
  if (16 + jsonLength > input.length) corrupt('header cut short');
  let header: Header;
  try {
    header = JSON.parse(input.toString('utf8', 16, 16 + jsonLength)) as Header;
  } catch {
    corrupt('header is not JSON');
  }
  if (!header || !Number.isInteger(header.n) || !Array.isArray(header.sections) || !Array.isArray(header.langs)) corrupt('header fields');
  // Typed array views need aligned offsets: copy when the Buffer sits at an odd place in its ArrayBuffer.
  let buf = input;
  if (input.byteOffset % ALIGN !== 0) {
    buf = Buffer.alloc(input.length); // alloc, not from(): never a slice of the shared pool
    input.copy(buf);
  }
  let at = pad(16 + jsonLength);
  const bodyStart = at;
  const got = new Map<string, Section>();
  for (const s of header.sections) {
    const Kind = Object.hasOwn(KINDS, s.kind) ? KINDS[s.kind] : undefined;
    if (!Kind || !Number.isInteger(s.length) || s.length < 0) corrupt(`section ${s.name}`);
    const bytes = s.length * Kind.BYTES_PER_ELEMENT;
    if (at + bytes > buf.length) corrupt(`section ${s.name} cut short`);
    got.set(s.name, new Kind(buf.buffer as ArrayBuffer, buf.byteOffset + at, s.length));
    at += pad(bytes);
  }
  if (at !== buf.length) corrupt('length');
  if (!checked && crc32(buf.subarray(bodyStart)) !== header.crc) corrupt('checksum');
  return validate(header, got);
}

function validate(header: Header, got: Map<string, Section>): SearchData {
  const n = header.n;
  const get = <K extends Kind>(name: string, kind: K, length?: number): InstanceType<(typeof KINDS)[K]> => {
    const a = got.get(name);
    if (!a || kindOf(a) !== kind || (length !== undefined && a.length !== length)) corrupt(`section ${name}`);
    return a as InstanceType<(typeof KINDS)[K]>;
  };
  // Indexed loops, not for…of: each runs once per load, before the optimizer would make an iterator cheap.
  const textStart = get('textStart', 'u32', n + 1);
  const textBytes = get('text', 'u8');
  if (!ascending(textStart)) corrupt('text offsets');
  const byDate = get('byDate', 'u32', n);
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const d = byDate[i]!;
    if (d >= n || seen[d]++) corrupt('date order');
  }
  const lang = get('lang', 'u16', n);
  for (let i = 0; i < n; i++) if (lang[i]! > header.langs.length) corrupt('languages');
  const table = (name: string): TermTable => {
    const blob = get(`${name}.terms`, 'u8');
    const termOffsets = get(`${name}.termOffsets`, 'u32');
    const offsets = get(`${name}.offsets`, 'u32', termOffsets.length);
    const docs = get(`${name}.docs`, 'u32');
    const tfs = get(`${name}.tfs`, 'u8', docs.length);
    const all = Buffer.from(blob.buffer, blob.byteOffset, blob.length).toString('utf8');
    if (!ascending(termOffsets) || termOffsets[termOffsets.length - 1] !== all.length) corrupt(`${name} terms`);
    if (!ascending(offsets) || offsets[0] !== 0 || offsets[offsets.length - 1] !== docs.length) corrupt(`${name} offsets`);
    for (let i = 0; i < docs.length; i++) if (docs[i]! >= n) corrupt(`${name} postings`);
    const terms = new Array<string>(termOffsets.length - 1);
    for (let i = 0; i < terms.length; i++) terms[i] = all.slice(termOffsets[i], termOffsets[i + 1]);
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
    textStart,
    words: table('words'),
    tags: table('tags'),
    mentions: table('mentions'),
  };
  return Object.defineProperty(data, 'text', {
    enumerable: true,
    get(): string {
      if (text === null) {
        const decoded = Buffer.from(textBytes.buffer, textBytes.byteOffset, textBytes.length).toString('utf8');
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
