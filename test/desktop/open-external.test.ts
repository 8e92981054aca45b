// Links leave only as http(s), only after the user confirms in a dialog that shows the whole url.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { dialog, shell } from './fake-electron.js';
import { externalUrl, openExternalConfirmed } from '../../main/desktop/open-external.js';

describe('openExternalConfirmed', () => {
  beforeEach(() => {
    dialog.messageCalls = [];
    shell.opened = [];
  });

  it('refuses anything but http(s) without asking', async () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'outbox-app://app/index.html', 'mailto:a@b.c', 'smb://host/share', 'nonsense']) {
      const result = await openExternalConfirmed(url, undefined);
      expect(result, url).toMatchObject({ ok: false, code: 'bad-request' });
    }
    expect(dialog.messageCalls).toEqual([]);
    expect(shell.opened).toEqual([]);
  });

  it('opens nothing when the user cancels', async () => {
    dialog.messageResponse = 1;
    expect(await openExternalConfirmed('https://example.org/a', undefined)).toEqual({ ok: true, value: false });
    expect(dialog.messageCalls).toHaveLength(1);
    expect(shell.opened).toEqual([]);
  });

  it('opens the normalized url after the user confirms', async () => {
    dialog.messageResponse = 0;
    expect(await openExternalConfirmed('HTTPS://Example.org/a b', undefined)).toEqual({ ok: true, value: true });
    const options = dialog.messageCalls[0]![0] as { detail: string; cancelId: number; defaultId: number };
    expect(options.detail).toBe('https://example.org/a%20b');
    expect(options.defaultId).toBe(options.cancelId);
    expect(shell.opened).toEqual(['https://example.org/a%20b']);
  });

  it('parses with new URL(), not prefixes', () => {
    expect(externalUrl('http://example.org')).toBe('http://example.org/');
    expect(externalUrl(' javascript:alert(1)')).toBeNull();
    expect(externalUrl('https:javascript:alert(1)')).toBeNull();
    expect(externalUrl('  https://example.org/x  ')).toBe('https://example.org/x');
  });
});
