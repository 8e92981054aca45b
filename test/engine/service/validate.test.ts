// The edge validators: every PostFilter field and request shape, accepted and refused.
import { describe, expect, it } from 'vitest';
import {
  validatePageQuery, validatePostFilter, validatePostRequest, validateSearchRequest, validateArchiveRequest,
  validateCsvRequest, validateNoParams, DEFAULT_SEARCH_LIMIT,
} from '../../../main/engine/service/validate.js';

describe('validatePostFilter', () => {
  it('accepts every field with the right type', () => {
    const filter = {
      q: 'cats', kinds: ['post', 'reply'], visibility: ['public', 'direct'], language: 'pt-BR', hashtag: 'cats',
      mention: '@a@b.example', hasMedia: true, hasPoll: false, hasCw: true, edited: false, noAlt: true,
      from: '2020', to: '2023-02-28',
    };
    expect(validatePostFilter(filter)).toEqual({ ok: true, value: filter });
    expect(validatePostFilter({})).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['a string', '{}'],
    ['an unknown field', { colour: 'red' }],
    ['a prototype field', JSON.parse('{"__proto__": {"x": 1}}')],
    ['a kind that is not one', { kinds: ['post', 'note'] }],
    ['kinds not an array', { kinds: 'post' }],
    ['a visibility that is not one', { visibility: ['friends'] }],
    ['a non-boolean flag', { hasMedia: 'yes' }],
    ['a bad date', { from: '2020-13' }],
    ['a date with time', { to: '2020-01-01T00:00:00Z' }],
    ['a bad language', { language: 'en us' }],
    ['a control character', { hashtag: 'a\u0000b' }],
    ['an empty hashtag', { hashtag: '' }],
    ['a huge query', { q: 'x'.repeat(5000) }],
  ])('refuses %s', (_, value) => {
    const r = validatePostFilter(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('bad-request');
  });
});

describe('validatePageQuery', () => {
  it('fills defaults and reads digit strings', () => {
    expect(validatePageQuery({ archive: 'a1', offset: '10', limit: '500' })).toEqual({
      ok: true, value: { archive: 'a1', filter: {}, order: 'newest', offset: 10, limit: 500 },
    });
  });

  it.each([
    { archive: 'a', limit: 501 },
    { archive: 'a', limit: 0 },
    { archive: 'a', limit: '1.5' },
    { archive: 'a', offset: -1 },
    { archive: 'a', offset: '-1' },
    { archive: 'a', order: 'random' },
    { archive: '' },
    { archive: 7 },
    { archive: 'a', extra: 1 },
    { archive: 'a', filter: { nope: true } },
  ])('refuses %j', (value) => {
    expect(validatePageQuery(value).ok).toBe(false);
  });
});

describe('request shapes', () => {
  it('checks post, search and archive requests', () => {
    expect(validatePostRequest({ archive: 'a', id: 'https://x.example/1' }).ok).toBe(true);
    expect(validatePostRequest({ archive: 'a' }).ok).toBe(false);
    expect(validatePostRequest({ archive: 'a', id: 'x', more: 1 }).ok).toBe(false);
    expect(validateSearchRequest({ archive: 'a', q: 'cat' })).toEqual({ ok: true, value: { archive: 'a', q: 'cat', limit: DEFAULT_SEARCH_LIMIT } });
    expect(validateSearchRequest({ archive: 'a', q: 'cat', limit: '-3' }).ok).toBe(false);
    expect(validateSearchRequest({ archive: 'a' }).ok).toBe(false);
    expect(validateArchiveRequest({ archive: 'a' }).ok).toBe(true);
    expect(validateArchiveRequest([]).ok).toBe(false);
  });
});

describe('validateCsvRequest and validateNoParams', () => {
  it('takes each relationship kind and nothing else', () => {
    for (const kind of ['following', 'followers', 'lists', 'blocks', 'mutes', 'domainBlocks', 'bookmarks']) {
      expect(validateCsvRequest({ kind })).toEqual({ ok: true, value: { kind } });
    }
    for (const bad of [{}, { kind: 'friends' }, { kind: '' }, { kind: 1 }, { kind: 'toString' }, { kind: 'lists', extra: 1 }, null, ['lists']]) {
      expect(validateCsvRequest(bad)).toMatchObject({ ok: false, code: 'bad-request' });
    }
  });

  it('refuses any parameter where none is taken', () => {
    expect(validateNoParams({}, '/api/moves')).toEqual({ ok: true, value: {} });
    expect(validateNoParams(undefined, 'moves()')).toEqual({ ok: true, value: {} });
    expect(validateNoParams({ archive: 'x' }, '/api/moves')).toMatchObject({ ok: false, code: 'bad-request' });
    expect(validateNoParams('x', 'moves()')).toMatchObject({ ok: false, code: 'bad-request' });
  });
});
