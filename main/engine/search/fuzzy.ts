// Fuzzy lookup of hashtag and mention names: fuse.js proposes, a bounded edit distance confirms.
import { createRequire } from 'node:module';
import type Fuse from 'fuse.js';
import { allowedTypos, boundedDistance } from './typo.js';

/**
 * fuse.js is strong on short lists of short strings: an archive has hundreds to a few thousand distinct tags and
 * mentioned accounts, a few ms per search. Its score is not an edit distance, so every proposal is confirmed by
 * the same rule as words (1 edit from 4 letters, 2 from 8) before it widens the query.
 */
/**
 * fuse.js, loaded when a tag or mention is first looked up by typo: most commands never do, and resolving and
 * compiling the package was several ms of every warm `outbox stats` and `search`. A synchronous require (its
 * CommonJS build), as queries are synchronous.
 */
let fuseClass: typeof Fuse | null = null;
const loadFuse = (): typeof Fuse => (fuseClass ??= createRequire(import.meta.url)('fuse.js') as typeof Fuse);

export class NameFinder {
  private fuse: Fuse<string> | null = null;

  constructor(private names: string[]) {}

  /** Indices of names within the allowed typos of name (the name itself excluded). */
  find(name: string): Array<[index: number, distance: number]> {
    const max = allowedTypos(name);
    if (max === 0 || this.names.length === 0) return [];
    this.fuse ??= new (loadFuse())(this.names, { threshold: 0.4, ignoreLocation: true, includeScore: true, isCaseSensitive: true });
    const out: Array<[number, number]> = [];
    for (const r of this.fuse.search(name, { limit: 50 })) {
      const dist = r.item === name ? max + 1 : boundedDistance(name, r.item, max);
      if (dist <= max) out.push([r.refIndex, dist]);
    }
    return out;
  }
}
