// The in-memory index over constructed posts: filters alone and combined, pages, order, facets, months, threads.
import { describe, expect, it } from 'vitest';
import type { Post, PostFilter } from '../../../preload/contract.js';
import { indexPosts } from '../../../main/engine/index/build.js';
import { ArchiveError } from '../../../main/engine/errors.js';
import { createSimpleSearch as simpleTextSearch } from './simple-search.js';
import { makeMedia, makePost, statusId } from '../../fixtures/make-post.js';

function fixture(): Post[] {
  return [
    makePost(0, { published: '2021-12-31T23:59:59Z', hashtags: ['cats'], media: [makeMedia()], text: 'Hello cats' }),
    makePost(1, { published: '2022-01-01T00:00:00Z', inReplyTo: statusId(0), visibility: 'unlisted', language: 'de',
      media: [makeMedia(), makeMedia({ description: null })], text: 'Katzen sind toll' }),
    makePost(2, { id: 'https://example.social/users/ann/statuses/99/activity', type: 'boost', language: null,
      boostOf: 'https://other.example/users/bob/statuses/5', published: '2022-01-15T12:00:00Z', text: '' }),
    makePost(3, { published: '2022-02-01T10:00:00Z', inReplyTo: 'https://other.example/users/bob/statuses/1',
      visibility: 'private', poll: { multiple: false, options: [{ title: 'Yes please', votes: 1 }], votersCount: 1, endTime: null, closed: false } }),
    makePost(4, { published: '2022-02-28T23:00:00Z', summary: 'food', updated: '2022-03-01T00:00:00Z', visibility: 'direct',
      text: 'Un café crème, s’il vous plaît. Café!', hashtags: ['Food', 'cats'] }),
    makePost(5, { published: '2022-03-10T08:00:00Z', inReplyTo: statusId(1), text: 'third in the thread',
      mentions: [{ name: '@bob', href: 'https://other.example/users/bob' }] }),
    makePost(6, { published: '2022-03-05T08:00:00Z', inReplyTo: statusId(0), text: 'second branch',
      mentions: [{ name: '@carol@third.example', href: 'https://third.example/@carol' }] }),
    makePost(7, { published: '2023-06-01T08:00:00Z', quote: 'https://other.example/users/bob/statuses/8', text: 'a quote of the ecole' }),
  ];
}

const seqs = (index: ReturnType<typeof indexPosts>, filter: PostFilter, order: 'newest' | 'oldest' | 'relevance' = 'oldest') =>
  index.page({ filter, order, offset: 0, limit: 100 }).items.map((i) => i.post.seq);

describe('ArchiveIndex filters', () => {
  const index = indexPosts(fixture());

  it('keeps every post without a filter, oldest or newest first', () => {
    expect(seqs(index, {})).toEqual([0, 1, 2, 3, 4, 6, 5, 7]);
    expect(seqs(index, {}, 'newest')).toEqual([7, 5, 6, 4, 3, 2, 1, 0]);
    expect(seqs(index, {}, 'relevance')).toEqual([7, 5, 6, 4, 3, 2, 1, 0]);
  });

  it('filters by kind, alone and combined', () => {
    expect(seqs(index, { kinds: ['post'] })).toEqual([0, 4, 7]);
    expect(seqs(index, { kinds: ['reply'] })).toEqual([1, 3, 6, 5]);
    expect(seqs(index, { kinds: ['boost'] })).toEqual([2]);
    expect(seqs(index, { kinds: ['post', 'boost'] })).toEqual([0, 2, 4, 7]);
  });

  it('filters by visibility, language, hashtag and mention', () => {
    expect(seqs(index, { visibility: ['unlisted', 'direct'] })).toEqual([1, 4]);
    expect(seqs(index, { language: 'DE' })).toEqual([1]);
    expect(seqs(index, { hashtag: '#CATS' })).toEqual([0, 4]);
    expect(seqs(index, { hashtag: 'food' })).toEqual([4]);
    expect(seqs(index, { hashtag: 'nothing' })).toEqual([]);
    expect(seqs(index, { mention: 'https://other.example/users/bob' })).toEqual([5]);
    expect(seqs(index, { mention: '@bob@other.example' })).toEqual([5]);
    expect(seqs(index, { mention: '@Carol@third.example' })).toEqual([6]);
    expect(seqs(index, { mention: '@dave@other.example' })).toEqual([]);
  });

  it('filters by media, poll, cw, edited and missing alt text', () => {
    expect(seqs(index, { hasMedia: true })).toEqual([0, 1]);
    expect(seqs(index, { hasMedia: false })).toEqual([2, 3, 4, 6, 5, 7]);
    expect(seqs(index, { hasPoll: true })).toEqual([3]);
    expect(seqs(index, { hasCw: true })).toEqual([4]);
    expect(seqs(index, { edited: true })).toEqual([4]);
    expect(seqs(index, { noAlt: true })).toEqual([1]);
  });

  it('reads from/to as inclusive periods of a year, month or day in UTC', () => {
    expect(seqs(index, { from: '2022' })).toEqual([1, 2, 3, 4, 6, 5, 7]);
    expect(seqs(index, { to: '2021' })).toEqual([0]);
    expect(seqs(index, { from: '2022-02', to: '2022-02' })).toEqual([3, 4]);
    expect(seqs(index, { from: '2022-01-01', to: '2022-01-15' })).toEqual([1, 2]);
    expect(seqs(index, { to: '2021-12-31' })).toEqual([0]);
    expect(() => seqs(index, { from: '2022-13' })).toThrow(ArchiveError);
    expect(() => seqs(index, { from: 'last week' })).toThrow(/YYYY-MM-DD/);
  });

  it('combines filters with AND', () => {
    expect(seqs(index, { kinds: ['reply'], hasMedia: true })).toEqual([1]);
    expect(seqs(index, { kinds: ['reply'], from: '2022-03' })).toEqual([6, 5]);
    expect(seqs(index, { kinds: ['post', 'reply'], visibility: ['public'], to: '2022-03-07' })).toEqual([0, 6]);
  });

  it('matches text folded for case and diacritics, with phrases and exclusions (simple matcher)', () => {
    const list = fixture();
    const index = indexPosts(list, simpleTextSearch(list.length, (i) => list[i]!));
    expect(seqs(index, { q: 'CAFE' })).toEqual([4]);
    expect(seqs(index, { q: 'école' })).toEqual([7]);
    expect(seqs(index, { q: '"the thread"' })).toEqual([5]);
    expect(seqs(index, { q: 'the' })).toEqual([5, 7].sort());
    expect(seqs(index, { q: 'the -quote' })).toEqual([5]);
    expect(seqs(index, { q: 'yes please' })).toEqual([3]); // poll option
    expect(seqs(index, { q: 'food' })).toEqual([4]); // cw and hashtag
    expect(seqs(index, { q: 'cats', kinds: ['reply'] })).toEqual([]);
    const page = index.page({ filter: { q: 'cafe' }, order: 'relevance', offset: 0, limit: 10 });
    expect(page.terms).toEqual(['cafe']);
    const text = page.items[0]!.post.text;
    expect(page.items[0]!.matches!.map((m) => text.slice(m.start, m.end))).toEqual(['café', 'Café']);
  });

  it('asks the search engine for q and intersects its hits with the other filters', () => {
    expect(seqs(index, { q: 'crème' })).toEqual([4]);
    expect(seqs(index, { q: 'thread' })).toEqual([5]);
    expect(seqs(index, { q: 'thread', kinds: ['post'] })).toEqual([]);
    expect(seqs(index, { q: 'branch second', from: '2022-03' }, 'newest')).toEqual([6]);
    const page = index.page({ filter: { q: 'crème' }, order: 'relevance', offset: 0, limit: 10 });
    expect(page.terms.length).toBeGreaterThan(0);
    expect(page.items[0]!.matches!.length).toBeGreaterThan(0);
  });

  it('orders text hits by relevance, then newest (simple matcher)', () => {
    const list = [makePost(0, { text: 'cat' }), makePost(1, { text: 'cat cat cat' }), makePost(2, { text: 'cat' })];
    const index2 = indexPosts(list, simpleTextSearch(list.length, (i) => list[i]!));
    expect(seqs(index2, { q: 'cat' }, 'relevance')).toEqual([1, 2, 0]);
    expect(seqs(index2, { q: 'cat' }, 'oldest')).toEqual([0, 1, 2]);
  });
});

describe('ArchiveIndex pages and facets', () => {
  const index = indexPosts(fixture());

  it('returns windows of the ordered result, facets only on the first page', () => {
    const first = index.page({ filter: {}, order: 'newest', offset: 0, limit: 3 });
    expect(first.total).toBe(8);
    expect(first.items.map((i) => i.post.seq)).toEqual([7, 5, 6]);
    expect(first.facets).not.toBeNull();
    const second = index.page({ filter: {}, order: 'newest', offset: 3, limit: 3 });
    expect(second.items.map((i) => i.post.seq)).toEqual([4, 3, 2]);
    expect(second.facets).toBeNull();
    expect(index.page({ filter: {}, order: 'newest', offset: 6, limit: 3 }).items.map((i) => i.post.seq)).toEqual([1, 0]);
    expect(index.page({ filter: {}, order: 'newest', offset: 50, limit: 3 }).items).toEqual([]);
    expect(index.page({ filter: {}, order: 'newest', offset: 0, limit: 10_000 }).items).toHaveLength(8);
  });

  it('counts facets over the filtered set', () => {
    const all = index.page({ filter: {}, order: 'newest', offset: 0, limit: 1 }).facets!;
    expect(all).toMatchObject({ posts: 3, replies: 4, boosts: 1, withMedia: 2, polls: 1, cw: 1, edited: 1, noAlt: 1 });
    expect(all.visibility).toEqual({ public: 5, unlisted: 1, private: 1, direct: 1 });
    expect(all.languages).toEqual({ en: 6, de: 1 });
    expect(all.hashtags).toEqual({ cats: 2, food: 1 });
    expect(all.months).toEqual({ '2021-12': 1, '2022-01': 2, '2022-02': 2, '2022-03': 2, '2023-06': 1 });
    const replies = index.page({ filter: { kinds: ['reply'] }, order: 'newest', offset: 0, limit: 1 }).facets!;
    expect(replies).toMatchObject({ posts: 0, replies: 4, boosts: 0, withMedia: 1, polls: 1, noAlt: 1 });
    expect(replies.hashtags).toEqual({});
    expect(replies.months).toEqual({ '2022-01': 1, '2022-02': 1, '2022-03': 2 });
  });

  it('counts months of the whole archive in UTC', () => {
    expect(index.tables.months).toEqual({ '2021-12': 1, '2022-01': 2, '2022-02': 2, '2022-03': 2, '2023-06': 1 });
  });

  it('iterates posts(filter) in archive order', () => {
    expect([...index.posts({ kinds: ['reply'] })].map((p) => p.seq)).toEqual([1, 3, 5, 6]);
    expect([...index.posts()].map((p) => p.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('ArchiveIndex threads', () => {
  const index = indexPosts(fixture());

  it('sets parentInArchive only for parents in the archive', () => {
    expect(index.post(statusId(1))!.parentInArchive).toBe(true);
    expect(index.post(statusId(3))!.parentInArchive).toBe(false);
    expect(index.post(statusId(0))!.parentInArchive).toBe(false);
  });

  it('gives ancestors oldest first and descendants depth first, oldest first', () => {
    const t = index.thread(statusId(5))!;
    expect(t.ancestors.map((p) => p.seq)).toEqual([0, 1]);
    expect(t.post.seq).toBe(5);
    expect(t.descendants).toEqual([]);
    expect(t.missingParent).toBeNull();
    const root = index.thread(statusId(0))!;
    expect(root.ancestors).toEqual([]);
    expect(root.descendants.map((p) => p.seq)).toEqual([1, 5, 6]);
  });

  it('names the missing parent of a thread that starts outside the archive', () => {
    const t = index.thread(statusId(3))!;
    expect(t.ancestors).toEqual([]);
    expect(t.missingParent).toBe('https://other.example/users/bob/statuses/1');
    expect(index.thread('https://nowhere.example/1')).toBeUndefined();
  });

  it('survives a reply cycle', () => {
    const cyclic = indexPosts([makePost(0, { inReplyTo: statusId(1) }), makePost(1, { inReplyTo: statusId(0) })]);
    const t = cyclic.thread(statusId(0))!;
    expect(t.ancestors.map((p) => p.seq)).toEqual([1]);
    expect(t.descendants).toEqual([]);
  });
});

describe('ArchiveIndex search', () => {
  it('answers with snippets around the first match', () => {
    const long = 'x '.repeat(200) + 'the needle is here ' + 'y '.repeat(200);
    const list = [makePost(0, { text: long }), makePost(1, { text: 'short needle' }), makePost(2)];
    const index = indexPosts(list, simpleTextSearch(list.length, (i) => list[i]!));
    const r = index.searchPosts('needle', 10);
    expect(r.total).toBe(2);
    expect(r.query).toBe('needle');
    expect(r.results.map((x) => x.id)).toEqual([statusId(1), statusId(0)]);
    expect(r.results[0]!.snippet).toBe('short needle');
    const s = r.results[1]!.snippet;
    expect(s).toContain('the needle is here');
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(162);
    expect(index.searchPosts('needle', 1).results).toHaveLength(1);
  });
});
