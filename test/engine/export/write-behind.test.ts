// The export's work around the rendering: media copied ahead, files opened without an lstat, pages held for their
// replies. Each must give the very bytes the one-at-a-time way gave, and fail as loudly.
import { closeSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaOf, startedAhead } from '../../../main/engine/export/media-copy.js';
import { openOutFile, openOutFileAsync } from '../../../main/engine/export/out-folder.js';
import { writeMarkdown } from '../../../main/engine/export/markdown.js';
import { writeSite } from '../../../main/engine/export/site.js';
import { openExportFixture, type ExportFixture } from './export-fixture.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-write-behind-'));
let fixture: ExportFixture;

beforeAll(async () => {
  fixture = await openExportFixture(tmp, 300, 17);
});
afterAll(async () => {
  await fixture?.archive.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Every file under dir, by relative path → its bytes as text. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

describe('opening an export file', () => {
  it('replaces a symbolic link by the file and leaves the link target as it was, blocking or not', async () => {
    const target = join(tmp, 'target.txt');
    writeFileSync(target, 'keep me');
    for (const [name, open] of [['sync.html', async (p: string) => openOutFile(p)], ['async.html', openOutFileAsync]] as const) {
      const link = join(tmp, name);
      symlinkSync(target, link);
      const fd = await open(link);
      writeSync(fd, 'page');
      closeSync(fd);
      expect(readFileSync(target, 'utf8')).toBe('keep me');
      expect(readFileSync(link, 'utf8')).toBe('page');
      expect(lstatSync(link).isFile()).toBe(true);
    }
    await expect(openOutFileAsync(join(tmp, 'nowhere', 'x'))).rejects.toMatchObject({ code: 'ENOENT', syscall: 'open' });
    expect(() => openOutFile(join(tmp, 'nowhere', 'x'))).toThrow(/ENOENT/);
  });
});

describe('startedAhead', () => {
  it('yields in order while starting at most `ahead` items beyond the one yielded', async () => {
    const started: number[] = [];
    const seen: Array<[number, number]> = [];
    let maxAhead = 0;
    const delays = [5, 0, 3, 0, 1, 4, 0, 2, 0, 0];
    for await (const [item, result] of startedAhead(delays.keys(), async (i) => {
      started.push(i);
      await new Promise((r) => setTimeout(r, delays[i]));
      return i * 10;
    }, 3)) {
      maxAhead = Math.max(maxAhead, started.length - 1 - item);
      seen.push([item, result]);
    }
    expect(seen).toEqual(delays.map((_, i) => [i, i * 10]));
    expect(maxAhead).toBe(3);
  });

  it('throws a failure at its own turn, after the items before it, and never as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const got: number[] = [];
      const run = async () => {
        for await (const [item] of startedAhead([0, 1, 2, 3, 4], async (i) => {
          if (i === 3) throw new Error('copy 3 failed');
          await new Promise((r) => setTimeout(r, 20));
          return i;
        }, 4)) got.push(item);
      };
      await expect(run()).rejects.toThrow('copy 3 failed');
      expect(got).toEqual([0, 1, 2]);
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('the site with pages held for their replies', () => {
  it('is the same site, byte for byte, whether pages wait for their replies or are written at once and rewritten', async () => {
    const { archive } = fixture;
    const media = async (p: string) => (await archive.openMedia(p))?.stream;
    const held = join(tmp, 'held');
    const written = join(tmp, 'written');
    const a = await writeSite(archive.posts(), held, { mediaSource: media, title: '@sam@example.social' });
    // heldPages 0: every page is written as soon as it is made, and replies are added by reading it back
    const b = await writeSite(archive.posts(), written, { mediaSource: media, title: '@sam@example.social', heldPages: 0 });
    expect(b).toEqual(a);
    const left = tree(held);
    const right = tree(written);
    expect([...right.keys()].sort()).toEqual([...left.keys()].sort());
    for (const [path, text] of left) expect(right.get(path), path).toBe(text);
    // the fixture has self-threads: some pages list their replies, and the marker is gone from those
    const withReplies = [...left].filter(([path, text]) => path.startsWith('posts') && text.includes('class="replies"'));
    expect(withReplies.length).toBeGreaterThan(0);
    for (const [, text] of withReplies) expect(text).not.toContain('<!--outbox:replies-->');
    expect(a.media).toBeGreaterThan(0);
  });
});

describe('media read whole', () => {
  it('makes the same site and the same Markdown, byte for byte, as media streamed', async () => {
    const { archive } = fixture;
    const streamed = async (p: string) => (await archive.openMedia(p))?.stream;
    const whole = (p: string) => mediaOf(archive, p);
    const withMedia = [...archive.posts()].find((p) => p.media.some((m) => m.path && m.present))!;
    expect(Buffer.isBuffer(await whole(withMedia.media.find((m) => m.path && m.present)!.path!))).toBe(true);
    for (const [name, write] of [['site', writeSite], ['md', writeMarkdown]] as const) {
      const a = await write(archive.posts(), join(tmp, `${name}-streamed`), { mediaSource: streamed, title: '@sam@example.social' });
      const b = await write(archive.posts(), join(tmp, `${name}-whole`), { mediaSource: whole, title: '@sam@example.social' });
      expect(b).toEqual(a);
      expect(a.media).toBeGreaterThan(0);
      const left = tree(join(tmp, `${name}-streamed`));
      const right = tree(join(tmp, `${name}-whole`));
      expect([...right.keys()].sort()).toEqual([...left.keys()].sort());
      for (const [path, text] of left) expect(right.get(path), path).toBe(text);
    }
  });
});
