// One measurement per fresh Node process, so peak RSS (maxRSS) belongs to that measurement alone.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Figures a task reports: numbers for the table, strings/booleans for context. */
export type Figures = Record<string, number | string | boolean | null>;

/** Work done inside a child. It returns its own figures; the harness adds ms of the whole task and peak RSS. */
export type Task = (args: Record<string, unknown>) => Promise<Figures>;

export interface ChildResult extends Figures {
  /** wall time of the task inside the child (after module loading) */
  ms: number;
  /** process.resourceUsage().maxRSS at the end, in MB */
  peakRssMb: number;
}

const MARK = '@@bench-result@@';

/** The bench bundle itself is the child script: `bench.js --child <task> <json args>`. */
export function runChild(task: string, args: Record<string, unknown>, script = fileURLToPath(import.meta.url)): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script, '--child', task, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => { out += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      if (code !== 0 || !line) reject(new Error(`bench task ${task} failed (exit ${code}): ${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(MARK.length)) as ChildResult);
    });
  });
}

/** Child side: run one task, print its figures on one marked line. Never exits early, so pending writes finish. */
export async function childMain(tasks: Record<string, Task>, name: string, json: string): Promise<void> {
  const task = tasks[name];
  if (!task) throw new Error(`unknown bench task ${name} (known: ${Object.keys(tasks).join(', ')})`);
  const args = JSON.parse(json) as Record<string, unknown>;
  const t0 = performance.now();
  const figures = await task(args);
  const ms = performance.now() - t0;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  // A task may report its own `ms` (e.g. open only, without close): it wins over the harness's.
  process.stdout.write(`${MARK}${JSON.stringify({ ms: round(ms), ...figures, peakRssMb: round(peakRssMb) })}\n`);
}

export const round = (x: number): number => Math.round(x * 100) / 100;
