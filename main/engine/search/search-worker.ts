// The search build's worker thread (dist/engine/search-worker.js): a SearchInput in, the serialized index out.
// A cold open hands the build to the second core while its own thread writes the cache's post records.
import { parentPort } from 'node:worker_threads';
import { buildSearchDataFrom, type SearchInput } from './build.js';
import { serializeData } from './codec.js';

/** The one message the thread answers: the bytes of the index, or why it could not build them. */
export type SearchWorkerReply = { bytes: Uint8Array } | { error: string };

parentPort?.once('message', (input: SearchInput) => {
  let reply: SearchWorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const built = serializeData(buildSearchDataFrom(input));
    // Transfer, not copy: but only a buffer of its own (a small Buffer may be a slice of Node's shared pool).
    const bytes = built.byteOffset === 0 && built.byteLength === built.buffer.byteLength ? built : new Uint8Array(built);
    reply = { bytes };
    transfer = [bytes.buffer as ArrayBuffer];
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply, transfer);
});
