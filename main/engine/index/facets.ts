// Facet counts over a result set: for each filter the viewer offers, how many of the current results it keeps.
import type { Facets } from '../../../preload/contract.js';
import { Flag, VISIBILITIES, monthKey, type IndexTables } from './tables.js';

const TOP_HASHTAGS = 50;

/** Adds `n` posts of one kind and has-flags to the facet counts (the index and the library's merged pages share it). */
export function countFlags(facets: Facets, f: number, n = 1): void {
  if (f & Flag.boost) facets.boosts += n;
  else if (f & Flag.reply) facets.replies += n;
  else facets.posts += n;
  if (f & Flag.media) facets.withMedia += n;
  if (f & Flag.poll) facets.polls += n;
  if (f & Flag.cw) facets.cw += n;
  if (f & Flag.edited) facets.edited += n;
  if (f & Flag.noAlt) facets.noAlt += n;
}

/** One count per value of a 16-bit column. */
const COLUMN_VALUES = 1 << 16;

export function computeFacets(tables: IndexTables, positions: Uint32Array): Facets {
  const { flags, visibility, language, month } = tables.columns;
  const facets: Facets = {
    posts: 0, replies: 0, boosts: 0, withMedia: 0, polls: 0, cw: 0, edited: 0, noAlt: 0,
    visibility: { public: 0, unlisted: 0, private: 0, direct: 0 },
    languages: {}, hashtags: {}, months: {},
  };
  // One pass of plain array increments (the first page of a warm `outbox serve` pays for it before its JIT has
  // warmed up: a call or a Map per post there cost several times more); the counts are read off the histograms after.
  const byFlags = new Uint32Array(COLUMN_VALUES);
  const byMonth = new Uint32Array(COLUMN_VALUES);
  const vis = new Uint32Array(VISIBILITIES.length);
  const langs = new Uint32Array(tables.languages.length + 1);
  const all = positions.length === tables.count;
  const inResult = all ? null : new Uint8Array(tables.count);
  for (let k = 0; k < positions.length; k++) {
    const i = positions[k]!;
    byFlags[flags[i]!]!++;
    vis[visibility[i]!]!++;
    langs[language[i]!]!++;
    byMonth[month[i]!]!++;
  }
  if (inResult) for (let k = 0; k < positions.length; k++) inResult[positions[k]!] = 1;
  for (let f = 0; f < COLUMN_VALUES; f++) if (byFlags[f]) countFlags(facets, f, byFlags[f]!);
  VISIBILITIES.forEach((v, k) => (facets.visibility[v] = vis[k]!));
  tables.languages.forEach((code, k) => {
    if (langs[k + 1]) facets.languages[code] = langs[k + 1]!;
  });
  // month 0: no date; ascending month numbers are the months in order
  for (let m = 1; m < COLUMN_VALUES; m++) if (byMonth[m]) facets.months[monthKey(m)] = byMonth[m]!;

  const tags: Array<[string, number]> = [];
  for (const [tag, [start, length]] of tables.hashtags) {
    let n = 0;
    if (all) n = length;
    else for (let p = start; p < start + length; p++) n += inResult![tables.postings[p]!]!;
    if (n > 0) tags.push([tag, n]);
  }
  tags.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [tag, n] of tags.slice(0, TOP_HASHTAGS)) facets.hashtags[tag] = n;
  return facets;
}
