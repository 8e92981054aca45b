// Issue 13 item 6: a cache is used only when it is this archive's and whole. A changed letter in a cached post, another
// archive's cache copied over this one's, or a broken record: the cache is discarded and rebuilt, never an error.
// A cache folder other users can write is not used, and the archive says why.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../main/engine/open.js';
import { DEFAULT_ACCOUNT, makePost, writeArchive } from '../../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-cache-trust-'));
let pathA: string;
let pathB: string;
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TEXT_A = 'Marmalade sandwiches for everybody';
const TEXT_B = 'Completely different archive here';

async function archive(dir: string, text: string): Promise<string> {
  const items = Array.from({ length: 20 }, (_, i) =>
    makePost({ account: DEFAULT_ACCOUNT, published: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(), text: `${text} ${i}`, visibility: 'public' }));
  return writeArchive({ version: '4.4', account: DEFAULT_ACCOUNT, items }, join(tmp, dir), { container: 'zip' });
}

/** Opens, reads every post's text, closes (which waits for the cache write). */
async function texts(path: string, cacheDir: string): Promise<{ fromCache: boolean; texts: string[]; warnings: string[] }> {
  const a = await openArchive(path, { cacheDir });
  try {
    return { fromCache: a.info.fromCache, texts: [...a.posts()].map((p) => p.text), warnings: a.info.warnings };
  } finally {
    await a.close();
  }
}

const cacheFileOf = (cacheDir: string) => join(cacheDir, readdirSync(cacheDir).find((n) => n.endsWith('.outbox-index'))!);

beforeAll(async () => {
  pathA = await archive('a', TEXT_A);
  pathB = await archive('b', TEXT_B);
});

describe('a cache is verified before use', () => {
  it('discards a cache with one letter changed inside a post, and rebuilds it', async () => {
    const cacheDir = join(tmp, 'tampered');
    const truth = await texts(pathA, cacheDir);
    expect(truth.fromCache).toBe(false);
    expect((await texts(pathA, cacheDir)).fromCache).toBe(true);
    const file = cacheFileOf(cacheDir);
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('Marmalade sandwiches for everybody 7'));
    expect(at).toBeGreaterThan(0);
    bytes.write('N', at); // "Narmalade": same length, valid JSON
    writeFileSync(file, bytes);
    const again = await texts(pathA, cacheDir);
    expect(again.fromCache).toBe(false);
    expect(again.texts).toEqual(truth.texts);
    expect((await texts(pathA, cacheDir)).fromCache).toBe(true); // rebuilt
  });

  it('refuses another archive\'s cache copied over this one\'s', async () => {
    const cacheA = join(tmp, 'swap-a');
    const cacheB = join(tmp, 'swap-b');
    const truth = await texts(pathA, cacheA);
    await texts(pathB, cacheB);
    copyFileSync(cacheFileOf(cacheB), cacheFileOf(cacheA));
    const swapped = await texts(pathA, cacheA);
    expect(swapped.fromCache).toBe(false);
    expect(swapped.texts).toEqual(truth.texts);
    expect(swapped.texts.join(' ')).not.toContain(TEXT_B);
  });

  it('rebuilds from a broken record instead of failing (it was exit 70)', async () => {
    const cacheDir = join(tmp, 'broken');
    const truth = await texts(pathA, cacheDir);
    const file = cacheFileOf(cacheDir);
    const bytes = readFileSync(file);
    bytes.write('{', bytes.indexOf(Buffer.from('"seq":3}')) + 7); // a record that is no longer JSON
    writeFileSync(file, bytes);
    const again = await texts(pathA, cacheDir);
    expect(again.fromCache).toBe(false);
    expect(again.texts).toEqual(truth.texts);
  });

  it.skipIf(process.platform === 'win32')('does not use a cache folder other users can write, and says so', async () => {
    const cacheDir = join(tmp, 'shared');
    mkdirSync(cacheDir);
    chmodSync(cacheDir, 0o777);
    const first = await texts(pathA, cacheDir);
    const second = await texts(pathA, cacheDir);
    expect(second.fromCache).toBe(false);
    expect(second.texts).toEqual(first.texts);
    expect(second.warnings.join('\n')).toContain(`The index cache folder ${cacheDir} can be written by other users`);
    chmodSync(cacheDir, 0o700);
    await texts(pathA, cacheDir);
    const safe = await texts(pathA, cacheDir);
    expect(safe.fromCache).toBe(true);
    expect(safe.warnings.join('\n')).not.toContain('can be written by other users');
  });
});
