// A generated archive for the export tests: the generator's posts plus a hostile post with an image, written as a zip.
import { join } from 'node:path';
import type { Archive } from '../../../main/engine/archive.js';
import { openArchive } from '../../../main/engine/open.js';
import { DEFAULT_ACCOUNT, generatePosts, makePost, writeArchive, type Truth } from '../../fixtures/archive-builder.js';

export const HOSTILE_HTML =
  '<p>Hostile but harmless<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">' +
  '<a href="javascript:window.pwned = 3">click me</a><iframe src="https://evil.example/" onload="window.pwned = 4"></iframe>' +
  '<img src="https://tracker.example/pixel.gif" alt="pixel"><svg onload="window.pwned = 5"></svg>' +
  '<b onmouseover="window.pwned = 6" style="background:url(https://tracker.example/bg.png)">bold</b></p>' +
  '<style>@import url(https://tracker.example/x.css);</style><link rel="stylesheet" href="https://tracker.example/y.css">';

export interface ExportFixture {
  archive: Archive;
  path: string;
  truth: Truth;
  /** items the shareable exports keep by default (public and unlisted, boosts included) */
  shareable: number;
}

/** n generated items (2021–2022) plus the hostile post (public, one image with alt text) at the end. */
export async function openExportFixture(dir: string, n: number, seed: number): Promise<ExportFixture> {
  const { spec, truth } = generatePosts(n, seed, { start: '2021-01-01T00:00:00Z', end: '2022-12-31T00:00:00Z' });
  const hostile = makePost({
    account: DEFAULT_ACCOUNT, published: '2022-12-31T12:00:00Z', html: HOSTILE_HTML, visibility: 'public',
    media: [{ kind: 'image', alt: 'a test image' }],
  });
  const items = [...spec.items, hostile];
  const path = await writeArchive({ ...spec, items, totalItems: items.length }, join(dir, 'archive'), { container: 'zip' });
  const archive = await openArchive(path, { cacheDir: null });
  const shareable = truth.itemVisibility.public + truth.itemVisibility.unlisted + 1;
  return { archive, path, truth, shareable };
}
