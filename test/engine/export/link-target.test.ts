// linkTarget's short way (an address the URL parser would give back unchanged is its own answer) must answer exactly
// as the parse does, on the addresses a post holds and on the ones made to look plain.
import { describe, expect, it } from 'vitest';
import { linkTarget } from '../../../main/engine/export/sanitize.js';
import { generatePosts } from '../../fixtures/generate-posts.js';

/** The answer without the short way: the parse linkTarget falls back to. */
function parsed(raw: string): string | null {
  try {
    const url = new URL(raw.trim(), 'https://invalid.invalid/');
    if (url.host === 'invalid.invalid') return null;
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const TRICKY = [
  'https://example.social/@sam/1234', 'http://example.social/tags/cats', 'https://example.social/', 'https://example.social',
  'https://Example.social/a', 'HTTPS://example.social/a', 'https://example.social:443/a', 'https://example.social:8080/a',
  'https://user@example.social/a', 'https://example.social/./a', 'https://example.social/a/../b', 'https://example.social/a/.',
  'https://example.social/a/..', 'https://example.social/%2e/a', 'https://example.social/%2E%2E/a', 'https://example.social/.well-known/x',
  'https://example.social/a b', 'https://example.social/a\\b', 'https://example.social/a?b=1', 'https://example.social/a#f',
  'https://example.social/a^b', 'https://example.social/a`b', 'https://example.social/a{b}', 'https://example.social/a"b',
  "https://example.social/a'b", 'https://example.social/a|b', 'https://example.social/é', 'https://exämple.social/a',
  'https://xn--exmple-cua.social/a', 'https://xn--zz.social/a', 'https://a--b.social/a', 'https://-a.social/a', 'https://a-.social/a',
  'https://127.0.0.1/a', 'https://0x7f.1/a', 'https://1.2.3.4e/a', 'https://a.b.0x1/a', 'https://a..b/a', 'https://.a/a',
  'https://a./a', 'https://localhost/a', 'https://example.social//a', 'https://example.social/a//b', 'https:example.social/a',
  'https:/example.social/a', 'https:///example.social/a', ' https://example.social/a', 'https://example.social/a ', 'https://example.social/a\n',
  'https://example.social/a\t', 'https://example.social/@sam:x;y=z,!$&()*+~_-.', 'javascript:alert(1)', 'mailto:sam@example.social',
  'data:text/html,x', '/relative', 'example.social/a', 'https://ex_ample.social/a', 'https://EXAMPLE.SOCIAL/', 'http://a/b',
];

describe('linkTarget', () => {
  it('answers as the URL parse does on addresses made to look plain', () => {
    for (const raw of TRICKY) expect(linkTarget(raw), raw).toBe(parsed(raw));
  });

  it("answers as the URL parse does on every address of generated posts (their own, mentions, tags, links)", () => {
    const { spec } = generatePosts(2000, 7);
    const addresses = new Set<string>();
    const json = JSON.stringify(spec);
    for (const m of json.matchAll(/(?:https?|mailto):[^"\\<>\s]*/g)) addresses.add(m[0]);
    expect(addresses.size).toBeGreaterThan(500);
    for (const raw of addresses) expect(linkTarget(raw), raw).toBe(parsed(raw));
  });
});
