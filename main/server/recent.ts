// Browser mode's recent archives: a small JSON list in the cache folder (memory only when the cache is off).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { RecentArchive } from '../../preload/contract.js';

export const RECENT_MAX = 10;

export class RecentList {
  private items: RecentArchive[];

  /** file: `recent.json` in the cache folder, or null to keep the list for this run only */
  constructor(private readonly file: string | null) {
    this.items = file ? RecentList.load(file) : [];
  }

  list(): RecentArchive[] {
    return [...this.items];
  }

  /** Moves the archive to the front (name: what the reader knows it as, e.g. the uploaded file's own name). */
  add(path: string, name = basename(path), now = new Date()): void {
    this.items = [{ path, name, openedAt: now.toISOString() }, ...this.items.filter((r) => r.path !== path)].slice(0, RECENT_MAX);
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      writeFileSync(this.file, `${JSON.stringify(this.items, null, 2)}\n`, { mode: 0o600 });
    } catch {
      // A read-only cache folder only costs the list its next start.
    }
  }

  private static load(file: string): RecentArchive[] {
    try {
      const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!Array.isArray(json)) return [];
      return json
        .filter((r): r is RecentArchive => !!r && typeof r.path === 'string' && typeof r.name === 'string' && typeof r.openedAt === 'string')
        .slice(0, RECENT_MAX);
    } catch {
      return [];
    }
  }
}
