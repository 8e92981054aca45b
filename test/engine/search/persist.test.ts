import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArchiveError } from '../../../main/engine/errors.js';
import { buildSearchIndex, loadSearchIndex } from '../../../main/engine/search/index.js';
import { generatePosts } from '../../bench/search-posts.js';

const posts = generatePosts(800, 5);
const queries = ['kari', 'restarant ', '"the ka"', '東京', 'has:media -is:reply', '#' + (posts.find((p) => p.hashtags.length)?.hashtags[0] ?? 'x'), 'lang:de on:2020', ''];

describe('serialize / load', () => {
  it('answers every query the same after a trip through a file', () => {
    const built = buildSearchIndex(posts);
    const dir = mkdtempSync(join(tmpdir(), 'outbox-search-'));
    try {
      const file = join(dir, 'search.bin');
      writeFileSync(file, built.serialize());
      const loaded = loadSearchIndex(readFileSync(file));
      expect(loaded.size).toBe(posts.length);
      for (const q of queries) {
        const a = built.query(q);
        const b = loaded.query(q);
        expect({ q, seqs: [...b.seqs], terms: b.terms }).toEqual({ q, seqs: [...a.seqs], terms: a.terms });
      }
      expect(loaded.serialize().equals(built.serialize())).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads from a Buffer that sits at an unaligned offset', () => {
    const bytes = buildSearchIndex(posts).serialize();
    const shifted = Buffer.alloc(bytes.length + 3);
    bytes.copy(shifted, 3);
    const loaded = loadSearchIndex(shifted.subarray(3));
    expect(loaded.query('has:media').total).toBe(posts.filter((p) => p.media.length > 0).length);
  });

  it('refuses damaged, truncated, foreign and other-version bytes', () => {
    const bytes = buildSearchIndex(posts).serialize();
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 100]! ^= 0xff;
    const version = Buffer.from(bytes);
    version.writeUInt32LE(99, 8);
    const header = Buffer.from(bytes);
    header[20] = 0x7b; // breaks the JSON header
    for (const bad of [flipped, bytes.subarray(0, bytes.length - 8), Buffer.from('not an index at all'), Buffer.alloc(0), version, header]) {
      expect(() => loadSearchIndex(bad)).toThrow(ArchiveError);
    }
  });

  it('indexes an empty archive', () => {
    const loaded = loadSearchIndex(buildSearchIndex([]).serialize());
    expect(loaded.query('anything').total).toBe(0);
    expect(loaded.query('has:media').total).toBe(0);
  });
});
