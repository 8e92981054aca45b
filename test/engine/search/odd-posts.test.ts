import { describe, expect, it } from 'vitest';
import { buildSearchIndex, loadSearchIndex } from '../../../main/engine/search/index.js';
import { numbered } from './make-post.js';

// Posts as archives really hold them at the edges: unreadable dates, no language, odd characters.
const posts = numbered([
  ['no date here', { published: 'not a date', language: null }],
  ['𝐁𝐨𝐥𝐝 math letters and 😀 emoji only 🎉🎉'],
  ['x'.repeat(100) + ' longword'],
  ['nul\u0000inside and a lone \ud800 surrogate'],
  ['Ｆｕｌｌｗｉｄｔｈ ＡＢＣ and ﬁnance'],
  ['한국어 텍스트 검색', { language: 'ko' }],
  ['Ελληνικά: ΟΔΥΣΣΕΥΣ', { language: 'el', published: '2030-01-01T00:00:00Z' }],
]);

describe('odd posts', () => {
  const index = loadSearchIndex(buildSearchIndex(posts).serialize());
  const seqs = (q: string, order?: 'newest' | 'oldest'): number[] => [...index.query(q, { order }).seqs];

  it('keeps a post with an unreadable date out of date operators and sorts it oldest', () => {
    expect(seqs('date ')).toEqual([0]);
    expect(seqs('before:2100')).not.toContain(0);
    expect(seqs('after:1970')).not.toContain(0);
    expect(seqs('-lang:en', 'oldest')[0]).toBe(0);
  });

  it('folds compatibility letters (math bold, full width, ligatures)', () => {
    expect(seqs('bold ')).toEqual([1]);
    expect(seqs('fullwidth abc')).toEqual([4]);
    expect(seqs('finance ')).toEqual([4]);
  });

  it('finds the cut form of very long words, and words beside NUL and lone surrogates', () => {
    expect(seqs('x'.repeat(100))).toEqual([2]);
    expect(seqs('longword ')).toEqual([2]);
    expect(seqs('inside surrogate')).toEqual([3]);
  });

  it('finds Hangul by any run and Greek through case folding', () => {
    expect(seqs('국어')).toEqual([5]);
    expect(seqs('텍스트 검색')).toEqual([5]);
    expect(seqs('οδυσσευς ')).toEqual([6]);
    expect(seqs('lang:ko')).toEqual([5]);
    expect(seqs('on:2030')).toEqual([6]);
  });

  it('finds nothing for emoji-only or punctuation-only queries', () => {
    expect(seqs('😀')).toEqual([]);
    expect(seqs('?!')).toEqual([]);
  });
});
