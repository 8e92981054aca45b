// `outbox summary` on an archive without actor.json: the Account line names the file and says why, never "@".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePosts, writeArchive } from '../fixtures/archive-builder.js';
import { assertBuilt, runCli } from './run-cli.js';

const NAME = 'archive-20241201123456-0123456789abcdef0123456789abcdef.zip';
let temp: string;
let zip: string;

beforeAll(async () => {
  assertBuilt();
  temp = mkdtempSync(join(tmpdir(), 'outbox-cli-no-actor-'));
  zip = await writeArchive({ ...generatePosts(30, 5).spec, actor: false }, temp, { container: 'zip', fileName: NAME });
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('outbox summary without actor.json', () => {
  it('says the archive has no actor.json and names the file on the Account line', async () => {
    const run = await runCli(['summary', zip, '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const account = run.stdout.split('\n').find((l) => l.startsWith('Account'));
    expect(account).toBeDefined();
    expect(account!.replace(/^Account\s+/, '')).toBe(`unknown (${NAME} has no actor.json)`);
    expect(run.stdout).not.toMatch(/^Account\s+@\s*$/m);
  });

  it('a complete archive keeps "Name (@user@server)"', async () => {
    const full = await writeArchive(generatePosts(10, 6).spec, join(temp, 'full'), { container: 'zip' });
    const run = await runCli(['summary', full, '--no-cache']);
    expect(run.stdout).toMatch(/^Account\s+Sam Example \(@sam@[a-z.-]+\)$/m);
  });
});
