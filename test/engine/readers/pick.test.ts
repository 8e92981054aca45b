// Opening picks a reader by content: ActivityPub first, then the other readers; none → today's clear errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../main/engine/open.js';
import { activityPubReader } from '../../../main/engine/readers/activitypub.js';
import { pickReader } from '../../../main/engine/readers/pick.js';
import type { Reader } from '../../../main/engine/readers/reader.js';
import { openSource } from '../../../main/engine/source/open-source.js';
import { hostile } from '../../fixtures/hostile.js';
import { SAMPLES } from '../../samples.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-pick-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sample = join(SAMPLES, 'mastodon-3.5-mas.to');

/** A reader that claims any source holding `notes.json`, the way a second kind of export would plug in. */
const notesReader: Reader = {
  name: 'test notes',
  async detect(source) {
    if (!source.entries.has('notes.json')) return null;
    return { main: 'notes.json', read: async () => { throw new Error('not read in this test'); } };
  },
};

describe('pickReader', () => {
  it('the ActivityPub reader takes an outbox archive and reads it whole', async () => {
    const source = await openSource(sample);
    try {
      const plan = await pickReader(source);
      expect(plan.reader).toBe('activitypub outbox');
      expect(plan.main).toBe('outbox.json');
      const read = await plan.read(() => undefined);
      expect(read.source).toBe('mastodon');
      expect(read.posts.length).toBeGreaterThan(0);
      expect(read.profile.present).toBe(true);
    } finally {
      await source.close();
    }
  });

  it('ActivityPub is asked first: an outbox archive never reaches a later reader', async () => {
    const source = await openSource(sample);
    const asked: string[] = [];
    const spy: Reader = { name: 'spy', detect: async () => { asked.push('spy'); return null; } };
    try {
      expect((await pickReader(source, [activityPubReader, spy])).reader).toBe('activitypub outbox');
      expect(asked).toEqual([]);
    } finally {
      await source.close();
    }
  });

  it('with no outbox.json a later reader is asked; when none knows the source the error is no-outbox, naming it', async () => {
    const source = await openSource(hostile.noOutbox(tmp));
    try {
      await expect(pickReader(source, [activityPubReader, notesReader])).rejects.toMatchObject({ code: 'no-outbox' });
      await expect(pickReader(source)).rejects.toThrow(/holiday-photos\.zip has no outbox\.json/);
    } finally {
      await source.close();
    }
  });

  it('an encrypted outbox.json stays an encrypted error, not a search for another reader', async () => {
    const locked = await openSource(hostile.encrypted(tmp, true));
    const asked: string[] = [];
    const spy: Reader = { name: 'spy', detect: async () => { asked.push('spy'); return null; } };
    try {
      await expect(pickReader(locked, [activityPubReader, spy])).rejects.toMatchObject({ code: 'encrypted', file: 'outbox.json' });
      expect(asked).toEqual([]);
    } finally {
      await locked.close();
    }
  });

  it('openArchive reports the same no-outbox error as before the seam', async () => {
    await expect(openArchive(hostile.noOutbox(tmp))).rejects.toMatchObject({ code: 'no-outbox' });
  });
});
