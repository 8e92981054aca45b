// The search block in parts (for a cache written in slices) is serialize()'s exact bytes.
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, loadSearchIndex } from '../../../main/engine/search/index.js';
import { NO_SLICES, timeSlicer } from '../../../main/engine/time-slice.js';
import { generatePosts } from '../../bench/search-posts.js';

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
