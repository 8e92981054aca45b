// The recent archives: our own list in userData/recent.json (newest first, at most 10) mirrored to the OS list.
import { app } from 'electron';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const RECENT_MAX = 10;

export class RecentArchives {
  private paths: string[];

  /** file: where the list is kept (app.getPath('userData')/recent.json) */
  constructor(private readonly file: string) {
    this.paths = RecentArchives.load(file);
  }

  list(): readonly string[] {
    return this.paths;
  }

  /** Moves the path to the front of both lists. */
  add(path: string): void {
    this.paths = [path, ...this.paths.filter((p) => p !== path)].slice(0, RECENT_MAX);
    app.addRecentDocument(path);
    this.save();
  }

  clear(): void {
    this.paths = [];
    app.clearRecentDocuments();
    this.save();
  }

  private save(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify(this.paths, null, 2) + '\n');
    } catch {
      // A read-only profile only costs the list its next start; the OS list still has the entry.
    }
  }

  private static load(file: string): string[] {
    try {
      const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!Array.isArray(json)) return [];
      return json.filter((p): p is string => typeof p === 'string' && p.length > 0).slice(0, RECENT_MAX);
    } catch {
      return [];
    }
  }
}
