// The real worker dispatch (serveArchives) and the real engine, on a MessageChannel inside the test process:
// the same messages the worker thread answers, without spawning one per test file.
import { join, resolve } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { build } from 'esbuild';
import type { MessagePort } from 'node:worker_threads';
import { ArchiveHost } from '../../main/desktop/archive-host.js';
import type { WorkerLike } from '../../main/desktop/archive-host.js';
import { serveArchives } from '../../main/engine/worker.js';
import type { Port } from '../../main/engine/worker.js';

export function engineHost(): { host: ArchiveHost; close(): void } {
  const { port1, port2 } = new MessageChannel();
  // cacheDir null: tests never write into the user's cache folder.
  serveArchives(port2 as unknown as Port, import('../../main/engine/open.js'), { cacheDir: null });
  const host = new ArchiveHost(port1 as unknown as WorkerLike);
  return {
    host,
    close: () => {
      (port1 as MessagePort).close();
    },
  };
}

/**
 * Bundles main/engine/worker.ts as the desktop runs it (one file, its own thread) into dir/worker.mjs, with its
 * dependencies inside so it runs from a temp folder.
 */
export async function buildWorker(dir: string): Promise<string> {
  const script = join(dir, 'worker.mjs');
  await build({
    entryPoints: [resolve(__dirname, '../../main/engine/worker.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: { js: "import { createRequire as __outboxRequire } from 'node:module'; const require = __outboxRequire(import.meta.url);" },
  });
  return script;
}
