// The search's folded text kept as UTF-8 while it is built: the bytes the cache stores, a string only when asked for.
//
// Kept as one string per doc and joined at the end, the text was held twice at the join and once more as the
// serializer's UTF-8 copy; one CJK post makes a joined string two bytes a character (~280 MB at 1M posts, measured).
// Here each doc's text is encoded as it is folded, into blocks written once and never copied.

/** Bytes per block: big enough that the few bytes left at a block's end do not add up, small enough to never grow. */
const BLOCK = 4 << 20;

export class TextBytes {
  private readonly blocks: Uint8Array[] = [];
  private block = Buffer.allocUnsafeSlow(BLOCK);
  private used = 0;
  /** UTF-16 code units added (the docs' offsets are counted in these) */
  length = 0;
  /** bytes added */
  byteLength = 0;

  /**
   * Adds a doc's text. Each text is encoded by itself, as the cache's reader decodes it: a lone surrogate becomes
   * U+FFFD, one unit as before, so the docs' offsets hold.
   */
  add(text: string): void {
    if (text.length === 0) return;
    // At most 3 bytes of UTF-8 per UTF-16 unit; the exact count only when the block is nearly full.
    if (this.used + text.length * 3 > this.block.length) {
      const bytes = Buffer.byteLength(text, 'utf8');
      if (this.used + bytes > this.block.length) {
        this.seal();
        this.block = Buffer.allocUnsafeSlow(Math.max(BLOCK, bytes));
      }
    }
    const wrote = this.block.write(text, this.used, 'utf8');
    this.used += wrote;
    this.byteLength += wrote;
    this.length += text.length;
  }

  /** The bytes, in order (the last block cut to its end); nothing may be added after. */
  finish(): Uint8Array[] {
    this.seal();
    this.block = Buffer.alloc(0);
    return this.blocks;
  }

  private seal(): void {
    if (this.used > 0) this.blocks.push(this.block.subarray(0, this.used));
    this.used = 0;
  }
}

/** The text of UTF-8 parts written by TextBytes (each part ends between characters, so each decodes by itself). */
export function decodeParts(parts: readonly Uint8Array[]): string {
  let text = '';
  for (const p of parts) text += Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('utf8');
  return text;
}
