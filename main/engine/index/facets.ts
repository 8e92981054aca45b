// Facet counts over a result set: for each filter the viewer offers, how many of the current results it keeps.
import type { Facets } from '../../../preload/contract.js';
import { Flag, VISIBILITIES, monthKey, type IndexTables } from './tables.js';

const TOP_HASHTAGS = 50;

/** Adds one post's kind and has-flags to the facet counts (the index and the library's merged pages share it). */
export function countFlags(facets: Facets, f: number): void {
  if (f & Flag.boost) facets.boosts++;
  else if (f & Flag.reply) facets.replies++;
  else facets.posts++;
  if (f & Flag.media) facets.withMedia++;
  if (f & Flag.poll) facets.polls++;
  if (f & Flag.cw) facets.cw++;
  if (f & Flag.edited) facets.edited++;
  if (f & Flag.noAlt) facets.noAlt++;
}

export function computeFacets(tables: IndexTables, positions: Uint32Array): Facets {
  const { flags, visibility, language, month } = tables.columns;
  const facets: Facets = {
    posts: 0, replies: 0, boosts: 0, withMedia: 0, polls: 0, cw: 0, edited: 0, noAlt: 0,
    visibility: { public: 0, unlisted: 0, private: 0, direct: 0 },
    languages: {}, hashtags: {}, months: {},
  };
  const vis = new Uint32Array(VISIBILITIES.length);
  const langs = new Uint32Array(tables.languages.length + 1);
  const months = new Map<number, number>();
  const inResult = new Uint8Array(tables.count);
  for (let k = 0; k < positions.length; k++) {
    const i = positions[k]!;
    inResult[i] = 1;
    countFlags(facets, flags[i]!);
    vis[visibility[i]!]!++;
    langs[language[i]!]!++;
    const m = month[i]!;
    if (m) months.set(m, (months.get(m) ?? 0) + 1);
  }
  VISIBILITIES.forEach((v, k) => (facets.visibility[v] = vis[k]!));
  tables.languages.forEach((code, k) => {
    if (langs[k + 1]) facets.languages[code] = langs[k + 1]!;
  });
  for (const m of [...months.keys()].sort((a, b) => a - b)) facets.months[monthKey(m)] = months.get(m)!;

  const all = positions.length === tables.count;
  const tags: Array<[string, number]> = [];
  for (const [tag, [start, length]] of tables.hashtags) {
    let n = 0;
    if (all) n = length;
    else for (let p = start; p < start + length; p++) n += inResult[tables.postings[p]!]!;
    if (n > 0) tags.push([tag, n]);
  }
  tags.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [tag, n] of tags.slice(0, TOP_HASHTAGS)) facets.hashtags[tag] = n;
  return facets;
}
