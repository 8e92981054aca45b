// pickReader: the first reader that recognises a source, ActivityPub first; none → today's "has no outbox.json".
import { locateArchive } from '../source/layout.js';
import { openSource } from '../source/open-source.js';
import type { Source, SourceLimits } from '../source/source.js';
import { activityPubReader } from './activitypub.js';
import type { ReadPlan, Reader } from './reader.js';
import { OTHER_READERS } from './registry.js';

export async function pickReader(source: Source, readers: readonly Reader[] = [activityPubReader, ...OTHER_READERS]):
Promise<ReadPlan & { reader: string }> {
  for (const reader of readers) {
    const plan = await reader.detect(source);
    if (plan) return Object.assign(plan, { reader: reader.name });
  }
  // Nothing recognised it: the ActivityPub layout's own error says what the person opened and what to open instead.
  locateArchive(source);
  throw new Error(`no reader recognises ${source.location}`); // unreachable: locateArchive threw above
}

/** Whether some reader recognises a source (a single exported file, when openSource asks). */
export async function recognised(source: Source, readers: readonly Reader[] = [activityPubReader, ...OTHER_READERS]): Promise<boolean> {
  for (const reader of readers) if (await reader.detect(source)) return true;
  return false;
}

/**
 * openSource for what a person opens: a container, or one exported file on its own (a Bluesky .car, a Misskey
 * notes .json) that a reader recognises by content; anything else gets the "not a zip, a tar.gz or a folder" message.
 */
export function openExport(path: string, limits?: Partial<SourceLimits>): Promise<Source> {
  return openSource(path, limits, { acceptFile: (file) => recognised(file) });
}
