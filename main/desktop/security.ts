// Session and web-contents guards: nothing leaves the machine, nothing navigates, nothing asks for permissions.
import type { Session, WebContents } from 'electron';
import { isAbsolute } from 'node:path';
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
 * Applied to every web contents as it is created: no new windows, no navigation, no webviews. No navigation means
 * none: a file:// url is not read as a dropped file (any page could navigate to one); drops go through the preload.
 */
export function guardContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** A dropped file's path as the preload sends it: an absolute local path, else null (anything else is ignored). */
export function droppedPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096 || value.includes('\0')) return null;
  return isAbsolute(value) ? value : null;
}
