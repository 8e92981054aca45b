import { beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../../preload/contract.js';
import { buildSearchIndex, naiveScan, type SearchIndex } from '../../../main/engine/search/index.js';
import { searchableText } from '../../../main/engine/search/build.js';
import { generatePosts } from '../../bench/search-posts.js';
import { sorted } from './make-post.js';
import { phraseSource } from '../../../main/engine/search/plan.js';
import { textItems } from '../../../main/engine/search/query.js';

// Oracles work on the posts directly (NFKD + strip marks + lower case, regexes), not through the index.
const plain = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const wordRe = (w: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, 'u');

let posts: Post[];
let index: SearchIndex;
let texts: string[];
const seqsWhere = (f: (p: Post, i: number) => boolean): number[] => posts.filter(f).map((p) => p.seq);
const withWord = (w: string): number[] => seqsWhere((_, i) => wordRe(w).test(texts[i]!));
const hits = (q: string, order?: 'relevance' | 'newest' | 'oldest'): number[] => {
  const h = index.query(q, { order });
  expect(h.total).toBe(h.seqs.length);
  expect(new Set(h.seqs).size).toBe(h.total);
  return sorted(h.seqs);
};

/** A word of the archive with some length and at least `min` posts. */
function someWord(length: number, min: number, skip = 0): string {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of new Set(t.match(/[a-z]+/g) ?? [])) if (w.length === length) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts].filter(([, c]) => c >= min).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[skip]![0];
}

beforeAll(() => {
  posts = generatePosts(3000, 11);
  index = buildSearchIndex(posts);
  texts = posts.map((p) => plain(searchableText(p)));
});

describe('words', () => {
  it('finds a known word in exactly the posts that contain it (quoted: no typos, no prefix)', () => {
    for (const w of [someWord(6, 20), someWord(7, 5), someWord(5, 2, 3)]) {
      expect(hits(`"${w}"`)).toEqual(withWord(w));
      expect(withWord(w).length).toBeGreaterThan(0);
    }
  });

  it('finds every post with the word when typos are allowed, and ranks exact matches first', () => {
    const w = someWord(6, 20);
    const all = hits(`${w} `);
    expect(all).toEqual(expect.arrayContaining(withWord(w)));
    const ranked = [...index.query(`${w} `).seqs];
    const exact = new Set(withWord(w));
    const firstOther = ranked.findIndex((s) => !exact.has(s));
    if (firstOther >= 0) expect(firstOther).toBe(exact.size);
  });

  it('finds a word through one typo (4+ letters) and two typos (8+ letters)', () => {
    const w = someWord(6, 10);
    const typo = w[0] + w[2] + w[1] + w.slice(3); // transposition
    expect(hits(`${typo} `)).toEqual(expect.arrayContaining(withWord(w)));
    const sub = w.slice(0, 3) + (w[3] === 'x' ? 'q' : 'x') + w.slice(4);
    expect(hits(`${sub} `)).toEqual(expect.arrayContaining(withWord(w)));
    const long = someWord(9, 2);
    const two = long.slice(0, 2) + long.slice(3, 6) + 'x' + long.slice(7); // one deletion + one substitution
    expect(hits(`${two} `)).toEqual(expect.arrayContaining(withWord(long)));
    const tooShort = someWord(3, 5);
    expect(hits(`${tooShort.slice(0, 2)}q `)).not.toEqual(expect.arrayContaining(withWord(tooShort)));
  });

  it('matches the word being typed as a prefix, exactly the posts with a word starting so', () => {
    const w = someWord(7, 5);
    const pre = w.slice(0, 3);
    const expected = seqsWhere((_, i) => new RegExp(`(?<![\\p{L}\\p{N}])${pre}`, 'u').test(texts[i]!));
    expect(hits(pre)).toEqual(expected);
    expect(hits(`${pre} `)).toEqual(withWord(pre)); // finished word: no prefix
  });

  it('requires every word (AND)', () => {
    const a = someWord(6, 30);
    const b = someWord(7, 30);
    const inB = new Set(withWord(b));
    const both = withWord(a).filter((s) => inB.has(s));
    expect(hits(`"${a}" "${b}"`)).toEqual(both);
  });

  it('finds exact phrases only with the words next to each other, in order', () => {
    const post = posts.find((p) => /^[a-z]{4,} [a-z]{4,} [a-z]{4,}/.test(p.text) && p.type === 'post')!;
    const [a, b] = post.text.split(' ') as [string, string];
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${a}[^\\p{L}\\p{N}\\u0000]+${b}(?![\\p{L}\\p{N}])`, 'u');
    const expected = seqsWhere((_, i) => texts[i]!.split('\u0000').some((f) => re.test(f)));
    expect(hits(`"${a} ${b}"`)).toEqual(expected);
    expect(expected).toContain(post.seq);
    expect(hits(`"${b} ${a}"`)).not.toContain(post.seq);
  });

  it('verifies phrases exactly as the highlighting regex reads them (words, runs, mixed)', () => {
    const { text, textStart } = index.data;
    const picked = posts.filter((p) => p.type === 'post').slice(0, 400);
    let checked = 0;
    for (const p of picked) {
      const words = p.text.split(/\s+/).filter(Boolean);
      if (words.length < 3) continue;
      const q = words.slice(1, 3).join(' ');
      const items = textItems(q);
      if (items.length < 2) continue;
      const re = new RegExp(phraseSource(items), 'v');
      const expected = posts.map((_, d) => d).filter((d) => re.test(text.slice(textStart[d], textStart[d + 1]))).map((d) => posts[d]!.seq);
      expect(hits(`"${q}"`)).toEqual(expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('excludes -words and -"phrases"', () => {
    const a = someWord(6, 30);
    const b = someWord(5, 30);
    const inB = new Set(withWord(b));
    expect(hits(`"${a}" -${b}`)).toEqual(withWord(a).filter((s) => !inB.has(s)));
    expect(hits(`-${b}`)).toEqual(seqsWhere((p) => !inB.has(p.seq)));
    const phrase = posts.find((p) => /^[a-z]{4,} [a-z]{4,}/.test(p.text) && p.type === 'post')!.text.split(' ').slice(0, 2).join(' ');
    const withPhrase = new Set(hits(`"${phrase}"`));
    expect(withPhrase.size).toBeGreaterThan(0);
    expect(hits(`-"${phrase}"`)).toEqual(seqsWhere((p) => !withPhrase.has(p.seq)));
  });
});

describe('CJK', () => {
  it('finds any run of characters, of any length', () => {
    const cjk = posts.filter((p) => /[\p{sc=Han}\p{sc=Hira}\p{sc=Kana}]{6}/u.test(p.text));
    expect(cjk.length).toBeGreaterThan(10);
    for (const p of cjk.slice(0, 10)) {
      const run = /[\p{sc=Han}\p{sc=Hira}\p{sc=Kana}ー]{6,}/u.exec(p.text)![0];
      for (const len of [1, 2, 3, 5]) {
        const q = [...run].slice(1, 1 + len).join('');
        // Kana keep their voicing marks (が is not か): compare with the raw text.
        expect(hits(q)).toEqual(seqsWhere((p) => searchableText(p).includes(q)));
      }
    }
  });
});

describe('operators', () => {
  const cases: Array<[string, (p: Post) => boolean]> = [
    ['has:media', (p) => p.media.length > 0],
    ['has:poll', (p) => p.poll !== null],
    ['has:cw', (p) => !!p.summary],
    ['has:alt', (p) => p.media.some((m) => !!m.description)],
    ['has:noalt', (p) => p.media.some((m) => !m.description)],
    ['is:post', (p) => p.type === 'post' && !p.inReplyTo],
    ['is:boost', (p) => p.type === 'boost'],
    ['is:reply', (p) => p.type === 'post' && !!p.inReplyTo],
    ['is:edited', (p) => p.updated !== null],
    ['is:quote', (p) => p.quote !== null],
    ['is:public', (p) => p.visibility === 'public'],
    ['is:unlisted', (p) => p.visibility === 'unlisted'],
    ['is:private', (p) => p.visibility === 'private'],
    ['is:direct', (p) => p.visibility === 'direct'],
    ['lang:de', (p) => p.language === 'de'],
    ['lang:zh', (p) => p.language === 'zh-CN'],
    ['before:2019', (p) => p.published < '2019'],
    ['after:2025-06', (p) => p.published >= '2025-07'],
    ['on:2022-05', (p) => p.published.startsWith('2022-05')],
    ['on:2020', (p) => p.published.startsWith('2020')],
  ];
  it.each(cases)('%s alone finds exactly the posts it names', (q, f) => {
    const expected = seqsWhere(f);
    expect(expected.length).toBeGreaterThan(0);
    expect(hits(q)).toEqual(expected);
    expect(hits(`-${q}`)).toEqual(seqsWhere((p) => !f(p)));
  });

  it('finds a day with on:YYYY-MM-DD', () => {
    const day = posts[1234]!.published.slice(0, 10);
    expect(hits(`on:${day}`)).toEqual(seqsWhere((p) => p.published.startsWith(day)));
  });

  it('finds #tags and @mentions', () => {
    const tag = posts.find((p) => p.hashtags.length > 0)!.hashtags[0]!;
    expect(hits(`#${tag} `)).toEqual(seqsWhere((p) => p.hashtags.includes(tag)));
    const user = posts.find((p) => p.mentions.length > 0)!.mentions[0]!.name; // @user@other.example
    const local = user.split('@')[1]!;
    expect(hits(`${user} `)).toEqual(seqsWhere((p) => p.mentions.some((m) => m.name === user)));
    expect(hits(`@${local} `)).toEqual(seqsWhere((p) => p.mentions.some((m) => m.name.startsWith(`@${local}@`))));
  });

  it('combines operators and words with AND', () => {
    const w = someWord(6, 30);
    const expected = seqsWhere((p, i) => wordRe(w).test(texts[i]!) && p.media.length > 0 && p.visibility === 'public' && p.published >= '2020');
    expect(hits(`"${w}" has:media is:public after:2019`)).toEqual(expected);
    const ops = seqsWhere((p) => p.type === 'post' && !p.inReplyTo && p.published.startsWith('2021') && p.media.length === 0);
    expect(hits('is:post on:2021 -has:media')).toEqual(ops);
  });
});

describe('empty, no match, order', () => {
  it('finds nothing for an empty query or one that matches nothing', () => {
    for (const q of ['', '   ', '!!!', 'zqxwvyab', '"zqxw vyab"', '鬱鬱', 'before:1990', '#nosuchtagatall', 'has:poll -has:poll']) {
      const h = index.query(q);
      expect([q, h.total, h.seqs.length]).toEqual([q, 0, 0]);
    }
  });

  it('orders newest and oldest by date, and relevance ties by recency', () => {
    const date = new Map(posts.map((p) => [p.seq, p.published]));
    const newest = [...index.query('has:media', { order: 'newest' }).seqs].map((s) => date.get(s)!);
    expect(newest).toEqual([...newest].sort().reverse());
    const oldest = [...index.query('has:media', { order: 'oldest' }).seqs].map((s) => date.get(s)!);
    expect(oldest).toEqual([...oldest].sort());
    // Operators alone have no relevance: newest first.
    expect([...index.query('has:media').seqs].map((s) => date.get(s)!)).toEqual(newest);
  });
});

describe('naiveScan (the bench baseline)', () => {
  it('finds lower-cased substrings of post text, nothing more', () => {
    const w = someWord(6, 20);
    expect(naiveScan(posts, w.toUpperCase())).toEqual(seqsWhere((p) => p.text.toLowerCase().includes(w)));
    expect(naiveScan(posts, 'has:media')).toEqual([]);
  });
});
