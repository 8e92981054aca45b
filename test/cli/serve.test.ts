// `outbox serve` and bare `outbox` as a user runs them: the address line, the API behind it, a clean stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CSP, type ArchiveInfo, type Result, type SearchResponse } from '../../preload/contract.js';
import { electronBinary, NO_ELECTRON } from '../../main/cli/desktop.js';
import { assertBuilt, cliPath, root, runCli, sample } from './run-cli.js';

interface Started {
  child: ChildProcess;
  url: URL;
  stderr: () => string;
}

const running: ChildProcess[] = [];

function start(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, url: new URL(line), stderr: () => stderr }));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

beforeAll(() => assertBuilt());

afterEach(async () => {
  await Promise.all(running.splice(0).map(stop));
});

describe('outbox serve', () => {
  it('prints the tokened address first, serves the archive behind it, and stops cleanly on SIGTERM', async () => {
    const { child, url } = await start(['serve', sample, '--no-open', '--port', '0', '--no-cache']);
    expect(url.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
    const token = url.searchParams.get('token')!;

    expect((await fetch(new URL('/api/current', url.origin))).status).toBe(401);
    const current = await fetch(new URL(`/api/current?token=${token}`, url.origin));
    expect(current.headers.get('content-security-policy')).toBe(CSP);
    const info = (await current.json()) as Result<ArchiveInfo[]>;
    expect(info.ok && info.value[0]!.summary.counts.items).toBe(207);

    const search = await fetch(new URL('/api/search?q=nuclear&limit=7', url.origin), { headers: { Authorization: `Bearer ${token}` } });
    const fromServer = (await search.json()) as SearchResponse;
    const cli = await runCli(['search', sample, 'nuclear', '--json', '--limit', '7', '--no-cache']);
    const fromCli = JSON.parse(cli.stdout) as SearchResponse;
    expect({ ...fromServer, tookMs: 0 }).toEqual({ ...fromCli, tookMs: 0 });

    expect(await stop(child)).toBe(0);
  });

  it('serves the demo archive when given none', async () => {
    if (!existsSync(join(root, 'dist', 'demo'))) throw new Error('dist/demo is missing: run `node test/build.mjs`');
    const { url } = await start(['serve', '--no-open', '--port', '0', '--no-cache']);
    const current = (await (await fetch(new URL(`/api/current?token=${url.searchParams.get('token')}`, url.origin))).json()) as Result<ArchiveInfo[]>;
    expect(current.ok && current.value).toHaveLength(1);
    expect(current.ok && current.value[0]!.summary.counts.items).toBeGreaterThan(0);
  });
});

describe('outbox <archive> without a subcommand', () => {
  it('says in one line that Electron is missing and starts browser mode', async () => {
    if (electronBinary() !== null) return; // a machine with the binary launches the desktop app instead
    const { url, stderr } = await start([sample, '--no-open', '--port', '0', '--no-cache']);
    expect(url.hostname).toBe('127.0.0.1');
    expect(stderr()).toBe(`${NO_ELECTRON}\n`);
    const reply = await fetch(new URL(`/api/current?token=${url.searchParams.get('token')}`, url.origin));
    expect(reply.status).toBe(200);
  });
});
