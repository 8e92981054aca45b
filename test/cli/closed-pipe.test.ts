// Issue 13 item 11: `outbox export … | head` stops quietly when the reader goes away: exit 0, nothing on stderr
// (it printed MaxListenersExceededWarning twice: every wait for a slow reader left two listeners behind). Pipes are
// written synchronously on Linux, so the waits are shown here with --out, whose file stream waits the same way.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePosts, writeArchive } from '../fixtures/archive-builder.js';
import { assertBuilt, cliPath, runCli } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-pipe-'));
let zip: string;

beforeAll(async () => {
  assertBuilt();
  zip = await writeArchive(generatePosts(6000, 3).spec, tmp, { container: 'zip' });
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Runs an export and reads it slowly, as a pager or `head` on a busy machine does (so the export waits for room
 * again and again), then closes the pipe after 40 chunks.
 */
function exportIntoHead(format: string): Promise<{ code: number | null; stderr: string; read: number }> {
  const child = spawn(process.execPath, [cliPath, 'export', zip, '--format', format, '--no-cache'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let read = 0;
  child.stderr.on('data', (d) => (stderr += String(d)));
  let chunks = 0;
  child.stdout.on('data', (d: Buffer) => {
    read += d.length;
    if (++chunks === 40) return void child.stdout.destroy(); // the reader goes away
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 5);
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr, read })));
}

describe('a closed pipe', () => {
  it.each(['jsonl', 'csv'])('ends a %s export quietly with exit 0', async (format) => {
    const run = await exportIntoHead(format);
    expect(run.read).toBeGreaterThan(0);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }, 60_000);

  it('waits for a slow file again and again without piling up listeners', async () => {
    const out = join(tmp, 'posts.jsonl');
    const run = await runCli(['export', zip, '--format', 'jsonl', '--no-cache', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(6000);
  }, 60_000);
});
