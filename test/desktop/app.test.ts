// The app's wiring end to end, electron faked but the worker thread and engine real: schemes before ready, single
// instance, and every way an archive arrives (command line, second launch, open-file, drop, menu) reaching the
// worker, the recent lists and the window.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { app, BrowserWindow, dialog, FakeEvent, FakeWebContents, ipcMain, Menu, protocol, session } from './fake-electron.js';
import { Channels, DropChannel } from '../../preload/contract.js';
import { runDesktop } from '../../main/desktop/app.js';
import type { Desktop } from '../../main/desktop/app.js';
import { buildWorker } from './engine-port.js';
import { writeSmallArchive } from './small-archive.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-app-'));
const renderer = join(dir, 'renderer');
let worker = '';
let archive = '';
let desktop: Desktop | null = null;
const previousCache = process.env.OUTBOX_CACHE_DIR;

beforeAll(async () => {
  worker = await buildWorker(dir);
  archive = await writeSmallArchive(dir);
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
  app.userData = join(dir, 'userData');
  // the worker inherits the environment: its index cache goes to the temp folder, not the user's
  process.env.OUTBOX_CACHE_DIR = join(dir, 'cache');
});

afterAll(async () => {
  await desktop?.worker()?.terminate();
  if (previousCache === undefined) delete process.env.OUTBOX_CACHE_DIR;
  else process.env.OUTBOX_CACHE_DIR = previousCache;
  rmSync(dir, { recursive: true, force: true });
});

const copyAs = (name: string) => {
  const path = join(dir, name);
  copyFileSync(archive, path);
  return path;
};
const opened = (path: string) => vi.waitFor(() => expect(app.recent).toContain(path), { timeout: 20_000 });

describe('runDesktop', () => {
  it('quits at once when another instance holds the lock, leaving the archive to it', () => {
    app.lock = false;
    const quits = app.quits;
    runDesktop({ preload: '/p.cjs', renderer, worker }, ['/opt/Outbox/outbox', archive], dir);
    expect(app.quits).toBe(quits + 1);
    expect(app.listenerCount('second-instance')).toBe(0);
    app.lock = true;
  });

  it('registers the schemes and the sandbox before ready, then opens the archive from the command line', async () => {
    protocol.privileged.length = 0;
    desktop = runDesktop({ preload: '/p.cjs', renderer, worker }, ['/opt/Outbox/outbox', '--enable-logging', archive], '/');
    expect(protocol.privileged.map((s) => s.scheme)).toEqual(['outbox-app', 'outbox-media']);
    expect(app.sandboxed).toBe(true);
    expect(BrowserWindow.created).toHaveLength(0);

    app.becomeReady();
    await desktop.ready;
    const window = BrowserWindow.created[0]!;
    expect(window.options.webPreferences.preload).toBe('/p.cjs');
    expect(session.defaultSession.beforeRequest).not.toBeNull();
    expect([...protocol.handlers.keys()]).toEqual(['outbox-app', 'outbox-media']);
    expect(ipcMain.handlers.has(Channels.open)).toBe(true);

    await opened(archive);
    // progress reached the window and ended with 'done', once the archive is the first that current() lists
    const progress = window.webContents.sent.filter(([channel]) => channel === Channels.progress).map(([, p]) => p);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.filter((p) => (p as { phase: string }).phase === 'done')).toHaveLength(1);
    expect(progress.at(-1)).toMatchObject({ phase: 'done' });
    const current = await ipcMain.handlers.get(Channels.current)!({ sender: window.webContents, senderFrame: window.webContents.mainFrame });
    expect(current.value[0].id).toBe((progress.at(-1) as { archive: string }).archive);
    expect(window.webContents.reloads).toBe(0);
    expect(JSON.parse(readFileSync(join(app.userData, 'recent.json'), 'utf8'))).toEqual([archive]);
  });

  it('guards every window it makes and opens a file dropped on it (the preload\'s path, never a navigation)', async () => {
    const window = BrowserWindow.created[0]!;
    expect(window.webContents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const dropped = copyAs('dropped.zip');
    const navigation = new FakeEvent();
    window.webContents.emit('will-navigate', navigation, pathToFileURL(dropped).href);
    expect(navigation.defaultPrevented).toBe(true);
    const drop = ipcMain.listeners.get(DropChannel)!;
    // from another web contents, or not a path: ignored
    const ignored = copyAs('ignored.zip');
    await drop({ sender: new FakeWebContents(), senderFrame: window.webContents.mainFrame }, ignored);
    await drop({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, pathToFileURL(ignored).href);
    await drop({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, dropped);
    await opened(dropped);
    expect(readFileSync(join(app.userData, 'recent.json'), 'utf8')).not.toContain('ignored.zip');
  });

  it('opens the archive a second launch names, in this instance', async () => {
    const second = copyAs('second launch.tar.gz.zip');
    app.emit('second-instance', new FakeEvent(), ['/opt/Outbox/outbox', '--no-sandbox', 'second launch.tar.gz.zip'], dir);
    await opened(second);
  });

  it('opens macOS open-file archives, and shows the engine\'s message when one fails', async () => {
    const viaFinder = copyAs('finder.zip');
    const event = new FakeEvent();
    app.emit('open-file', event, viaFinder);
    expect(event.defaultPrevented).toBe(true);
    await opened(viaFinder);

    dialog.messageCalls = [];
    app.emit('open-file', new FakeEvent(), join(dir, 'gone.zip'));
    await vi.waitFor(() => expect(dialog.messageCalls).toHaveLength(1), { timeout: 20_000 });
    const options = dialog.messageCalls[0]![1] as { type: string; detail: string };
    expect(options.type).toBe('error');
    expect(options.detail).toContain('gone.zip');
    expect(app.recent).not.toContain(join(dir, 'gone.zip'));
  });

  it('lets the renderer open only the demo and archives the user chose before', async () => {
    const window = BrowserWindow.created[0]!;
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const open = ipcMain.handlers.get(Channels.open)!;
    const chosenElsewhere = copyAs('never chosen.zip');
    expect(await open(event, { path: chosenElsewhere })).toMatchObject({ ok: false, code: 'bad-request' });
    expect(app.recent).not.toContain(chosenElsewhere);
    expect(await open(event, { path: archive })).toMatchObject({ ok: true, value: { name: 'archive.zip' } });
    expect(await open(event, { demo: true })).toMatchObject({ ok: true, value: { name: 'demo-archive.zip' } });
  });

  it('keeps Open Recent in the menu up to date, newest first', async () => {
    const template = (Menu.installed as { template: MenuItemConstructorOptions[] }).template;
    const file = template.find((i) => i.label === 'File')!.submenu as MenuItemConstructorOptions[];
    const recent = file.find((i) => i.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[];
    expect(recent.slice(0, 4).map((i) => i.sublabel)).toEqual([
      archive, join(dir, 'finder.zip'), join(dir, 'second launch.tar.gz.zip'), join(dir, 'dropped.zip'),
    ]);
    const before = app.recent.length;
    (recent[2]!.click as () => void)();
    await vi.waitFor(() => expect(app.recent).toHaveLength(before + 1), { timeout: 20_000 });
    expect(app.recent.at(-1)).toBe(join(dir, 'second launch.tar.gz.zip'));
  });
});
