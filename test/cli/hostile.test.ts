// Hostile and broken archives through the built `outbox` command, end to end: a clear message (exit 2, one line)
// or a partial open that says what it skipped — and bounded memory on an inflation bomb.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostile, rawZip } from '../fixtures/hostile.js';
import { assertBuilt, cliPath, runCli, type CliRun } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-hostile-cli-'));
const cache = join(tmp, 'cache');
beforeAll(() => assertBuilt());
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Exit 2, exactly one line on stderr naming the file, never a stack trace. */
function expectArchiveProblem(run: CliRun, file: string): void {
  expect(run.code, run.stderr).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^outbox: /);
  expect(lines[0]).toContain(file);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).toBe('');
}

const item = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `https://example.social/users/ann/statuses/${n}/activity`,
  type: 'Create',
  actor: 'https://example.social/users/ann',
  published: '2024-01-02T03:04:05Z',
  to: ['https://www.w3.org/ns/activitystreams#Public'],
  cc: ['https://example.social/users/ann/followers'],
  object: {
    id: `https://example.social/users/ann/statuses/${n}`, type: 'Note', content: `<p>post ${n}</p>`,
    published: '2024-01-02T03:04:05Z', to: ['https://www.w3.org/ns/activitystreams#Public'], cc: [],
    attachment: [], tag: [], ...extra,
  },
});

describe('hostile archives through `outbox summary`', () => {
  it('refuses an overlapping-entry zip bomb with one line', async () => {
    expectArchiveProblem(await runCli(['summary', hostile.overlapBomb(tmp), '--json'], { cacheDir: cache }), 'archive-bomb.zip');
  });

  it('refuses a truncated zip, a zero-byte file and random bytes with one line each', async () => {
    expectArchiveProblem(await runCli(['summary', hostile.truncatedZip(tmp), '--json'], { cacheDir: cache }), '.zip');
    expectArchiveProblem(await runCli(['summary', hostile.empty(tmp), '--json'], { cacheDir: cache }), 'archive-empty.zip');
    expectArchiveProblem(await runCli(['summary', hostile.randomBytes(tmp), '--json'], { cacheDir: cache }), 'random.zip');
  });

  it('says an encrypted outbox.json is encrypted', async () => {
    const run = await runCli(['summary', hostile.encrypted(tmp, true), '--json'], { cacheDir: cache });
    expectArchiveProblem(run, 'outbox.json');
    expect(run.stderr).toMatch(/encrypt/i);
  });

  it('opens an archive with ../ and absolute entry names, and writes nothing anywhere', async () => {
    const archive = hostile.zipSlip(tmp);
    const before = readdirSync(tmp).sort();
    const run = await runCli(['summary', archive, '--json', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).format).toBe('zip');
    expect(readdirSync(tmp).sort()).toEqual(before);
    expect(readdirSync(join(tmp, '..')).some((n) => /^evil/.test(n))).toBe(false);
  });

  it('opens the good items of an outbox full of malformed ones and lists each skipped one with its reason', async () => {
    const hugeText = `<p>${Array.from({ length: 100_000 }, (_, i) => `word${i}`).join(' ')}</p>`;
    const items: unknown[] = [
      item(1),
      42,
      null,
      'just a string',
      {},
      { type: 'Create', id: 'https://example.social/users/ann/statuses/9/activity' },
      item(2, { attachment: 'media_attachments/files/oops.png' }),
      item(3, { published: 'yesterday-ish' }),
      { ...item(4), published: 'not a date' },
      item(5, { content: hugeText }),
    ];
    const outbox = JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: 'outbox.json', type: 'OrderedCollection', totalItems: 999, orderedItems: items });
    const path = join(tmp, 'archive-malformed.zip');
    writeFileSync(path, rawZip([{ name: 'outbox.json', data: Buffer.from(outbox) }]));
    const run = await runCli(['summary', path, '--json'], { cacheDir: cache });
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { counts: { items: number; posts: number; skipped: number }; skippedItems: Array<{ index: number; reason: string }> };
    const skippedIndexes = summary.skippedItems.map((s) => s.index).sort((a, b) => a - b);
    // 42, null, a string, {}, a Create without object: never posts. The string attachment loses only the attachment.
    expect(skippedIndexes).toEqual(expect.arrayContaining([1, 2, 3, 4, 5]));
    for (const s of summary.skippedItems) expect(s.reason.length).toBeGreaterThan(3);
    expect(summary.counts.skipped).toBe(summary.skippedItems.length);
    expect(summary.counts.items + summary.counts.skipped).toBe(items.length);
    // The good ones open: item 1, the post whose attachment was a string, and the 100,000-word post.
    expect(summary.counts.posts).toBeGreaterThanOrEqual(3);
    const search = await runCli(['search', path, 'word99999', '--json'], { cacheDir: cache });
    expect(JSON.parse(search.stdout).total).toBe(1);
  });
});

/** Runs the CLI in a child that records its own peak RSS (kB) into a file when it exits. */
function runMeasured(args: string[], rssFile: string): Promise<CliRun> {
  const script =
    `const fs = require('node:fs');` +
    `process.on('exit', () => fs.writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));` +
    `process.argv = [process.argv[0], ${JSON.stringify(cliPath)}, ...${JSON.stringify(args)}];` +
    `import(${JSON.stringify(cliPath)});`;
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, OUTBOX_CACHE_DIR: cache }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('an outbox.json that inflates to 1.5 GiB of whitespace', () => {
  it('ends with a clear message or an empty result, under 1 GB above the baseline', async () => {
    const path = join(tmp, 'archive-whitespace.zip');
    const zip = new yazl.ZipFile();
    const total = 1.5 * 1024 ** 3;
    const chunk = Buffer.alloc(4 * 1024 ** 2, 0x20);
    let sent = 0;
    const spaces = new Readable({
      read() {
        if (sent >= total) return this.push(null);
        sent += chunk.length;
        this.push(chunk);
      },
    });
    zip.addReadStream(spaces, 'outbox.json', { compress: true });
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(path));

    const baseline = await runMeasured(['--version'], join(tmp, 'rss-baseline'));
    expect(baseline.code).toBe(0);
    const run = await runMeasured(['summary', path, '--json', '--no-cache'], join(tmp, 'rss-bomb'));
    if (run.code === 2) {
      expectArchiveProblem(run, 'outbox.json');
    } else {
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).counts.items).toBe(0);
    }
    const grewKb = Number(readFileSync(join(tmp, 'rss-bomb'), 'utf8')) - Number(readFileSync(join(tmp, 'rss-baseline'), 'utf8'));
    expect(grewKb).toBeLessThan(1024 * 1024);
  }, 300_000);
});
