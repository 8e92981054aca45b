// The search index as plain data (typed arrays and string tables), and lookups over its term tables.
//
// Why our own inverted index rather than MiniSearch or FlexSearch (neither is installed; adding one needs a
// package): postings are sorted Uint32Arrays that persist as raw bytes and load as views without parsing
// (a warm open does no work per term); totals are exact (both libraries cap or page results); CJK runs are
// indexed as bigrams we control, and phrases and runs are verified on the stored folded text, which also
// gives us match ranges. Plain data also moves to a worker as one Buffer.

/** Terms sorted by UTF-16 code unit order; postings of term t are docs[offsets[t] .. offsets[t+1]). */
export interface TermTable {
  terms: string[];
  offsets: Uint32Array;
  /** doc numbers, ascending within each term */
  docs: Uint32Array;
  /** term frequency in the doc, capped at 255 */
  tfs: Uint8Array;
  /**
   * Postings [from, to) as docs[p - docsBase] and tfs[p - tfsBase]: a table loaded from the cache in parts
   * (codec.ts, openData) reads and checks only these; absent when docs and tfs are in memory.
   */
  postings?(from: number, to: number): { docs: Uint32Array; tfs: Uint8Array; docsBase: number; tfsBase: number };
}

export const FLAG = {
  media: 1,
  poll: 2,
  cw: 4,
  alt: 8, // at least one attachment has alt text
  noalt: 16, // at least one attachment lacks alt text
  post: 32, // an own status that is not a reply
  boost: 64,
  reply: 128,
  edited: 256,
  quote: 512,
  deleted: 1024, // a post its author deleted that the export keeps (X/Twitter's deleted-tweets.js)
} as const;

export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;

/** The per-doc columns the build gathers from the posts and serialize() writes as they are. */
export interface SearchColumns {
  n: number;
  seq: Uint32Array;
  /** ms since epoch; NaN when the post's date could not be read */
  published: Float64Array;
  flags: Uint16Array;
  visibility: Uint8Array;
  /** index into langs + 1; 0 = no language */
  lang: Uint16Array;
  langs: string[];
}

/** Everything serialize() writes. Doc numbers are 0..n-1 in build order; seq maps them to Post.seq. */
export interface SearchData extends SearchColumns {
  /** number of indexed tokens per doc (BM25 length normalization) */
  length: Uint32Array;
  /** doc numbers sorted oldest first (ties: build order) */
  byDate: Uint32Array;
  /** folded searchable text of all docs; doc d is text[textStart[d] .. textStart[d+1]) */
  text: string;
  textStart: Uint32Array;
  /**
   * the text as UTF-8 in parts, when built here (search/text-bytes.ts): the cache's bytes of it, written as they are;
   * `text` is then decoded from them when first read
   */
  textParts?: readonly Uint8Array[];
  words: TermTable;
  tags: TermTable;
  mentions: TermTable;
  /** the sum of length (BM25's average), when loaded from a block that stores it */
  lengthSum?: number;
  /** each doc's place in byDate (its inverse), when loaded from a block that stores it */
  dateRank?: Uint32Array;
}

/** Index of term in a sorted table, or -1. */
export function findTerm(terms: string[], term: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  return lo < terms.length && terms[lo] === term ? lo : -1;
}

/** [from, to) of the terms starting with prefix. */
export function prefixRange(terms: string[], prefix: string): [number, number] {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const from = lo;
  hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return [from, lo];
}

export function docFrequency(table: TermTable, t: number): number {
  return table.offsets[t + 1]! - table.offsets[t]!;
}
