// Turns parsed clauses into a plan over the index: which postings to intersect, what to verify, filter and exclude.
import { docFrequency, findTerm, prefixRange, FLAG, VISIBILITIES, type SearchData, type TermTable } from './data.js';
import { WORD_CLASS, segTerms } from './fold.js';
import type { Clause, PhraseItem } from './query.js';
import { allowedTypos, type TypoFinder } from './typo.js';
import type { NameFinder } from './fuzzy.js';

/** One term's postings and how much a match through it is worth (exact 1 > prefix > typo). */
export interface Source {
  table: TermTable;
  term: number;
  weight: number;
}

/** Docs must match at least one of the sources (a word and its prefix/typo expansions). */
export interface Unit {
  sources: Source[];
  /** sum of the sources' postings lengths: units run smallest first */
  size: number;
}

/** A set of docs: every unit matches, and every phrase occurs in the doc's folded text (verify.ts). */
export interface DocSet {
  units: Unit[];
  verify: PhraseItem[][];
}

/** What matches(post) looks for in a post's folded text. */
export interface Highlight {
  words: Set<string>;
  prefixes: string[];
  patterns: RegExp[];
}

export interface Plan {
  positive: DocSet;
  /** false when some positive clause can match nothing: the answer is empty without touching postings */
  possible: boolean;
  excludes: DocSet[];
  predicates: Array<(d: number) => boolean>;
  /** true when the query has anything at all (an empty query finds nothing) */
  any: boolean;
  terms: string[];
  highlight: Highlight;
}

export interface PlanContext {
  data: SearchData;
  typos(): TypoFinder;
  tagNames(): NameFinder;
  mentionNames(): NameFinder;
}

const PREFIX_WEIGHT = 0.5;
const TYPO_WEIGHT = [1, 0.45, 0.25];
/** Words listed in `terms` per query word (a one-letter prefix can expand to thousands). */
const TERMS_PER_WORD = 30;
/** Segmented runs filter by at most this many bigrams; the verification regex does the rest. */
const MAX_SEG_UNITS = 12;
export const GAP = '[^\\p{L}\\p{N}\\p{M}\\u0000]';

export function makePlan(clauses: Clause[], ctx: PlanContext): Plan {
  const plan: Plan = {
    positive: { units: [], verify: [] },
    possible: true,
    excludes: [],
    predicates: [],
    any: clauses.length > 0,
    terms: [],
    highlight: { words: new Set(), prefixes: [], patterns: [] },
  };
  for (const c of clauses.slice(0, 64)) {
    if (c.kind === 'word' || c.kind === 'phrase' || c.kind === 'tag' || c.kind === 'mention') {
      const set = c.negate ? { units: [], verify: [] } : plan.positive;
      const ok = c.kind === 'word' ? planWord(c, set, plan, ctx) : c.kind === 'phrase' ? planPhrase(c.items, set, plan, ctx, c.negate) : planName(c, set, plan, ctx);
      if (c.negate) {
        if (ok) plan.excludes.push(set);
      } else if (!ok) plan.possible = false;
    } else {
      const test = predicate(c, ctx.data);
      plan.predicates.push(c.negate ? (d) => !test(d) : test);
    }
  }
  plan.positive.units.sort((a, b) => a.size - b.size);
  return plan;
}

function unit(sources: Source[]): Unit {
  let size = 0;
  for (const s of sources) size += docFrequency(s.table, s.term);
  return { sources, size };
}

function planWord(c: Extract<Clause, { kind: 'word' }>, set: DocSet, plan: Plan, ctx: PlanContext): boolean {
  const words = ctx.data.words;
  const sources: Source[] = [];
  const used = new Set<number>();
  const exact = findTerm(words.terms, c.text);
  if (exact >= 0) {
    sources.push({ table: words, term: exact, weight: 1 });
    used.add(exact);
  }
  if (!c.negate) {
    // Excluding is exact (this branch is skipped): "-cart" must not also hide posts that say "card" or "car".
    if (c.prefix) {
      const [from, to] = prefixRange(words.terms, c.text);
      for (let t = from; t < to; t++) {
        if (used.has(t)) continue;
        used.add(t);
        sources.push({ table: words, term: t, weight: PREFIX_WEIGHT + (0.3 * c.text.length) / words.terms[t]!.length });
      }
      plan.highlight.prefixes.push(c.text);
    }
    if (!c.exact) {
      for (const [t, dist] of ctx.typos().find(c.text, allowedTypos(c.text))) {
        if (used.has(t)) continue;
        used.add(t);
        sources.push({ table: words, term: t, weight: TYPO_WEIGHT[dist]! });
      }
    }
    const listed = [...sources].sort((a, b) => b.weight - a.weight || docFrequency(words, b.term) - docFrequency(words, a.term));
    for (const s of listed.slice(0, TERMS_PER_WORD)) plan.terms.push(words.terms[s.term]!);
    // Prefix expansions are highlighted through highlight.prefixes, not listed one by one.
    for (const s of sources) if (s.weight === 1 || TYPO_WEIGHT.includes(s.weight)) plan.highlight.words.add(words.terms[s.term]!);
    plan.highlight.words.add(c.text);
  }
  if (sources.length === 0) return false;
  set.units.push(unit(sources));
  return true;
}

function planPhrase(items: PhraseItem[], set: DocSet, plan: Plan, ctx: PlanContext, negate: boolean): boolean {
  const words = ctx.data.words;
  let verify = items.length > 1;
  if (!negate) {
    plan.terms.push(items.map((i) => i.text).join(' '));
    plan.highlight.patterns.push(new RegExp(phraseSource(items), 'gv'));
  }
  for (const item of items) {
    const chars = Array.from(item.text);
    const terms = item.kind === 'word' ? [item.text] : segTerms(chars);
    if (item.kind === 'seg' && chars.length > 2) verify = true;
    // The rarest bigrams filter best; all of them must be indexed for the run to occur anywhere.
    const found = terms.map((t) => findTerm(words.terms, t));
    if (found.some((t) => t < 0)) return false;
    const sorted = [...new Set(found)].sort((a, b) => docFrequency(words, a) - docFrequency(words, b));
    for (const t of sorted.slice(0, item.kind === 'seg' ? MAX_SEG_UNITS : 1)) set.units.push(unit([{ table: words, term: t, weight: 1 }]));
  }
  if (verify) set.verify.push(items);
  return true;
}

function planName(c: Extract<Clause, { kind: 'tag' | 'mention' }>, set: DocSet, plan: Plan, ctx: PlanContext): boolean {
  const table = c.kind === 'tag' ? ctx.data.tags : ctx.data.mentions;
  const sources: Source[] = [];
  const exact = findTerm(table.terms, c.name);
  if (exact >= 0) sources.push({ table, term: exact, weight: 1 });
  if (!c.negate) {
    if (c.prefix) {
      const [from, to] = prefixRange(table.terms, c.name);
      for (let t = from; t < to; t++) if (t !== exact) sources.push({ table, term: t, weight: PREFIX_WEIGHT });
    } else if (exact < 0) {
      const finder = c.kind === 'tag' ? ctx.tagNames() : ctx.mentionNames();
      for (const [t, dist] of finder.find(c.name)) sources.push({ table, term: t, weight: TYPO_WEIGHT[dist]! });
    }
    for (const s of sources.slice(0, TERMS_PER_WORD)) {
      const name = table.terms[s.term]!;
      plan.terms.push(name);
      // The text shows "#name" / "@name": highlight the name's words.
      const local = name.split('@')[0]!;
      if (local) plan.highlight.words.add(local);
    }
  }
  if (sources.length === 0) return false;
  set.units.push(unit(sources));
  return true;
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Items in order: words whole (not inside a longer word), runs anywhere, only separators between. */
export function phraseSource(items: PhraseItem[]): string {
  let src = '';
  items.forEach((item, i) => {
    if (i > 0) src += items[i - 1]!.kind === 'word' && item.kind === 'word' ? `${GAP}+` : `${GAP}*`;
    // The literal comes first (the lookbehind after it), so the regex engine can scan for the literal.
    const lit = escapeRegex(item.text);
    src += item.kind === 'word' ? `${lit}(?<!${WORD_CLASS}${lit})(?!${WORD_CLASS})` : lit;
  });
  return src;
}

function predicate(c: Exclude<Clause, { kind: 'word' | 'phrase' | 'tag' | 'mention' }>, data: SearchData): (d: number) => boolean {
  switch (c.kind) {
    case 'has':
    case 'is': {
      const vis = (VISIBILITIES as readonly string[]).indexOf(c.what);
      if (vis >= 0) return (d) => data.visibility[d] === vis;
      const bit = FLAG[c.what as keyof typeof FLAG];
      return (d) => (data.flags[d]! & bit) !== 0;
    }
    case 'lang': {
      const ids = new Set<number>();
      data.langs.forEach((code, i) => {
        if (code === c.code || code.startsWith(`${c.code}-`)) ids.add(i + 1);
      });
      return (d) => ids.has(data.lang[d]!);
    }
    case 'date':
      return (d) => data.published[d]! >= c.from && data.published[d]! < c.to;
  }
}
