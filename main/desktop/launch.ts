// Starting the desktop app from plain Node (the `outbox` CLI, `npm start`): find the Electron binary, spawn it.
// Never imports electron: in Node, require('electron') would try to download a missing binary.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Outbox's package.json (electron loads its "main": dist/desktop/main.cjs). */
export function appRoot(from = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'outbox') return dir;
      } catch {
        // an unreadable package.json is not ours; keep looking upward
      }
    }
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The Electron executable the electron package installed, or null when its download failed or was skipped.
 * Reads the package's path.txt as its index.js does, without index.js's fallback of downloading.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, executable || 'electron');
    return existsSync(binary) ? binary : null;
  }
  if (!executable) return null;
  const binary = join(packageDir, 'dist', executable);
  return existsSync(binary) ? binary : null;
}

/** The one line the CLI prints, before starting browser mode, when the desktop app cannot start. */
export function desktopProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  if (findElectronBinary(env) === null) {
    return 'Outbox: the Electron binary is not installed (its download failed or was skipped); ' +
      'run `npx install-electron` in the Outbox folder to get it. Starting browser mode instead.';
  }
  const root = appRoot();
  if (root === null || !existsSync(join(root, 'dist/desktop/main.cjs'))) {
    return 'Outbox: the desktop app is not built; run `npm run build` in the Outbox folder. Starting browser mode instead.';
  }
  return null;
}

export type Launch = { ok: true; child: ChildProcess } | { ok: false; message: string };

/**
 * Spawns the desktop app with the archive when given (else the welcome screen with the demo), stdio inherited.
 * When it cannot start, the message is the one line to print before falling back to browser mode.
 */
export function launchDesktop(archive?: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Launch {
  const env = { ...(options.env ?? process.env) };
  const problem = desktopProblem(env);
  if (problem !== null) return { ok: false, message: problem };
  const binary = findElectronBinary(env)!;
  // With this set, the binary would run as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const args = [appRoot()!];
  if (archive !== undefined) args.push(resolve(options.cwd ?? process.cwd(), archive));
  return { ok: true, child: spawn(binary, args, { stdio: 'inherit', env }) };
}
