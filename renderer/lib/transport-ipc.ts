// The desktop transport: the OutboxApi the preload exposes as window.outbox (IPC underneath).
import type { OutboxApi } from '../../preload/contract.js';

declare global {
  interface Window {
    /** Set by the desktop preload (contextBridge); absent in browser mode. */
    outbox?: OutboxApi;
  }
}

/** The preload's API when this page runs inside the desktop app, else null. */
export function ipcTransport(): OutboxApi | null {
  const api = window.outbox;
  return api && typeof api.page === 'function' ? api : null;
}
