// The bridge exposes exactly the OutboxApi: named functions over the contract's channels, nothing of ipcRenderer.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { contextBridge, ipcRenderer } from './fake-electron.js';
import { Channels } from '../../preload/contract.js';
import type { OpenProgress, OutboxApi } from '../../preload/contract.js';
import '../../preload/index.js';

const api = contextBridge.exposed.get('outbox') as OutboxApi;
const progress: OpenProgress = { archive: 'abc', phase: 'reading', bytesRead: 1, bytesTotal: 2, items: 0 };

describe('preload', () => {
  it('exposes one object, window.outbox, with exactly the contract methods as functions', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['outbox']);
    expect(Object.keys(api).sort()).toEqual(
      ['bookmarks', 'current', 'exportCsv', 'likes', 'mediaUrl', 'moves', 'onProgress', 'open', 'openExternal', 'page', 'post', 'recent',
        'relationships', 'search', 'stats', 'thread'],
    );
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(ipcRenderer);
  });

  it('invokes one contract channel per method with the request as the only argument', async () => {
    ipcRenderer.invoked = [];
    const query = { archive: 'abc', filter: {}, order: 'newest' as const, offset: 0, limit: 10 };
    await api.current();
    await api.open({ demo: true });
    await api.page(query);
    await api.post({ archive: 'abc', id: 'x' });
    await api.thread({ archive: 'abc', id: 'x' });
    await api.search({ archive: 'abc', q: 'hello', limit: 5 });
    await api.likes({ archive: 'abc' });
    await api.bookmarks({ archive: 'abc' });
    await api.openExternal({ url: 'https://example.org/' });
    await api.relationships!();
    await api.moves!();
    await api.exportCsv!({ kind: 'following' });
    const stats = { archive: '*', filter: { hasMedia: true }, timeZone: 'Europe/Berlin', utc: false };
    await api.stats!(stats);
    expect(ipcRenderer.invoked).toEqual([
      [Channels.current],
      [Channels.open, { demo: true }],
      [Channels.page, query],
      [Channels.post, { archive: 'abc', id: 'x' }],
      [Channels.thread, { archive: 'abc', id: 'x' }],
      [Channels.search, { archive: 'abc', q: 'hello', limit: 5 }],
      [Channels.likes, { archive: 'abc' }],
      [Channels.bookmarks, { archive: 'abc' }],
      [Channels.openExternal, { url: 'https://example.org/' }],
      [Channels.relationships],
      [Channels.moves],
      [Channels.exportCsv, { kind: 'following' }],
      [Channels.stats, stats],
    ]);
  });

  it('passes progress without the raw event and stops when the signal aborts', () => {
    const seen: unknown[][] = [];
    const controller = new AbortController();
    api.onProgress((...args: unknown[]) => seen.push(args), controller.signal);
    ipcRenderer.emit(Channels.progress, { sender: 'raw event' }, progress);
    expect(seen).toEqual([[progress]]);
    controller.abort();
    ipcRenderer.emit(Channels.progress, {}, progress);
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount(Channels.progress)).toBe(0);
  });

  it('unsubscribes through its return value when the signal did not survive the bridge', () => {
    const seen: unknown[] = [];
    // contextBridge copies an AbortSignal from the page as a plain object without addEventListener.
    const stop = api.onProgress((p) => seen.push(p), {} as AbortSignal) as unknown as () => void;
    ipcRenderer.emit(Channels.progress, {}, progress);
    stop();
    ipcRenderer.emit(Channels.progress, {}, progress);
    expect(seen).toEqual([progress]);
    expect(ipcRenderer.listenerCount(Channels.progress)).toBe(0);
    const aborted = new AbortController();
    aborted.abort();
    api.onProgress(() => seen.push('late'), aborted.signal);
    expect(ipcRenderer.listenerCount(Channels.progress)).toBe(0);
  });

  it('builds media urls with the entry name as one encoded segment', () => {
    expect(api.mediaUrl('0123abcd', 'media_attachments/files/1/a b.png')).toBe('outbox-media://0123abcd/media_attachments%2Ffiles%2F1%2Fa%20b.png');
    expect(api.mediaUrl('0123abcd', '../x')).toBe('outbox-media://0123abcd/..%2Fx');
  });
});

describe('drop-to-open in the preload', () => {
  it('sends the path webUtils gives for a dropped file, and nothing for a file the page made', async () => {
    const { dropFile } = await import('../../preload/index.js');
    const { DropChannel } = await import('../../preload/contract.js');
    ipcRenderer.sent = [];
    dropFile({ path: '/home/alice/Downloads/archive.zip' } as unknown as File);
    dropFile({} as unknown as File); // made by the page: no path
    expect(ipcRenderer.sent).toEqual([[DropChannel, '/home/alice/Downloads/archive.zip']]);
  });
});
