// The files of an export written on a second thread: every byte given lands, a link is never written through, and a
// failure on that thread reaches the export as its own clear message.
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveError } from '../../../main/engine/errors.js';
import { FileWriter, fileWriterWorkerFile } from '../../../main/engine/export/file-writer.js';
import { writeFailure } from '../../../main/engine/export/out-folder.js';
import { useWriterThread } from './writer-thread.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-file-writer-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// every FileWriter below runs the thread built from these sources
const thread = useWriterThread();

describe('FileWriter', () => {
  it('runs its thread from the bundle named, and from none when told so', () => {
    expect(fileWriterWorkerFile()).toBe(thread.file);
    const worker = (writer: FileWriter) => (writer as unknown as { worker: unknown }).worker;
    const threaded = new FileWriter();
    expect(worker(threaded)).not.toBeNull();
    void threaded.stop();
    expect(worker(new FileWriter(null))).toBeNull();
  });

  it('writes files larger than a batch (text and bytes) exactly, between small ones', async () => {
    const dir = join(tmp, 'large');
    mkdirSync(dir);
    const writer = new FileWriter();
    const text = `${'é'.repeat(700_000)}🎉${'x'.repeat(5)}`; // ~1.4 MB of UTF-8, 2.1 M units: more than a block
    const bytes = Buffer.alloc(3 << 20, 7);
    bytes[bytes.length - 1] = 9;
    await writer.write(join(dir, 'a.txt'), 'small before');
    await writer.write(join(dir, 'big.txt'), text);
    await writer.write(join(dir, 'b.txt'), '');
    await writer.write(join(dir, 'big.bin'), bytes);
    await writer.write(join(dir, 'c.txt'), 'small after');
    await writer.close();
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('small before');
    expect(readFileSync(join(dir, 'big.txt'), 'utf8')).toBe(text);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, 'big.bin')).equals(bytes)).toBe(true);
    expect(readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('small after');
  });

  it('writes the same files on this thread when there is no thread to run', async () => {
    const dir = join(tmp, 'here');
    mkdirSync(dir);
    const writer = new FileWriter(null);
    for (let k = 0; k < 300; k++) await writer.write(join(dir, `p${k}.html`), `<p>${k} é</p>`);
    await writer.close();
    expect(readdirSync(dir)).toHaveLength(300);
    expect(readFileSync(join(dir, 'p299.html'), 'utf8')).toBe('<p>299 é</p>');
  });

  it('writes every file given, across many batches, with its own text (multi-byte and large ones too)', async () => {
    const dir = join(tmp, 'many');
    mkdirSync(dir);
    const writer = new FileWriter();
    const texts = new Map<string, string>();
    for (let k = 0; k < 1000; k++) {
      const text = k % 97 === 0 ? `é→${'x'.repeat(300_000)}${k}` : `<p>post ${k} 日本語 🎉</p>\n`;
      texts.set(`p${k}.html`, text);
      await writer.write(join(dir, `p${k}.html`), text);
    }
    await writer.close();
    expect(readdirSync(dir).sort()).toEqual([...texts.keys()].sort());
    for (const [name, text] of texts) expect(readFileSync(join(dir, name), 'utf8')).toBe(text);
  });

  it('writes every file of writes that overlap (media copies do), none left waiting', async () => {
    const dir = join(tmp, 'overlap');
    mkdirSync(dir);
    const writer = new FileWriter();
    await Promise.all(Array.from({ length: 3000 }, (_, k) => writer.write(join(dir, `f${k}.bin`), Buffer.from(`file ${k}`))));
    await writer.close();
    expect(readdirSync(dir)).toHaveLength(3000);
    expect(readFileSync(join(dir, 'f2999.bin'), 'utf8')).toBe('file 2999');
  }, 30_000); // a write left waiting never ends: fail in time, not at the run's limit

  it('writes bytes given as a view of a larger block exactly, and leaves the caller its bytes', async () => {
    const dir = join(tmp, 'bytes');
    mkdirSync(dir);
    const block = Buffer.from(Array.from({ length: 4096 }, (_, k) => k % 251));
    const views = [block.subarray(10, 110), block.subarray(0, 1), block.subarray(4000), Buffer.from('small, from the pool')];
    const writer = new FileWriter();
    for (const [k, view] of views.entries()) await writer.write(join(dir, `m${k}.bin`), view);
    await writer.close();
    for (const [k, view] of views.entries()) expect(readFileSync(join(dir, `m${k}.bin`)).equals(view)).toBe(true);
    expect(block.length).toBe(4096);
    expect(block[200]).toBe(200);
  });

  it('replaces a symbolic link by the file and leaves the link target as it was', async () => {
    const dir = join(tmp, 'link');
    mkdirSync(dir);
    const target = join(tmp, 'link-target.txt');
    writeFileSync(target, 'keep me');
    symlinkSync(target, join(dir, 'page.html'));
    const writer = new FileWriter();
    await writer.write(join(dir, 'page.html'), 'the page');
    await writer.close();
    expect(lstatSync(join(dir, 'page.html')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'page.html'), 'utf8')).toBe('the page');
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it("throws the thread's failure as a file-system error, which the export tells as its folder's problem", async () => {
    const writer = new FileWriter();
    await writer.write(join(tmp, 'no-such-folder', 'a.html'), 'a');
    const failure = await writer.close().then(() => null, (error: unknown) => error);
    expect(failure).toMatchObject({ code: 'ENOENT', syscall: 'open', path: join(tmp, 'no-such-folder', 'a.html') });
    const told = writeFailure(failure, tmp);
    expect(told).toBeInstanceOf(ArchiveError);
    expect((told as Error).message).toContain(`Cannot write the export into ${tmp}`);
    expect((told as Error).message).toContain('ENOENT');
  });

  it('fails, never ends quietly, when its thread stops before it is done', async () => {
    const writer = new FileWriter();
    // what an out-of-memory end or a kill looks like from here: the thread gone without stop()
    await (writer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(writer.write(join(tmp, 'after-end.html'), 'x')).rejects.toThrow(/stopped \(exit code \d+\) before it was done/);
    await expect(writer.drain()).rejects.toThrow(/stopped/);
  });

  it('refuses more files after a failure, and stops its thread when told to', async () => {
    const writer = new FileWriter();
    for (let k = 0; k < 300; k++) await writer.write(join(tmp, 'missing', `${k}.html`), 'x').catch(() => undefined);
    await expect(writer.drain()).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(writer.write(join(tmp, 'late.html'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    await writer.stop();
    expect(() => lstatSync(join(tmp, 'late.html'))).toThrow(/ENOENT/);
  });
});
