// The shape of a benchmark suite: child tasks plus a parent-side measure() that runs them and judges targets.
import type { Truth } from '../fixtures/generate-posts.js';
import type { ChildResult, Figures, Task } from './child.js';

/** One generated archive the suites measure. */
export interface BenchArchive {
  /** items in the archive */
  size: number;
  zip: string;
  zipBytes: number;
  outboxBytes: number;
  truth: Truth;
}

export interface SuiteContext {
  archive: BenchArchive;
  /** a temp folder of this run (removed at the end) */
  tmp: string;
  /** run one task of any suite in a fresh process */
  child(task: string, args: Record<string, unknown>): Promise<ChildResult>;
  /** rows measured so far for this archive, by row name (the floor is `floor`) */
  rows: Map<string, Figures>;
  /** how many times to repeat each measurement (suites report the median ms and the highest peak RSS) */
  repeat: number;
}

export interface Target {
  label: string;
  /** null when it could not be judged (a measurement failed) */
  ok: boolean | null;
  detail: string;
}

export interface Row {
  name: string;
  figures: Figures;
}

export interface SuiteResult {
  rows: Row[];
  targets: Target[];
}

export interface Suite {
  name: string;
  /** what this suite runs in children, by task name (names are global: prefix them with the suite's) */
  tasks: Record<string, Task>;
  measure(ctx: SuiteContext): Promise<SuiteResult>;
}

/** Folds repeated runs of one measurement: median ms, highest peak RSS, the median run's other figures. */
export function medianRun(runs: ChildResult[]): Figures {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const figures: Figures = { ...median, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
  if (runs.length > 1) Object.assign(figures, { runs: runs.length, minMs: sorted[0]!.ms, maxMs: sorted[sorted.length - 1]!.ms });
  return figures;
}

/** A failed measurement as a row, so one broken suite does not hide the others' figures. */
export function failedRow(name: string, error: unknown): Row {
  return { name, figures: { error: String((error as Error)?.message ?? error).split('\n')[0]!.slice(0, 200) } };
}
