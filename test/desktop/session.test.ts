// Session guards: every request that is not ours is cancelled, every permission denied.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { FakeEvent, session } from './fake-electron.js';
import { guardSession, isAllowedRequest } from '../../main/desktop/security.js';

describe('guardSession', () => {
  guardSession(session.defaultSession as never);
  const s = session.defaultSession;

  const cancelled = (url: string) => {
    let answer: { cancel?: boolean } | undefined;
    s.beforeRequest!({ url, method: 'GET', resourceType: 'image' }, (response: { cancel?: boolean }) => {
      answer = response;
    });
    return answer?.cancel;
  };

  it('cancels http, https, ws and wss (and file, ftp, anything unparseable)', () => {
    for (const url of [
      'http://example.org/', 'https://example.org/tracker.gif', 'ws://example.org/socket', 'wss://example.org/socket',
      'http://127.0.0.1:8080/', 'HTTPS://EXAMPLE.ORG/', 'file:///etc/passwd', 'ftp://example.org/x', 'not a url',
    ]) expect(cancelled(url), url).toBe(true);
  });

  it('lets our schemes, data: and blob: through', () => {
    for (const url of ['outbox-app://app/index.html', 'outbox-media://0123abcd/avatar.png', 'data:image/png;base64,AA==', 'blob:outbox-app://app/1234']) {
      expect(cancelled(url), url).toBe(false);
    }
    expect(isAllowedRequest('outbox-app://app/app.js')).toBe(true);
  });

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      s.permissionRequest!({}, permission, (answer: boolean) => {
        granted = answer;
      }, {});
      expect(granted, permission).toBe(false);
      expect(s.permissionCheck!({}, permission, 'outbox-app://app', {}), permission).toBe(false);
    }
    expect(s.devicePermission!({ deviceType: 'usb', origin: 'outbox-app://app' })).toBe(false);
  });

  it('refuses downloads but our own page\'s blobs, and turns the spellchecker (which fetches dictionaries) off', () => {
    const item = (url: string) => ({ getURL: () => url });
    for (const url of ['https://tracker.example/file.zip', 'file:///etc/passwd', 'blob:https://evil.example/1234', 'blob:outbox-media://abc/x', 'data:text/csv,a', 'not a url']) {
      const download = new FakeEvent();
      s.emit('will-download', download, item(url), {});
      expect(download.defaultPrevented, url).toBe(true);
    }
    const own = new FakeEvent();
    s.emit('will-download', own, item('blob:outbox-app://app/6f1c2d0e-1111-4a4a-9b9b-123456789abc'), {});
    expect(own.defaultPrevented).toBe(false);
    expect(s.spellChecker).toBe(false);
  });
});
