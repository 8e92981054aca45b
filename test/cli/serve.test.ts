// `outbox serve` and bare `outbox` as a user runs them: the address line, the API behind it, a clean stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CSP, type ArchiveInfo, type Page, type RelationshipsInfo, type Result, type SearchResponse, type Stats } from '../../preload/contract.js';
import { electronBinary, NO_ELECTRON } from '../../main/cli/desktop.js';
import { writeMovedExports } from '../engine/library/moved-account.js';
import { assertBuilt, cliPath, root, runCli, sample } from './run-cli.js';

interface Started {
  child: ChildProcess;
  url: URL;
  stderr: () => string;
}

const running: ChildProcess[] = [];

function start(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
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

    // the viewer's download is `outbox export`'s output, byte for byte
    const headers = { Authorization: `Bearer ${token}` };
    for (const format of ['jsonl', 'csv']) {
      const download = await fetch(new URL(`/api/export?format=${format}`, url.origin), { headers });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toBe(`attachment; filename="mastodon-3.5-mas.to.${format}"`);
      const exported = await runCli(['export', sample, '--format', format, '--no-cache']);
      expect(await download.text()).toBe(exported.stdout);
    }
    const stats = (await (await fetch(new URL('/api/stats?tz=UTC', url.origin), { headers })).json()) as Result<Stats>;
    const counts = info.ok ? info.value[0]!.summary.counts : null;
    expect(stats.ok && stats.value.totals.posts + stats.value.totals.boosts).toBe(counts && counts.posts + counts.boosts);

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

describe('outbox serve with several archives and CSVs', () => {
  it('serves them as one library, picks up the CSV beside an archive and says so on stderr', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'outbox-cli-serve-library-'));
    try {
      const paths = await writeMovedExports(tmp);
      // beside the new account's export, named as Mastodon names it: read without being given
      writeFileSync(join(tmp, 'new', 'following_accounts.csv'), 'Account address,Show boosts,Notify on new posts,Languages\nkit@else.example,true,false,\nfox@else.example,true,false,\n');
      const lists = join(tmp, 'my-lists.csv');
      writeFileSync(lists, 'Garden,kit@else.example\n');
      const { url, stderr } = await start(['serve', paths.oldLate, paths.newer, lists, '--no-open', '--port', '0', '--no-cache']);
      const token = url.searchParams.get('token')!;
      const api = async <T>(path: string): Promise<T> => {
        const result = (await (await fetch(new URL(path, url.origin), { headers: { Authorization: `Bearer ${token}` } })).json()) as Result<T>;
        if (!result.ok) throw new Error(result.message);
        return result.value;
      };
      expect((await api<ArchiveInfo[]>('/api/current')).map((a) => a.profile.server)).toEqual(['old.example', 'new.example']);
      const people = await api<RelationshipsInfo>('/api/relationships');
      expect(people.following.map((f) => f.acct)).toEqual(['kit@else.example', 'fox@else.example']);
      expect(people.lists).toEqual({ Garden: ['kit@else.example'] });
      expect(people.inArchive).toEqual({ 'kit@else.example': 3 });
      const merged = await api<Page>('/api/page?archive=*&limit=500');
      expect(merged.total).toBe(12);
      const csv = await fetch(new URL('/api/export-csv?kind=following', url.origin), { headers: { Authorization: `Bearer ${token}` } });
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="following_accounts.csv"');
      expect(await csv.text()).toBe('Account address,Show boosts,Notify on new posts,Languages\nkit@else.example,true,false,\nfox@else.example,true,false,\n');
      for (let i = 0; i < 50 && !stderr().includes('beside'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(stderr()).toContain('outbox: also read beside the archive: following_accounts.csv (2)\n');
      expect(stderr()).toContain('outbox: @wren@old.example moved to @wren@new.example: their posts are shown as one timeline.\n');
    } finally {
      await Promise.all(running.splice(0).map(stop));
      rmSync(tmp, { recursive: true, force: true });
    }
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

  it('as `npm start` runs it (no archive), with the Electron binary missing from where it should be: one line, then the demo', async () => {
    const nowhere = mkdtempSync(join(tmpdir(), 'outbox-no-electron-'));
    try {
      // ELECTRON_OVERRIDE_DIST_PATH names the folder of the binary: an empty one is an install whose binary is gone
      const { url, stderr } = await start(['--no-open', '--port=0', '--no-cache'], { ELECTRON_OVERRIDE_DIST_PATH: nowhere });
      expect(url.hostname).toBe('127.0.0.1');
      const reply = await fetch(new URL(`/api/current?token=${url.searchParams.get('token')}`, url.origin));
      const current = (await reply.json()) as Result<ArchiveInfo[]>;
      expect(current.ok && current.value.map((a) => a.name)).toEqual(['demo-archive.zip']);
      expect(stderr()).toBe(`${NO_ELECTRON}\n`);
    } finally {
      rmSync(nowhere, { recursive: true, force: true });
    }
  });
});
