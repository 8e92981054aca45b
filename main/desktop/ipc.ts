// IPC handlers: one ipcMain.handle per request channel of the contract. Each checks its sender and its argument's
// shape before anything runs, and answers with a Result (errors as data: Electron keeps only an Error's message).
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import type { ArchiveInfo, Result } from '../../preload/contract.js';
import { Channels } from '../../preload/contract.js';
import { validateStatsRequest } from '../server/insights.js';
import {
  validateArchiveRequest, validateCsvRequest, validatePageQuery, validatePostRequest, validateSearchRequest,
} from '../server/validate.js';
import type { ArchiveHost } from './archive-host.js';
import { validateExternalRequest, validateNothing, validateOpenRequest } from './validate.js';

export interface IpcDeps {
  host: Pick<ArchiveHost, 'call'>;
  /** Opens through the app (recent lists, progress) rather than the worker alone. */
  open(request: { path?: string; demo?: boolean }): Promise<Result<ArchiveInfo>>;
  openExternal(url: string, event: IpcMainInvokeEvent): Promise<Result<boolean>>;
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
}

type Handler = (event: IpcMainInvokeEvent, request: unknown) => Promise<Result<unknown>>;

/** A validator and the work it guards, as one handler. */
function guarded<T>(validate: (value: unknown) => Result<T>, run: (value: T, event: IpcMainInvokeEvent) => Promise<Result<unknown>>): Handler {
  return async (event, request) => {
    const value = validate(request);
    return value.ok ? run(value.value, event) : value;
  };
}

export function ipcHandlers(deps: IpcDeps): Record<Exclude<keyof typeof Channels, 'progress'>, Handler> {
  const { host } = deps;
  return {
    current: guarded(validateNothing, () => host.call('current', {})),
    open: guarded(validateOpenRequest, (request) => deps.open(request)),
    page: guarded(validatePageQuery, (query) => host.call('page', query)),
    post: guarded(validatePostRequest, (request) => host.call('post', request)),
    thread: guarded(validatePostRequest, (request) => host.call('thread', request)),
    search: guarded(validateSearchRequest, (request) => host.call('search', request)),
    likes: guarded(validateArchiveRequest, (request) => host.call('likes', request)),
    bookmarks: guarded(validateArchiveRequest, (request) => host.call('bookmarks', request)),
    openExternal: guarded(validateExternalRequest, ({ url }, event) => deps.openExternal(url, event)),
    relationships: guarded(validateNothing, () => host.call('relationships', {})),
    moves: guarded(validateNothing, () => host.call('moves', {})),
    exportCsv: guarded(validateCsvRequest, (request) => host.call('exportCsv', request)),
    stats: guarded(validateStatsRequest, (request) => host.call('stats', request)),
  };
}

/** Registers every handler behind the sender check; a throw inside becomes an 'internal' Result, never a rejection. */
export function registerIpc(deps: IpcDeps): void {
  for (const [name, handler] of Object.entries(ipcHandlers(deps))) {
    const channel = Channels[name as keyof typeof Channels];
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
