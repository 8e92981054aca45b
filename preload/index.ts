// The bridge: exposes exactly the OutboxApi of contract.ts as window.outbox, one named function per method.
// Never ipcRenderer itself, never a generic invoke(channel): the renderer can ask for nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { OpenProgress, OutboxApi } from './contract.js';
import { Channels, DropChannel, Schemes } from './contract.js';

/**
 * Subscribes to open progress. The raw IPC event never reaches the listener. The returned function unsubscribes:
 * an AbortSignal does not survive contextBridge (it arrives as a plain object without addEventListener), so the
 * signal is honoured when it works and the return value is the way that always does.
 */
function onProgress(listener: (progress: OpenProgress) => void, signal: AbortSignal): () => void {
  const forward = (_event: IpcRendererEvent, progress: OpenProgress) => listener(progress);
  const stop = () => {
    ipcRenderer.removeListener(Channels.progress, forward);
  };
  if (signal?.aborted === true) return stop;
  ipcRenderer.on(Channels.progress, forward);
  if (typeof signal?.addEventListener === 'function') signal.addEventListener('abort', stop, { once: true });
  return stop;
}

const api: OutboxApi = {
  current: () => ipcRenderer.invoke(Channels.current),
  open: (request) => ipcRenderer.invoke(Channels.open, request),
  page: (query) => ipcRenderer.invoke(Channels.page, query),
  post: (request) => ipcRenderer.invoke(Channels.post, request),
  thread: (request) => ipcRenderer.invoke(Channels.thread, request),
  search: (request) => ipcRenderer.invoke(Channels.search, request),
  likes: (request) => ipcRenderer.invoke(Channels.likes, request),
  bookmarks: (request) => ipcRenderer.invoke(Channels.bookmarks, request),
  openExternal: (request) => ipcRenderer.invoke(Channels.openExternal, request),
  relationships: () => ipcRenderer.invoke(Channels.relationships),
  moves: () => ipcRenderer.invoke(Channels.moves),
  exportCsv: (request) => ipcRenderer.invoke(Channels.exportCsv, request),
  stats: (request) => ipcRenderer.invoke(Channels.stats, request),
  onProgress,
  mediaUrl: (archive, path) => `${Schemes.media}://${archive}/${encodeURIComponent(path)}`,
};

contextBridge.exposeInMainWorld('outbox', api);

/**
 * Drop-to-open (the window never navigates on a drop): the path of a file dropped on the page, which only
 * webUtils can tell, goes to the main process. A File the page made itself has no path and is ignored.
 */
export function dropFile(file: File): void {
  const path = webUtils.getPathForFile(file);
  if (path) ipcRenderer.send(DropChannel, path);
}

if (typeof window !== 'undefined') {
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => {
    event.preventDefault();
    const file = event.dataTransfer?.files[0];
    if (file) dropFile(file);
  });
}
