// A recording stand-in for the `electron` module (the binary is not installed here): every test file of
// test/desktop does vi.mock('electron', () => import('./fake-electron.js')) and asserts on what was recorded.
import { EventEmitter } from 'node:events';

type Listener = (...args: any[]) => any;

/** An Electron-style event: records preventDefault. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly props: Record<string, unknown> = {}) {
    Object.assign(this, props);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(public url: string, public parent: FakeFrame | null = null) {}
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: Listener | null = null;
  mainFrame = new FakeFrame('');
  sent: Array<[string, unknown]> = [];
  reloads = 0;
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, value: unknown): void {
    this.sent.push([channel, value]);
  }
  reload(): void {
    this.reloads++;
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  static focused: BrowserWindow | null = null;
  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.focused;
  }
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.created.find((w) => w.webContents === contents) ?? null;
  }
  webContents = new FakeWebContents();
  loaded: string[] = [];
  destroyed = false;
  constructor(readonly options: Record<string, any>) {
    super();
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {}
  focus(): void {}
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
}

class FakeSession extends EventEmitter {
  beforeRequest: Listener | null = null;
  permissionRequest: Listener | null = null;
  permissionCheck: Listener | null = null;
  devicePermission: Listener | null = null;
  spellChecker: boolean | null = null;
  webRequest = {
    onBeforeRequest: (listener: Listener) => {
      this.beforeRequest = listener;
    },
  };
  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: Listener): void {
    this.devicePermission = handler;
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellChecker = enabled;
  }
}

export const session = { defaultSession: new FakeSession() };

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>): void {
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    protocol.handlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  /** ipcMain.on listeners (fire-and-forget channels) */
  listeners: new Map<string, Listener>(),
  handle(channel: string, handler: Listener): void {
    ipcMain.handlers.set(channel, handler);
  },
  on(channel: string, listener: Listener): void {
    ipcMain.listeners.set(channel, listener);
  },
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  recent: string[] = [];
  cleared = 0;
  aboutShown = 0;
  sandboxed = false;
  /** what requestSingleInstanceLock answers */
  lock = true;
  quits = 0;
  userData = '/nonexistent/userData';
  private readyResolve: () => void = () => {};
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.readyResolve = resolve;
  });
  addRecentDocument(path: string): void {
    this.recent.push(path);
  }
  clearRecentDocuments(): void {
    this.cleared++;
  }
  showAboutPanel(): void {
    this.aboutShown++;
  }
  enableSandbox(): void {
    this.sandboxed = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
  quit(): void {
    this.quits++;
  }
  exit(): void {
    this.quits++;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath(${name})`);
    return this.userData;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** the test's stand-in for Electron becoming ready */
  becomeReady(): void {
    this.readyResolve();
  }
}

export const app = new FakeApp();

export const dialog = {
  /** what the next showOpenDialog / showMessageBox answer */
  openResult: { canceled: true, filePaths: [] as string[] },
  messageResponse: 1,
  openCalls: [] as unknown[][],
  messageCalls: [] as unknown[][],
  errorBoxes: [] as string[][],
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push([title, content]);
  },
  async showOpenDialog(...args: unknown[]) {
    dialog.openCalls.push(args);
    return dialog.openResult;
  },
  async showMessageBox(...args: unknown[]) {
    dialog.messageCalls.push(args);
    return { response: dialog.messageResponse, checkboxChecked: false };
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    shell.opened.push(url);
  },
};

export const Menu = {
  installed: null as unknown,
  buildFromTemplate(template: unknown) {
    return { template };
  },
  setApplicationMenu(menu: unknown): void {
    Menu.installed = menu;
  },
};

// The renderer-side modules, for the preload's test.
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoked: [] as unknown[][],
  sent: [] as unknown[][],
  send(...args: unknown[]): void {
    ipcRenderer.sent.push(args);
  },
  invoke(...args: unknown[]): Promise<unknown> {
    ipcRenderer.invoked.push(args);
    return Promise.resolve({ ok: true, value: args[0] });
  },
});

/** A File from a real drop carries its path; one the page made has none ('' as Electron answers). */
export const webUtils = {
  getPathForFile(file: { path?: string }): string {
    return file.path ?? '';
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.set(key, api);
  },
};
