// summarize(): every Summary number by the definitions, on constructed posts.
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../preload/contract.js';
import { indexPosts } from '../../../main/engine/index/build.js';
import { summarize } from '../../../main/engine/summary.js';
import { makeMedia, makePost, statusId } from '../../fixtures/make-post.js';

const profile: Profile = {
  id: 'https://example.social/users/ann', username: 'ann', server: 'example.social', displayName: 'Ann',
  bio: '', fields: [{ name: 'a', value: 'b' }, { name: 'c', value: 'd' }], avatar: null, header: null,
  avatarDescription: null, headerDescription: null, joined: null, url: null, movedTo: 'https://new.example/users/ann',
  alsoKnownAs: ['https://old.example/users/ann'], suspended: false, memorial: false, actorType: 'Person', emojis: [],
  present: true,
};

describe('summarize', () => {
  it('counts posts, boosts, replies, media and the rest by definition', () => {
    const posts = [
      makePost(0, { published: '2020-05-01T00:00:00Z', hashtags: ['Cats', 'cats'], media: [makeMedia(), makeMedia({ present: false, path: null })] }),
      makePost(1, { inReplyTo: statusId(0), language: 'de', visibility: 'unlisted', summary: 'cw', updated: '2022-01-01T00:00:00Z' }),
      makePost(2, { inReplyTo: 'https://other.example/1', visibility: 'direct', quote: 'https://other.example/2',
        poll: { multiple: true, options: [], votersCount: null, endTime: null, closed: false }, summary: '  ' }),
      makePost(3, { type: 'boost', language: null, visibility: 'public', published: '2023-01-01T00:00:00Z', hashtags: [] }),
      makePost(4, { type: 'boost', language: null, visibility: 'private', published: '2019-01-01T00:00:00Z' }),
      makePost(5, { hashtags: ['cats', 'dogs'], visibility: 'private', media: [makeMedia({ description: null })] }),
    ];
    indexPosts(posts); // sets parentInArchive
    const s = summarize({ format: 'zip', profile, posts, likes: 4, bookmarks: 2, skipped: [{ index: 9, reason: 'not an activity' }] });
    expect(Object.keys(s)).toEqual(['format', 'profile', 'counts', 'media', 'visibility', 'languages', 'hashtags', 'dates', 'skippedItems']);
    expect(s.format).toBe('zip');
    expect(s.profile).toEqual({ username: 'ann', displayName: 'Ann', movedTo: 'https://new.example/users/ann',
      alsoKnownAs: ['https://old.example/users/ann'], fields: 2 });
    expect(s.counts).toEqual({ items: 6, posts: 4, boosts: 2, replies: 2, selfReplies: 1, polls: 1, withMedia: 2, cw: 1,
      edited: 1, quotes: 1, likes: 4, bookmarks: 2, skipped: 1 });
    expect(s.media).toEqual({ referenced: 3, present: 2, missing: 1 });
    expect(s.visibility).toEqual({ public: 1, unlisted: 1, private: 1, direct: 1 });
    expect(s.languages).toEqual({ en: 3, de: 1 });
    expect(s.hashtags).toEqual({ cats: 2, dogs: 1 });
    expect(s.dates).toEqual({ first: '2019-01-01T00:00:00Z', last: '2023-01-01T00:00:00Z' });
    expect(s.skippedItems).toEqual([{ index: 9, reason: 'not an activity' }]);
  });

  it('gives null dates and zero counts for an empty archive', () => {
    const s = summarize({ format: 'folder', profile, posts: [], likes: 0, bookmarks: 0, skipped: [] });
    expect(s.counts.items).toBe(0);
    expect(s.dates).toEqual({ first: null, last: null });
  });
});
