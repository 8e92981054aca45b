// The pseudonymizer on the shapes archives really hold: Mastodon mentions in HTML, short @names in text, other servers' URIs.
import { describe, expect, it } from 'vitest';
import { authorOf, edgesOf, pseudonymousEdge } from '../../../main/engine/export/edges.js';
import { Pseudonymizer } from '../../../main/engine/export/pseudonymize.js';
import { makePost } from '../../fixtures/make-post.js';

const makeTestPost = (over: Parameters<typeof makePost>[1]) => makePost(1, over);

const p = new Pseudonymizer('salt');
const MENTION_HTML =
  '<p><span class="h-card"><a href="https://other.example/@bo" class="u-url mention">@<span>bo</span></a></span> see ' +
  '<a href="https://other.example/@bo/110000000000000001">https://other.example/@bo/110000000000000001</a>, ' +
  '<a href="https://news.example/story?id=1&amp;x=2">news</a> and <a href="https://social.example/tags/cats" class="mention hashtag">#cats</a>.</p>';

describe('Pseudonymizer', () => {
  it('keeps the shape of account and status URLs, so a status still names its author', () => {
    const actor = p.url('https://other.example/users/bo');
    const status = p.url('https://other.example/users/bo/statuses/110000000000000001');
    const permalink = p.url('https://other.example/@bo/110000000000000001');
    expect(actor).toMatch(/^https:\/\/h[0-9a-f]{10}\.invalid\/users\/u[0-9a-f]{12}$/);
    expect(status.startsWith(`${actor}/statuses/`)).toBe(true);
    // the URI and the permalink of one status share its pseudonymous id
    expect(status.split('/').at(-1)).toBe(permalink.split('/').at(-1));
    expect(p.url('https://other.example/users/bo/statuses/110000000000000001/activity')).toBe(`${status}/activity`);
    expect(p.handle('@bo@other.example')).toBe(`@${actor.split('/').at(-1)}@${new URL(actor).hostname}`);
    // other servers' shapes and unknown ones: a pseudonym all the same, never the original
    for (const uri of ['https://misskey.example/notes/9abc', 'https://pleroma.example/objects/1-2-3', 'https://odd.example/x/y', 'not a url']) {
      const out = p.url(uri);
      expect(out).not.toContain(uri.replace(/^https:\/\//, '').split('/')[0]);
      expect(p.url(uri)).toBe(out);
    }
    expect(new Pseudonymizer('other').url('https://other.example/users/bo')).not.toBe(actor);
  });

  it('replaces mentions in HTML and text, and leaves other links, hashtags and words alone', () => {
    const post = makeTestPost({
      html: MENTION_HTML,
      text: '@bo see https://other.example/@bo/110000000000000001, news and #cats. Mail bo@other.example or @bo@other.example.',
      mentions: [{ name: '@bo@other.example', href: 'https://other.example/users/bo' }],
    });
    const out = p.post(post);
    const bo = p.handle('@bo@other.example');
    expect(out.html).toContain(`@<span>${bo.slice(1)}</span></a>`);
    expect(out.html).not.toMatch(/other\.example/);
    expect(out.html).toContain('href="https://news.example/story?id=1&amp;x=2"');
    expect(out.html).toContain('https://social.example/tags/cats');
    expect(out.text.startsWith(`${bo} see https://`)).toBe(true);
    expect(out.text).toContain(`or ${bo}.`);
    expect(out.text).toContain(', news and #cats.');
    expect(out.text).not.toMatch(/@bo\b|other\.example\/@bo/);
    expect(out.mentions).toEqual([{ name: bo, href: p.url('https://other.example/users/bo') }]);
  });

  it('gives edges the same pseudonyms as the posts they come from', () => {
    const post = makeTestPost({
      id: 'https://social.example/users/sam/statuses/1', inReplyTo: 'https://other.example/users/bo/statuses/2',
      quote: 'https://misskey.example/notes/9abc', mentions: [{ name: '@bo@other.example', href: 'https://other.example/users/bo' }],
    });
    expect(authorOf(post.inReplyTo!)).toBe('@bo@other.example');
    const edges = edgesOf(post, '@sam@social.example');
    expect(edges.map((e) => [e.kind, e.target])).toEqual([
      ['reply', '@bo@other.example'], ['quote', 'https://misskey.example/notes/9abc'], ['mention', '@bo@other.example'],
    ]);
    const pseudo = edges.map((e) => pseudonymousEdge(e, p));
    const shown = p.post(post);
    expect(pseudo[0]!.target).toBe(shown.mentions[0]!.name);
    expect(pseudo[1]!.target).toBe(shown.quote);
    expect(pseudo.every((e) => e.post === shown.id && e.source === p.account('@sam@social.example'))).toBe(true);
  });
});
