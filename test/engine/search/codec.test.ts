// The search block in parts (for a cache written in slices) is serialize()'s exact bytes; read in parts, it gives the
// same answers and finds damage in the parts it reads.
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, loadSearchIndex, openSearchIndex } from '../../../main/engine/search/index.js';
import { NO_SLICES, timeSlicer } from '../../../main/engine/time-slice.js';
import { generatePosts } from '../../bench/search-posts.js';
import { sectionsOf, wordPostingsAt } from './search-block.js';

describe('serializeInParts', () => {
  it.each([0, 500, 2500])('gives serialize()\'s bytes for %i posts, sliced or not', async (n) => {
    const index = buildSearchIndex(generatePosts(n, 3));
    const whole = index.serialize();
    for (const slicer of [NO_SLICES, timeSlicer(0)]) {
      const parts = await index.serializeInParts(slicer);
      expect(Buffer.concat(parts).equals(whole)).toBe(true);
    }
    expect(loadSearchIndex(Buffer.concat(await index.serializeInParts(NO_SLICES))).size).toBe(n);
  });
});

describe('loading bytes the caller has checked', () => {
  it('skips only the crc32: a changed byte is refused unchecked, structure is validated either way', () => {
    const bytes = buildSearchIndex(generatePosts(400, 4)).serialize();
    // The body's last byte (the mentions' term counts or their padding): no structural check can tell it apart.
    const changed = Buffer.from(bytes);
    changed[changed.length - 1] ^= 0x01;
    expect(() => loadSearchIndex(changed)).toThrow(/checksum/);
    expect(loadSearchIndex(changed, true).size).toBe(400);
    const cut = Buffer.from(bytes.subarray(0, bytes.length - 8));
    expect(() => loadSearchIndex(cut, true)).toThrow(/damaged/);
  });
});

describe('a block read in parts (openData: a warm command)', () => {
  const index = buildSearchIndex(generatePosts(3000, 5));
  const bytes = index.serialize();
  const { words } = index.data;
  /** A word a few posts have (its postings are a small part of the block). */
  const word = words.terms.find((t, i) => /^[a-z]{5,}$/.test(t) && words.offsets[i + 1]! - words.offsets[i]! >= 5 && words.offsets[i + 1]! - words.offsets[i]! < 50)!;
  /** The block as a cache file gives it: reads counted, bytes possibly changed. */
  const reader = (block: Buffer) => {
    const reads: Array<[number, number]> = [];
    return { reads, block: { length: block.length, read: (target: Uint8Array, at: number) => {
      reads.push([at, target.length]);
      target.set(block.subarray(at, at + target.length));
    } } };
  };
  const queries = ['the', word, 'terimne', 'pol', '"ich bin"', '#caturday', '@ali', '-the a', 'lang:de has:media', 'before:2024 x'];
  const fail = (why: string): never => {
    throw new Error(`damaged: ${why}`);
  };

  it('answers every query as the whole block does, reading a fraction of it for a word', () => {
    const { reads, block } = reader(bytes);
    const lazy = openSearchIndex(block, fail);
    const opened = reads.reduce((n, [, l]) => n + l, 0);
    // Quoted: the word alone, no typo or prefix expansions (each expansion reads its own postings).
    expect([...lazy.query(`"${word}"`).seqs]).toEqual([...index.query(`"${word}"`).seqs]);
    expect(lazy.query(`"${word}"`).total).toBeGreaterThan(0);
    const afterWord = reads.reduce((n, [, l]) => n + l, 0);
    expect(afterWord).toBeGreaterThan(opened); // the postings were read when asked for
    expect(afterWord - opened).toBeLessThanOrEqual(2 * 4 * 65536); // its docs and tfs (twice): a chunk or two each
    expect(afterWord).toBeLessThan(bytes.length - sectionsOf(bytes).get('text')![1]); // the text is not read
    for (const q of queries) {
      for (const order of ['relevance', 'newest', 'oldest'] as const) {
        expect([...lazy.query(q, { order }).seqs], `${q} ${order}`).toEqual([...index.query(q, { order }).seqs]);
      }
    }
  });

  it('finds a changed byte in the postings a query reads, and only then', () => {
    const term = word;
    const changed = Buffer.from(bytes);
    changed[wordPostingsAt(changed, term)] ^= 0x01; // another doc number: no structural check could tell
    const lazy = openSearchIndex(reader(changed).block, fail);
    expect(lazy.query('zzzz').total).toBe(0); // reads no posting
    expect(() => lazy.query(term)).toThrow(/damaged: chunk/);
  });

  it('finds a changed byte of the text when a phrase needs the text, not before', () => {
    const changed = Buffer.from(bytes);
    const [textAt, textLength] = sectionsOf(changed).get('text')!;
    changed[textAt + Math.floor(textLength / 2)] ^= 0x01;
    const lazy = openSearchIndex(reader(changed).block, fail);
    expect([...lazy.query(`"${word}"`).seqs]).toEqual([...index.query(`"${word}"`).seqs]); // a word reads no text
    // Two words that follow each other in a post: the phrase is verified on the text.
    const data = index.data;
    const [a, b] = data.text.slice(data.textStart[0], data.textStart[1]).split(/[^a-z]+/).filter((w) => w.length > 2);
    expect(index.query(`"${a} ${b}"`).total).toBeGreaterThan(0);
    expect(() => lazy.query(`"${a} ${b}"`)).toThrow(/damaged: chunk/);
  });

  it('refuses a changed header or small section at open', () => {
    const header = Buffer.from(bytes);
    header[30] ^= 0x01; // inside the header JSON
    expect(() => openSearchIndex(reader(header).block, fail)).toThrow(/header/);
    const small = Buffer.from(bytes);
    small[sectionsOf(small).get('byDate')![0] + 1] ^= 0x01;
    expect(() => openSearchIndex(reader(small).block, fail)).toThrow(/damaged \(chunk/);
    expect(() => openSearchIndex(reader(bytes.subarray(0, bytes.length - 8)).block, fail)).toThrow(/damaged/);
  });
});
