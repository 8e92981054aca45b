// `outbox export --out` never writes over an input archive or into an unpacked one.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, root, runCli, sample } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-out-guard-'));
const demo = join(root, 'dist/demo/demo-archive.zip');
beforeAll(() => assertBuilt());
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('export --out', () => {
  it('refuses to write over the archive it reads, leaving it byte for byte', async () => {
    const zip = join(tmp, 'mine.zip');
    cpSync(demo, zip);
    const before = readFileSync(zip);
    for (const format of ['jsonl', 'csv', 'md', 'html']) {
      const run = await runCli(['export', zip, '--format', format, '--out', zip, '--no-cache']);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/never writes over an archive/);
    }
    expect(readFileSync(zip).equals(before)).toBe(true);
  });

  it('refuses to write inside an unpacked archive folder', async () => {
    const folder = join(tmp, 'unpacked');
    cpSync(sample, folder, { recursive: true });
    const listing = readdirSync(folder).sort();
    const outbox = statSync(join(folder, 'outbox.json')).size;
    for (const [format, out] of [['csv', join(folder, 'outbox.json')], ['html', folder], ['md', join(folder, 'site')]] as const) {
      const run = await runCli(['export', folder, '--format', format, '--out', out, '--no-cache']);
      expect(run.code, run.stderr).toBe(1);
    }
    expect(readdirSync(folder).sort()).toEqual(listing);
    expect(statSync(join(folder, 'outbox.json')).size).toBe(outbox);
  });

  it('writes where it is asked otherwise', async () => {
    const out = join(tmp, 'posts.jsonl');
    const run = await runCli(['export', demo, '--format', 'jsonl', '--out', out, '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n').length).toBeGreaterThan(100);
  });
});
