// Writes one file per month while posts stream in oldest first, without holding more than one month in memory.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileWriter } from './file-writer.js';
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
  private readonly written = new Set<string>();

  /**
   * `writer`: the month files are written by its thread, after the files given to it before (this thread only joins
   * nothing and encodes: a site's months are ~115 MB at 100k posts). Without one, they are written here.
   */
  constructor(private readonly outDir: string, private readonly format: MonthFileFormat, private readonly writer?: FileWriter) {}

  /** Adds a post's text to its month; when the month changes, the last one is written (await the answer then). */
  add(month: string, text: string): Promise<void> | undefined {
    const flushing = month !== this.month ? this.flush() : undefined;
    this.month = month;
    this.buffer.push(text);
    this.counts.set(month, (this.counts.get(month) ?? 0) + 1);
    return flushing;
  }

  /** Writes the buffered month. An archive out of date order meets a month twice: the later posts are spliced in. */
  async flush(): Promise<void> {
    if (this.month === null || this.buffer.length === 0) return;
    const month = this.month;
    const parts = this.buffer;
    this.buffer = [];
    const file = join(this.outDir, this.format.name(month));
    const foot = this.format.foot(month);
    let before: string | null = null;
    if (this.written.has(month)) {
      await this.writer?.drain(); // read back only once it is on disk
      if (existsSync(file) && !lstatSync(file).isSymbolicLink()) before = readFileSync(file, 'utf8');
    }
    const text = before !== null && before.endsWith(foot)
      ? [before.slice(0, before.length - foot.length), ...parts, foot]
      : [this.format.head(month), ...parts, foot];
    this.written.add(month);
    if (this.writer) await this.writer.write(file, text);
    else writeOutFile(file, text.join(''));
  }

  /** Months written, in calendar order. */
  async months(): Promise<Array<[string, number]>> {
    await this.flush();
    return [...this.counts].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }
}
