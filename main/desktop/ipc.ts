// IPC handlers: one ipcMain.handle per request of the contract (REQUESTS), each an adapter to the archive worker,
// where the engine's service checks the argument's shape once. Here: the sender frame and the argument count, and
// the two requests the desktop answers itself (open goes through the recent list, openExternal asks the person).
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import type { ArchiveInfo, RequestName, Result } from '../../preload/contract.js';
import { REQUESTS, REQUEST_NAMES } from '../../preload/contract.js';
import type { ArchiveHost } from './archive-host.js';

export interface IpcDeps {
  host: Pick<ArchiveHost, 'call'>;
  /** Opens through the app (recent lists, progress) rather than the worker alone; the worker checks the request. */
  open(request: unknown): Promise<Result<ArchiveInfo>>;
  openExternal(url: string, event: IpcMainInvokeEvent): Promise<Result<boolean>>;
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
}

type Handler = (event: IpcMainInvokeEvent, request: unknown) => Promise<Result<unknown>>;

export function ipcHandlers(deps: IpcDeps): Record<RequestName, Handler> {
  const { host } = deps;
  const handlers = {} as Record<RequestName, Handler>;
  for (const name of REQUEST_NAMES) handlers[name] = (_event, request) => host.call(name, (request === undefined ? {} : request) as never);
  handlers.open = (_event, request) => deps.open(request === undefined ? {} : request);
  // The service checks the shape (and answers false: it cannot ask anyone); then the person is asked here.
  handlers.openExternal = async (event, request) => {
    const checked = await host.call('openExternal', (request === undefined ? {} : request) as never);
    return checked.ok ? deps.openExternal((request as { url: string }).url, event) : checked;
  };
  return handlers;
}

/** Registers every handler behind the sender check; a throw inside becomes an 'internal' Result, never a rejection. */
export function registerIpc(deps: IpcDeps): void {
  for (const [name, handler] of Object.entries(ipcHandlers(deps))) {
    const channel = REQUESTS[name as RequestName].channel;
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<Result<unknown>> => {
      if (!deps.isTrustedSender(event)) {
        return { ok: false, code: 'bad-request', message: 'This request did not come from an Outbox window.' };
      }
      if (args.length > 1) return { ok: false, code: 'bad-request', message: 'A request takes one argument.' };
      try {
        return await handler(event, args[0]);
      } catch (error) {
        return { ok: false, code: 'internal', message: error instanceof Error ? error.message : String(error) };
      }
    });
  }
}
