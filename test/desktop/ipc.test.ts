// IPC: every handler checks its sender frame and its argument's shape first, and answers with a Result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { BrowserWindow, FakeFrame, FakeWebContents, ipcMain } from './fake-electron.js';
import { Channels } from '../../preload/contract.js';
import type { ArchiveInfo, Result } from '../../preload/contract.js';
import { registerIpc } from '../../main/desktop/ipc.js';
import { createWindow, isTrustedSender } from '../../main/desktop/window.js';
import { engineHost } from './engine-port.js';
import { writeSmallArchive } from './small-archive.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-ipc-'));
const engine = engineHost();
const opens: unknown[] = [];
const externals: string[] = [];
let archivePath = '';

beforeAll(async () => {
  archivePath = await writeSmallArchive(dir);
  registerIpc({
    host: engine.host,
    open: (request) => {
      opens.push(request);
      return engine.host.call('open', request as never);
    },
    openExternal: async (url) => {
      externals.push(url);
      return { ok: true, value: false };
    },
    isTrustedSender,
  });
});

afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const window = createWindow({ preload: '/p.cjs' }) as unknown as BrowserWindow;
const trusted = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
const invoke = (channel: string, event: unknown, ...args: unknown[]): Promise<Result<any>> =>
  ipcMain.handlers.get(channel)!(event, ...args);

describe('registerIpc', () => {
  it('handles exactly the request channels of the contract', () => {
    const { progress: _progress, ...requests } = Channels;
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(requests).sort());
  });

  it('refuses a foreign sender on every channel before doing anything', async () => {
    const stranger = new FakeWebContents();
    const foreign = [
      { sender: stranger, senderFrame: new FakeFrame('outbox-app://app/index.html') },
      { sender: window.webContents, senderFrame: new FakeFrame('outbox-app://app/index.html', window.webContents.mainFrame) },
      { sender: window.webContents, senderFrame: null },
    ];
    for (const event of foreign) {
      for (const channel of ipcMain.handlers.keys()) {
        const result = await invoke(channel, event, { path: archivePath });
        expect(result, channel).toMatchObject({ ok: false, code: 'bad-request' });
      }
    }
    window.webContents.mainFrame.url = 'https://evil.example/';
    expect(await invoke(Channels.open, trusted, { path: archivePath })).toMatchObject({ ok: false, code: 'bad-request' });
    window.webContents.mainFrame.url = 'outbox-app://app/index.html';
    expect(opens).toEqual([]);
    expect(externals).toEqual([]);
  });

  it('refuses malformed arguments with bad-request Results', async () => {
    const cases: Array<[string, unknown[]]> = [
      [Channels.current, [{ x: 1 }]],
      [Channels.current, ['a', 'b']],
      [Channels.open, [{ path: 'relative/archive.zip' }]],
      [Channels.open, [{ path: 42 }]],
      [Channels.open, [{ path: archivePath, extra: true }]],
      [Channels.open, [{ path: `${archivePath}\u0000.txt` }]],
      [Channels.open, ['just a string']],
      [Channels.page, [{ archive: 'a', filter: {}, order: 'newest', offset: 0, limit: 100_000 }]],
      [Channels.page, [{ archive: 'a', filter: { evil: true }, order: 'newest', offset: 0, limit: 5 }]],
      [Channels.page, [{ archive: 'a', filter: {}, order: 'sideways', offset: 0, limit: 5 }]],
      [Channels.page, [{ archive: 'a', filter: {}, order: 'newest', offset: -1, limit: 5 }]],
      [Channels.post, [{ archive: 'a' }]],
      [Channels.thread, [{ archive: 'a', id: ['x'] }]],
      [Channels.search, [{ archive: 'a', q: 5, limit: 5 }]],
      [Channels.likes, [null]],
      [Channels.bookmarks, [[]]],
      [Channels.openExternal, [{ url: 5 }]],
      [Channels.openExternal, [{ url: 'https://example.org', then: 'x' }]],
      [Channels.relationships, [{ archive: 'a' }]],
      [Channels.moves, ['x']],
      [Channels.exportCsv, [{ kind: 'friends' }]],
      [Channels.exportCsv, [{}]],
      [Channels.exportCsv, [{ kind: 'following', path: '/etc/passwd' }]],
      [Channels.stats, [{ archive: 'a', filter: {}, timeZone: 'Mars/Olympus', utc: false }]],
      [Channels.stats, [{ archive: 'a', filter: { evil: true }, timeZone: 'UTC', utc: false }]],
      [Channels.stats, [{ archive: 'a', filter: {}, timeZone: 'UTC', utc: 'yes' }]],
    ];
    for (const [channel, args] of cases) {
      expect(await invoke(channel, trusted, ...args), `${channel} ${JSON.stringify(args)}`).toMatchObject({ ok: false, code: 'bad-request' });
    }
    // the engine's service checked each one before anything ran: nothing opened, no link went to the browser
    expect(await invoke(Channels.current, trusted)).toEqual({ ok: true, value: [] });
    expect(externals).toEqual([]);
  });

  it('answers a trusted, well-formed request from the engine, errors as data', async () => {
    const opened = await invoke(Channels.open, trusted, { path: archivePath });
    expect(opened.ok).toBe(true);
    const info = (opened as { value: ArchiveInfo }).value;
    expect(await invoke(Channels.current, trusted)).toMatchObject({ ok: true, value: [{ id: info.id }] });
    const page = await invoke(Channels.page, trusted, { archive: info.id, filter: { hasMedia: true }, order: 'newest', offset: 0, limit: 5 });
    expect(page).toMatchObject({ ok: true, value: { total: 1 } });
    expect(await invoke(Channels.post, trusted, { archive: info.id, id: 'https://nowhere/1' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await invoke(Channels.likes, trusted, { archive: 'not-open' })).toMatchObject({ ok: false, code: 'not-open' });
    expect(await invoke(Channels.open, trusted, { path: join(dir, 'missing.zip') })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await invoke(Channels.openExternal, trusted, { url: 'https://example.org/' })).toEqual({ ok: true, value: false });
    expect(externals).toEqual(['https://example.org/']);
  });
});
