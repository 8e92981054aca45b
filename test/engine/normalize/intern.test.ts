// The read's Interner: repeated tags share one copy across posts, and the posts read exactly as without it.
import { describe, expect, it } from 'vitest';
import type { Post } from '../../../preload/contract.js';
import { createNormalizer } from '../../../main/engine/normalize/normalize.js';
import { Interner } from '../../../main/engine/normalize/intern.js';
import { itemToPost } from '../../../main/engine/normalize/post.js';
import { create, fakeResolver, MASTODON_CONTEXT } from './items.js';

const tagged = () => create({
  tag: [
    { type: 'Hashtag', name: '#Harbour', href: 'https://social.example/tags/harbour' },
    { type: 'Mention', name: '@bo@chaos.example', href: 'https://chaos.example/users/bo' },
    { type: 'Emoji', name: ':wave:', icon: { type: 'Image', url: 'https://social.example/emoji/wave.png' } },
  ],
});

function read(items: unknown[]): Post[] {
  const normalizer = createNormalizer({ resolveMedia: fakeResolver });
  normalizer.setContext(MASTODON_CONTEXT);
  return items.map((item, k) => normalizer.itemNow(item, k) as Post);
}

describe('Interner', () => {
  it('gives posts of one read the same hashtag, mention and emoji', () => {
    // JSON text, as outbox.json is read: every occurrence parses to a string of its own.
    const [a, b] = read([JSON.parse(JSON.stringify(tagged())), JSON.parse(JSON.stringify(tagged()))]);
    expect(a!.hashtags).toEqual(['harbour']);
    expect(a!.mentions[0]).toBe(b!.mentions[0]);
    expect(a!.emojis[0]).toBe(b!.emojis[0]);
    expect(a!.mentions[0]).toEqual({ name: '@bo@chaos.example', href: 'https://chaos.example/users/bo' });
    expect(a!.emojis[0]).toEqual({ shortcode: 'wave', url: 'https://social.example/emoji/wave.png' });
  });

  it('reads a post exactly as it reads without one', () => {
    const item = tagged();
    const plain = itemToPost(item, 3, fakeResolver);
    const interned = itemToPost(item, 3, fakeResolver, new Interner());
    expect(interned).toEqual(plain);
    expect(JSON.stringify(interned)).toBe(JSON.stringify(plain));
  });

  it('stops adding past its size and still returns every value', () => {
    const intern = new Interner(2);
    expect(intern.string('a')).toBe('a');
    expect(intern.string('b')).toBe('b');
    expect(intern.string('c')).toBe('c'); // past the cap: as given
    expect(intern.mention('x', 'https://h/x')).toEqual({ name: 'x', href: 'https://h/x' });
    expect(intern.emoji('e', null)).toEqual({ shortcode: 'e', url: null });
  });

  it('shares an emoji without a url apart from one with an empty url', () => {
    const intern = new Interner();
    expect(intern.emoji('e', null)).not.toBe(intern.emoji('e', ''));
    expect(intern.emoji('e', null).url).toBeNull();
  });
});
