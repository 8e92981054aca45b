// Runs a plan: intersects postings with BM25 scores, verifies phrases, applies operators and excludes, orders.
import type { SearchData } from './data.js';
import type { DocSet, Plan } from './plan.js';
import { phraseIn } from './verify.js';

export type Order = 'relevance' | 'newest' | 'oldest';

const K1 = 1.2;
const B = 0.75;

/**
 * Per-index values derived at load (not persisted by the build): BM25's average length and each doc's rank by date.
 * A block read from the cache carries both (codec.ts writes them), so a warm command's first query walks no list of
 * every doc: each such loop cost several ms before the optimizer reached it. The norm is computed per doc scored.
 */
export class Derived {
  private readonly avg: number;
  private readonly length: Uint32Array;
  readonly dateRank: Uint32Array;
  // Scratch per doc, reused by every query: allocating ~1 MB of typed arrays per keystroke drove extra GCs.
  readonly count: Uint16Array;
  readonly best: Float32Array;
  readonly score: Float32Array;

  constructor(data: SearchData) {
    let sum = data.lengthSum;
    if (sum === undefined) {
      sum = 0;
      for (let d = 0; d < data.n; d++) sum += data.length[d]!;
    }
    this.avg = data.n > 0 ? sum / data.n || 1 : 1;
    this.length = data.length;
    let rank = data.dateRank;
    if (!rank) {
      rank = new Uint32Array(data.n);
      for (let r = 0; r < data.n; r++) rank[data.byDate[r]!] = r;
    }
    this.dateRank = rank;
    this.count = new Uint16Array(data.n);
    this.best = new Float32Array(data.n);
    this.score = new Float32Array(data.n);
  }

  private norms: Float32Array | null = null;
  private queries = 0;

  /**
   * BM25's length norm of each doc, as float32 (the precision it always had, so scores and ties stay the same): computed
   * per doc scored the first time docs are collected (a warm `outbox search` collects once), a table from the second on.
   */
  normOf(): (d: number) => number {
    if (this.norms) return this.lookup;
    if (++this.queries === 1) return this.compute;
    const norms = new Float32Array(this.length.length);
    for (let d = 0; d < norms.length; d++) norms[d] = this.compute(d);
    this.norms = norms;
    return this.lookup;
  }

  private readonly compute = (d: number): number => Math.fround(K1 * (1 - B + (B * this.length[d]!) / this.avg));
  private readonly lookup = (d: number): number => this.norms![d]!;
}

interface Collected {
  docs: Uint32Array;
  /** score per doc number (only for the positive set; the shared scratch, valid until the next collect) */
  score: Float32Array | null;
}

/**
 * Docs matching every unit, scored when asked. Units run smallest first; a doc stays a candidate only while
 * it has matched every unit so far (count[d] === i), so later, larger units do only a byte compare per posting.
 */
function collect(data: SearchData, derived: Derived, set: DocSet, scoring: boolean): Collected {
  const n = data.n;
  const { count, best } = derived; // count: Uint16, as a long quoted phrase is one unit per word
  count.fill(0); // best is back to 0 after every unit
  const score = scoring ? derived.score.fill(0) : null;
  const norm = derived.normOf();
  let touched = new Uint32Array(0);
  set.units.forEach((unit, i) => {
    const list: number[] = [];
    for (const { table, term, weight } of unit.sources) {
      const from = table.offsets[term]!;
      const to = table.offsets[term + 1]!;
      const { docs, tfs, docsBase, tfsBase } = table.postings?.(from, to) ?? { docs: table.docs, tfs: table.tfs, docsBase: 0, tfsBase: 0 };
      const idf = Math.log(1 + (n - (to - from) + 0.5) / (to - from + 0.5));
      const w = idf * weight * (K1 + 1);
      for (let p = from; p < to; p++) {
        const d = docs[p - docsBase]!;
        if (count[d] !== i) continue;
        const tf = tfs[p - tfsBase]!;
        const s = (w * tf) / (tf + norm(d));
        if (best[d] === 0) list.push(d);
        if (s > best[d]!) best[d] = s;
      }
    }
    touched = Uint32Array.from(list);
    for (const d of touched) {
      count[d] = i + 1;
      if (score) score[d]! += best[d]!;
      best[d] = 0;
    }
  });
  return { docs: touched, score };
}

function verified(data: SearchData, set: DocSet, d: number): boolean {
  for (const items of set.verify) if (!phraseIn(data.text, data.textStart[d]!, data.textStart[d + 1]!, items)) return false;
  return true;
}

/** Doc numbers of the answer, in the order asked. */
export function execute(data: SearchData, derived: Derived, plan: Plan, order: Order): Uint32Array {
  const n = data.n;
  if (!plan.any || !plan.possible || n === 0) return new Uint32Array(0);
  const excluded = new Uint8Array(n);
  for (const set of plan.excludes) {
    for (const d of collect(data, derived, set, false).docs) if (verified(data, set, d)) excluded[d] = 1;
  }
  const positive = plan.positive.units.length > 0;
  const { docs, score } = positive ? collect(data, derived, plan.positive, true) : { docs: null, score: null };
  const keep: number[] = [];
  const preds = plan.predicates;
  const count = docs ? docs.length : n;
  for (let k = 0; k < count; k++) {
    const d = docs ? docs[k]! : k;
    if (excluded[d]) continue;
    let pass = true;
    for (let p = 0; p < preds.length && pass; p++) pass = preds[p]!(d);
    if (pass && verified(data, plan.positive, d)) keep.push(d);
  }
  if (score && order === 'relevance') return byRelevance(keep, score, derived, data.byDate);
  return byDate(keep, derived, data, order === 'oldest');
}

/** Score descending, newer first among equal scores (scores compared to 1/1000). One numeric sort of keys. */
function byRelevance(keep: number[], score: Float32Array, derived: Derived, byDateDocs: Uint32Array): Uint32Array {
  const n = byDateDocs.length;
  const keys = new Float64Array(keep.length);
  for (let k = 0; k < keep.length; k++) {
    const d = keep[k]!;
    keys[k] = Math.round(score[d]! * 1000) * n + derived.dateRank[d]!;
  }
  keys.sort();
  const out = new Uint32Array(keep.length);
  // The key's remainder is the doc's date rank; byDate turns it back into the doc.
  for (let k = 0; k < keep.length; k++) out[k] = byDateDocs[keys[keep.length - 1 - k]! % n]!;
  return out;
}

function byDate(keep: number[], derived: Derived, data: SearchData, oldest: boolean): Uint32Array {
  const out = new Uint32Array(keep.length);
  if (keep.length * 8 < data.n) {
    // Few hits: sort them by rank rather than walking every doc.
    const ranks = Uint32Array.from(keep, (d) => derived.dateRank[d]!).sort();
    for (let k = 0; k < ranks.length; k++) out[k] = data.byDate[ranks[oldest ? k : ranks.length - 1 - k]!]!;
    return out;
  }
  const mark = new Uint8Array(data.n);
  for (const d of keep) mark[d] = 1;
  let k = 0;
  if (oldest) for (let r = 0; r < data.n; r++) { const d = data.byDate[r]!; if (mark[d]) out[k++] = d; }
  else for (let r = data.n - 1; r >= 0; r--) { const d = data.byDate[r]!; if (mark[d]) out[k++] = d; }
  return out;
}
