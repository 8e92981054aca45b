// `outbox [archive]`: start the desktop app with the installed Electron binary, or say why not.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { desktopMain, packageRoot } from './paths.js';

export const NO_ELECTRON =
  'Outbox: the Electron binary is not installed (its download was skipped or failed); run `npm install electron` ' +
  'with network access to get it. Starting browser mode instead.';

export const NO_DESKTOP_BUILD =
  'Outbox: the desktop app is not built (dist/desktop/main.cjs is missing); run `npm run build`. Starting browser mode instead.';

/**
 * The Electron executable, found the way the electron package does (path.txt beside it) but WITHOUT requiring
 * its index.js: that one starts a download from the network when the binary is missing.
 */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    const require = createRequire(join(packageRoot, 'package.json'));
    const dir = dirname(require.resolve('electron/package.json'));
    const override = env.ELECTRON_OVERRIDE_DIST_PATH;
    const pathFile = join(dir, 'path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
    const binary = override ? join(override, relative || 'electron') : relative ? join(dir, 'dist', relative) : null;
    return binary && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Why the desktop app cannot start here (one line for stderr), or null when it can. */
export function desktopUnavailable(env: NodeJS.ProcessEnv = process.env): string | null {
  if (!electronBinary(env)) return NO_ELECTRON;
  if (!existsSync(desktopMain)) return NO_DESKTOP_BUILD;
  return null;
}

/** Runs the desktop app until it quits; resolves with its exit code. */
export function launchDesktop(archivePath: string | null, noCache: boolean): Promise<number> {
  const binary = electronBinary()!;
  const args = [packageRoot];
  if (noCache) args.push('--no-cache');
  if (archivePath !== null) args.push(resolve(archivePath));
  // With ELECTRON_RUN_AS_NODE set, the binary would run as plain Node and ignore the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, args, { stdio: 'inherit', env });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}
