// Popularity (Mastodon 4.3+ totals): most favourited or boosted first, minimums as filters and as `likes:>N` words.
import { describe, expect, it } from 'vitest';
import type { Post, PostFilter, SortOrder } from '../../../preload/contract.js';
import { indexPosts } from '../../../main/engine/index/build.js';
import { takePopularity } from '../../../main/engine/search/query.js';
import { makePost } from '../../fixtures/make-post.js';

function fixture(): Post[] {
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString();
  return [
    makePost(0, { published: day(0), text: 'old and loved harbour', likesCount: 40, sharesCount: 2 }),
    makePost(1, { published: day(1), text: 'no totals harbour', likesCount: null, sharesCount: null }),
    makePost(2, { published: day(2), text: 'quiet harbour', likesCount: 0, sharesCount: 0 }),
    makePost(3, { published: day(3), text: 'boosted a lot', likesCount: 11, sharesCount: 30 }),
    makePost(4, { published: day(4), text: 'also loved harbour', likesCount: 40, sharesCount: 1 }),
  ];
}

const index = indexPosts(fixture());
const seqs = (filter: PostFilter, order: SortOrder = 'newest') => index.page({ filter, order, offset: 0, limit: 100 }).items.map((i) => i.post.seq);

describe('popularity', () => {
  it('sorts by favourites or boosts, newest first among equals, posts without totals last', () => {
    expect(seqs({}, 'likes')).toEqual([4, 0, 3, 2, 1]);
    expect(seqs({}, 'boosts')).toEqual([3, 0, 4, 2, 1]);
  });

  it('filters by a minimum, and a post without totals never passes', () => {
    expect(seqs({ minLikes: 11 })).toEqual([4, 3, 0]);
    expect(seqs({ minBoosts: 2 })).toEqual([3, 0]);
    expect(seqs({ minLikes: 0 })).toEqual([4, 3, 2, 0]);
  });

  it('reads likes:>N and boosts:>=N in the query, with or without words', () => {
    expect(seqs({ q: 'likes:>10' })).toEqual([4, 3, 0]);
    expect(seqs({ q: 'harbour likes:>39' })).toEqual([4, 0]);
    expect(seqs({ q: 'boosts:>=2' })).toEqual([3, 0]);
    expect(index.searchPosts('likes:>39', 10).total).toBe(2);
  });

  it('takes only well-formed operators out of the words', () => {
    expect(takePopularity('cats likes:>10 dogs')).toEqual({ rest: 'cats dogs', popularity: { minLikes: 11 } });
    expect(takePopularity('favs:>=3 reblogs:>1')).toEqual({ rest: '', popularity: { minLikes: 3, minBoosts: 2 } });
    expect(takePopularity('likes:10 likes:>x')).toEqual({ rest: 'likes:10 likes:>x', popularity: {} });
  });
});
