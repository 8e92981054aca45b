// A small local builder of Post objects for the search tests (independent of the fixtures generator).
import type { Post } from '../../../preload/contract.js';

let counter = 0;

/** A public, English, own post with the given text; override any field. seq defaults to a running counter. */
export function makePost(text: string, extra: Partial<Post> = {}): Post {
  const seq = extra.seq ?? counter++;
  return {
    id: `https://example.social/users/alice/statuses/${seq}`,
    url: `https://example.social/@alice/${seq}`,
    type: 'post',
    published: '2024-03-15T12:00:00Z',
    updated: null,
    visibility: 'public',
    language: 'en',
    summary: null,
    sensitive: false,
    text,
    html: `<p>${text}</p>`,
    inReplyTo: null,
    boostOf: null,
    boosted: null,
    media: [],
    links: [],
    hashtags: [],
    mentions: [],
    emojis: [],
    poll: null,
    quote: null,
    likesCount: null,
    sharesCount: null,
    parentInArchive: false,
    ...extra,
    seq,
  };
}

/** Posts numbered 0..n-1 in order, so seqs in assertions read as positions in the list. */
export function numbered(posts: Array<[string, Partial<Post>?]>): Post[] {
  return posts.map(([text, extra], seq) => makePost(text, { ...extra, seq }));
}

export const sorted = (a: Uint32Array | number[]): number[] => [...a].sort((x, y) => x - y);
