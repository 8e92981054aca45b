// The services every component may consume from the app root (@lit/context), so tests can provide fakes.
import { createContext } from '@lit/context';
import type { OutboxApi } from '../../preload/contract.js';
import type { Fetcher } from './download.js';
import type { TransportKind } from './transport.js';

export const apiContext = createContext<OutboxApi>(Symbol('outbox-api'));
export const transportKindContext = createContext<TransportKind>(Symbol('outbox-transport-kind'));
/** browser mode's raw GETs for streamed downloads (null in the desktop app) */
export const fetcherContext = createContext<Fetcher | null>(Symbol('outbox-fetcher'));
