// The desktop's people, moves, CSV and stats channels: through the IPC handlers into the real worker dispatch, over
// two real exports of one person who moved, answering what browser mode's view of the same archives answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { BrowserWindow, ipcMain } from './fake-electron.js';
import { ALL_ARCHIVES, Channels } from '../../preload/contract.js';
import type { AccountMove, ArchiveInfo, CsvFile, RelationshipsInfo, Result, Stats } from '../../preload/contract.js';
import type { Archive } from '../../main/engine/archive.js';
import { libraryOf } from '../../main/engine/library/library.js';
import { peopleOf } from '../../main/engine/library/people-view.js';
import { openArchive } from '../../main/engine/open.js';
import { computeStats } from '../../main/engine/stats/stats.js';
import { registerIpc } from '../../main/desktop/ipc.js';
import { createWindow, isTrustedSender } from '../../main/desktop/window.js';
import { L, NEW_URI, OLD_URI, writeMovedExports } from '../engine/library/moved-account.js';
import { engineHost } from './engine-port.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-ipc-library-'));
const engine = engineHost();
let paths: { oldLate: string; newer: string };
/** the same two archives opened in the test: what browser mode's routes would answer from */
let local: Archive[] = [];

beforeAll(async () => {
  paths = await writeMovedExports(dir);
  registerIpc({
    host: engine.host,
    open: (request) => engine.host.call('open', request as never),
    openExternal: async () => ({ ok: true, value: false }),
    isTrustedSender,
  });
});

afterAll(async () => {
  engine.close();
  await Promise.all(local.map((a) => a.close()));
  rmSync(dir, { recursive: true, force: true });
});

const window = createWindow({ preload: '/p.cjs' }) as unknown as BrowserWindow;
const trusted = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
async function invoke<T>(channel: string, ...args: unknown[]): Promise<Result<T>> {
  return ipcMain.handlers.get(channel)!(trusted, ...args) as Promise<Result<T>>;
}
function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

describe('people, moves, CSV and stats over IPC', () => {
  it('answers with nothing open: empty people, no moves, stats not-open', async () => {
    const people = value(await invoke<RelationshipsInfo>(Channels.relationships));
    expect(people.bookmarks).toEqual([]);
    expect(people.files).toEqual([]);
    expect(value(await invoke<AccountMove[]>(Channels.moves))).toEqual([]);
    const stats = await invoke<Stats>(Channels.stats, { archive: ALL_ARCHIVES, filter: {}, timeZone: 'UTC', utc: true });
    expect(stats).toMatchObject({ ok: false, code: 'not-open' });
  });

  it('answers over the open archives what browser mode answers over the same archives', async () => {
    const oldInfo = value(await invoke<ArchiveInfo>(Channels.open, { path: paths.oldLate }));
    const newInfo = value(await invoke<ArchiveInfo>(Channels.open, { path: paths.newer }));
    local = [await openArchive(paths.newer, { cacheDir: null }), await openArchive(paths.oldLate, { cacheDir: null })];
    const library = await libraryOf(local, [paths.newer, paths.oldLate]); // newest open first, as current() lists them
    const view = { ...peopleOf(library), posts: library.posts };

    const moves = value(await invoke<AccountMove[]>(Channels.moves));
    expect(moves).toEqual([expect.objectContaining({
      from: OLD_URI, to: NEW_URI, fromAcct: '@wren@old.example', toAcct: '@wren@new.example',
      fromArchives: [oldInfo.id], toArchives: [newInfo.id],
    })]);
    expect(moves).toEqual(view.moves());

    const people = value(await invoke<RelationshipsInfo>(Channels.relationships));
    expect([...people.bookmarks].sort()).toEqual([L(11), L(12), L(13)].sort());
    expect(people).toEqual(view.relationships());

    const csv = value(await invoke<CsvFile>(Channels.exportCsv, { kind: 'bookmarks' }));
    expect(csv.fileName).toBe('bookmarks.csv');
    expect(csv.text.trim().split('\n').sort()).toEqual([L(11), L(12), L(13)].sort());

    const all = value(await invoke<Stats>(Channels.stats, { archive: ALL_ARCHIVES, filter: {}, timeZone: 'UTC', utc: true }));
    expect(all.totals).toEqual({ posts: 10, boosts: 2, undated: 0 }); // 7 + 3 posts, a boost each
    const merged = function* () {
      for (const { post } of view.posts({})) yield post;
    };
    expect(all).toEqual(computeStats(merged(), { timeZone: 'UTC', utc: true }));

    const boosts = value(await invoke<Stats>(Channels.stats, { archive: ALL_ARCHIVES, filter: { kinds: ['boost'] }, timeZone: 'UTC', utc: true }));
    expect(boosts.totals).toEqual({ posts: 0, boosts: 2, undated: 0 });
    const one = value(await invoke<Stats>(Channels.stats, { archive: newInfo.id, filter: {}, timeZone: 'Europe/Berlin', utc: false }));
    expect(one.timeZone).toBe('Europe/Berlin');
    expect(one.totals).toEqual({ posts: 3, boosts: 1, undated: 0 });
    expect(await invoke(Channels.stats, { archive: 'closed', filter: {}, timeZone: 'UTC', utc: true })).toMatchObject({ ok: false, code: 'not-open' });
  });
});
