// The application menu: File ▸ Open Archive… / Open Folder… / Open Recent / Close, Edit, View, Help.
import { app, dialog, Menu } from 'electron';
import type { BrowserWindow, MenuItemConstructorOptions, OpenDialogOptions } from 'electron';
import { basename } from 'node:path';
import { desktopText as t } from './desktop-text.js';

export interface MenuActions {
  /** Opens the archive at path in the app (and adds it to the recent lists). */
  open(path: string): void;
  clearRecent(): void;
}

const isMac = (platform: NodeJS.Platform) => platform === 'darwin';

/**
 * Asks for an archive. Windows and Linux dialogs cannot pick files and folders at once, so there the folder is
 * its own menu item; macOS's dialog does both.
 */
export async function chooseArchive(window: BrowserWindow | undefined, kind: 'file' | 'folder', platform = process.platform): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: kind === 'file' ? t('dialog.openTitle') : t('dialog.openFolderTitle'),
    properties: kind === 'folder' ? ['openDirectory'] : isMac(platform) ? ['openFile', 'openDirectory'] : ['openFile'],
    filters: kind === 'folder' ? [] : [
      { name: t('dialog.archiveFilter'), extensions: ['zip', 'gz', 'tgz'] },
      { name: t('dialog.otherExportsFilter'), extensions: ['zip', 'car', 'json'] },
      // The container is detected by content: a renamed archive still opens.
      { name: t('dialog.allFiles'), extensions: ['*'] },
    ],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
}

export function menuTemplate(actions: MenuActions, recent: readonly string[], platform = process.platform): MenuItemConstructorOptions[] {
  const openFrom = (kind: 'file' | 'folder') => async (_item: unknown, window: unknown) => {
    const path = await chooseArchive((window as BrowserWindow | undefined) ?? undefined, kind, platform);
    if (path !== null) actions.open(path);
  };
  const recentItems: MenuItemConstructorOptions[] = isMac(platform)
    // macOS draws the OS list itself; choosing an item arrives as app 'open-file'.
    ? [{ role: 'recentDocuments', submenu: [{ role: 'clearRecentDocuments' }] }]
    : [{
        label: t('menu.recent'),
        submenu: [
          ...recent.map((path): MenuItemConstructorOptions => ({ label: basename(path), sublabel: path, click: () => actions.open(path) })),
          ...(recent.length > 0 ? [{ type: 'separator' } as const] : []),
          { label: t('menu.clearRecent'), enabled: recent.length > 0, click: () => actions.clearRecent() },
        ],
      }];
  const file: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [
      { label: t('menu.open'), accelerator: 'CmdOrCtrl+O', click: openFrom('file') },
      ...(isMac(platform) ? [] : [{ label: t('menu.openFolder'), accelerator: 'CmdOrCtrl+Shift+O', click: openFrom('folder') }]),
      ...recentItems,
      { type: 'separator' },
      { role: 'close', label: t('menu.close') },
      ...(isMac(platform) ? [] : [{ type: 'separator' } as const, { role: 'quit', label: t('menu.quit') } as const]),
    ],
  };
  return [
    ...(isMac(platform) ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu', label: t('menu.edit') },
    {
      label: t('menu.view'),
      submenu: [
        { role: 'resetZoom', label: t('menu.resetZoom') }, { role: 'zoomIn', label: t('menu.zoomIn') }, { role: 'zoomOut', label: t('menu.zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('menu.fullscreen') },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools', label: t('menu.devTools') } as const]),
      ],
    },
    { role: 'windowMenu', label: t('menu.window') },
    {
      role: 'help',
      label: t('menu.help'),
      submenu: [{ label: t('menu.about'), click: () => app.showAboutPanel() }],
    },
  ];
}

/** Builds and installs the menu; call again whenever the recent list changes. */
export function installMenu(actions: MenuActions, recent: readonly string[]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, recent)));
}
