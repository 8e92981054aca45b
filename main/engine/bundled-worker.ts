// Where a worker thread's bundle is: beside the running bundle in dist/engine/, found the same way for every thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The bundle `dist/engine/<name>` beside the running bundle (dist/cli/… and dist/engine/… alike), or null when there
 * is none: run from the sources (vitest), or from a CommonJS bundle (no import.meta.url). The environment variable
 * `env` names another file (tests), or `0` for none. Without a file, each caller does the thread's work itself.
 */
export function bundledWorker(name: string, env: string): string | null {
  const named = process.env[env];
  if (named === '0') return null;
  if (named) return existsSync(named) ? named : null;
  const here = typeof import.meta.url === 'string' ? import.meta.url : '';
  if (!here.startsWith('file:') || here.endsWith('.ts')) return null;
  const file = fileURLToPath(new URL(`../engine/${name}`, here));
  return existsSync(file) ? file : null;
}
