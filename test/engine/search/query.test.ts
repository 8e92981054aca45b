import { describe, expect, it } from 'vitest';
import { dateSpan, parseQuery } from '../../../main/engine/search/query.js';

describe('parseQuery', () => {
  it('reads words, phrases, excludes and prefixes only for the word being typed', () => {
    expect(parseQuery('Hello wor').clauses).toEqual([
      { kind: 'word', text: 'hello', negate: false, prefix: false, exact: false },
      { kind: 'word', text: 'wor', negate: false, prefix: true, exact: false },
    ]);
    expect(parseQuery('hello wor ').clauses[1]).toMatchObject({ prefix: false });
    expect(parseQuery('"brown fox" -lazy').clauses).toEqual([
      { kind: 'phrase', items: [{ kind: 'word', text: 'brown' }, { kind: 'word', text: 'fox' }], negate: false },
      { kind: 'word', text: 'lazy', negate: true, prefix: false, exact: false },
    ]);
    expect(parseQuery('"single"').clauses).toEqual([{ kind: 'word', text: 'single', negate: false, prefix: false, exact: true }]);
    expect(parseQuery('"unclosed phrase').clauses[0]).toMatchObject({ kind: 'phrase' });
  });

  it('turns a chunk with several words (e-mail, urls) or a CJK run into a phrase', () => {
    expect(parseQuery('e-mail').clauses[0]).toMatchObject({ kind: 'phrase', items: [{ text: 'e' }, { text: 'mail' }] });
    expect(parseQuery('東京タワー').clauses[0]).toEqual({ kind: 'phrase', items: [{ kind: 'seg', text: '東京タワー' }], negate: false });
  });

  it('reads every operator, negated or not, case-insensitive', () => {
    const q = '#Fedi @bob@Example.social has:media HAS:noalt is:reply is:followers lang:de-AT -is:boost before:2024 after:2023-05 on:2022-02-03';
    expect(parseQuery(q).clauses).toEqual([
      { kind: 'tag', name: 'fedi', negate: false, prefix: false },
      { kind: 'mention', name: 'bob@example.social', negate: false, prefix: false },
      { kind: 'has', what: 'media', negate: false },
      { kind: 'has', what: 'noalt', negate: false },
      { kind: 'is', what: 'reply', negate: false },
      { kind: 'is', what: 'private', negate: false },
      { kind: 'lang', code: 'de-at', negate: false },
      { kind: 'is', what: 'boost', negate: true },
      { kind: 'date', from: -Infinity, to: Date.UTC(2024, 0, 1), negate: false },
      { kind: 'date', from: Date.UTC(2023, 5, 1), to: Infinity, negate: false },
      { kind: 'date', from: Date.UTC(2022, 1, 3), to: Date.UTC(2022, 1, 4), negate: false },
    ]);
  });

  it('searches invalid operators as text', () => {
    expect(parseQuery('has:kittens').clauses[0]).toMatchObject({ kind: 'phrase', items: [{ text: 'has' }, { text: 'kittens' }] });
    expect(parseQuery('before:2024-02-31').clauses[0]).toMatchObject({ kind: 'phrase' });
    expect(parseQuery('').clauses).toEqual([]);
    expect(parseQuery('  -  ').clauses).toEqual([]);
    expect(parseQuery('#tag, ').clauses).toEqual([{ kind: 'tag', name: 'tag', negate: false, prefix: false }]);
  });

  it('spans days, months and years in UTC', () => {
    expect(dateSpan('2024')).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)]);
    expect(dateSpan('2024-12')).toEqual([Date.UTC(2024, 11, 1), Date.UTC(2025, 0, 1)]);
    expect(dateSpan('2024-02-29')).toEqual([Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 1)]);
    expect(dateSpan('2023-02-29')).toBeNull();
    expect(dateSpan('2024-13')).toBeNull();
    expect(dateSpan('24-01-01')).toBeNull();
  });
});
