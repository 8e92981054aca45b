// Whole processes as a person runs them: wall time from spawn, the first stdout line, and the process's own peak RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './child.js';

/**
 * Node cannot read a child's rusage, so each measured process records its own: this module, preloaded with --import,
 * writes process.resourceUsage().maxRSS (KiB) to $OUTBOX_BENCH_RSS on exit. It costs the process well under a
 * millisecond (a data: module with one listener) and changes nothing else about it.
 */
const RSS_HOOK =
  'data:text/javascript,import{writeFileSync}from"node:fs";' +
  'process.on("exit",()=>{const f=process.env.OUTBOX_BENCH_RSS;if(f)writeFileSync(f,String(process.resourceUsage().maxRSS))})';

export interface ProcessResult {
  /** spawn → exit, ms */
  ms: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** the process's own peak RSS, MB (null when it died without running its exit listeners) */
  peakRssMb: number | null;
  /** stdout, when kept */
  stdout: string;
  stdoutBytes: number;
  stderr: string;
}

export interface Launched {
  child: ChildProcess;
  /** performance.now() just before spawn */
  startedAt: number;
  /** the first stdout line and when it arrived (ms since spawn) */
  firstLine: Promise<{ line: string; ms: number }>;
  /** resolves at exit */
  done: Promise<ProcessResult>;
  /** SIGTERM (a serve stops cleanly and its exit listener runs), then the result */
  stop(): Promise<ProcessResult>;
}

let counter = 0;

/** Starts `node <args>` with the RSS hook. `keepStdout`: keep stdout's text in the result (else only its size). */
export function launchNode(args: string[], options: { env?: Record<string, string>; keepStdout?: boolean } = {}): Launched {
  const rssFile = join(tmpdir(), `outbox-bench-rss-${process.pid}-${++counter}`);
  rmSync(rssFile, { force: true });
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--import', RSS_HOOK, ...args], {
    env: { ...process.env, ...options.env, OUTBOX_BENCH_RSS: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stdoutBytes = 0;
  let stderr = '';
  let pending = '';
  let lineSeen = false;
  let resolveLine!: (value: { line: string; ms: number }) => void;
  let rejectLine!: (error: Error) => void;
  const firstLine = new Promise<{ line: string; ms: number }>((resolve, reject) => {
    resolveLine = resolve;
    rejectLine = reject;
  });
  firstLine.catch(() => undefined); // a caller that never asks for it must not see an unhandled rejection
  child.stdout!.on('data', (chunk: Buffer) => {
    stdoutBytes += chunk.length;
    if (options.keepStdout) stdout += chunk.toString('utf8');
    if (lineSeen) return;
    const at = chunk.indexOf(10);
    if (at < 0) {
      pending += chunk.toString('utf8');
      return;
    }
    lineSeen = true;
    resolveLine({ line: pending + chunk.subarray(0, at).toString('utf8'), ms: performance.now() - startedAt });
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString('utf8');
  });
  const done = new Promise<ProcessResult>((resolve, reject) => {
    let exitMs = 0;
    child.once('error', reject);
    // The time is taken at exit; the result waits for 'close', when stdout's last buffered bytes have been read.
    child.once('exit', () => (exitMs = performance.now() - startedAt));
    child.once('close', (code, signal) => {
      if (!lineSeen) rejectLine(new Error(`node ${args.join(' ')} printed no line (exit ${code ?? signal}): ${stderr.slice(-500)}`));
      let peakRssMb: number | null = null;
      if (existsSync(rssFile)) {
        peakRssMb = round(Number(readFileSync(rssFile, 'utf8')) / 1024);
        rmSync(rssFile, { force: true });
      }
      resolve({ ms: round(exitMs || performance.now() - startedAt), code, signal, peakRssMb, stdout, stdoutBytes, stderr });
    });
  });
  return {
    child, startedAt, firstLine, done,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return done;
    },
  };
}

/** Runs `node <args>` to its end; a non-zero exit is an error naming the command and its stderr. */
export async function runNode(args: string[], options: { env?: Record<string, string>; keepStdout?: boolean } = {}): Promise<ProcessResult> {
  const result = await launchNode(args, options).done;
  if (result.code !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.code ?? result.signal}: ${result.stderr.trim().slice(-300)}`);
  return result;
}

/** The repository root, from this module's place: test/bench (the sources) or dist/bench (the bundle). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The built `outbox` command, as a person runs it after `npm install`. */
export const cliPath = join(repoRoot, 'dist', 'cli', 'outbox.js');
