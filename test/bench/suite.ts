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
  /**
   * One round only above 20k items (a round takes minutes): the export suite, the 1M open. The others are repeated
   * 3 times at every size: one sample of a whole process on a 2-core machine swings by ±15%, as much as a target's
   * margin, so a target judged on one run could pass or fail by chance.
   */
  heavy?: boolean;
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

/** row[key] / floor[key], or null when either is missing. */
export function ratio(row: Figures | undefined, floor: Figures | undefined, key = 'ms'): number | null {
  const a = row?.[key];
  const b = floor?.[key];
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null;
}

/** value ≤ limit, or "not measured" when value is null. */
export function target(label: string, value: number | null, limit: number | null, unit: string): Target {
  return value === null || limit === null
    ? { label, ok: null, detail: 'not measured' }
    : { label, ok: value <= limit, detail: `${value}${unit} (target ≤ ${Math.round(limit * 100) / 100}${unit})` };
}

/**
 * Runs named measurements `repeat` times, interleaved (a burst of load on a shared machine touches each alike), and
 * folds each into a row with medianRun; a measurement that throws becomes a failed row. `ctx.rows` gets every row.
 */
export async function measureInterleaved(
  ctx: SuiteContext,
  names: string[],
  once: (round: number, measure: (name: string, run: () => Promise<ChildResult>) => Promise<void>) => Promise<void>,
): Promise<Row[]> {
  const runs = new Map<string, ChildResult[]>(names.map((n) => [n, []]));
  const failures = new Map<string, unknown>();
  const measure = async (name: string, run: () => Promise<ChildResult>) => {
    try {
      runs.get(name)!.push(await run());
    } catch (error) {
      failures.set(name, error);
    }
  };
  for (let r = 0; r < ctx.repeat; r++) await once(r, measure);
  return names.map((name) => {
    const list = runs.get(name)!;
    if (!list.length) return failedRow(name, failures.get(name) ?? 'not run');
    const figures = medianRun(list);
    ctx.rows.set(name, figures);
    return { name, figures };
  });
}
