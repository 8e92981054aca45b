// ValueCapture: finds where one JSON value ends in a byte stream and keeps its bytes (up to a cap).
const QUOTE = 0x22;

/** How many backslashes end chunk[from..to). */
function backslashesBefore(chunk: Buffer, from: number, to: number): number {
  let k = to;
  while (k > from && chunk[k - 1] === 0x5c) k--;
  return to - k;
}

/**
 * Tracks one value across chunks: strings (with escapes split across chunk boundaries), nesting depth, and bare
 * primitives. Bytes beyond `limit` are not kept (`over` turns true) but the scan still finds the value's end.
 */
export class ValueCapture {
  over = false;
  /** The value's bytes while they lie in one chunk: parsed straight from it, with no copy or view. */
  private chunk: Buffer | null = null;
  private from = 0;
  private to = 0;
  /** Views of the value's bytes once it spans chunks. */
  private slices: Buffer[] = [];
  private bytes = 0;
  private begun = false;
  private primitive = false;
  private inString = false;
  private escaped = false;
  private depth = 0;

  constructor(
    /** byte offset of the value's first byte in the file */
    readonly start: number,
    private readonly limit: number,
  ) {}

  /** Scans chunk from i; returns the index just past the value's end, or -1 when the value goes on. */
  scan(chunk: Buffer, i: number): number {
    const n = chunk.length;
    let j = i;
    if (!this.begun) {
      this.begun = true;
      const b = chunk[i];
      if (b === QUOTE) this.inString = true;
      else if (b === 0x7b || b === 0x5b) this.depth = 1;
      else this.primitive = true;
      if (!this.primitive) j++;
    }
    if (this.primitive) {
      for (; j < n; j++) {
        const b = chunk[j];
        if (b === 0x2c || b === 0x5d || b === 0x7d || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) {
          this.keep(chunk, i, j);
          return j;
        }
      }
      this.keep(chunk, i, n);
      return -1;
    }
    for (;;) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          j++;
        }
        const q = j < n ? chunk.indexOf(QUOTE, j) : -1;
        if (q < 0) {
          this.escaped = j < n && backslashesBefore(chunk, j, n) % 2 === 1;
          this.keep(chunk, i, n);
          return -1;
        }
        if (backslashesBefore(chunk, j, q) % 2 === 1) {
          j = q + 1;
          continue;
        }
        this.inString = false;
        j = q + 1;
        if (this.depth === 0) {
          this.keep(chunk, i, j);
          return j;
        }
        continue;
      }
      let depth = this.depth;
      for (; j < n; j++) {
        const b = chunk[j];
        if (b === QUOTE) break;
        if (b === 0x7b || b === 0x5b) depth++;
        else if ((b === 0x7d || b === 0x5d) && --depth === 0) {
          this.depth = 0;
          this.keep(chunk, i, j + 1);
          return j + 1;
        }
      }
      this.depth = depth;
      if (j === n) {
        this.keep(chunk, i, n);
        return -1;
      }
      this.inString = true;
      j++;
    }
  }

  /** The value's bytes (only when not `over`): a view of its chunk, or one copy when it spans chunks. */
  view(): Buffer {
    if (this.chunk !== null) return this.chunk.subarray(this.from, this.to);
    return Buffer.concat(this.slices, this.bytes);
  }

  /** The value's text (only when not `over`). */
  text(): string {
    if (this.chunk !== null) return this.chunk.toString('utf8', this.from, this.to);
    const slices = this.slices;
    if (slices.length === 0) return '';
    return Buffer.concat(slices, this.bytes).toString('utf8');
  }

  private keep(chunk: Buffer, from: number, to: number): void {
    if (this.over || to <= from) return;
    this.bytes += to - from;
    if (this.bytes > this.limit) {
      this.over = true;
      this.chunk = null;
      this.slices = [];
      return;
    }
    if (this.chunk === null && this.slices.length === 0) {
      this.chunk = chunk;
      this.from = from;
      this.to = to;
      return;
    }
    if (this.chunk !== null) {
      this.slices.push(this.chunk.subarray(this.from, this.to));
      this.chunk = null;
    }
    this.slices.push(chunk.subarray(from, to));
  }
}
