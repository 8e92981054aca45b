// The desktop app's lifetime: single instance, schemes before ready, then worker, window, menu, IPC and every way an
// archive arrives (command line, menu, drop, second launch, macOS open-file).
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import type { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { ArchiveInfo, Result } from '../../preload/contract.js';
import { Channels, DropChannel } from '../../preload/contract.js';
import { startArchiveWorker } from './archive-host.js';
import { archiveFromArgv } from './argv.js';
import { registerIpc } from './ipc.js';
import { desktopText as t, loadDesktopLanguage } from './desktop-text.js';
import { installMenu } from './menu.js';
import { openExternalConfirmed } from './open-external.js';
import { handleSchemes, registerSchemes } from './protocols.js';
import { RecentArchives } from './recent.js';
import { droppedPath, guardContents, guardSession } from './security.js';
import { appWindows, createWindow, isTrustedSender } from './window.js';

export interface DesktopPaths {
  /** dist/preload/index.cjs */
  preload: string;
  /** dist/renderer: the folder outbox-app:// serves */
  renderer: string;
  /** dist/engine/worker.js */
  worker: string;
}

export interface Desktop {
  /** resolves once the app is ready and its first window exists */
  ready: Promise<void>;
  /** the archive worker, once started */
  worker(): Worker | null;
}

/** The OS's preferred languages, strongest first (older Electron: the app locale alone). */
function systemLanguages(): string[] {
  const preferred = typeof app.getPreferredSystemLanguages === 'function' ? app.getPreferredSystemLanguages() : [];
  return preferred.length ? preferred : [app.getLocale?.() ?? 'en'];
}

/** Call once, synchronously at start (the schemes must be registered before `ready`). */
export function runDesktop(paths: DesktopPaths, argv: readonly string[] = process.argv, cwd = process.cwd()): Desktop {
  registerSchemes();
  app.enableSandbox();
  const defaultApp = process.defaultApp === true;
  let worker: Worker | null = null;

  // An archive asked for before the app is ready (command line, macOS open-file at launch) waits here.
  let pending: string | null = archiveFromArgv(argv, cwd, defaultApp);
  let openPath: (path: string) => void = (path) => {
    pending = path;
  };

  if (!app.requestSingleInstanceLock()) {
    // Another Outbox is running: it gets our argv through 'second-instance' and opens the archive there.
    app.quit();
    return { ready: Promise.resolve(), worker: () => null };
  }

  const focusedWindow = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? appWindows()[0];

  app.on('second-instance', (_event, secondArgv, secondCwd) => {
    const window = focusedWindow();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    const path = archiveFromArgv(secondArgv, secondCwd, defaultApp);
    if (path !== null) openPath(path);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openPath(path);
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void worker?.terminate();
  });

  const start = () => {
    guardSession(session.defaultSession);
    const started = startArchiveWorker(paths.worker);
    worker = started.worker;
    const { host } = started;
    handleSchemes(paths.renderer, host);
    const recent = new RecentArchives(join(app.getPath('userData'), 'recent.json'));
    // The viewer follows the same OS languages: the window passes them on (lib/i18n.ts reads ?lang=).
    const newWindow = () => createWindow({ preload: paths.preload, languages: systemLanguages() });

    const refreshMenu = () => installMenu({
      open: (path) => openPath(path),
      clearRecent: () => {
        recent.clear();
        refreshMenu();
      },
    }, recent.list());

    /** Every open goes through here: the worker indexes, the recent lists learn the path. */
    const open = async (request: { path?: string; demo?: boolean }): Promise<Result<ArchiveInfo>> => {
      const result = await host.call('open', request);
      if (result.ok && typeof request.path === 'string') {
        recent.add(request.path);
        refreshMenu();
      }
      return result;
    };

    // Opens the main process starts (menu, drop, second launch, open-file, command line). The viewer learns of
    // them from progress: the worker's final 'done' comes once current() lists the archive first. A failure
    // shows the engine's message.
    openPath = (path) => {
      const window = focusedWindow() ?? newWindow();
      void open({ path }).then(async (result) => {
        if (result.ok) return;
        await dialog.showMessageBox(window, {
          type: 'error',
          title: 'Outbox',
          message: t('dialog.openFailed'),
          detail: result.message,
        });
      });
    };

    registerIpc({
      host,
      // The renderer cannot choose files (it never sees a path): it may reopen what the user chose before through the
      // OS (the recent list) or the demo. Anything else would let a compromised page read archives it names.
      open: (request) => {
        const path = typeof request === 'object' && request !== null ? (request as { path?: unknown }).path : undefined;
        return path === undefined || (typeof path === 'string' && recent.list().includes(path))
          ? open(request as { path?: string; demo?: boolean }) // the worker checks the rest of its shape
        : Promise.resolve({
            ok: false, code: 'bad-request', message: t('dialog.openRefused'),
          });
      },
      openExternal: (url, event) => openExternalConfirmed(url, BrowserWindow.fromWebContents(event.sender) ?? undefined),
      isTrustedSender,
    });
    // Drop-to-open: the preload's path of a file the user dropped on one of our windows (never a navigation).
    ipcMain.on(DropChannel, (event, value: unknown) => {
      const path = droppedPath(value);
      if (path !== null && isTrustedSender(event)) openPath(path);
    });
    host.onProgress((progress) => {
      for (const w of appWindows()) w.webContents.send(Channels.progress, progress);
    });
    refreshMenu();
    newWindow();
    app.on('activate', () => {
      if (appWindows().length === 0) newWindow();
    });
    if (pending !== null) openPath(pending);
    pending = null;
  };

  // The menus and dialogs speak the OS's language from the first one on.
  const ready = app.whenReady().then(() => loadDesktopLanguage(systemLanguages()).catch(() => 'en')).then(start);
  ready.catch((error: unknown) => {
    dialog.showErrorBox(t('dialog.startFailed'), error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
  return { ready, worker: () => worker };
}
