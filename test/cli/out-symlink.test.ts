// Issue 13 item 9: `export --out` never writes through a symbolic link. A link at --out is refused for every format
// (its target untouched); links planted inside an existing export folder are replaced, their targets untouched.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMarkdown } from '../../main/engine/export/markdown.js';
import { writeSite } from '../../main/engine/export/site.js';
import { openArchive } from '../../main/engine/open.js';
import type { Archive } from '../../main/engine/archive.js';
import { DEFAULT_ACCOUNT, makePost, writeArchive } from '../fixtures/archive-builder.js';
import { assertBuilt, runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-out-link-'));
const victim = join(tmp, 'victim.txt');
const victimDir = join(tmp, 'victim-dir');
const ORIGINAL = 'precious notes\n';
let zip: string;
let archive: Archive;

beforeAll(async () => {
  assertBuilt();
  const items = [1, 2, 3].map((i) => makePost({
    account: DEFAULT_ACCOUNT, published: `2024-0${i}-01T00:00:00Z`, text: `post ${i}`, visibility: 'public', media: [{ kind: 'image', alt: 'pic' }],
  }));
  zip = await writeArchive({ version: '4.4', account: DEFAULT_ACCOUNT, items }, join(tmp, 'a'), { container: 'zip' });
  archive = await openArchive(zip, { cacheDir: null });
});

afterAll(async () => {
  await archive?.close();
  rmSync(tmp, { recursive: true, force: true });
});

function resetVictims(): void {
  writeFileSync(victim, ORIGINAL);
  rmSync(victimDir, { recursive: true, force: true });
  mkdirSync(victimDir);
}

describe('export --out through a symbolic link', () => {
  it('is refused for every format, and the link\'s target is left as it was', async () => {
    for (const format of ['jsonl', 'csv', 'md', 'html']) {
      resetVictims();
      const link = join(tmp, `out-${format}`);
      rmSync(link, { force: true });
      symlinkSync(format === 'md' || format === 'html' ? victimDir : victim, link);
      const run = await runCli(['export', zip, '--format', format, '--out', link, '--no-cache']);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('is a symbolic link: Outbox never writes through one');
      expect(readFileSync(victim, 'utf8')).toBe(ORIGINAL);
      expect(readdirSync(victimDir)).toEqual([]);
    }
  }, 60_000);

  it('replaces links planted inside an export folder instead of following them', async () => {
    for (const [format, write] of [['html', writeSite], ['md', writeMarkdown]] as const) {
      resetVictims();
      const out = join(tmp, `planted-${format}`);
      const mediaSource = async (p: string) => (await archive.openMedia(p))?.stream;
      await write(archive.posts(), out, { mediaSource });
      const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));
      expect(files.length).toBeGreaterThan(3);
      for (const file of files) {
        rmSync(file);
        symlinkSync(victim, file);
      }
      await write(archive.posts(), out, { mediaSource });
      expect(readFileSync(victim, 'utf8')).toBe(ORIGINAL);
      for (const file of files) expect(lstatSync(file).isSymbolicLink(), file).toBe(false);
    }
  }, 60_000);

  it('refuses a sub-folder that is a link', async () => {
    resetVictims();
    const out = join(tmp, 'planted-dir');
    mkdirSync(out);
    symlinkSync(victimDir, join(out, 'posts'));
    await expect(writeSite(archive.posts(), out, {})).rejects.toThrow(/posts is a symbolic link: Outbox never writes through one/);
    expect(readdirSync(victimDir)).toEqual([]);
    expect(existsSync(join(out, 'index.html'))).toBe(false);
  });
});
