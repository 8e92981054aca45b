// The one window factory: every BrowserWindow of the app is made here, with its security settings written out.
import { BrowserWindow } from 'electron';
import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { Schemes } from '../../preload/contract.js';

/** The page every window loads: the renderer bundle through our privileged scheme, never file://. */
export const APP_URL = `${Schemes.app}://app/index.html`;

const windows = new Set<BrowserWindow>();

export interface WindowOptions {
  /** absolute path of dist/preload/index.cjs */
  preload: string;
  /** the OS's preferred languages, handed to the viewer as `?lang=` (none: it reads navigator.languages) */
  languages?: readonly string[];
}

export function createWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 860,
    minWidth: 480,
    minHeight: 400,
    title: 'Outbox',
    show: false,
    backgroundColor: '#1b1b1f',
    webPreferences: {
      preload: options.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      safeDialogs: true,
      // A dropped file never navigates: the preload reads its path (webUtils) and sends it on DropChannel.
      navigateOnDragDrop: false,
      // Middle-click (auxclick) would open links in a new window: none may open, not even through a blocked path.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  windows.add(window);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => windows.delete(window));
  void window.loadURL(options.languages?.length ? `${APP_URL}?lang=${encodeURIComponent(options.languages.join(','))}` : APP_URL);
  return window;
}

/** The windows the factory made and that are still open. */
export function appWindows(): BrowserWindow[] {
  return [...windows].filter((w) => !w.isDestroyed());
}

/**
 * Whether an IPC message comes from the main frame of one of our windows showing our app page.
 * A frame that navigated elsewhere, a subframe, or any other web contents is refused.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean {
  const frame: WebFrameMain | null = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.protocol !== `${Schemes.app}:` || url.host !== 'app') return false;
  return appWindows().some((w) => w.webContents === event.sender && w.webContents.mainFrame === frame);
}
