// The tar header parser: walks an uncompressed tar stream chunk by chunk and reports each file entry.
import { ArchiveError } from '../errors.js';

const BLOCK = 512;
/** GNU long names and pax headers are read into memory: a real one is a few hundred bytes. */
const MAX_META_BYTES = 1024 ** 2;

export interface TarHeader {
  /** raw name, before normalization (pax path, GNU long name or ustar prefix + name) */
  rawName: string;
  /** '0' regular file, '5' directory, '1'/'2' links, … ('\0' and '7' are reported as '0') */
  type: string;
  size: number;
  /** offset of the entry's first data byte in the uncompressed stream */
  offset: number;
}

type State =
  | { kind: 'header'; filled: number }
  | { kind: 'data'; left: number; padding: number; header: TarHeader | null }
  | { kind: 'meta'; left: number; padding: number; type: string; chunks: Buffer[] }
  | { kind: 'end' };

/**
 * Incremental: push() any chunking of the stream, finish() at its end. Memory stays at one header block plus
 * at most one pending meta header. onData, when given, receives the data of each file entry as it passes.
 */
export class TarScanner {
  #state: State = { kind: 'header', filled: 0 };
  #block = Buffer.alloc(BLOCK);
  #position = 0;
  #headers = 0;
  #longName: string | null = null;
  #paxPath: string | null = null;
  #paxSize: number | null = null;

  constructor(private readonly archive: string, private readonly onEntry: (header: TarHeader) => void,
    private readonly onData?: (header: TarHeader, chunk: Buffer) => void) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const state = this.#state;
      if (state.kind === 'end') return;
      if (state.kind === 'header') {
        const take = Math.min(BLOCK - state.filled, chunk.length - at);
        chunk.copy(this.#block, state.filled, at, at + take);
        state.filled += take;
        at += take;
        this.#position += take;
        if (state.filled === BLOCK) this.#header();
        continue;
      }
      if (state.left > 0) {
        const take = Math.min(state.left, chunk.length - at);
        const piece = chunk.subarray(at, at + take);
        if (state.kind === 'meta') state.chunks.push(Buffer.from(piece));
        else if (state.header && this.onData) this.onData(state.header, piece);
        state.left -= take;
        at += take;
        this.#position += take;
        continue;
      }
      const take = Math.min(state.padding, chunk.length - at);
      state.padding -= take;
      at += take;
      this.#position += take;
      if (state.padding === 0) {
        if (state.kind === 'meta') this.#meta(state.type, Buffer.concat(state.chunks));
        this.#state = { kind: 'header', filled: 0 };
      }
    }
  }

  /** At the end of the stream: anything but a clean block boundary means the tar was cut short. */
  finish(): void {
    const state = this.#state;
    if (state.kind === 'end') return;
    if (state.kind === 'header' && state.filled === 0 && this.#headers > 0) return; // no end blocks: lenient
    if (this.#headers === 0) throw this.#notTar();
    throw new ArchiveError('truncated', `${this.archive} is cut short: its tar ends in the middle of an entry. ` +
      'The download may be incomplete: download the archive again.');
  }

  #header(): void {
    const block = this.#block;
    if (block.every((byte) => byte === 0)) {
      if (this.#headers === 0) throw this.#notTar();
      this.#state = { kind: 'end' };
      return;
    }
    if (!checksumMatches(block)) {
      if (this.#headers === 0) throw this.#notTar();
      throw new ArchiveError('truncated', `${this.archive} is damaged: a tar header at byte ${this.#position - BLOCK} ` +
        'of its unpacked stream is broken. Download the archive again.');
    }
    this.#headers++;
    const rawType = String.fromCharCode(block[156]!);
    const type = rawType === '\0' || rawType === '7' ? '0' : rawType;
    const meta = type === 'L' || type === 'x';
    const size = meta ? readSize(block.subarray(124, 136)) : this.#paxSize ?? readSize(block.subarray(124, 136));
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new ArchiveError('truncated', `${this.archive} is damaged: a tar header at byte ${this.#position - BLOCK} ` +
        'of its unpacked stream has no readable size. Download the archive again.');
    }
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (meta) {
      if (size > MAX_META_BYTES) {
        throw new ArchiveError('unsafe', `${this.archive} has a tar header of ${size} bytes: it is damaged or hostile.`);
      }
      this.#state = { kind: 'meta', left: size, padding, type, chunks: [] };
      return;
    }
    const header: TarHeader | null = type === 'g' ? null
      : { rawName: this.#longName ?? this.#paxPath ?? ustarName(block), type, size, offset: this.#position };
    this.#longName = null;
    this.#paxPath = null;
    this.#paxSize = null;
    if (header) this.onEntry(header);
    this.#state = { kind: 'data', left: size, padding, header: header && header.type === '0' ? header : null };
  }

  #meta(type: string, data: Buffer): void {
    if (type === 'L') {
      this.#longName = cString(data);
      return;
    }
    // pax records: "<length> <key>=<value>\n", length counting the whole record
    let at = 0;
    while (at < data.length) {
      const space = data.indexOf(0x20, at);
      const length = space < 0 ? NaN : Number(data.subarray(at, space).toString('latin1'));
      if (!Number.isInteger(length) || length <= 0 || at + length > data.length) break;
      const record = data.subarray(space + 1, at + length - 1).toString('utf8');
      const equals = record.indexOf('=');
      const key = record.slice(0, equals);
      const value = record.slice(equals + 1);
      if (key === 'path') this.#paxPath = value;
      if (key === 'size' && /^\d+$/.test(value)) this.#paxSize = Number(value);
      at += length;
    }
  }

  #notTar(): ArchiveError {
    return new ArchiveError('not-archive', `${this.archive} is gzip-compressed but holds no tar archive: Outbox opens ` +
      'the archive Mastodon lets you download (Settings ▸ Import and export ▸ Request your archive).');
  }
}

function checksumMatches(block: Buffer): boolean {
  const stored = parseOctal(block.subarray(148, 156));
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/** ustar: prefix + '/' + name when the POSIX magic says the prefix field is a prefix (GNU uses it otherwise). */
function ustarName(block: Buffer): string {
  const name = cString(block.subarray(0, 100));
  const posix = block.subarray(257, 263).toString('latin1') === 'ustar\0';
  const prefix = posix ? cString(block.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** Octal, or GNU base-256 (high bit set) for entries over 8 GiB. */
function readSize(field: Buffer): number {
  if (field[0]! & 0x80) {
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  return parseOctal(field);
}

function parseOctal(field: Buffer): number {
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}
