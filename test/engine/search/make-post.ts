// Post objects for the search tests: text first, on top of the shared unit-test builder.
import type { Post } from '../../../preload/contract.js';
import { makePost as basePost } from '../../fixtures/make-post.js';

let counter = 0;

/** A public, English, own post with the given text; override any field. seq defaults to a running counter. */
export function makePost(text: string, extra: Partial<Post> = {}): Post {
  const seq = extra.seq ?? counter++;
  return basePost(seq, {
    id: `https://example.social/users/alice/statuses/${seq}`,
    url: `https://example.social/@alice/${seq}`,
    published: '2024-03-15T12:00:00Z',
    text,
    html: `<p>${text}</p>`,
    ...extra,
    seq,
  });
}

/** Posts numbered 0..n-1 in order, so seqs in assertions read as positions in the list. */
export function numbered(posts: Array<[string, Partial<Post>?]>): Post[] {
  return posts.map(([text, extra], seq) => makePost(text, { ...extra, seq }));
}

export const sorted = (a: Uint32Array | number[]): number[] => [...a].sort((x, y) => x - y);
