// Picks how the viewer talks to the engine: IPC inside the desktop app, else HTTP to browser mode.
import type { OutboxApi } from '../../preload/contract.js';
import type { Fetcher } from './download.js';
import { httpFetcher, httpTransport, httpUploader, takeToken, type Uploader } from './transport-http.js';
import { ipcTransport } from './transport-ipc.js';

export type TransportKind = 'ipc' | 'http';

export interface Transport {
  kind: TransportKind;
  api: OutboxApi;
  /** browser mode's raw GETs (streamed downloads); null in the desktop app, which has no HTTP routes */
  fetcher: Fetcher | null;
  /** browser mode hands a chosen or dropped file to the server; null in the desktop app (it opens paths itself) */
  upload: Uploader | null;
}

export function createTransport(): Transport {
  const ipc = ipcTransport();
  if (ipc) return { kind: 'ipc', api: ipc, fetcher: null, upload: null };
  const token = takeToken(location, history);
  return { kind: 'http', api: httpTransport(token), fetcher: httpFetcher(token), upload: httpUploader(token) };
}
