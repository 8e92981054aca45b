// Builds Post objects for index tests: every field filled with a neutral default, overridable.
import type { MediaAttachment, Post } from '../../../preload/contract.js';

export function makePost(seq: number, over: Partial<Post> = {}): Post {
  return {
    id: `https://example.social/users/ann/statuses/${seq}`,
    url: `https://example.social/@ann/${seq}`,
    type: 'post',
    published: new Date(Date.UTC(2022, 0, 1) + seq * 86_400_000).toISOString().replace('.000', ''),
    updated: null,
    visibility: 'public',
    language: 'en',
    summary: null,
    sensitive: false,
    text: `post number ${seq}`,
    html: `<p>post number ${seq}</p>`,
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
    seq,
    ...over,
  };
}

export function makeMedia(over: Partial<MediaAttachment> = {}): MediaAttachment {
  return {
    path: 'media_attachments/files/1/original/a.jpg',
    url: '/media_attachments/files/1/original/a.jpg',
    mediaType: 'image/jpeg',
    kind: 'image',
    description: 'a cat',
    present: true,
    width: 10,
    height: 10,
    blurhash: null,
    focalPoint: null,
    ...over,
  };
}

export const statusId = (seq: number) => `https://example.social/users/ann/statuses/${seq}`;
