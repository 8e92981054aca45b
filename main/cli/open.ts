// Opening the archive a command names (or the demo), with the terminal progress bar and --no-cache.
import type { Archive, OpenOptions } from '../engine/archive.js';
import { openArchive, openDemo } from '../engine/open.js';
import { progressBar } from './progress-bar.js';

export interface CliOpenOptions {
  noCache: boolean;
  /** also told about progress (browser mode forwards it to /api/progress) */
  onProgress?: OpenOptions['onProgress'];
}

/** Opens `path`, or the demo archive when path is null. Throws ArchiveError for an unusable archive. */
export async function openForCli(path: string | null, options: CliOpenOptions): Promise<Archive> {
  const bar = progressBar();
  const open: OpenOptions = {
    onProgress: (p) => {
      bar.update(p);
      options.onProgress?.(p);
    },
  };
  if (options.noCache) open.cacheDir = null;
  try {
    return path === null ? await openDemo(open) : await openArchive(path, open);
  } finally {
    bar.clear();
  }
}
