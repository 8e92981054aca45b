import { describe, expect, it } from 'vitest';
import type { MatchRange, Post } from '../../../preload/contract.js';
import { buildSearchIndex } from '../../../main/engine/search/index.js';
import { numbered } from './make-post.js';

const posts = numbered([
  ['Ich war heute in der BÄCKEREI, die Bäckerei war voll.'],
  ['The quick brown fox jumps over the lazy dog. Brown foxes!'],
  ['東京タワーに行きました。東京は大きい'],
  ['Dinner at the restaurant', { summary: 'Food and Restaurants' }],
  ['Posted with a photo', { media: [{ path: null, url: 'x.jpg', mediaType: 'image/jpeg', kind: 'image', description: 'A sleepy cat on a sofa', present: false, width: null, height: null, blurhash: null, focalPoint: null }] }],
  ['Which one?', { poll: { multiple: false, options: [{ title: 'Pancakes', votes: 3 }, { title: 'Waffles', votes: 2 }], votersCount: 5, endTime: null, closed: true } }],
  ['', { type: 'boost', boostOf: 'https://other.example/users/zed/statuses/42', url: 'https://other.example/@zed/42' }],
  ['read this https://news.example/article/solar-power', { links: [{ href: 'https://news.example/article/solar-power', name: null }] }],
  ['e\u0301le\u0301phant déjà vu'],
  ['Neues iPhone買った！', { hashtags: ['fediverse', 'fedora'], summary: 'tech stuff' }],
  ['ends with alpha', { media: [{ path: null, url: 'y.jpg', mediaType: 'image/jpeg', kind: 'image', description: 'beta starts here', present: false, width: null, height: null, blurhash: null, focalPoint: null }] }],
]);
const index = buildSearchIndex(posts);

function show(post: Post, ranges: MatchRange[]): string[] {
  return ranges.map((r) => `${r.field}:${(r.field === 'text' ? post.text : post.summary!).slice(r.start, r.end)}`);
}

function search(q: string): { seqs: number[]; shown: string[][]; terms: string[] } {
  const h = index.query(q);
  return { seqs: [...h.seqs], shown: [...h.seqs].map((s) => show(posts[s]!, h.matches(posts[s]!))), terms: h.terms };
}

describe('what is searched', () => {
  it('finds content warnings, alt text, poll options, boosted urls and link urls', () => {
    expect(search('food ').seqs).toEqual([3]);
    expect(search('sleepy cat').seqs).toEqual([4]);
    expect(search('waffles ').seqs).toEqual([5]);
    expect(search('other.example/@zed').seqs).toEqual([6]);
    expect(search('solar-power').seqs).toEqual([7]);
  });

  it('folds case and diacritics both ways', () => {
    expect(search('backerei ').seqs).toEqual([0]);
    expect(search('BÄCKEREI ').seqs).toEqual([0]);
    expect(search('elephant deja').seqs).toEqual([8]);
  });
});

describe('query details', () => {
  it('matches a run of CJK glued to a latin word, and phrases never across fields', () => {
    expect(search('iphone買った').seqs).toEqual([9]);
    expect(search('"neues iphone"').seqs).toEqual([9]);
    expect(search('"alpha beta"').seqs).toEqual([]);
    expect(search('alpha beta').seqs).toEqual([10]);
  });

  it('completes a #tag being typed, and corrects a tag typo through fuse.js', () => {
    expect(search('#fed').seqs).toEqual([9]);
    expect(search('#fed ').seqs).toEqual([]);
    expect(search('#fediverce ').seqs).toEqual([9]);
    expect(search('#fediverce ').terms).toEqual(['fediverse']);
  });

  it('returns every post for excludes of words no post has', () => {
    expect(search('-zzzzqqq').seqs.length).toBe(posts.length);
  });
});

describe('matches', () => {
  it('marks every occurrence in the original text, accents and case as written', () => {
    expect(search('backerei ').shown).toEqual([['text:BÄCKEREI', 'text:Bäckerei']]);
    expect(search('éléphant ').shown).toEqual([['text:e\u0301le\u0301phant']]);
  });

  it('marks typo and prefix matches, and the summary when the content warning matched', () => {
    expect(search('restaurnt ').shown).toEqual([['summary:Restaurants', 'text:restaurant']]); // 9 letters: 2 edits
    expect(search('restuarnt ').shown).toEqual([['text:restaurant']]); // transposed + dropped letter: 2 edits; 'restaurants' would be 3
    expect(search('dinnr ').shown).toEqual([['text:Dinner']]);
    expect(search('restaur').shown).toEqual([['summary:Restaurants', 'text:restaurant']]);
    expect(search('restaur').terms).toEqual(expect.arrayContaining(['restaurant', 'restaurants']));
  });

  it('marks phrases as one range and CJK runs wherever they occur', () => {
    expect(search('"brown fox"').shown).toEqual([['text:brown fox']]);
    expect(search('東京').shown).toEqual([['text:東京', 'text:東京']]);
    expect(search('タワー').shown).toEqual([['text:タワー']]);
  });

  it('has nothing to mark for operators alone', () => {
    const h = index.query('has:media');
    expect(h.matches(posts[4]!)).toEqual([]);
    expect(h.terms).toEqual([]);
  });
});
