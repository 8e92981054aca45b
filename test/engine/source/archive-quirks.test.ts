// Issue 13 items 10 and the extras: two outbox.json in one zip (the last one, as unzip and Python, and a warning in
// `summary --json`); an NFC attachment url finds its NFD entry; a symlinked outbox.json and a UTF-16 one are told as
// such, without raw bytes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveError } from '../../../main/engine/errors.js';
import { openArchive } from '../../../main/engine/open.js';
import { assertBuilt, runCli } from '../../cli/run-cli.js';
import { DEFAULT_ACCOUNT, makePost, writeArchive } from '../../fixtures/archive-builder.js';
import { rawZip } from '../../fixtures/hostile.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-quirks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => assertBuilt());

async function folderArchive(name: string, texts: string[], media = false, fileName?: string): Promise<string> {
  const items = texts.map((text, i) => makePost({
    account: DEFAULT_ACCOUNT, published: `2024-01-0${i + 1}T00:00:00Z`, text, visibility: 'public',
    media: media ? [{ kind: 'image', alt: 'pic', ...(fileName ? { fileName } : {}) }] : [],
  }));
  return writeArchive({ version: '4.4', account: DEFAULT_ACCOUNT, items }, join(tmp, name), { container: 'folder', fileName: name });
}

const texts = async (path: string) => {
  const a = await openArchive(path, { cacheDir: null });
  try {
    return { texts: [...a.posts()].map((p) => p.text), warnings: a.info.warnings };
  } finally {
    await a.close();
  }
};

async function openError(path: string): Promise<ArchiveError> {
  try {
    await (await openArchive(path, { cacheDir: null })).close();
  } catch (error) {
    if (error instanceof ArchiveError) return error;
    throw error;
  }
  throw new Error(`${path} opened`);
}

describe('two outbox.json in one zip', () => {
  it('reads the last one, as unzip and Python do, and says so in summary --json', async () => {
    const first = await folderArchive('first', ['from the first outbox']);
    const second = await folderArchive('second', ['from the second outbox', 'and its other post']);
    const zip = join(tmp, 'two-outboxes.zip');
    writeFileSync(zip, rawZip([
      { name: 'outbox.json', data: readFileSync(join(first, 'outbox.json')) },
      { name: 'actor.json', data: readFileSync(join(first, 'actor.json')) },
      { name: 'outbox.json', data: readFileSync(join(second, 'outbox.json')) },
    ]));
    const python = execFileSync('python3', ['-c', 'import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("outbox.json").decode())', zip]).toString();
    expect(python).toContain('from the second outbox');
    const read = await texts(zip);
    expect(read.texts).toEqual(['from the second outbox', 'and its other post']);
    const warning = '“outbox.json” appears more than once in the zip: Outbox reads the last one, as unzip and Python do.';
    expect(read.warnings).toContain(warning);
    const run = await runCli(['summary', zip, '--json', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { counts: { items: number }; warnings: string[] };
    expect(summary.counts.items).toBe(2);
    expect(summary.warnings).toContain(warning);
  }, 60_000);
});

describe('entry names', () => {
  it('finds an attachment whose url is composed (NFC) in an entry named decomposed (NFD), as macOS zips write', async () => {
    const folder = await folderArchive('nfd', ['a café picture'], true, 'caf\u00e9');
    const dir = join(folder, 'media_attachments/files/');
    const original = execFileSync('find', [dir, '-name', 'caf*']).toString().trim();
    expect(original).toContain('caf\u00e9');
    renameSync(original, original.replace('caf\u00e9', 'cafe\u0301'));
    const outbox = readFileSync(join(folder, 'outbox.json'), 'utf8');
    expect(outbox.includes('caf\u00e9') || outbox.includes('caf\\u00e9')).toBe(true);
    const archive = await openArchive(folder, { cacheDir: null });
    try {
      expect(archive.info.summary.media).toEqual({ referenced: 1, present: 1, missing: 0 });
      const post = [...archive.posts()][0]!;
      const media = await archive.openMedia(post.media[0]!.path!);
      expect(media?.size).toBeGreaterThan(0);
      media?.stream.destroy();
    } finally {
      await archive.close();
    }
  });

  it('says a symlinked outbox.json is a symbolic link, not that there is none', async () => {
    const folder = await folderArchive('linked', ['linked post']);
    renameSync(join(folder, 'outbox.json'), join(tmp, 'elsewhere.json'));
    symlinkSync(join(tmp, 'elsewhere.json'), join(folder, 'outbox.json'));
    const error = await openError(folder);
    expect(error.code).toBe('unsafe');
    expect(error.message).toMatch(/^outbox\.json in linked is a symbolic link: Outbox never follows links/);
    expect(error.message).not.toMatch(/has no outbox\.json/);
  });

  it('says a UTF-16 outbox.json is UTF-16, without echoing its bytes', async () => {
    const folder = await folderArchive('utf16', ['wide post']);
    const text = readFileSync(join(folder, 'outbox.json'), 'utf8');
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), le, Buffer.concat([Buffer.from([0xfe, 0xff]), be]), be]) {
      writeFileSync(join(folder, 'outbox.json'), bytes);
      const error = await openError(folder);
      expect(error.code).toBe('bad-json');
      expect(error.message).toMatch(/^outbox\.json is encoded as UTF-16 \(or UTF-32\), not the UTF-8/);
      expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\ufffd]/);
    }
  });
});
