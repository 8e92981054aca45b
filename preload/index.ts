// The bridge: exposes exactly the OutboxApi of contract.ts as window.outbox, one named function per request.
// Never ipcRenderer itself, never a generic invoke(channel): the renderer can ask for nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { OpenProgress, OutboxApi, RequestName } from './contract.js';
import { Channels, REQUESTS, REQUEST_NAMES, Schemes } from './contract.js';

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

/** One named function per request of the contract, each invoking its own channel (derived from REQUESTS). */
function requests(): { [K in RequestName]: OutboxApi[K] } {
  const out: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const name of REQUEST_NAMES) {
    const channel = REQUESTS[name].channel;
    // No argument stays no argument: the main process counts them.
    out[name] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args.slice(0, 1));
  }
  return out as unknown as { [K in RequestName]: OutboxApi[K] };
}

const api: OutboxApi = {
  ...requests(),
  onProgress,
  mediaUrl: (archive, path) => `${Schemes.media}://${archive}/${encodeURIComponent(path)}`,
};

contextBridge.exposeInMainWorld('outbox', api);
