// The archive worker: the engine's service on its own thread, so the desktop main process's event loop stays free.
// An adapter only: a port message { id, method, request } becomes a service request, its Result the answer.
// Plain Node (never electron): the desktop's archive-host talks to it.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { OpenProgress, RequestName, Requests, Result } from '../../preload/contract.js';
import { REQUESTS } from '../../preload/contract.js';
import { toErrorInfo } from './errors.js';
import { createService, type MediaRequest, type Opener } from './service/service.js';
import type { ByteRange } from './service/range.js';

export type { ByteRange } from './service/range.js';
export type { Opener } from './service/service.js';

/** The head of one media answer; the bytes follow through `read`, so the consumer sets the pace. */
export interface MediaHead {
  /** 0 for a 416, which has no bytes */
  stream: number;
  status: 200 | 206 | 416;
  size: number;
  range: ByteRange | null;
  contentType: string;
  inline: boolean;
  length: number;
}

/** Every call the worker answers: the requests of the contract, plus media streaming. */
export type WorkerCalls = { [K in RequestName]: Requests[K] } & {
  media: [MediaRequest, MediaHead];
  read: [{ stream: number }, { chunk: Uint8Array | null }];
  cancel: [{ stream: number }, boolean];
};
export type WorkerMethod = keyof WorkerCalls;

export type WorkerRequest = { [M in WorkerMethod]: { id: number; method: M; request: WorkerCalls[M][0] } }[WorkerMethod];
export type WorkerMessage =
  | { id: number; result: Result<unknown> }
  | { event: 'progress'; progress: OpenProgress };

/** The two ends the worker speaks through: worker_threads' parentPort, or a MessagePort. */
export interface Port {
  postMessage(message: WorkerMessage, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export interface ServeOptions {
  cacheDir?: string | null;
}

const isRequest = (method: unknown): method is RequestName => typeof method === 'string' && Object.hasOwn(REQUESTS, method);

/** Answers every message that arrives on the port; archives stay in this thread and only Results leave it. */
export function serveArchives(port: Port, opener: Opener | Promise<Opener>, options: ServeOptions = {}): void {
  const service = createService({
    opener,
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
    onProgress: (progress) => port.postMessage({ event: 'progress', progress }),
  });
  const streams = new Map<number, { chunks: AsyncIterator<Buffer>; destroy(): void }>();
  let nextStream = 1;

  const endStream = (id: number) => {
    const entry = streams.get(id);
    if (!entry) return false;
    streams.delete(id);
    entry.destroy();
    return true;
  };

  async function media(request: MediaRequest): Promise<Result<MediaHead>> {
    const answer = await service.media(request);
    if (!answer.ok) return answer;
    const { stream: bytes, ...head } = answer.value;
    if (head.status === 416) return { ok: true, value: { ...head, stream: 0 } };
    const stream = nextStream++;
    // A damaged entry errors its stream; the error reaches the reader through read(), never the thread's top level.
    bytes.on('error', () => undefined);
    streams.set(stream, { chunks: bytes[Symbol.asyncIterator](), destroy: () => bytes.destroy() });
    return { ok: true, value: { ...head, stream } };
  }

  async function read(stream: number): Promise<Result<{ chunk: Uint8Array | null }>> {
    const entry = streams.get(stream);
    if (!entry) return { ok: true, value: { chunk: null } };
    const next = await entry.chunks.next();
    if (next.done) {
      endStream(stream);
      return { ok: true, value: { chunk: null } };
    }
    // A copy, so transferring it never detaches a buffer the stream still pools.
    return { ok: true, value: { chunk: new Uint8Array(next.value as Buffer) } };
  }

  function answer(method: unknown, request: unknown): Promise<Result<unknown>> {
    const r = (request ?? {}) as Record<string, unknown>;
    if (isRequest(method)) return service.request(method, request);
    if (method === 'media') return media(r as unknown as MediaRequest);
    if (method === 'read') return read(Number(r.stream));
    if (method === 'cancel') return Promise.resolve({ ok: true, value: endStream(Number(r.stream)) });
    return Promise.resolve({ ok: false, code: 'bad-request', message: `Unknown worker method "${String(method).slice(0, 40)}".` });
  }

  port.on('message', (message: unknown) => {
    const m = message as Partial<WorkerRequest> | null;
    if (!m || typeof m.id !== 'number') return;
    const id = m.id;
    Promise.resolve()
      .then(() => answer(m.method, m.request))
      .catch((error: unknown): Result<never> => ({ ok: false, ...toErrorInfo(error) }))
      .then((result) => {
        const chunk = result.ok && m.method === 'read' ? (result.value as { chunk: Uint8Array | null }).chunk : null;
        try {
          port.postMessage({ id, result }, chunk ? [chunk.buffer as ArrayBuffer] : []);
        } catch (error) {
          // A value that cannot be cloned is a bug to report, not a reason for the thread to die.
          port.postMessage({ id, result: { ok: false, ...toErrorInfo(error) } });
        }
      });
  });
}

// The thread entry: only when started by the desktop's archive-host (workerData says so), never on import.
if (!isMainThread && parentPort && (workerData as { outboxWorker?: boolean } | null)?.outboxWorker) {
  const port = parentPort;
  const { cacheDir } = workerData as { cacheDir?: string | null };
  // Loaded lazily so tests can run serveArchives over a MessageChannel with the engine they choose.
  serveArchives(port, import('./open.js'), cacheDir === undefined ? {} : { cacheDir });
}
