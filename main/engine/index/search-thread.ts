// The cold open's search built on a worker thread (the machine's second core), with the thread's own fallback:
// when no worker can run, or it fails, the caller builds on its own thread, as before.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bundledWorker } from '../bundled-worker.js';
import type { SearchInput } from '../search/build.js';
import type { RecordsDone, RecordsReply, SearchWorkerReply } from '../search/search-worker.js';

/** What a thread fed post records sends once they are all in, before the search (see search-worker.ts). */
export type RecordsEarly = Omit<RecordsDone, 'kind'>;
/** What a thread fed post records answers in all: that, and the search's bytes with their sha256. */
export type RecordsAnswer = RecordsEarly & Exclude<RecordsReply, { error: string }>;

/** A search build started on a worker thread: spawned early (it boots while the archive is read), fed once. */
export interface SearchThread {
  /** The serialized index of `input`, or null when the thread failed (`why` says how). */
  build(input: SearchInput): Promise<Buffer | null>;
  /** why the last build() answered null */
  readonly why: string | null;
  /**
   * Instead of build(): post records (JSON, archive order, record k ending at ends[k]) as a cold open reads them,
   * moved to the thread (`bytes` must be a whole buffer of its own: it is transferred, and comes back in the answer's
   * parts), which parses each once for the search, the stats tally and the records' run sums.
   * False when the thread has stopped (the caller then does that work itself).
   */
  records(bytes: Uint8Array, ends: Uint32Array, run: number): boolean;
  /**
   * The records are all sent: the thread's answer, or null when it failed (`why` says how). Before it, `onEarly`
   * gets all of it but the search (the index tables, run sums, tally, records, ids block) as soon as the thread has
   * it, while the thread still builds the search (not when it failed to read a record).
   */
  endRecords(onEarly?: (early: RecordsEarly) => void): Promise<RecordsAnswer | null>;
  /** stops the thread (the search was built another way, or the archive was closed) */
  stop(): void;
}

/**
 * The worker's bundle, dist/engine/search-worker.js, beside the running bundle (dist/cli/… and dist/engine/… alike).
 * OUTBOX_SEARCH_WORKER names another file, or `0` for none (tests of both paths); from the sources (vitest) there is
 * none unless named: a dist/ built from other sources would build another index.
 */
export function searchWorkerFile(): string | null {
  return bundledWorker('search-worker.js', 'OUTBOX_SEARCH_WORKER');
}

/** A thread for one build, or null when there is no worker file to run. */
export function startSearchThread(file: string | null = searchWorkerFile()): SearchThread | null {
  // One core: the thread would only take turns with this one, and hold a second copy of the texts meanwhile.
  if (!file || availableParallelism() < 2) return null;
  let worker: Worker;
  try {
    // V8's default young generation: 48 or 96 MB (resourceLimits) cost the build as much or more CPU here.
    worker = new Worker(file);
  } catch {
    return null;
  }
  worker.unref(); // never what keeps a process alive: a command that is done exits
  let why: string | null = null;
  let ended = false;
  const ending = new Promise<string>((resolve) => {
    worker.once('error', (error) => resolve(`it failed: ${error.message}`));
    worker.once('exit', (code) => resolve(`it stopped (exit code ${code})`));
  });
  ending.then(() => {
    ended = true;
  });
  return {
    get why() {
      return why;
    },
    async build(input) {
      if (ended) {
        why = 'it had stopped';
        return null;
      }
      const reply = new Promise<SearchWorkerReply>((resolve) => worker.once('message', resolve));
      try {
        const transfer = [input.textEnd, input.tagEnd, input.nameEnd, input.seq, input.published, input.flags, input.visibility, input.lang]
          .map((a) => a.buffer as ArrayBuffer);
        worker.postMessage(input, transfer);
      } catch (error) {
        why = `the posts could not be sent to it: ${(error as Error).message}`;
        void worker.terminate();
        return null;
      }
      const got = await Promise.race([reply, ending.then((message): SearchWorkerReply => ({ error: message }))]);
      void worker.terminate();
      if ('error' in got) {
        why = got.error;
        return null;
      }
      return Buffer.from(got.bytes.buffer, got.bytes.byteOffset, got.bytes.byteLength);
    },
    records(bytes, ends, run) {
      if (ended) return false;
      try {
        worker.postMessage({ kind: 'records', bytes, ends, run }, [bytes.buffer as ArrayBuffer]);
        return true;
      } catch (error) {
        why = `the post records could not be sent to it: ${(error as Error).message}`;
        void worker.terminate();
        return false;
      }
    },
    async endRecords(onEarly) {
      if (ended) {
        why ??= 'it had stopped';
        return null;
      }
      let early: RecordsEarly | null = null;
      const reply = new Promise<RecordsReply>((resolve) => {
        const take = (message: RecordsReply | RecordsDone) => {
          if ('kind' in message && message.kind === 'records-done') {
            const { kind: _, ...rest } = message;
            early = rest;
            onEarly?.(rest);
            return;
          }
          worker.off('message', take);
          resolve(message as RecordsReply);
        };
        worker.on('message', take);
      });
      worker.postMessage({ kind: 'end' });
      const got = await Promise.race([reply, ending.then((message): RecordsReply => ({ error: message }))]);
      void worker.terminate();
      if ('error' in got) {
        why = got.error;
        return null;
      }
      if (!early) {
        why = 'its answer came without the records';
        return null;
      }
      return { ...(early as RecordsEarly), ...got };
    },
    stop() {
      void worker.terminate();
    },
  };
}
