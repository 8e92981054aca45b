// The window factory and the guards every web contents gets: options written out, no new windows, no navigation.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { BrowserWindow, FakeEvent, FakeFrame, FakeWebContents } from './fake-electron.js';
import { APP_URL, appWindows, createWindow, isTrustedSender } from '../../main/desktop/window.js';
import { droppedPath, guardContents } from '../../main/desktop/security.js';

const PRELOAD = '/app/dist/preload/index.cjs';

describe('createWindow', () => {
  it('writes out sandbox, context isolation, no node and no webview, with our preload, no auxclick, no drag-and-drop navigation', () => {
    const window = createWindow({ preload: PRELOAD }) as unknown as BrowserWindow;
    const prefs = window.options.webPreferences;
    expect(prefs).toMatchObject({
      preload: PRELOAD,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window.loaded).toEqual([APP_URL]);
    expect(APP_URL).toBe('outbox-app://app/index.html');
    expect(appWindows()).toContain(window);
  });
});

describe('guardContents', () => {
  const guarded = () => {
    const contents = new FakeWebContents();
    guardContents(contents as never);
    return { contents };
  };

  it('denies every new window', () => {
    const { contents } = guarded();
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'outbox-app://app/index.html' })).toEqual({ action: 'deny' });
  });

  it('prevents navigation, redirects and webviews', () => {
    const { contents } = guarded();
    for (const url of ['https://example.org/', 'outbox-app://app/other.html', 'javascript:alert(1)']) {
      const event = new FakeEvent();
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented).toBe(true);
    }
    const redirect = new FakeEvent();
    contents.emit('will-redirect', redirect, 'https://example.org/');
    expect(redirect.defaultPrevented).toBe(true);
    const webview = new FakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
    const subframe = new FakeEvent({ isMainFrame: false, url: 'https://example.org/' });
    contents.emit('will-frame-navigate', subframe);
    expect(subframe.defaultPrevented).toBe(true);
  });

  it('prevents a file:// navigation too: it is never read as a dropped file', () => {
    const { contents } = guarded();
    const event = new FakeEvent();
    contents.emit('will-navigate', event, 'file:///home/alice/Downloads/archive%20(1).zip');
    expect(event.defaultPrevented).toBe(true);
  });

  it('takes only absolute local paths from the preload as drops', () => {
    expect(droppedPath('/tmp/a.tar.gz')).toBe('/tmp/a.tar.gz');
    for (const bad of ['file:///tmp/a.zip', 'relative/a.zip', '', '/tmp/a\0.zip', 42, null, { path: '/x' }]) expect(droppedPath(bad), String(bad)).toBeNull();
  });
});

describe('isTrustedSender', () => {
  const ours = () => {
    const window = createWindow({ preload: PRELOAD }) as unknown as BrowserWindow;
    return { window, event: { sender: window.webContents, senderFrame: window.webContents.mainFrame } };
  };

  it('accepts the main frame of our window showing the app page', () => {
    const { event } = ours();
    expect(isTrustedSender(event as never)).toBe(true);
  });

  it('refuses a missing frame, a subframe, another scheme or host, and another web contents', () => {
    const { window, event } = ours();
    expect(isTrustedSender({ ...event, senderFrame: null } as never)).toBe(false);
    expect(isTrustedSender({ ...event, senderFrame: new FakeFrame(APP_URL, window.webContents.mainFrame) } as never)).toBe(false);
    expect(isTrustedSender({ sender: new FakeWebContents(), senderFrame: new FakeFrame(APP_URL) } as never)).toBe(false);
    for (const url of ['https://evil.example/', 'file:///app/index.html', 'outbox-media://abc/x', 'outbox-app://evil/index.html', '']) {
      window.webContents.mainFrame.url = url;
      expect(isTrustedSender(event as never), url).toBe(false);
    }
  });

  it('refuses a closed window', () => {
    const { window, event } = ours();
    window.destroyed = true;
    expect(isTrustedSender(event as never)).toBe(false);
  });
});
