// Issue 13 item 4: per-item contexts cannot cost minutes. 30k items with a context of their own share one plan when
// their contexts have one shape; 30k truly different contexts spend a bounded number of jsonld calls, then read as
// written with a warning. No post is lost either way.
import jsonld from 'jsonld';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Post } from '../../../preload/contract.js';
import { JSONLD_BUDGET } from '../../../main/engine/normalize/context-plan.js';
import { createNormalizer, MAX_CONTEXT_SHAPES } from '../../../main/engine/normalize/normalize.js';
import { openArchive } from '../../../main/engine/open.js';
import { DEFAULT_ACCOUNT, makePost, writeArchive } from '../../fixtures/archive-builder.js';
import { fakeResolver, MASTODON_CONTEXT } from './items.js';

const N = 30_000;
const AS = 'https://www.w3.org/ns/activitystreams';
const tmp = mkdtempSync(join(tmpdir(), 'outbox-contexts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Item i of a generated archive, carrying `context(i)` as its own @context. */
function item(i: number, context: (i: number) => unknown): Record<string, unknown> {
  const { json } = makePost({ account: DEFAULT_ACCOUNT, published: new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString(), text: `post number ${i}`, visibility: 'public' });
  return { ...json, '@context': context(i) };
}

async function normalizeAll(context: (i: number) => unknown): Promise<{ posts: Post[]; skipped: number; warnings: string[]; calls: number }> {
  const expand = vi.spyOn(jsonld, 'expand');
  const normalizer = createNormalizer({ resolveMedia: fakeResolver });
  normalizer.setContext(MASTODON_CONTEXT);
  const pending: Array<Post | { skipped: string } | Promise<Post | { skipped: string }>> = [];
  for (let i = 0; i < N; i++) {
    const raw = item(i, context);
    pending.push(normalizer.itemNow(raw, i) ?? normalizer.item(raw, i));
  }
  const results = await Promise.all(pending.map((p) => Promise.resolve(p)));
  return {
    posts: results.filter((r): r is Post => !('skipped' in r)),
    skipped: results.filter((r) => 'skipped' in r).length,
    warnings: normalizer.warnings(),
    calls: expand.mock.calls.length,
  };
}

describe('contexts of their own', () => {
  it('30k items whose contexts differ only by @vocab share one plan', async () => {
    const { posts, skipped, warnings, calls } = await normalizeAll((i) => [AS, { '@vocab': `https://vocab${i}.example/ns#`, sensitive: 'as:sensitive' }]);
    expect(skipped).toBe(0);
    expect(posts).toHaveLength(N);
    expect(posts[N - 1]!.text).toBe(`post number ${N - 1}`);
    expect(calls).toBeLessThan(200);
    expect(warnings).toEqual([]);
  }, 120_000);

  it('30k truly distinct contexts spend at most the budget, then read as written with a warning', async () => {
    const { posts, skipped, warnings, calls } = await normalizeAll((i) => [AS, { [`body${i}`]: 'as:content' }]);
    expect(skipped).toBe(0);
    expect(posts).toHaveLength(N);
    expect(posts.map((p) => p.text)).toEqual(Array.from({ length: N }, (_, i) => `post number ${i}`));
    expect(calls).toBeLessThanOrEqual(JSONLD_BUDGET);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\d+ items of outbox\.json carry an unusual JSON-LD @context of their own; Outbox read them by the standard key names/);
    expect(Number(warnings[0]!.split(' ')[0])).toBeGreaterThanOrEqual(N - MAX_CONTEXT_SHAPES);
  }, 120_000);

  it('says so in the archive\'s warnings', async () => {
    const items = Array.from({ length: MAX_CONTEXT_SHAPES + 10 }, (_, i) => ({ json: item(i, (k) => [AS, { [`t${k}`]: 'as:content' }]), media: [] }));
    const path = await writeArchive({ version: '4.4', account: DEFAULT_ACCOUNT, items }, tmp, { container: 'zip' });
    const archive = await openArchive(path, { cacheDir: null });
    try {
      expect(archive.info.summary.counts.items).toBe(items.length);
      expect(archive.info.warnings.join('\n')).toContain('10 items of outbox.json carry an unusual JSON-LD @context of their own');
    } finally {
      await archive.close();
    }
  }, 60_000);
});
