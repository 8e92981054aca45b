// The folded text kept as UTF-8 while the search is built: the same bytes and the same text as the one joined string
// it replaces (the cache's search block must not change), across blocks and for every width of character.
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, loadSearchIndex } from '../../../main/engine/search/index.js';
import { decodeParts, TextBytes } from '../../../main/engine/search/text-bytes.js';
import { makePost } from './make-post.js';

describe('TextBytes', () => {
  it('writes what Buffer.from(the joined texts) writes, across blocks, and decodes back to the joined texts', () => {
    // ~14 MB of UTF-8 in docs of 1 to 4 bytes a character: several 4 MiB blocks, docs cut by none of them.
    const samples = ['plain ascii words ', 'café naïve ', '東京の猫と犬 ', 'emoji 😀🎉 ', ''];
    const texts: string[] = [];
    for (let i = 0; i < 4000; i++) texts.push(samples[i % samples.length]!.repeat(1 + (i % 300)));
    texts.push('x'.repeat(5 << 20)); // one doc longer than a block
    texts.push('end');
    const bytes = new TextBytes();
    for (const t of texts) bytes.add(t);
    const parts = bytes.finish();
    const joined = texts.join('');
    expect(parts.length).toBeGreaterThan(3);
    expect(Buffer.concat(parts).equals(Buffer.from(joined, 'utf8'))).toBe(true);
    expect(bytes.length).toBe(joined.length);
    expect(bytes.byteLength).toBe(Buffer.byteLength(joined));
    expect(decodeParts(parts)).toBe(joined);
  });

  it('keeps each lone surrogate one unit (U+FFFD), so the docs\' offsets still hold', () => {
    const bytes = new TextBytes();
    bytes.add('a\ud83d');
    bytes.add('\ude00b');
    expect(bytes.length).toBe(4);
    expect(decodeParts(bytes.finish())).toBe('a\ufffd\ufffdb');
  });
});

describe('a search built with its text as bytes', () => {
  it('answers a phrase (verified on the text) the same before and after a trip through its bytes', () => {
    const posts = [
      makePost('Der Bär tanzt im Café', { seq: 1 }),
      makePost('東京タワーの夜景がきれい', { seq: 2 }),
      makePost('tanzt der Bär? 😀 nein', { seq: 3 }),
    ];
    const index = buildSearchIndex(posts);
    const again = loadSearchIndex(index.serialize());
    expect(again.data.text).toBe(index.data.text);
    for (const q of ['"bär tanzt"', '"tanzt der"', 'タワー', '"😀 nein"']) {
      expect([...index.query(q).seqs]).toEqual([...again.query(q).seqs]);
    }
    expect([...index.query('"bär tanzt"').seqs]).toEqual([1]);
  });
});
