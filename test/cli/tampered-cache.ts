// The archive and the tampered saved index that the warm-cache tests (CLI and `outbox serve`) share: 700 posts of
// toast, one of marmalade sandwiches, whose record in the cache gets one letter changed (valid JSON, same length).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEFAULT_ACCOUNT, makePost, writeArchive } from '../fixtures/archive-builder.js';
import { runCli } from './run-cli.js';

export const COUNT = 700;

/** Post i's text; `target` is the one tampered with later. */
export const toastText = (target: number) => (i: number): string =>
  i === target ? `Marmalade sandwiches for everybody ${i}` : `Ordinary toast number ${i} with marmalade`;

/** The archive (a zip in `dir`), one post an hour from 2023-01-01, oldest first. */
export async function writeToastArchive(dir: string, target: number): Promise<string> {
  const text = toastText(target);
  const items = Array.from({ length: COUNT }, (_, i) =>
    makePost({ account: DEFAULT_ACCOUNT, published: new Date(Date.UTC(2023, 0, 1) + i * 3_600_000).toISOString(), text: text(i), visibility: 'public' }));
  return writeArchive({ version: '4.4', account: DEFAULT_ACCOUNT, items }, join(dir, 'archive'), { container: 'zip' });
}

/** The one saved index in a cache folder, or null. */
export function cacheFileOf(cacheDir: string): string | null {
  const name = readdirSync(cacheDir).find((n) => n.endsWith('.outbox-index'));
  return name ? join(cacheDir, name) : null;
}

/** `cacheDir` filled by a cold `outbox summary` of `archive`, then `text`'s first letter changed to N in the index. */
export async function tamperedCache(archive: string, cacheDir: string, text: string): Promise<string> {
  expect((await runCli(['summary', archive], { cacheDir })).code).toBe(0);
  const file = cacheFileOf(cacheDir)!;
  const bytes = readFileSync(file);
  const at = bytes.indexOf(Buffer.from(text));
  expect(at).toBeGreaterThan(0);
  bytes.write('N', at); // "Narmalade"
  writeFileSync(file, bytes);
  return cacheDir;
}
