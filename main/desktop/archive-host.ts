// The main process's side of the archive worker: calls as Promises of Results, progress events, media as a web stream.
// No electron import: it only speaks to a worker_threads Worker (or a MessagePort in tests).
import { Worker } from 'node:worker_threads';
import type { OpenProgress, Result } from '../../preload/contract.js';
import type { MediaHead, WorkerCalls, WorkerMessage, WorkerMethod, WorkerRequest } from '../engine/worker.js';

/** What the host needs of a Worker; a MessagePort has the same shape. */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  on(event: 'message', listener: (message: WorkerMessage) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

/** The engine's media answer (status, Range, type already decided by the service) with its bytes as a web stream. */
export interface MediaBody extends Omit<MediaHead, 'stream'> {
  body: ReadableStream<Uint8Array>;
}

export class ArchiveHost {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Set<(progress: OpenProgress) => void>();
  private stopped: string | null = null;

  constructor(private readonly worker: WorkerLike) {
    worker.on('message', (message) => {
      if ('event' in message) {
        for (const listener of this.listeners) listener(message.progress);
        return;
      }
      const settle = this.pending.get(message.id);
      this.pending.delete(message.id);
      settle?.(message.result);
    });
    worker.on('error', (error) => this.stop(`The archive worker failed: ${error.message}`));
    worker.on('exit', (code) => this.stop(`The archive worker stopped (exit code ${code}).`));
  }

  /** One request to the worker; a stopped worker answers every call with an 'internal' Result, never a throw. */
  call<M extends WorkerMethod>(method: M, request: WorkerCalls[M][0]): Promise<Result<WorkerCalls[M][1]>> {
    if (this.stopped !== null) return Promise.resolve({ ok: false, code: 'internal', message: `${this.stopped} Restart Outbox.` });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (result: Result<unknown>) => void);
      this.worker.postMessage({ id, method, request } as WorkerRequest);
    });
  }

  /** Calls the listener with every progress event of every open; returns the unsubscribe. */
  onProgress(listener: (progress: OpenProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The bytes of one entry the archive's index knows, pulled from the worker chunk by chunk as the consumer reads.
   * `path` is the entry name as the url carries it (URI-encoded); `range` the Range header, if any.
   */
  async media(archive: string, path: string, range: string | null = null): Promise<Result<MediaBody>> {
    const head = await this.call('media', { archive, path, range });
    if (!head.ok) return head;
    const { stream, ...rest } = head.value;
    const body = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (stream === 0) return controller.close();
        const next = await this.call('read', { stream });
        if (!next.ok) controller.error(new Error(next.message));
        else if (next.value.chunk === null) controller.close();
        else controller.enqueue(next.value.chunk);
      },
      cancel: async () => {
        if (stream !== 0) await this.call('cancel', { stream });
      },
    });
    return { ok: true, value: { ...rest, body } };
  }

  private stop(reason: string): void {
    if (this.stopped !== null) return;
    this.stopped = reason;
    for (const settle of this.pending.values()) settle({ ok: false, code: 'internal', message: `${reason} Restart Outbox.` });
    this.pending.clear();
  }
}

/** Starts the worker thread (dist/engine/worker.js) and returns its host. */
export function startArchiveWorker(script: string, cacheDir?: string | null): { host: ArchiveHost; worker: Worker } {
  const worker = new Worker(script, { workerData: { outboxWorker: true, cacheDir } });
  return { host: new ArchiveHost(worker as unknown as WorkerLike), worker };
}
