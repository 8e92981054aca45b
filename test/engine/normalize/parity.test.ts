// The fast path (keys read as written, or renamed once per context) must give the same Posts as jsonld compaction.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Post } from '../../../preload/contract.js';
import { isStandardContext } from '../../../main/engine/normalize/context-plan.js';
import { documentLoader } from '../../../main/engine/normalize/document-loader.js';
import { createNormalizer, normalizeViaJsonld } from '../../../main/engine/normalize/normalize.js';
import { readOutbox } from '../../../main/engine/read/outbox-stream.js';
import { ACTOR, AS_PUBLIC, create, fakeResolver, folderResolver, MASTODON_CONTEXT, quirkItems, SAMPLES } from './items.js';
import { generatePosts, VERSIONS, type Version } from '../../fixtures/archive-builder.js';
import { fullContext } from '../../fixtures/account.js';
import { outboxChunks } from '../../fixtures/version.js';

type Result = Post | { skipped: string };

/** Normalizes every item both ways and returns the pairs. */
async function bothWays(items: unknown[], context: unknown, resolve: (url: string) => string | null): Promise<Array<[Result, Result]>> {
  const normalizer = createNormalizer({ resolveMedia: resolve });
  normalizer.setContext(context);
  const pairs: Array<[Result, Result]> = [];
  for (const [seq, raw] of items.entries()) {
    pairs.push([await normalizer.item(raw, seq), await normalizeViaJsonld(raw, context, resolve, seq)]);
  }
  return pairs;
}

async function sampleItems(folder: string): Promise<{ items: unknown[]; context: unknown }> {
  const items: unknown[] = [];
  let context: unknown = null;
  await readOutbox(createReadStream(join(SAMPLES, folder, 'outbox.json')), {
    onContext: (c) => (context = c),
    onItem: (raw) => items.push(raw),
  });
  return { items, context };
}

/** A context that names AS2 and Mastodon terms with its own words and prefixes. */
const CUSTOM_CONTEXT = [
  'https://www.w3.org/ns/activitystreams',
  {
    ap: 'https://www.w3.org/ns/activitystreams#',
    mast: 'http://joinmastodon.org/ns#',
    nsfw: 'ap:sensitive',
    texte: 'ap:content',
    texteParLangue: { '@id': 'ap:content', '@container': '@language' },
    avertissement: 'ap:summary',
    pieces: { '@id': 'ap:attachment', '@type': '@id' },
    etiquettes: { '@id': 'ap:tag', '@type': '@id' },
    destinataires: { '@id': 'ap:to', '@type': '@id' },
    Remarque: 'ap:Note',
    Mot: 'ap:Hashtag',
    pointFocal: { '@id': 'mast:focalPoint', '@container': '@list' },
    citation: { '@id': 'https://w3id.org/fep/044f#quote', '@type': '@id' },
    votants: 'mast:votersCount',
  },
];

/** An item written with CUSTOM_CONTEXT's words. */
function customItem(): Record<string, unknown> {
  return {
    id: `${ACTOR}/statuses/777/activity`,
    type: 'Create',
    published: '2024-04-01T12:00:00Z',
    destinataires: [AS_PUBLIC],
    object: {
      id: `${ACTOR}/statuses/777`,
      type: 'Remarque',
      published: '2024-04-01T12:00:00Z',
      destinataires: [AS_PUBLIC],
      cc: [`${ACTOR}/followers`],
      nsfw: true,
      avertissement: 'chats',
      texte: '<p>Bonjour <a href="https://x.example/tags/chat">#chat</a></p>',
      texteParLangue: { fr: '<p>Bonjour <a href="https://x.example/tags/chat">#chat</a></p>' },
      url: 'https://social.example/@ana/777',
      pieces: [
        { type: 'Document', 'ap:mediaType': 'image/png', url: '/media_attachments/files/7/p.png', name: 'un chat', pointFocal: [0, 0.5] },
      ],
      etiquettes: [{ type: 'Mot', name: '#Chat', href: 'https://x.example/tags/chat' }],
      citation: 'https://other.example/s/5',
    },
  };
}

describe('fast path = jsonld compaction', () => {
  it('on every item of the mas.to sample', async () => {
    const { items, context } = await sampleItems('mastodon-3.5-mas.to');
    expect(items.length).toBe(207);
    const pairs = await bothWays(items, context, folderResolver(join(SAMPLES, 'mastodon-3.5-mas.to')));
    for (const [fast, slow] of pairs) expect(fast).toEqual(slow);
    expect(pairs.filter(([fast]) => !('skipped' in fast)).length).toBe(207);
  });

  it('on every item of the synthetic 4.2.0 sample', async () => {
    const { items, context } = await sampleItems('synthetic-4.2.0-duplicate-context');
    const pairs = await bothWays(items, context, folderResolver(join(SAMPLES, 'synthetic-4.2.0-duplicate-context')));
    expect(pairs.length).toBe(7);
    for (const [fast, slow] of pairs) expect(fast).toEqual(slow);
  });

  it('on generated items: polls, quotes, Link cards, zhCn, boosts (plain and inlined), visibility, tags', async () => {
    const named = Object.entries(quirkItems());
    const pairs = await bothWays(named.map(([, item]) => item), MASTODON_CONTEXT, fakeResolver);
    pairs.forEach(([fast, slow], i) => expect(fast, named[i][0]).toEqual(slow));
    expect(pairs.every(([fast]) => !('skipped' in fast))).toBe(true);
  });

  it('on a context that renames terms with its own prefix (learned once, applied per item)', async () => {
    expect(isStandardContext(CUSTOM_CONTEXT)).toBe(false);
    const pairs = await bothWays([customItem(), customItem()], CUSTOM_CONTEXT, fakeResolver);
    for (const [fast, slow] of pairs) {
      expect(fast).toEqual(slow);
      expect(fast).toMatchObject({
        sensitive: true,
        summary: 'chats',
        language: 'fr',
        text: 'Bonjour #chat',
        visibility: 'public',
        url: 'https://social.example/@ana/777',
        hashtags: ['chat'],
        quote: 'https://other.example/s/5',
      });
      expect((fast as Post).media).toMatchObject([{ mediaType: 'image/png', focalPoint: [0, 0.5], description: 'un chat', path: 'media_attachments/files/7/p.png' }]);
    }
  });

  it('on an item that carries its own non-standard @context', async () => {
    const item = { '@context': CUSTOM_CONTEXT, ...customItem() };
    const [[fast, slow]] = await bothWays([item], 'https://www.w3.org/ns/activitystreams', fakeResolver);
    expect(fast).toEqual(slow);
    expect(fast).toMatchObject({ sensitive: true, language: 'fr' });
  });

  it('on malformed items (both skip)', async () => {
    const good = create();
    const junk = [42, null, { id: 'x' }, { ...good, object: 'https://x.example/s/1' }];
    const pairs = await bothWays(junk, MASTODON_CONTEXT, fakeResolver);
    for (const [fast, slow] of pairs) {
      expect(fast).toHaveProperty('skipped');
      expect(slow).toHaveProperty('skipped');
    }
    // a published that is not a date is no longer a reason to lose the post: both paths keep it alike
    const [[fast, slow]] = await bothWays([{ ...good, object: { ...(good.object as object), published: 'nope' } }], MASTODON_CONTEXT, fakeResolver);
    expect(fast).toEqual(slow);
    expect(fast).not.toHaveProperty('skipped');
  });
});

/** outbox.json as `version` writes it for a small generated account: its top-level context and its items. */
async function versionItems(version: Version): Promise<{ items: unknown[]; contexts: unknown[] }> {
  const { spec } = generatePosts(400, 7, { version });
  const text = [...outboxChunks(version, spec.account, spec.items, 400, () => undefined)].join('');
  const items: unknown[] = [];
  const contexts: unknown[] = [];
  await readOutbox(Readable.from([Buffer.from(text)]), { onContext: (c) => contexts.push(c), onItem: (raw) => items.push(raw) });
  return { items, contexts };
}

/** Mastodon 4.4's extension terms: `quote` and `quoteAuthorization` not yet coerced to @id (4.5 did). */
const CONTEXT_4_4 = fullContext(false, true);
/** 4.7's attributionDomains with `@container: @set` (FORMAT §1.7). */
const CONTEXT_4_7 = [
  ...MASTODON_CONTEXT.slice(0, 3),
  {
    ...(MASTODON_CONTEXT[3] as object),
    attributionDomains: { '@id': 'toot:attributionDomains', '@type': '@id', '@container': '@set' },
    quoteAuthorization: { '@id': 'https://w3id.org/fep/044f#quoteAuthorization', '@type': '@id' },
  },
];

describe('every Mastodon version takes the fast path, and it equals jsonld', () => {
  it.each(VERSIONS.map((v) => [v]))('the context %s writes is standard, and so is every per-item context', async (version) => {
    const { items, contexts } = await versionItems(version);
    expect(contexts.length).toBeGreaterThan(0);
    for (const context of contexts) expect(isStandardContext(context)).toBe(true);
    for (const item of items as Array<Record<string, unknown>>) {
      if (item['@context'] !== undefined) expect(isStandardContext(item['@context'])).toBe(true);
    }
  });

  it.each(VERSIONS.map((v) => [v]))('%s: fast path = jsonld on its quotes, polls, boosts and first items', async (version) => {
    const { items, contexts } = await versionItems(version);
    const context = contexts[contexts.length - 1];
    const quoted = (items as Array<{ object?: { quote?: unknown } }>).filter((i) => typeof i.object === 'object' && i.object?.quote);
    if (version !== 'pleroma' && version !== '3.5' && !version.startsWith('4.2')) expect(quoted.length).toBeGreaterThan(0);
    const picked = [...new Set([...quoted, ...items.slice(0, 40)])];
    const pairs = await bothWays(picked, context, fakeResolver);
    for (const [fast, slow] of pairs) expect(fast).toEqual(slow);
    expect(pairs.some(([fast]) => !('skipped' in fast) && fast.quote !== null) || quoted.length === 0).toBe(true);
  });

  it.each<[string, unknown]>([['4.4', CONTEXT_4_4], ['4.7', CONTEXT_4_7]])('%s context: quirk items read alike both ways', async (_name, context) => {
    expect(isStandardContext(context)).toBe(true);
    // quoteOnly: no quoteUri / _misskey_quote to fall back on, so a lost `quote` key would show.
    const named = [...Object.entries(quirkItems()), ['quoteOnly', create({ quote: 'https://other.example/s/8' })] as const];
    const pairs = await bothWays(named.map(([, item]) => item), context, fakeResolver);
    pairs.forEach(([fast, slow], i) => expect(fast, named[i][0]).toEqual(slow));
    expect(pairs.at(-1)![1]).toMatchObject({ quote: 'https://other.example/s/8' });
  });
});

describe('standard context detection', () => {
  it.each<[string, unknown, boolean]>([
    ['the AS2 URL', 'https://www.w3.org/ns/activitystreams', true],
    ["Mastodon's full context", MASTODON_CONTEXT, true],
    ['cid/v1 and webfinger', ['https://www.w3.org/ns/activitystreams', 'https://www.w3.org/ns/cid/v1', 'https://purl.archive.org/socialweb/webfinger'], true],
    ['extra unrelated terms', ['https://www.w3.org/ns/activitystreams', { litepub: 'http://litepub.social/ns#', directMessage: 'litepub:directMessage' }], true],
    ["mas.to's per-item context", ['https://www.w3.org/ns/activitystreams', { ostatus: 'http://ostatus.org#', atomUri: 'ostatus:atomUri', inReplyToAtomUri: 'ostatus:inReplyToAtomUri', conversation: 'ostatus:conversation', sensitive: 'as:sensitive', toot: 'http://joinmastodon.org/ns#', votersCount: 'toot:votersCount' }], true],
    ['http: spelling of the AS2 URL', 'http://www.w3.org/ns/activitystreams', true],
    ['no AS2 URL', ['https://w3id.org/security/v1'], false],
    ['an unknown remote context', ['https://www.w3.org/ns/activitystreams', 'https://example.com/ctx'], false],
    ['a renamed term', ['https://www.w3.org/ns/activitystreams', { texte: 'as:content' }], false],
    ['a redefined standard term', ['https://www.w3.org/ns/activitystreams', { sensitive: 'http://example.com/ns#sensitive' }], false],
    ['@vocab', ['https://www.w3.org/ns/activitystreams', { '@vocab': 'http://example.com/' }], false],
    ['a plain term the standard coerces to @id (4.4 quote)', ['https://www.w3.org/ns/activitystreams', { quote: 'https://w3id.org/fep/044f#quote' }], true],
    ['a standard plain term coerced to @id', ['https://www.w3.org/ns/activitystreams', { quoteUri: { '@id': 'http://fedibird.com/ns#quoteUri', '@type': '@id' } }], false],
    ['a standard term turned into a list', ['https://www.w3.org/ns/activitystreams', { votersCount: { '@id': 'toot:votersCount', '@container': '@list' } }], false],
    ['the AS namespace under another prefix', ['https://www.w3.org/ns/activitystreams', { ap: 'https://www.w3.org/ns/activitystreams#' }], false],
  ])('%s → %s', (_name, context, standard) => {
    expect(isStandardContext(context)).toBe(standard);
  });
});

describe('the document loader', () => {
  it('serves the four bundled contexts', async () => {
    for (const url of [
      'https://www.w3.org/ns/activitystreams',
      'https://w3id.org/security/v1',
      'https://www.w3.org/ns/cid/v1',
      'https://purl.archive.org/socialweb/webfinger',
      'http://www.w3.org/ns/activitystreams',
    ]) {
      const doc = await documentLoader(url);
      expect(doc.document).toHaveProperty('@context');
    }
  });

  it('throws for any other URL instead of fetching it', async () => {
    await expect(documentLoader('https://example.com/context.jsonld')).rejects.toThrow(/does not load remote/);
  });

  it('an invalid context is read with keys as written', async () => {
    const normalizer = createNormalizer({ resolveMedia: fakeResolver });
    normalizer.setContext(['https://www.w3.org/ns/activitystreams', { texte: { '@id': 5 } }, 42]);
    for (const seq of [0, 1]) expect(await normalizer.item(create({ content: '<p>kept</p>' }), seq)).toMatchObject({ text: 'kept', seq });
  });

  it('an unknown remote document is left out; inline aliases beside it still apply', async () => {
    const context = ['https://www.w3.org/ns/activitystreams', 'https://pleroma.example/schemas/litepub-0.1.jsonld', { texte: 'as:content' }];
    const item = create({ content: undefined, contentMap: undefined, texte: '<p>aliased</p>' });
    const [[fast, slow]] = await bothWays([item], context, fakeResolver);
    expect(fast).toEqual(slow);
    expect(fast).toMatchObject({ text: 'aliased' });
  });

  it('an item whose context names an unknown remote document is read with its keys as written', async () => {
    const normalizer = createNormalizer({ resolveMedia: fakeResolver });
    normalizer.setContext(['https://www.w3.org/ns/activitystreams', 'https://example.com/ctx']);
    const result = await normalizer.item(create({ content: '<p>still here</p>' }), 0);
    expect(result).toMatchObject({ text: 'still here' });
  });
});
