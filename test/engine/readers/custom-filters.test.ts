// Mastodon's filters export (custom_filters.json): read by content beside the CSV exports, given or found beside.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersFromText, isCustomFiltersFile, readCustomFilters } from '../../../main/engine/csv/custom-filters.js';
import { openLibrary, splitLibraryPaths } from '../../../main/engine/library/library.js';
import { peopleOf } from '../../../main/engine/library/people-view.js';
import { makeAccount, makePost, writeArchive } from '../../fixtures/archive-builder.js';
import { customFilters } from '../../fixtures/other-exports.js';
import { SAMPLES } from '../../samples.js';

const SAMPLE = join(SAMPLES, 'other', 'mastodon-filters', 'constructed-custom_filters.json');
const MASTODON = join(SAMPLES, 'mastodon-3.5-mas.to');
let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'outbox-filters-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('reading custom_filters.json', () => {
  it('reads the sample: warn, hide and blur filters, keywords, statuses', async () => {
    const { filters, notes } = await readCustomFilters(SAMPLE);
    expect(notes).toEqual([]);
    expect(filters.map((f) => [f.title, f.action])).toEqual([['Spoilers', 'warn'], ['Hide this thread', 'hide'], ['Blur food pics', 'blur']]);
    expect(filters[0]!.keywords).toEqual([{ keyword: 'season finale', wholeWord: true }, { keyword: '#spoiler', wholeWord: false }]);
    expect(filters[1]!.statuses).toEqual(['https://mastodon.example/users/alice/statuses/113456789012345678']);
    expect(filters[0]!.context).toEqual(['home', 'public', 'thread']);
  });

  it('reads both expiry spellings and shapes: ISO 8601, Rails UTC, and the early expire_at key', () => {
    const { filters } = filtersFromText(JSON.stringify({ custom_filters: [
      { title: 'a', expires_at: '2030-01-01T00:00:00.000Z' },
      { title: 'b', expires_at: '2030-01-02 03:04:05 UTC' },
      { title: 'c', expire_at: '2030-01-03T00:00:00Z' },
    ] }), 'f.json');
    expect(filters.map((f) => f.expiresAt)).toEqual(['2030-01-01T00:00:00Z', '2030-01-02T03:04:05Z', '2030-01-03T00:00:00Z']);
  });

  it('junk entries are left out with a note; a truncated or wrong-shaped file gets a message naming it', async () => {
    const junk = filtersFromText(JSON.stringify({ custom_filters: [null, 3, { title: 'ok', keywords_attributes: [null, { keyword: 'x' }] }, { no: 'title' }] }), '/x/f.json');
    expect(junk.filters).toEqual([{ title: 'ok', expiresAt: null, context: [], action: 'warn', keywords: [{ keyword: 'x', wholeWord: true }], statuses: [] }]);
    expect(junk.notes).toEqual(['3 entries of f.json could not be read and were left out; the other 1 filters loaded.']);
    expect(() => filtersFromText(customFilters().slice(0, 40), '/x/cut.json')).toThrow(/cut\.json is not complete JSON/);
    expect(() => filtersFromText('{"custom_filters": {"a": 1}}', '/x/shape.json')).toThrow(/shape\.json holds no "custom_filters" list/);
  });

  it('is recognised by content, not by name', async () => {
    const renamed = join(tmp, 'my filters (1).txt');
    copyFileSync(SAMPLE, renamed);
    expect(await isCustomFiltersFile(renamed)).toBe(true);
    const notFilters = join(tmp, 'custom_filters.json');
    writeFileSync(notFilters, '{"filters": []}');
    expect(await isCustomFiltersFile(notFilters)).toBe(false);
    expect(await splitLibraryPaths([MASTODON, renamed])).toEqual({ archives: [MASTODON], csvs: [renamed] });
  });
});

describe('in a library', () => {
  it('given with an archive: its filters are in People, with a note', async () => {
    const library = await openLibrary([MASTODON, SAMPLE], { cacheDir: null });
    try {
      const people = peopleOf(library).relationships();
      expect(people.filters?.map((f) => f.title)).toEqual(['Spoilers', 'Hide this thread', 'Blur food pics']);
      expect(library.notes).toContain('constructed-custom_filters.json: 3 filters.');
    } finally {
      await library.close();
    }
  });

  it('found beside an archive (browser mode), by content; a broken one beside is noted, never fatal', async () => {
    const dir = join(tmp, 'beside');
    mkdirSync(dir);
    const account = makeAccount({ host: 'example.social', username: 'sam' });
    const archive = await writeArchive({ version: '4.4', account, items: [makePost({ account, published: '2024-01-01T00:00:00Z', text: 'hi' })] },
      dir, { container: 'zip', fileName: 'archive.zip' });
    writeFileSync(join(dir, 'export-2026.json'), customFilters());
    writeFileSync(join(dir, 'broken.json'), '{"custom_filters": [');
    writeFileSync(join(dir, 'other.json'), '{"not": "filters"}');
    const library = await openLibrary([archive], { cacheDir: null, csvBeside: true });
    try {
      expect(library.filters.map((f) => f.file)).toEqual([join(dir, 'export-2026.json')]);
      expect(peopleOf(library).relationships().filters?.map((f) => f.title)).toEqual(['Spoilers', 'Hide']);
      expect(library.notes.find((n) => n.startsWith('broken.json, found beside the archive, was not read'))).toBeDefined();
    } finally {
      await library.close();
    }
  });
});
