// pickReader: the first reader that recognises a source, ActivityPub first; none → today's "has no outbox.json".
import { locateArchive } from '../source/layout.js';
import type { Source } from '../source/source.js';
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
