// Posting streaks: runs of consecutive local calendar days with at least one post.
import type { StatsStreak } from '../../../preload/contract.js';

/** first and last day of the run, "YYYY-MM-DD" in the stats' time zone */
export type Streak = StatsStreak;

const dayNumber = (day: string): number =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/** The longest run (the earliest one on a tie) and the latest run (the one ending on the last day with a post). */
export function streaks(days: Iterable<string>): { longest: Streak | null; latest: Streak | null } {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 0) return { longest: null, latest: null };
  const numbers = sorted.map(dayNumber); // once per day, not twice per comparison
  let longest: Streak | null = null;
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && numbers[i] === numbers[i - 1]! + 1) continue;
    const run = { days: i - start, from: sorted[start]!, to: sorted[i - 1]! };
    if (!longest || run.days > longest.days) longest = run;
    if (i === sorted.length) return { longest, latest: run };
    start = i;
  }
  return { longest, latest: longest };
}
