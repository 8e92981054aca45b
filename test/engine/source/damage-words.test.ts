// A damaged zip or tar.gz is described in our words, naming the file: never the zip or gzip library's own sentence
// ("end of central directory record signature not found", "invalid distance too far back", "unexpected end of file").
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from '../../../main/engine/source/open-source.js';
import { hostile, rawZip } from '../../fixtures/hostile.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-damage-words-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Words of yauzl and zlib that mean nothing to the person who downloaded the archive. */
const LIBRARY_WORDS = /central directory|signature|invalid|distance|unexpected end|header check|stored block|zlib|yauzl|EOCD|Z_/i;

async function drain(stream: Readable): Promise<void> {
  for await (const _chunk of stream) { /* read it all */ }
}

describe('damaged containers, said in our words', () => {
  it('a zip cut short: cut short or not a zip, naming the file', async () => {
    const error = (await openSource(hostile.truncatedZip(tmp)).catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('truncated');
    expect(error.message).toContain('archive-truncated.zip is cut short, or is not a zip file');
    expect(error.message).toContain('download the archive again');
    expect(error.message).not.toMatch(LIBRARY_WORDS);
  });

  it('a zip whose packed data is damaged: that entry and the file are named', async () => {
    const text = Buffer.from(JSON.stringify({ orderedItems: Array.from({ length: 400 }, (_, i) => ({ id: `post ${i}`, text: `words ${i * 7919}` })) }));
    const zip = rawZip([{ name: 'outbox.json', data: text }]);
    // Garble the middle of the deflate stream (the local header is 30 bytes plus the name): the inflater fails.
    const start = 30 + 'outbox.json'.length;
    for (let i = start + 40; i < start + 240; i++) zip[i] = (zip[i]! * 31 + 7) & 0xff;
    const path = join(tmp, 'archive-garbled.zip');
    writeFileSync(path, zip);
    const source = await openSource(path);
    try {
      const error = (await drain(await source.open('outbox.json')).catch((e: unknown) => e)) as Error & { code: string };
      expect(error.code).toBe('truncated');
      expect(error.message).toContain('outbox.json in archive-garbled.zip is damaged');
      expect(error.message).not.toMatch(LIBRARY_WORDS);
    } finally {
      await source.close();
    }
  });

  it('a tar.gz cut short inside its gzip stream', async () => {
    const error = (await openSource(hostile.truncatedTarGz(tmp)).catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('truncated');
    expect(error.message).toContain('archive-cut.tar.gz is cut short or damaged');
    expect(error.message).not.toMatch(LIBRARY_WORDS);
  });
});
