// Mastodon's filters export (custom_filters.json, Settings ▸ Import and export ▸ Data export ▸ Filters): read
// beside the relationship CSVs and shown with them in People. Recognised by content, never by its name.
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import type { CustomFilter } from '../../../preload/contract.js';
import { ArchiveError } from '../errors.js';
import { filesBeside } from './beside.js';
import { isObject, isoDate, str } from '../normalize/fields.js';

/** A person has tens of filters; this only keeps a wrong file from filling memory. */
export const FILTERS_MAX_BYTES = 16 * 1024 * 1024;

export interface FiltersExport {
  file: string;
  filters: CustomFilter[];
  /** sentences about what was left out */
  notes: string[];
}

/** `{"custom_filters": [` — how the export begins (JSON.generate, compact). */
export function looksLikeCustomFilters(head: string): boolean {
  return /^\s*\{\s*"custom_filters"\s*:\s*\[/.test(head.replace(/^\uFEFF/, ''));
}

/** Whether the file at `path` is a filters export, by its first bytes. */
export async function isCustomFiltersFile(path: string): Promise<boolean> {
  const stat = await fs.stat(path).catch(() => null);
  if (!stat?.isFile() || stat.size > FILTERS_MAX_BYTES) return false;
  try {
    const handle = await fs.open(path, 'r');
    try {
      const head = Buffer.alloc(Math.min(256, stat.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return looksLikeCustomFilters(head.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/** expires_at: ISO 8601, or Rails' "2030-01-01 00:00:00 UTC" (the export's non-null form is not verified). */
function expiry(value: unknown): string | null {
  const text = str(value);
  if (text === null) return null;
  return isoDate(text) ?? isoDate(text.replace(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?) UTC$/, '$1T$2Z'));
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** One element of custom_filters → a CustomFilter, or null when it is not one. */
export function readFilter(value: unknown): CustomFilter | null {
  if (!isObject(value)) return null;
  const title = str(value.title);
  if (title === null) return null;
  const keywords: CustomFilter['keywords'] = [];
  for (const k of Array.isArray(value.keywords_attributes) ? value.keywords_attributes : []) {
    const keyword = isObject(k) ? str(k.keyword) : null;
    if (keyword !== null && keyword !== '') keywords.push({ keyword, wholeWord: (k as Record<string, unknown>).whole_word !== false });
  }
  return {
    title,
    // Early builds of the export wrote expire_at.
    expiresAt: expiry(value.expires_at ?? value.expire_at),
    context: strings(value.context),
    action: str(value.action) ?? 'warn',
    keywords,
    statuses: strings(value.statuses),
  };
}

export function filtersFromText(text: string, file: string): FiltersExport {
  const name = basename(file);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ArchiveError('bad-json', `${name} is not complete JSON (${error instanceof Error ? error.message : String(error)}): ` +
      'download the filters export again.', file);
  }
  if (!isObject(json) || !Array.isArray(json.custom_filters)) {
    throw new ArchiveError('not-collection', `${name} holds no "custom_filters" list: it is not Mastodon's filters export.`, file);
  }
  const filters: CustomFilter[] = [];
  let left = 0;
  for (const item of json.custom_filters) {
    const filter = readFilter(item);
    if (filter) filters.push(filter);
    else left++;
  }
  const notes = left > 0
    ? [`${left} entr${left === 1 ? 'y' : 'ies'} of ${name} could not be read and ${left === 1 ? 'was' : 'were'} left out; the other ${filters.length} filters loaded.`]
    : [];
  return { file, filters, notes };
}

export async function readCustomFilters(path: string): Promise<FiltersExport> {
  const stat = await fs.stat(path).catch(() => null);
  if (!stat?.isFile()) throw new ArchiveError('not-found', `There is no file at ${path}. Check the path and open it again.`, path);
  if (stat.size > FILTERS_MAX_BYTES) {
    throw new ArchiveError('too-large', `${basename(path)} is ${Math.round(stat.size / 2 ** 20)} MiB: too large for a filters export.`, path);
  }
  return filtersFromText(await fs.readFile(path, 'utf8'), path);
}

/**
 * Filters exports beside an archive: the .json files of its folder (and, for an unpacked archive, inside it) whose
 * content begins like one. Sorted by path; missing folders give [].
 */
export function findFiltersBeside(archivePath: string): Promise<string[]> {
  return filesBeside(archivePath, (name, path) => /\.json$/i.test(name) && isCustomFiltersFile(path));
}
