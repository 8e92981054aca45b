// Writes one file per month while posts stream in oldest first, without holding more than one month in memory.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutFile } from './out-folder.js';

export interface MonthFileFormat {
  /** file name of a month, relative to the output folder */
  name(month: string): string;
  head(month: string): string;
  /** must be a marker that appears once, at the end: a month met again later is spliced in before it */
  foot(month: string): string;
}

export class MonthFiles {
  /** month → posts written, in the order months first appeared */
  readonly counts = new Map<string, number>();
  private month: string | null = null;
  private buffer: string[] = [];

  constructor(private readonly outDir: string, private readonly format: MonthFileFormat) {}

  add(month: string, text: string): void {
    if (month !== this.month) this.flush();
    this.month = month;
    this.buffer.push(text);
    this.counts.set(month, (this.counts.get(month) ?? 0) + 1);
  }

  /** Writes the buffered month. An archive out of date order meets a month twice: the later posts are spliced in. */
  flush(): void {
    if (this.month === null || this.buffer.length === 0) return;
    const file = join(this.outDir, this.format.name(this.month));
    const body = this.buffer.join('');
    const foot = this.format.foot(this.month);
    const before = this.written.has(this.month) && existsSync(file) && !lstatSync(file).isSymbolicLink() ? readFileSync(file, 'utf8') : null;
    const text = before !== null && before.endsWith(foot)
      ? before.slice(0, before.length - foot.length) + body + foot
      : this.format.head(this.month) + body + foot;
    writeOutFile(file, text);
    this.written.add(this.month);
    this.buffer = [];
  }

  private readonly written = new Set<string>();

  /** Months written, in calendar order. */
  months(): Array<[string, number]> {
    this.flush();
    return [...this.counts].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }
}
