// Search benchmark: index build, serialize/load, query latency per category, and the naive scan baseline.
import type { Post } from '../../preload/contract.js';
import { buildSearchIndex, loadSearchIndex, naiveScan, type SearchIndex } from '../../main/engine/search/index.js';
import { rng } from './search-posts.js';

const REPEATS = 3;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** Mutations a typist makes: substitution, transposition, deletion, insertion (one edit). */
function typo(word: string, r: () => number): string {
  const chars = [...word];
  const i = 1 + Math.floor(r() * (chars.length - 2));
  switch (Math.floor(r() * 4)) {
    case 0: chars[i] = chars[i] === 'x' ? 'q' : 'x'; break;
    case 1: [chars[i], chars[i + 1]] = [chars[i + 1] ?? chars[i]!, chars[i]!]; break;
    case 2: chars.splice(i, 1); break;
    default: chars.splice(i, 0, 'e');
  }
  return chars.join('');
}

/** A fixed set of queries per category, drawn from the archive itself (seeded, so every run asks the same). */
export function benchQueries(index: SearchIndex, posts: readonly Post[]): Record<string, string[]> {
  const r = rng(7);
  const { words, tags, mentions } = index.data;
  const df = (t: number): number => words.offsets[t + 1]! - words.offsets[t]!;
  const latin = words.terms.map((_, t) => t).filter((t) => /^[a-z]{5,12}$/.test(words.terms[t]!) && df(t) >= 3);
  const byDf = [...latin].sort((a, b) => df(b) - df(a));
  const pickWord = (): string => {
    // Half frequent words (the hard case for postings), half from the long tail.
    const pool = r() < 0.5 ? byDf.slice(0, 300) : byDf;
    return words.terms[pool[Math.floor(r() * pool.length)]!]!;
  };
  const texts = posts.filter((p) => /[a-z]{3,} [a-z]{3,} [a-z]{3,}/.test(p.text));
  const cjkRuns = posts.map((p) => /[\p{sc=Han}\p{sc=Hira}\p{sc=Kana}ー]{4,}/u.exec(p.text)?.[0]).filter((x): x is string => !!x);
  const out: Record<string, string[]> = { exact: [], typo: [], prefix: [], phrase: [], operator: [], cjk: [], nomatch: [] };
  for (let k = 0; k < 12; k++) {
    out.exact!.push(k % 3 === 2 ? `${pickWord()} ${pickWord()}` : pickWord());
    out.typo!.push(typo(pickWord(), r));
    const w = pickWord();
    out.prefix!.push(k % 3 === 2 ? `${pickWord()} ${w.slice(0, 3)}` : w.slice(0, 2 + (k % 4)));
    if (texts.length) {
      const ws = texts[Math.floor(r() * texts.length)]!.text.split(/\s+/).filter((x) => /^[a-zäöüéèçñ]{3,}$/i.test(x));
      const at = Math.floor(r() * Math.max(1, ws.length - 2));
      out.phrase!.push(`"${ws.slice(at, at + 2 + (k % 2)).join(' ')}"`);
    }
    if (cjkRuns.length) {
      const run = [...cjkRuns[Math.floor(r() * cjkRuns.length)]!];
      const len = 1 + (k % 4);
      const at = Math.floor(r() * Math.max(1, run.length - len));
      out.cjk!.push(run.slice(at, at + len).join(''));
    }
  }
  const tag = tags.terms[0] ?? 'tag';
  const user = mentions.terms.find((m) => !m.includes('@')) ?? 'user';
  out.operator = [
    'has:media', 'has:noalt', 'is:reply', 'is:boost', 'lang:de', 'before:2019', 'after:2025-06', 'on:2022-05',
    `#${tag}`, `@${user}`, 'has:poll is:public', `${pickWord()} has:media`, `${pickWord()} -is:reply`, `is:post on:2021 -has:media`,
  ];
  out.nomatch = ['zqxwvy', 'qqqqzzzzkk', '"zzyzx quorp"', 'xyzzyplugh', `${pickWord()} zqxwvyab`, '鬱鬱鬱', 'before:1990'];
  return out;
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Measures the search engine on these posts. Keys are stable: build_ms, <category>_p50_ms/p95_ms, naive_…. */
export async function searchSuite(posts: Post[]): Promise<Record<string, number>> {
  const result: Record<string, number> = { posts: posts.length };
  const memory = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const [built, buildMs] = time(() => buildSearchIndex(posts));
  result.build_ms = round(buildMs);
  const [bytes, serializeMs] = time(() => built.serialize());
  result.serialize_ms = round(serializeMs);
  result.index_mb = round(bytes.length / 1048576);
  gc();
  const before = memory();
  // A copy, so the loaded index owns its Buffer (its typed arrays are views into it) as after a cache read.
  const copy = Buffer.from(bytes);
  const [index, loadMs] = time(() => loadSearchIndex(copy));
  result.load_ms = round(loadMs);
  const [, firstMs] = time(() => index.query('warmup'));
  result.first_query_ms = round(firstMs);
  gc();
  // Memory of the loaded index: its Buffer, the decoded text and terms, and the tables derived at first query.
  result.loaded_index_mb = round((memory() - before) / 1048576);
  void built;
  const queries = benchQueries(index, posts);

  const all: number[] = [];
  for (const [category, list] of Object.entries(queries)) {
    const times: number[] = [];
    for (let rep = 0; rep < REPEATS; rep++) for (const q of list) times.push(time(() => index.query(q))[1]);
    times.sort((a, b) => a - b);
    all.push(...times);
    result[`${category}_p50_ms`] = round(percentile(times, 50));
    result[`${category}_p95_ms`] = round(percentile(times, 95));
  }
  all.sort((a, b) => a - b);
  result.query_p50_ms = round(percentile(all, 50));
  result.query_p95_ms = round(percentile(all, 95));
  result.query_max_ms = round(all[all.length - 1] ?? 0);

  // The baseline over the same queries: lower-case every post's text and look for the lower-cased query.
  const naive: number[] = [];
  for (const list of Object.values(queries)) for (const q of list) naive.push(time(() => naiveScan(posts, q.replace(/"/g, '')))[1]);
  naive.sort((a, b) => a - b);
  result.naive_p50_ms = round(percentile(naive, 50));
  result.naive_p95_ms = round(percentile(naive, 95));
  // A stronger baseline: texts lower-cased once in advance, only the includes() per query.
  const lowered = posts.map((p) => p.text.toLowerCase());
  const pre: number[] = [];
  for (const list of Object.values(queries)) {
    for (const q of list) {
      const needle = q.replace(/"/g, '').toLowerCase();
      pre.push(time(() => lowered.filter((t) => t.includes(needle)).length)[1]);
    }
  }
  pre.sort((a, b) => a - b);
  result.naive_prelowered_p50_ms = round(percentile(pre, 50));
  result.naive_prelowered_p95_ms = round(percentile(pre, 95));
  return result;
}
