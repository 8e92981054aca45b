// The progress bar on stderr while an archive opens: drawn only on a terminal, cleared when done.
import type { OpenProgress } from '../../preload/contract.js';
import { writeControl } from './terminal.js';

const WIDTH = 24;
const EVERY_MS = 100;

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

export interface ProgressBar {
  update(progress: OpenProgress): void;
  /** Erases the bar (call before printing anything else, and at the end). */
  clear(): void;
}

/** A bar for this stream, or one that draws nothing when the stream is not a terminal (pipes, files, CI logs). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update() {}, clear() {} };
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < EVERY_MS && p.phase !== 'done') return;
      last = now;
      const share = p.phase === 'done' ? 1 : p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
      const filled = Math.round(share * WIDTH);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
      const bytes = p.bytesTotal === 0 && p.bytesRead === 0 ? '' : p.bytesTotal > 0 ? `${mb(p.bytesRead)}/${mb(p.bytesTotal)} MB` : `${mb(p.bytesRead)} MB`;
      const line = `${p.phase.padEnd(8)} ${bar} ${bytes}  ${p.items.toLocaleString('en')} items`;
      writeControl(stream, `\r\x1b[K${line.slice(0, Math.max(20, (stream.columns || 80) - 1))}`);
      drawn = true;
    },
    clear() {
      if (drawn) writeControl(stream, '\r\x1b[K');
      drawn = false;
    },
  };
}
