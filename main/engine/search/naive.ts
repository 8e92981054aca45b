// The baseline the benchmark compares with: what a viewer without an index does, a substring scan per query.
import type { Post } from '../../../preload/contract.js';

/** Seqs of the posts whose lower-cased text contains the lower-cased query (no folding, typos or operators). */
export function naiveScan(posts: readonly Post[], q: string): number[] {
  const needle = q.toLowerCase();
  const out: number[] = [];
  for (const post of posts) if (post.text.toLowerCase().includes(needle)) out.push(post.seq);
  return out;
}
