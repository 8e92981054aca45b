// Generated items for the normalizer tests: one per FORMAT.md quirk (polls, quotes, Link cards, zhCn, boosts…).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const AS_PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
export const ACTOR = 'https://social.example/users/ana';
export const FOLLOWERS = `${ACTOR}/followers`;
export { SAMPLES } from '../../samples.js';

/** Mastodon 4.5's top-level @context: every named context plus the merged extension object. */
export const MASTODON_CONTEXT = [
  'https://www.w3.org/ns/activitystreams',
  'https://w3id.org/security/v1',
  'https://purl.archive.org/socialweb/webfinger',
  {
    manuallyApprovesFollowers: 'as:manuallyApprovesFollowers',
    sensitive: 'as:sensitive',
    Hashtag: 'as:Hashtag',
    toot: 'http://joinmastodon.org/ns#',
    Emoji: 'toot:Emoji',
    focalPoint: { '@container': '@list', '@id': 'toot:focalPoint' },
    blurhash: 'toot:blurhash',
    votersCount: 'toot:votersCount',
    quote: { '@id': 'https://w3id.org/fep/044f#quote', '@type': '@id' },
    quoteUri: 'http://fedibird.com/ns#quoteUri',
    _misskey_quote: 'https://misskey-hub.net/ns#_misskey_quote',
  },
];

/** Resolves `…media_attachments/…` urls against a sample folder, like the archive layout does. */
export function folderResolver(dir: string): (url: string) => string | null {
  return (url) => {
    const at = url.indexOf('media_attachments/');
    const name = at >= 0 ? url.slice(at) : url.replace(/^\/+/, '');
    return existsSync(join(dir, name)) ? name : null;
  };
}

export const fakeResolver = (url: string): string | null => {
  const at = url.indexOf('media_attachments/');
  return at >= 0 ? url.slice(at) : null;
};

let n = 0;
/** A Create activity around a Note with `fields` merged into the object. */
export function create(fields: Record<string, unknown> = {}, activity: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `${ACTOR}/statuses/${++n}`;
  return {
    id: `${id}/activity`,
    type: 'Create',
    actor: ACTOR,
    published: '2024-03-01T10:00:00Z',
    to: [AS_PUBLIC],
    cc: [FOLLOWERS],
    object: {
      id,
      type: 'Note',
      summary: null,
      inReplyTo: null,
      published: '2024-03-01T10:00:00Z',
      url: `https://social.example/@ana/${n}`,
      attributedTo: ACTOR,
      to: [AS_PUBLIC],
      cc: [FOLLOWERS],
      sensitive: false,
      content: `<p>post ${n}</p>`,
      contentMap: { en: `<p>post ${n}</p>` },
      attachment: [],
      tag: [],
      ...fields,
    },
    ...activity,
  };
}

const past = '2020-01-02T03:04:05Z';
const future = '2999-01-01T00:00:00Z';
const option = (name: string, votes: number) => ({ type: 'Note', name, replies: { type: 'Collection', totalItems: votes } });

/** One item per quirk, each named. */
export function quirkItems(): Record<string, Record<string, unknown>> {
  return {
    pollSingle: create({ type: 'Question', oneOf: [option('yes', 3), option('no', 1)], endTime: future, votersCount: 4 }),
    pollMultiple: create({ type: 'Question', anyOf: [option('a', 2), option('b', 5), option('c', 0)], endTime: future, votersCount: 6 }),
    pollClosed: create({ type: 'Question', oneOf: [option('x', 1), option('y', 1)], endTime: past, closed: past }),
    pollExpired: create({ type: 'Question', oneOf: [option('x', 1)], endTime: past }),
    quoteString: create({ quote: 'https://other.example/s/1', quoteUri: 'https://other.example/s/1', _misskey_quote: 'https://other.example/s/1' }),
    quoteObject: create({ quote: { id: 'https://other.example/s/2', type: 'Note' } }),
    quoteTombstone: create({ quote: { type: 'Tombstone' } }),
    quoteUriOnly: create({ quoteUri: 'https://fedibird.example/s/3' }),
    misskeyQuote: create({ _misskey_quote: 'https://misskey.example/notes/4' }),
    linkCard: create({
      attachment: [
        { type: 'Document', mediaType: 'image/jpeg', url: '/media_attachments/files/1/a.jpg', name: 'a cat', width: 640, height: 480, blurhash: 'LKO2', focalPoint: [0.5, -0.25] },
        { type: 'Link', href: 'https://news.example/article' },
      ],
    }),
    zhCn: create({ content: '<p>你好</p>', contentMap: { zhCn: '<p>你好</p>' } }),
    languagePick: create({ content: '<p>hallo</p>', contentMap: { en: '<p>hello</p>', de: '<p>hallo</p>' } }),
    edited: create({ updated: '2024-03-02T11:00:00Z' }),
    cw: create({ summary: 'spoilers', sensitive: true }),
    emptySummary: create({ summary: '' }),
    reply: create({ inReplyTo: 'https://other.example/s/9' }),
    replyObject: create({ inReplyTo: { id: 'https://other.example/s/10', type: 'Note' } }),
    tagged: create({
      tag: [
        { type: 'Hashtag', href: 'https://social.example/tags/cats', name: '#Cats' },
        { type: 'Mention', href: 'https://other.example/users/bo', name: '@bo@other.example' },
        { id: 'https://social.example/emojis/1', type: 'Emoji', name: ':blobcat:', icon: { type: 'Image', mediaType: 'image/png', url: 'https://social.example/emoji/blobcat.png' } },
      ],
    }),
    counts: create({ likes: { id: 'x/likes', type: 'Collection', totalItems: 7 }, shares: { id: 'x/shares', type: 'Collection', totalItems: 2 }, replies: { id: 'x/replies', type: 'Collection', totalItems: 4, first: { type: 'CollectionPage', items: [] } } }),
    media: create({
      attachment: [
        { type: 'Document', mediaType: 'video/mp4', url: 'https://files.example/media_attachments/files/2/b.mp4', name: null },
        { type: 'Document', mediaType: 'audio/mpeg', url: '/bucket/media_attachments/files/3/c.mp3', name: '' },
        { type: 'Document', mediaType: 'image/png', url: 'https://elsewhere.example/d.png' },
      ],
    }),
    unlisted: create({ to: [FOLLOWERS], cc: [AS_PUBLIC] }, { to: [FOLLOWERS], cc: [AS_PUBLIC] }),
    followersOnly: create({ to: [FOLLOWERS], cc: [] }, { to: [FOLLOWERS], cc: [] }),
    direct: create({ to: ['https://other.example/users/bo'], cc: [] }, { to: ['https://other.example/users/bo'], cc: [] }),
    announce: {
      id: `${ACTOR}/statuses/900/activity`,
      type: 'Announce',
      actor: ACTOR,
      published: '2024-03-05T09:00:00Z',
      to: [AS_PUBLIC],
      cc: ['https://other.example/users/bo', FOLLOWERS],
      object: 'https://other.example/users/bo/statuses/77',
    },
    announceInlined: {
      id: `${ACTOR}/statuses/901/activity`,
      type: 'Announce',
      actor: ACTOR,
      published: '2024-03-06T09:00:00Z',
      to: [FOLLOWERS],
      cc: [ACTOR],
      object: (create({ to: [FOLLOWERS], cc: [], content: '<p>mine, followers only</p>' }).object as Record<string, unknown>),
    },
  };
}
