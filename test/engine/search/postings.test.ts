// Term postings gathered in fixed blocks: the same table as a plain map of term → [doc, tf] lists, across blocks.
import { describe, expect, it } from 'vitest';
import { TableBuilder } from '../../../main/engine/search/postings.js';

/** A small, seeded generator (the test must fail the same way each run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('TableBuilder', () => {
  it('gives each term its docs ascending with their tfs, over more postings than one block holds', () => {
    const next = random(7);
    const vocabulary = Array.from({ length: 5000 }, (_, i) => `t${i.toString(36)}`);
    const builder = new TableBuilder();
    const want = new Map<string, Array<[number, number]>>();
    let postings = 0;
    const docs = 40_000;
    for (let d = 0; d < docs; d++) {
      const tf = new Map<string, number>();
      // ~30 distinct terms a doc, some repeated (tf > 1), a few docs empty: 1.2M postings, two blocks and a bit.
      const words = d % 97 === 0 ? 0 : 20 + Math.floor(next() * 30);
      for (let w = 0; w < words; w++) {
        const term = vocabulary[Math.floor(next() ** 2 * vocabulary.length)]!;
        builder.add(term);
        tf.set(term, (tf.get(term) ?? 0) + 1);
      }
      builder.endDoc(d);
      for (const [term, n] of tf) {
        if (!want.has(term)) want.set(term, []);
        want.get(term)!.push([d, Math.min(255, n)]);
        postings++;
      }
    }
    expect(postings).toBeGreaterThan(1 << 20);
    const table = builder.finish();
    expect(table.terms).toEqual([...want.keys()].sort((a, b) => (a < b ? -1 : 1)));
    expect(table.docs.length).toBe(postings);
    // One comparison of two long strings (5000 toEqual calls over 1M pairs took seconds).
    const got: string[] = [];
    for (let t = 0; t < table.terms.length; t++) {
      const list: string[] = [];
      for (let p = table.offsets[t]!; p < table.offsets[t + 1]!; p++) list.push(`${table.docs[p]}:${table.tfs[p]}`);
      got.push(`${table.terms[t]}=${list.join(',')}`);
    }
    const expected = table.terms.map((term) => `${term}=${want.get(term)!.map(([d, tf]) => `${d}:${tf}`).join(',')}`);
    expect(got.join('\n') === expected.join('\n')).toBe(true);
  });

  it('caps a tf at 255', () => {
    const builder = new TableBuilder();
    for (let i = 0; i < 300; i++) builder.add('again');
    builder.endDoc(0);
    builder.add('again');
    builder.endDoc(1);
    const table = builder.finish();
    expect([...table.docs]).toEqual([0, 1]);
    expect([...table.tfs]).toEqual([255, 1]);
  });
});
