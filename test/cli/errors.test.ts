// How `outbox` fails: usage errors exit 1, unusable archives exit 2, each with one stderr line and no stack trace.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, root, runCli, sample, type CliRun } from './run-cli.js';

let temp: string;
let empty: string;
let noise: string;
let missing: string;

function oneLine(run: CliRun): string {
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

beforeAll(() => {
  assertBuilt();
  temp = mkdtempSync(join(tmpdir(), 'outbox-cli-errors-'));
  empty = join(temp, 'empty.zip');
  writeFileSync(empty, '');
  noise = join(temp, 'noise.zip');
  writeFileSync(noise, randomBytes(64 * 1024));
  missing = join(temp, 'not-here.zip');
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('usage errors exit 1 with one line that points to --help', () => {
  it.each([
    [['frobnicate']],
    [['summary']],
    [['summary', sample, '--frob']],
    [['summary', '--json']],
    [['export', '--format', 'csv']],
    [['search']],
    [['export', sample]],
    [['export', sample, '--format', 'xml']],
    [['export', sample, '--format']],
    [['search', sample]],
    [['search', sample, 'cats', '--limit', 'ten']],
    [['search', sample, 'cats', '--limit', '-1']],
    [['serve', sample, '--port', '99999']],
    [['serve', sample, '--no-open', '--bogus']],
    [['--bogus']],
  ])('outbox %j', async (args) => {
    const run = await runCli(args, { cacheDir: join(temp, 'cache') });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(oneLine(run)).toMatch(/^outbox: .*--help/);
  });
});

describe('unusable archives exit 2 with one line naming the problem', () => {
  const commands = (file: string): string[][] => [
    ['summary', file, '--json'],
    ['summary', file],
    ['export', file, '--format', 'csv'],
    ['search', file, 'cats', '--json'],
    // `serve` keeps running and shows the error screen in the page instead (issue 16): see serve-progress.test.ts
  ];

  it.each(['a zero-byte file', 'a file of random bytes', 'a missing path'])('%s', async (what) => {
    const file = what === 'a zero-byte file' ? empty : what === 'a missing path' ? missing : noise;
    for (const args of commands(file)) {
      const run = await runCli(args, { cacheDir: join(temp, 'cache') });
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stdout).toBe('');
      const line = oneLine(run);
      expect(line).toMatch(/^outbox: /);
      expect(line).not.toMatch(/internal error/);
    }
  });

  it('names the missing file', async () => {
    const run = await runCli(['summary', missing, '--no-cache']);
    expect(oneLine(run)).toContain('not-here.zip');
  });

  it('says when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await runCli(['serve', sample, '--no-open', '--port', String(port), '--no-cache']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(oneLine(run)).toMatch(new RegExp(`^outbox: Cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)`));
    } finally {
      taken.close();
    }
  });

  it('says when --out cannot be written', async () => {
    const run = await runCli(['export', sample, '--format', 'jsonl', '--out', join(temp, 'no', 'such', 'dir', 'x.jsonl'), '--no-cache']);
    expect(run.code).toBe(2);
    expect(oneLine(run)).toMatch(/^outbox: Cannot write .*x\.jsonl/);
  });
});

describe('--help and --version', () => {
  it.each([[[]], [['summary']], [['export']], [['search']], [['serve']]])('outbox %j --help exits 0 with usage', async (args) => {
    const run = await runCli([...args, '--help']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const command = args[0];
    expect(run.stdout).toMatch(command ? new RegExp(`^Usage: outbox ${command} `) : /Usage:\n\s+outbox \[archive\]/);
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['summary', '--version']]) {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
  });
});
