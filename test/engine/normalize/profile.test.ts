// readProfile on the samples' actor.json and on odd shapes; readUriCollection on likes/bookmarks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readUriCollection } from '../../../main/engine/normalize/collections.js';
import { emptyProfile, readProfile } from '../../../main/engine/normalize/profile.js';
import { folderResolver, SAMPLES } from './items.js';

const json = (folder: string, file: string) => JSON.parse(readFileSync(join(SAMPLES, folder, file), 'utf8')) as unknown;

describe('readProfile', () => {
  it('reads the mas.to actor', () => {
    const dir = 'mastodon-3.5-mas.to';
    const p = readProfile(json(dir, 'actor.json'), folderResolver(join(SAMPLES, dir)));
    expect(p).toMatchObject({
      id: 'https://mas.to/users/GoodBoiShibe',
      username: 'GoodBoiShibe',
      server: 'mas.to',
      displayName: 'The Good Boi 💚 🆕',
      bio: '',
      avatar: 'avatar.png',
      header: 'header.jpg',
      avatarDescription: null,
      joined: '2022-07-10T00:00:00Z',
      url: 'https://mas.to/@GoodBoiShibe',
      movedTo: null,
      alsoKnownAs: [],
      suspended: false,
      memorial: false,
      actorType: 'Person',
      present: true,
    });
    expect(p.fields.map((f) => f.name)).toEqual(['BITCOIN:', 'ETH:', 'Paypal', 'Interac']);
    expect(p.fields[2].value).toContain('paypal.me/signalsout');
  });

  it('reads the synthetic actor', () => {
    const dir = 'synthetic-4.2.0-duplicate-context';
    const p = readProfile(json(dir, 'actor.json'), folderResolver(join(SAMPLES, dir)));
    expect(p.present).toBe(true);
    expect(p.server).toBe('social.ish.works');
    expect(p.avatar).not.toBeNull();
  });

  it('reads moves, aliases, suspension, memorial, emojis and alt text', () => {
    const p = readProfile(
      {
        id: 'https://new.example/users/ana',
        type: 'Service',
        preferredUsername: 'ana',
        movedTo: 'https://other.example/users/ana',
        alsoKnownAs: 'https://old.example/users/ana',
        suspended: true,
        memorial: true,
        icon: { type: 'Image', url: 'avatar.png', summary: 'a cat' },
        image: { type: 'Image', url: 'https://cdn.example/header.jpg' },
        tag: [{ type: 'Emoji', name: ':wave:', icon: { url: 'https://new.example/e/wave.png' } }],
      },
      (url) => (url === 'avatar.png' ? 'avatar.png' : null),
    );
    expect(p).toMatchObject({
      actorType: 'Service',
      movedTo: 'https://other.example/users/ana',
      alsoKnownAs: ['https://old.example/users/ana'],
      suspended: true,
      memorial: true,
      avatar: 'avatar.png',
      avatarDescription: 'a cat',
      header: null,
      emojis: [{ shortcode: 'wave', url: 'https://new.example/e/wave.png' }],
    });
  });

  it('gives an empty (not present) profile for junk', () => {
    expect(readProfile(null, () => null)).toEqual(emptyProfile());
    expect(readProfile([1, 2], () => null).present).toBe(false);
    expect(readProfile({ id: 5, attachment: 'x', icon: 3, alsoKnownAs: [1, 'a'] }, () => null)).toMatchObject({ id: '', alsoKnownAs: ['a'], present: true });
  });
});

describe('readUriCollection', () => {
  it('reads the samples', () => {
    const likes = readUriCollection(json('mastodon-3.5-mas.to', 'likes.json'));
    expect(likes.length).toBe(35);
    expect(likes[0]).toBe('https://mastodon.social/users/Gostosurasnuas00/statuses/108353866352010776');
    expect(Array.isArray(readUriCollection(json('mastodon-3.5-mas.to', 'bookmarks.json')))).toBe(true);
  });

  it('tolerates objects with id, keeps duplicates once, drops junk', () => {
    expect(readUriCollection({ type: 'OrderedCollection', orderedItems: ['a', { id: 'b' }, 'a', 3, null, { x: 1 }, ''] })).toEqual(['a', 'b']);
    expect(readUriCollection({ items: ['c'] })).toEqual(['c']);
    expect(readUriCollection(null)).toEqual([]);
    expect(readUriCollection('likes')).toEqual([]);
  });
});
