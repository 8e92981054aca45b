// A cold open's search built behind its pages, in slices: the same search as one built at once, and a search
// asked before it is done is answered at once (the build behind then stops).
import { describe, expect, it } from 'vitest';
import { indexPostsSearchBehind } from '../../../main/engine/index/build.js';
import { buildSearchIndex, SearchIndex } from '../../../main/engine/search/index.js';
import { buildSearchDataInSlices, buildSearchData } from '../../../main/engine/search/build.js';
import { NO_SLICES, timeSlicer, type Slicer } from '../../../main/engine/time-slice.js';
import { generatePosts } from '../../bench/search-posts.js';

const always: Slicer = { due: () => true, turn: () => new Promise<void>((r) => setImmediate(r)) };
const queries = ['has:media', 'lang:de -is:reply', 'restarant', '"the"', '東京'];

describe('the search built in slices', () => {
  it('is buildSearchData\'s result, sliced or not; stop() gives up', async () => {
    const posts = generatePosts(600, 12);
    const whole = buildSearchIndex(posts).serialize();
    expect(new SearchIndex(buildSearchData(posts)).serialize().equals(whole)).toBe(true);
    for (const slicer of [NO_SLICES, timeSlicer(0), always]) {
      const data = (await buildSearchDataInSlices(posts, undefined, slicer, () => false))!;
      expect(new SearchIndex(data).serialize().equals(whole)).toBe(true);
    }
    let turns = 0;
    expect(await buildSearchDataInSlices(posts, undefined, always, () => ++turns > 10)).toBeNull();
  });

  it('behind an index: pages at once, the search later, or on the spot when asked first', async () => {
    const posts = generatePosts(500, 13);
    const reference = buildSearchIndex(generatePosts(500, 13));
    const behind = indexPostsSearchBehind(posts, always);
    expect(behind.index.page({ filter: {}, order: 'newest', offset: 0, limit: 5 }).items.length).toBe(5);
    const search = await behind.built;
    for (const q of queries) expect([...search!.query(q).seqs]).toEqual([...reference.query(q).seqs]);
    expect(behind.search()).toBe(search);

    const asked = indexPostsSearchBehind(generatePosts(500, 13), always);
    const now = asked.search(); // before the build behind has run a single step
    for (const q of queries) expect([...now.query(q).seqs]).toEqual([...reference.query(q).seqs]);
    expect(await asked.built).toBe(now);

    const closed = indexPostsSearchBehind(generatePosts(300, 14), always);
    closed.abandon();
    expect(await closed.built).toBeNull();
  });
});
