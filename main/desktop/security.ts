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

/** A blob: url minted by our own app page (`blob:outbox-app://app/<uuid>`). */
export function isOwnBlob(url: string): boolean {
  try {
    const blob = new URL(url);
    if (blob.protocol !== 'blob:') return false;
    const inner = new URL(blob.pathname);
    return inner.protocol === `${Schemes.app}:` && inner.host === 'app';
  } catch {
    return false;
  }
}

/** Cancels every request that is not ours, denies every permission and every download but our own blobs. */
export function guardSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Saving a CSV or an export is a blob: download made by our own page; Electron then asks where to save it.
  // Every other download (a url from archive data, anything remote) is refused.
  session.on('will-download', (event, item) => {
    if (!isOwnBlob(item.getURL())) event.preventDefault();
  });
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
