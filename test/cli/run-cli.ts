// Runs the built `outbox` command as a user does (node dist/cli/outbox.js …) and collects what it printed.
import { spawn } from 'node:child_process';
import { SAMPLES } from '../samples.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const cliPath = join(root, 'dist', 'cli', 'outbox.js');
export const sample = join(SAMPLES, 'mastodon-3.5-mas.to');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`node test/build.mjs\` first (npm test does).`);
}

/** Runs `outbox …args`; the cache goes to `cacheDir` (tests never touch the user's cache). */
export function runCli(args: string[], options: { cacheDir?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  if (options.cacheDir) env.OUTBOX_CACHE_DIR = options.cacheDir;
  delete env.OUTBOX_DEBUG;
  const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => err.push(d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}
