// Where the installed package's parts are, seen from the CLI (main/cli/*.ts and dist/cli/outbox.js alike).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package folder: both this source file and the bundle that holds it sit two folders below it. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built renderer browser mode serves. */
export const rendererDir = join(packageRoot, 'dist', 'renderer');

/** The Electron main bundle (package.json "main"). */
export const desktopMain = join(packageRoot, 'dist', 'desktop', 'main.cjs');

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
