// The application menu and the recent lists: Open Archive… on CmdOrCtrl+O, Open Recent feeding both lists.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => import('./fake-electron.js'));

import { app, dialog, Menu } from './fake-electron.js';
import { installMenu, menuTemplate } from '../../main/desktop/menu.js';
import { RECENT_MAX, RecentArchives } from '../../main/desktop/recent.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-menu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Item = MenuItemConstructorOptions;
const items = (template: Item[]): Item[] =>
  template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
const find = (template: Item[], label: string) => items(template).find((i) => i.label === label);
const click = async (item: Item | undefined) => {
  await (item!.click as unknown as (i: unknown, w: unknown) => Promise<void> | void)(item, undefined);
};

describe('menuTemplate', () => {
  beforeEach(() => {
    dialog.openCalls = [];
  });

  it('has File ▸ Open Archive… on CmdOrCtrl+O that opens what the dialog returns', async () => {
    const opened: string[] = [];
    const template = menuTemplate({ open: (p) => opened.push(p), clearRecent: () => {} }, [], 'linux');
    const file = template.find((i) => i.label === 'File')!;
    const openItem = find(template, 'Open Archive…')!;
    expect((file.submenu as Item[])[0]).toBe(openItem);
    expect(openItem.accelerator).toBe('CmdOrCtrl+O');

    dialog.openResult = { canceled: false, filePaths: ['/home/alice/archive.tar.gz'] };
    await click(openItem);
    expect(opened).toEqual(['/home/alice/archive.tar.gz']);
    const options = dialog.openCalls[0]![0] as { properties: string[]; filters: Array<{ extensions: string[] }> };
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters[0]!.extensions).toEqual(['zip', 'gz', 'tgz']);

    dialog.openResult = { canceled: true, filePaths: [] };
    await click(openItem);
    expect(opened).toHaveLength(1);
  });

  it('offers folders: a separate item on Linux and Windows, the same dialog on macOS', async () => {
    const opened: string[] = [];
    const linux = menuTemplate({ open: (p) => opened.push(p), clearRecent: () => {} }, [], 'linux');
    dialog.openResult = { canceled: false, filePaths: ['/home/alice/unpacked'] };
    await click(find(linux, 'Open Archive Folder…'));
    expect((dialog.openCalls[0]![0] as { properties: string[] }).properties).toEqual(['openDirectory']);
    expect(opened).toEqual(['/home/alice/unpacked']);

    const mac = menuTemplate({ open: () => {}, clearRecent: () => {} }, [], 'darwin');
    expect(find(mac, 'Open Archive Folder…')).toBeUndefined();
    await click(find(mac, 'Open Archive…'));
    expect((dialog.openCalls[1]![0] as { properties: string[] }).properties).toEqual(['openFile', 'openDirectory']);
  });

  it('lists our recent archives under Open Recent and opens them; Clear Recent clears', async () => {
    const opened: string[] = [];
    let cleared = 0;
    const template = menuTemplate({ open: (p) => opened.push(p), clearRecent: () => cleared++ }, ['/a/one.zip', '/b/two.tar.gz'], 'win32');
    const recent = find(template, 'Open Recent')!;
    const entries = recent.submenu as Item[];
    expect(entries.slice(0, 2).map((i) => [i.label, i.sublabel])).toEqual([['one.zip', '/a/one.zip'], ['two.tar.gz', '/b/two.tar.gz']]);
    await click(entries[1]);
    expect(opened).toEqual(['/b/two.tar.gz']);
    await click(find(template, 'Clear Recent'));
    expect(cleared).toBe(1);
    expect(find(menuTemplate({ open: () => {}, clearRecent: () => {} }, [], 'linux'), 'Clear Recent')!.enabled).toBe(false);
  });

  it('uses the OS recent-documents menu on macOS', () => {
    const template = menuTemplate({ open: () => {}, clearRecent: () => {} }, ['/a/one.zip'], 'darwin');
    const recent = items(template).find((i) => i.role === 'recentDocuments')!;
    expect(recent.submenu).toEqual([{ role: 'clearRecentDocuments' }]);
    expect(template[0]!.role).toBe('appMenu');
  });

  it('has Close, View and Help', async () => {
    const template = menuTemplate({ open: () => {}, clearRecent: () => {} }, [], 'linux');
    expect(items(template).some((i) => i.role === 'close')).toBe(true);
    expect(template.some((i) => i.label === 'View')).toBe(true);
    await click(find(template, 'About Outbox'));
    expect(app.aboutShown).toBe(1);
    installMenu({ open: () => {}, clearRecent: () => {} }, []);
    expect((Menu.installed as { template: Item[] }).template.some((i) => i.label === 'File')).toBe(true);
  });
});

describe('RecentArchives', () => {
  it('adds to the OS list and to userData/recent.json, newest first, without duplicates, at most 10', () => {
    const file = join(dir, 'profile', 'recent.json');
    const recent = new RecentArchives(file);
    app.recent = [];
    recent.add('/a.zip');
    recent.add('/b.zip');
    recent.add('/a.zip');
    expect(app.recent).toEqual(['/a.zip', '/b.zip', '/a.zip']);
    expect(recent.list()).toEqual(['/a.zip', '/b.zip']);
    expect(new RecentArchives(file).list()).toEqual(['/a.zip', '/b.zip']);
    for (let i = 0; i < 15; i++) recent.add(`/n${i}.zip`);
    expect(recent.list()).toHaveLength(RECENT_MAX);
    expect(recent.list()[0]).toBe('/n14.zip');
    recent.clear();
    expect(app.cleared).toBe(1);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('starts empty from a missing or damaged recent.json', () => {
    expect(new RecentArchives(join(dir, 'missing.json')).list()).toEqual([]);
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, '{"not": "a list"');
    expect(new RecentArchives(damaged).list()).toEqual([]);
    writeFileSync(damaged, JSON.stringify(['/ok.zip', 42, null, '']));
    expect(new RecentArchives(damaged).list()).toEqual(['/ok.zip']);
  });
});
