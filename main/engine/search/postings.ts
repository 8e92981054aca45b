// Collects term postings while docs stream by, without allocating a string per token, then lays them out.
import type { TermTable } from './data.js';

/** Grows like an array of numbers but stays a typed array (millions of postings). */
class U32List {
  data = new Uint32Array(1 << 12);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Term → id by hashing a range of the folded text in place (open addressing, FNV-1a): a word already seen
 * costs a hash and a compare, no substring. Building with a Map<string> sliced every token and spent most of
 * the build in string allocation and GC.
 */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

class TermDict {
  names: string[] = [];
  private hashes = new U32List();
  private table = new Int32Array(1 << 16).fill(-1);
  private mask = (1 << 16) - 1;

  id(src: string, from: number, to: number): number {
    let h = FNV_OFFSET;
    for (let p = from; p < to; p++) h = Math.imul(h ^ src.charCodeAt(p), FNV_PRIME);
    return this.idHashed(src, from, to, h);
  }

  /** id() when the caller already hashed src[from, to) with FNV-1a (FNV_OFFSET, FNV_PRIME, Math.imul). */
  idHashed(src: string, from: number, to: number, hash: number): number {
    const h = hash >>> 0;
    const { table, mask, names } = this;
    const hashes = this.hashes.data;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = table[slot]!;
      if (id < 0) break;
      if (hashes[id] !== h) continue;
      const name = names[id]!;
      if (name.length === to - from && src.startsWith(name, from)) return id;
    }
    const id = names.length;
    names.push(src.slice(from, to));
    this.hashes.push(h);
    this.place(id, h);
    if (names.length * 2 > table.length) this.grow();
    return id;
  }

  private place(id: number, h: number): void {
    let slot = h & this.mask;
    while (this.table[slot]! >= 0) slot = (slot + 1) & this.mask;
    this.table[slot] = id;
  }

  private grow(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    this.mask = this.table.length - 1;
    for (let id = 0; id < this.names.length; id++) this.place(id, this.hashes.data[id]!);
  }
}

/** Postings per block of the gathered (term, tf) pairs: fixed blocks, so a million-post build never copies them. */
const BLOCK = 1 << 20;

/**
 * Postings (term, doc, tf) gathered doc by doc, in doc order. Each posting costs 5 bytes while gathered, in blocks
 * that are never grown by copying: the term id and its tf. The doc is not stored per posting but as where each doc's
 * postings end. Arrays grown by doubling held 9 bytes a posting with up to twice the room, and both copies while
 * growing (hundreds of MB at 1M posts, measured).
 */
export class TableBuilder {
  private dict = new TermDict();
  private lastDoc = new Int32Array(1 << 12).fill(-1);
  private tfOf = new Uint32Array(1 << 12);
  private unique = new U32List();
  /** the doc being added to */
  private doc = 0;
  // Postings in arrival (doc) order: term id and tf, BLOCK to a block; `total` of them used.
  private terms: Uint32Array[] = [];
  private tfs: Uint8Array[] = [];
  private total = 0;
  /** where doc d's postings end (the total after it) */
  private docEnd = new U32List();

  /** Adds the term src[from, to) to the current doc. */
  addRange(src: string, from: number, to: number): void {
    this.addId(this.dict.id(src, from, to));
  }

  /** addRange() with the FNV-1a hash of the range already computed. */
  addHashed(src: string, from: number, to: number, hash: number): void {
    this.addId(this.dict.idHashed(src, from, to, hash));
  }

  add(term: string): void {
    this.addRange(term, 0, term.length);
  }

  private addId(id: number): void {
    if (id >= this.lastDoc.length) {
      const lastDoc = new Int32Array(this.lastDoc.length * 2).fill(-1);
      lastDoc.set(this.lastDoc);
      this.lastDoc = lastDoc;
      const tfOf = new Uint32Array(this.tfOf.length * 2);
      tfOf.set(this.tfOf);
      this.tfOf = tfOf;
    }
    if (this.lastDoc[id] !== this.doc) {
      this.lastDoc[id] = this.doc;
      this.tfOf[id] = 1;
      this.unique.push(id);
    } else this.tfOf[id]!++;
  }

  /** Ends doc `doc` (docs come 0, 1, 2…): one posting per distinct term added since the last call. */
  endDoc(doc: number): void {
    const unique = this.unique.data;
    const count = this.unique.length;
    const tfOf = this.tfOf;
    let at = this.total;
    for (let k = 0; k < count; k++, at++) {
      const block = at >>> 20;
      const i = at & (BLOCK - 1);
      if (block === this.terms.length || i === this.terms[block]!.length) this.room(block);
      const id = unique[k]!;
      const tf = tfOf[id]!;
      this.terms[block]![i] = id;
      this.tfs[block]![i] = tf > 255 ? 255 : tf;
    }
    this.total = at;
    this.docEnd.push(at);
    this.unique.length = 0;
    this.doc = doc + 1;
  }

  /**
   * Room in block `block` for its next posting: a new block, or the first one doubled. The first block starts small
   * (a table of a few posts, or the tags of most archives, needs a few KB, not 5 MB); every later one is whole.
   */
  private room(block: number): void {
    if (block === this.terms.length) {
      const size = block === 0 ? 1 << 12 : BLOCK;
      this.terms.push(new Uint32Array(size));
      this.tfs.push(new Uint8Array(size));
      return;
    }
    const size = Math.min(BLOCK, this.terms[block]!.length * 2);
    const terms = new Uint32Array(size);
    terms.set(this.terms[block]!);
    this.terms[block] = terms;
    const tfs = new Uint8Array(size);
    tfs.set(this.tfs[block]!);
    this.tfs[block] = tfs;
  }

  /** Terms sorted (UTF-16 order) with their postings, each list ascending by doc. The builder is spent after. */
  finish(): TermTable {
    const names = this.dict.names;
    const count = names.length;
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
    const rank = new Uint32Array(count);
    for (let r = 0; r < count; r++) rank[order[r]!] = r;
    const { total, terms: termBlocks, tfs: tfBlocks } = this;
    const offsets = new Uint32Array(count + 1);
    for (let p = 0; p < total; p++) offsets[rank[termBlocks[p >>> 20]![p & (BLOCK - 1)]!]! + 1]!++;
    for (let r = 0; r < count; r++) offsets[r + 1]! += offsets[r]!;
    const fill = offsets.slice(0, count);
    const docs = new Uint32Array(total);
    const tfs = new Uint8Array(total);
    const docEnd = this.docEnd.data;
    const docCount = this.docEnd.length;
    for (let d = 0, p = 0; d < docCount; d++) {
      for (const end = docEnd[d]!; p < end; p++) {
        const i = p & (BLOCK - 1);
        const at = fill[rank[termBlocks[p >>> 20]![i]!]!]!++;
        docs[at] = d;
        tfs[at] = tfBlocks[p >>> 20]![i]!;
        // A block read to its end is let go: it is garbage by the time the table is returned.
        if (i === BLOCK - 1) {
          termBlocks[p >>> 20] = EMPTY_U32;
          tfBlocks[p >>> 20] = EMPTY_U8;
        }
      }
    }
    this.terms = [];
    this.tfs = [];
    this.dict = new TermDict();
    this.lastDoc = new Int32Array(0);
    this.tfOf = new Uint32Array(0);
    return { terms: order.map((id) => names[id]!), offsets, docs, tfs };
  }
}

const EMPTY_U32 = new Uint32Array(0);
const EMPTY_U8 = new Uint8Array(0);
