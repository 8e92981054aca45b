// Links in posts: opened in the system browser only when new URL() says http(s) and the user confirms.
import { dialog, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import type { Result } from '../../preload/contract.js';
import { ok } from '../../preload/contract.js';
import { desktopText as t } from './desktop-text.js';

/** The url as the browser should get it, or null when it is not an http(s) link. */
export function externalUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** ok(true) when the browser was asked to open it, ok(false) when the user said no. */
export async function openExternalConfirmed(url: string, window: BrowserWindow | undefined): Promise<Result<boolean>> {
  const href = externalUrl(url);
  if (href === null) return { ok: false, code: 'bad-request', message: t('dialog.linkRefused') };
  const options = {
    type: 'question' as const,
    buttons: [t('dialog.linkOpen'), t('common.cancel')],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: t('dialog.linkTitle'),
    message: t('dialog.linkMessage'),
    // The whole url, so a link whose text says one site and whose href says another is seen for what it is.
    detail: href,
  };
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  if (response !== 0) return ok(false);
  await shell.openExternal(href);
  return ok(true);
}
