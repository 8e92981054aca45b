// `outbox serve`: open the archive (or the demo), serve it on 127.0.0.1, print the address, run until a signal.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startServer } from '../server/server.js';
import { ArchiveError } from '../engine/errors.js';
import { openForCli } from './open.js';
import { rendererDir } from './paths.js';

export interface ServeOptions {
  port: number;
  open: boolean;
  noCache: boolean;
}

/** The system browser, best effort: a missing opener is not an error (the address is printed anyway). */
export function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]]
    : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]]
    : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser opener: the user has the printed address
  }
}

export async function serve(archivePath: string | null, options: ServeOptions): Promise<number> {
  const archive = await openForCli(archivePath, { noCache: options.noCache });
  let server;
  try {
    server = await startServer({ archives: [archive], port: options.port, rendererDir });
  } catch (error) {
    await archive.close();
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
      throw new ArchiveError('io', `Cannot listen on 127.0.0.1:${options.port} (${e.code}): choose another --port, or 0 for any free one.`);
    }
    throw error;
  }
  // The first line on stdout is the address: scripts and tests read it.
  process.stdout.write(`${server.url}\n`);
  if (options.open) openBrowser(server.url);

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await once(stop.signal, 'abort');
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  await server.close();
  await archive.close();
  return 0;
}
