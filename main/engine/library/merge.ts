// One history from several exports: which export's copy of a post is shown, and every archive's posts as one stream.
import { promises as fs } from 'node:fs';
import type { Post, PostFilter } from '../../../preload/contract.js';
import type { Archive } from '../archive.js';

/** A post of the library and the archive (ArchiveInfo.id) whose copy it is. */
export interface LibraryPost {
  post: Post;
  archive: string;
}

const time = (iso: string | null): number => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
};

/**
 * Archive indexes, newest export first. "Newer" = the export whose newest item is later (an export holds
 * everything up to the day it was taken); on a tie, the file (or folder) modified later; then the one given later.
 */
export async function exportPrecedence(archives: readonly Archive[], paths: readonly string[]): Promise<number[]> {
  const mtimes = await Promise.all(archives.map((_, i) => (paths[i] ? fs.stat(paths[i]).then((s) => s.mtimeMs, () => 0) : 0)));
  return archives
    .map((a, i) => ({ i, last: time(a.summary().dates.last), mtime: mtimes[i]! }))
    .sort((a, b) => b.last - a.last || b.mtime - a.mtime || b.i - a.i)
    .map((x) => x.i);
}

/**
 * For each archive, the ids of its posts that a newer export also holds: those copies are hidden, so a status
 * in two exports appears once and the newer export's edits win. Reads every post id once (only with 2+ archives).
 */
export function hiddenCopies(archives: readonly Archive[], precedence: readonly number[]): Array<Set<string>> {
  const hidden = archives.map(() => new Set<string>());
  if (archives.length < 2) return hidden;
  const claimed = new Set<string>();
  for (const i of precedence) {
    const own: string[] = [];
    for (const post of archives[i]!.posts()) {
      if (claimed.has(post.id)) hidden[i]!.add(post.id);
      else own.push(post.id);
    }
    for (const id of own) claimed.add(id);
  }
  return hidden;
}

/**
 * Every shown post matching the filter, oldest first: the archives' streams merged by publication time (ties: the
 * archive given first). One archive gives exactly its own order.
 */
export function* mergedPosts(archives: readonly Archive[], hidden: ReadonlyArray<Set<string>>, filter?: PostFilter): Generator<LibraryPost> {
  const streams = archives.map((a, i) => {
    const it = a.posts(filter)[Symbol.iterator]();
    const skip = hidden[i]!;
    const next = (): Post | null => {
      for (let r = it.next(); !r.done; r = it.next()) if (!skip.has(r.value.id)) return r.value;
      return null;
    };
    return { archive: a.info.id, next, head: next() };
  });
  const live = streams.filter((s) => s.head !== null);
  if (live.length === 1) {
    const only = live[0]!;
    for (let p = only.head; p !== null; p = only.next()) yield { post: p, archive: only.archive };
    return;
  }
  const times = live.map((s) => time(s.head!.published));
  for (;;) {
    let pick = -1;
    for (let k = 0; k < live.length; k++) if (live[k]!.head && (pick < 0 || times[k]! < times[pick]!)) pick = k;
    if (pick < 0) return;
    const s = live[pick]!;
    yield { post: s.head!, archive: s.archive };
    s.head = s.next();
    times[pick] = s.head ? time(s.head.published) : Infinity;
  }
}
