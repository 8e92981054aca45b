// Runs the search benchmark alone on generated posts: node --expose-gc on the bundle of this file [count].
import Fuse from 'fuse.js';
import { generatePosts } from './search-posts.js';
import { searchSuite, benchQueries } from './search-suite.js';
import { buildSearchIndex } from '../../main/engine/search/index.js';

const count = Number(process.argv[2] ?? 100_000);
const t0 = performance.now();
const posts = generatePosts(count);
console.log(`generated ${count} posts in ${Math.round(performance.now() - t0)} ms`);
console.log(await searchSuite(posts));

if (process.argv.includes('--queries') || process.argv.includes('--fuse')) {
  const index = buildSearchIndex(posts);
  if (process.argv.includes('--queries')) {
    for (const [cat, list] of Object.entries(benchQueries(index, posts))) {
      for (const q of list) {
        const t = performance.now();
        const h = index.query(q);
        console.log(cat.padEnd(9), (performance.now() - t).toFixed(2).padStart(7), 'ms', String(h.total).padStart(6), JSON.stringify(q));
      }
    }
  }
  if (process.argv.includes('--fuse')) {
    // Why typo candidates do not come from fuse.js: its cost over the whole vocabulary.
    const terms = index.data.words.terms;
    let t = performance.now();
    const fuse = new Fuse(terms, { threshold: 0.3, includeScore: true });
    console.log(`fuse over ${terms.length} terms: create ${Math.round(performance.now() - t)} ms`);
    for (const q of ['restarant', 'vaberg', 'kariton']) {
      t = performance.now();
      const found = fuse.search(q, { limit: 20 });
      console.log(`fuse search ${q}: ${Math.round(performance.now() - t)} ms, ${found.length} found`);
    }
  }
}
