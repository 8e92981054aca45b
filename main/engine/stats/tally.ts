// Counting helpers shared by the stats figures: a counter, its top-N list, and a sorted-key record.

export class Tally {
  private readonly counts = new Map<string, number>();

  /** A tally of stored [key, count] entries (see entries()). */
  static of(entries: ReadonlyArray<readonly [string, number]>): Tally {
    const t = new Tally();
    for (const [key, n] of entries) t.add(key, n);
    return t;
  }

  /** Every [key, count], to store. */
  entries(): Array<[string, number]> {
    return [...this.counts];
  }

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  /** The `n` biggest, biggest first; ties by key so the output is stable across runs. */
  top(n: number): Array<[string, number]> {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, n);
  }

  /** Every key, in key order. */
  record(): Record<string, number> {
    return sortedRecord(this.counts);
  }
}

export function sortedRecord<T>(map: Map<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)!;
  return out;
}

/** share of part in whole, rounded to 4 decimals; null when whole is 0 (nothing to share). */
export const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
