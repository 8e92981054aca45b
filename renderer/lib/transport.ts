// Picks how the viewer talks to the engine: IPC inside the desktop app, else HTTP to browser mode.
import type { OutboxApi } from '../../preload/contract.js';
import { httpTransport, takeToken } from './transport-http.js';
import { ipcTransport } from './transport-ipc.js';

export type TransportKind = 'ipc' | 'http';

export interface Transport {
  kind: TransportKind;
  api: OutboxApi;
}

export function createTransport(): Transport {
  const ipc = ipcTransport();
  if (ipc) return { kind: 'ipc', api: ipc };
  return { kind: 'http', api: httpTransport(takeToken(location, history)) };
}
