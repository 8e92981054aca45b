// The native menus and dialogs in the OS's language (Electron mocked): the labels come from the catalogues, an
// unknown language falls back to English, and the roles and accelerators stay as they are.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => import('./fake-electron.js'));

import { dialog } from './fake-electron.js';
import { desktopLanguage, desktopText, loadDesktopLanguage } from '../../main/desktop/desktop-text.js';
import { chooseArchive, menuTemplate } from '../../main/desktop/menu.js';
import { openExternalConfirmed } from '../../main/desktop/open-external.js';
import { APP_URL, createWindow } from '../../main/desktop/window.js';

type Item = MenuItemConstructorOptions;
const items = (template: Item[]): Item[] => template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
const labels = (template: Item[]) => items(template).map((i) => i.label).filter(Boolean);
const actions = { open: () => {}, clearRecent: () => {} };

afterEach(() => loadDesktopLanguage(['en']));

describe('desktop text', () => {
  it('follows the first OS language Outbox ships, else English', async () => {
    expect(await loadDesktopLanguage(['sv-SE', 'de-CH', 'en-US'])).toBe('de');
    expect(desktopLanguage()).toBe('de');
    expect(await loadDesktopLanguage(['zh-TW', 'fi'])).toBe('en');
    expect(desktopText('menu.file')).toBe('File');
  });

  it('builds the menu in German, with the same roles and accelerators', async () => {
    const english = menuTemplate(actions, ['/tmp/a.zip'], 'linux');
    await loadDesktopLanguage(['de-DE']);
    const german = menuTemplate(actions, ['/tmp/a.zip'], 'linux');
    expect(labels(german)).toEqual(expect.arrayContaining(['Datei', 'Archiv öffnen …', 'Archivordner öffnen …', 'Zuletzt geöffnet', 'Liste leeren', 'Ansicht', 'Über Outbox']));
    expect(labels(german)).not.toContain('File');
    // Same shape: only the words differ.
    const shape = (t: Item[]) => items(t).map((i) => [i.role ?? null, i.accelerator ?? null, i.type ?? null]);
    expect(shape(german)).toEqual(shape(english));
    expect(items(german).find((i) => i.role === 'close')?.label).toBe('Fenster schließen');
  });

  it('builds the menu in Arabic and Japanese', async () => {
    await loadDesktopLanguage(['ar-EG']);
    expect(labels(menuTemplate(actions, [], 'win32'))).toEqual(expect.arrayContaining(['ملف', 'فتح أرشيف…', 'مسح القائمة']));
    await loadDesktopLanguage(['ja-JP']);
    expect(labels(menuTemplate(actions, [], 'linux'))).toEqual(expect.arrayContaining(['ファイル', 'アーカイブを開く…']));
  });

  it('asks for an archive and confirms a link in the OS language', async () => {
    await loadDesktopLanguage(['fr-FR']);
    dialog.openCalls = [];
    dialog.openResult = { canceled: true, filePaths: [] };
    await chooseArchive(undefined, 'file', 'linux');
    const options = dialog.openCalls.at(-1)!.at(-1) as { title: string; filters: Array<{ name: string }> };
    expect(options.title).toBe('Ouvrir une archive');
    expect(options.filters.map((f) => f.name)).toEqual(['Archive Mastodon (.zip, .tar.gz)', 'Autres exports (X/Twitter .zip, Bluesky .car, Misskey ou Pixelfed .json)', 'Tous les fichiers']);

    dialog.messageCalls = [];
    dialog.messageResponse = 1;
    expect(await openExternalConfirmed('https://example.org/', undefined)).toEqual({ ok: true, value: false });
    const box = dialog.messageCalls.at(-1)!.at(-1) as { buttons: string[]; message: string; detail: string };
    expect(box.buttons).toEqual(['Ouvrir dans le navigateur', 'Annuler']);
    expect(box.message).toBe('Ouvrir ce lien dans votre navigateur ?');
    expect(box.detail).toBe('https://example.org/');
    const refused = await openExternalConfirmed('javascript:alert(1)', undefined);
    expect(refused).toMatchObject({ ok: false, message: 'Seuls les liens http et https peuvent s’ouvrir dans votre navigateur.' });
  });

  it('hands the OS languages to the viewer in the page address', () => {
    const window = createWindow({ preload: '/p.cjs', languages: ['de-CH', 'en-US'] }) as unknown as { loaded: string[] };
    expect(window.loaded).toEqual([`${APP_URL}?lang=de-CH%2Cen-US`]);
    const plain = createWindow({ preload: '/p.cjs' }) as unknown as { loaded: string[] };
    expect(plain.loaded).toEqual([APP_URL]);
  });
});
