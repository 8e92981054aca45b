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
  /** asks the viewer's first questions now, before the app is defined (browser mode; see httpTransport) */
  boot(): void;
}

let shared: Transport | null = null;

/** The page's one transport: the entry point boots it early, the app provides it. */
export function appTransport(): Transport {
  return (shared ??= createTransport());
}

export function createTransport(): Transport {
  const ipc = ipcTransport();
  if (ipc) return { kind: 'ipc', api: ipc, fetcher: null, upload: null, boot: () => undefined };
  const token = takeToken(location, history);
  const api = httpTransport(token);
  return { kind: 'http', api, fetcher: httpFetcher(token), upload: httpUploader(token), boot: api.boot };
}
