// Session and web-contents guards: nothing leaves the machine, nothing navigates, nothing asks for permissions.
import type { Session, WebContents } from 'electron';
import { fileURLToPath } from 'node:url';
import { Schemes } from '../../preload/contract.js';

// Everything else is cancelled: http(s) and ws(s) above all, but also file:, ftp: and whatever a page might try.
const ALLOWED_PROTOCOLS = new Set([`${Schemes.app}:`, `${Schemes.media}:`, 'data:', 'blob:', 'devtools:']);

/** Whether a request of the session may go ahead (decided with new URL(), never by string prefix). */
export function isAllowedRequest(url: string): boolean {
  try {
    return ALLOWED_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Cancels every request that is not ours, denies every permission and download. */
export function guardSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
  // The spellchecker fetches dictionaries from a Google CDN outside webRequest's reach.
  session.setSpellCheckerEnabled(false);
}

/**
 * Applied to every web contents as it is created: no new windows, no navigation, no webviews.
 * A file dropped on the window arrives as a navigation to its file:// url (navigateOnDragDrop): it is prevented
 * and handed to onDropFile instead, so the bridge needs no file-path method.
 */
export function guardContents(contents: WebContents, onDropFile: (path: string) => void): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    const path = droppedPath(url);
    if (path !== null) onDropFile(path);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The local path a file:// navigation points at, or null for any other url. */
export function droppedPath(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return null;
    return fileURLToPath(parsed);
  } catch {
    return null;
  }
}
