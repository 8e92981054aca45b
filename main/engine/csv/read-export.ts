// readCsvExport: one relationship CSV file → its kind, typed rows and problems; plus finding such files and sniffing.
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { ArchiveError } from '../errors.js';
import { filesBeside } from './beside.js';
import { detectKind, isKnownHeader, label, shapeOf } from './detect.js';
import type { CsvExport } from './kinds.js';
import { decodeCsvBytes, parseCsv } from './parse.js';
import { isProfileListName, looksLikeProfileList, profileListFromText } from './profile-lists.js';
import { readRows } from './rows.js';

/** Real exports are kilobytes (800 follows ≈ 30 KB); this only stops a wrong file from filling memory. */
export const CSV_MAX_BYTES = 64 * 1024 * 1024;

async function readBytes(path: string): Promise<Buffer> {
  const name = basename(path);
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ArchiveError('not-found', `There is no file at ${path}. Check the path and open it again.`, path);
    }
    throw new ArchiveError('io', `The system refused to read ${path} (${code ?? String(error)}). Check its permissions.`, path);
  }
  if (!stat.isFile()) throw new ArchiveError('not-archive', `${path} is a folder, not a CSV export.`, path);
  if (stat.size > CSV_MAX_BYTES) {
    throw new ArchiveError('too-large', `${name} is ${Math.round(stat.size / 2 ** 20)} MiB: too large for a follows, lists or blocks export. Check that it is the right file.`, path);
  }
  try {
    return await fs.readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ArchiveError('io', `The system refused to read ${path} (${code ?? String(error)}). Check its permissions.`, path);
  }
}

/**
 * Reads a CSV export (or Pixelfed's JSON follow lists, read the same way) from disk. Throws ArchiveError when the
 * file is missing, unreadable, or no export we know.
 */
export async function readCsvExport(path: string): Promise<CsvExport> {
  const bytes = await readBytes(path);
  const text = decodeCsvBytes(bytes);
  return looksLikeProfileList(text.slice(0, 4096), path) ? profileListFromText(text, path) : csvExportFromText(text, path);
}

/** The same from text already in memory (`file` names it in problems and messages; its name is the kind hint). */
export function csvExportFromText(text: string, file: string): CsvExport {
  const name = basename(file);
  const records = parseCsv(text);
  const detected = detectKind(records, name);
  if (!detected) {
    if (records.length === 0) {
      throw new ArchiveError('empty', `${name} is empty and its name does not say which list it is (follows, blocks, bookmarks…).`, file);
    }
    throw new ArchiveError(
      'not-archive',
      `${name} is not a CSV export Outbox knows: expected Mastodon's or GoToSocial's follows, followers, lists, blocks, mutes, domain blocks or bookmarks.`,
      file,
    );
  }
  const { rows, problems } = readRows(records, detected);
  const notes = [...detected.notes];
  if (problems.length > 0) {
    notes.push(`${problems.length} row${problems.length === 1 ? '' : 's'} of ${name} could not be read and ${problems.length === 1 ? 'was' : 'were'} left out; the other ${rows.length} ${label(detected.kind)} loaded.`);
  }
  return { kind: detected.kind, rows, problems, file, header: detected.header !== null, notes } as CsvExport;
}

/** True when text (the start of a file) begins like a CSV export we know: our header, or a first row of a known shape. */
export function looksLikeCsvExport(text: string): boolean {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const [record] = parseCsv(firstLine);
  if (!record || record.error) return false;
  return isKnownHeader(record) || shapeOf(record) !== null;
}

/**
 * True when the path is a CSV export rather than an archive, by content: zip and gzip magic mean an archive
 * whatever the name; else a .csv name, or a small text file whose first line reads as a known export.
 * Folders and missing paths are not CSV (opening them as archives gives the right error).
 */
export async function isCsvExportFile(path: string): Promise<boolean> {
  const stat = await fs.stat(path).catch(() => null);
  if (!stat?.isFile()) return false;
  let head: Buffer;
  try {
    const handle = await fs.open(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(4096, stat.size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return /\.csv$/i.test(path); // unreadable: the name decides, and reading it reports the error
  }
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (zip || gzip) return false;
  if (/\.csv$/i.test(path)) return true;
  if (stat.size > CSV_MAX_BYTES || head.includes(0)) return false;
  const text = decodeCsvBytes(head);
  return looksLikeCsvExport(text) || looksLikeProfileList(text, path);
}

// Mastodon names its downloads after the export (following_accounts.csv…); GoToSocial after the endpoint
// (following.csv, blocks.csv…). A browser saves a second download as "name (1).csv".
const BESIDE_NAMES = new Set([
  'following_accounts', 'followers', 'lists', 'blocked_accounts', 'muted_accounts', 'blocked_domains', 'bookmarks',
  'following', 'blocks', 'mutes',
]);

function isExportName(name: string): boolean {
  const m = /^(.*?)(?: ?\(\d+\))?\.csv$/i.exec(name);
  if (!m) return false;
  const stem = m[1]!.toLowerCase();
  return BESIDE_NAMES.has(stem) || /^followers[-_ ]/.test(stem);
}

/**
 * The relationship CSVs that sit beside an archive: in the archive's folder (and, for an unpacked archive, inside
 * it), by Mastodon's and GoToSocial's file names, and Pixelfed's follow lists by theirs, sorted by path. Missing
 * folders give [].
 */
export function findCsvBeside(archivePath: string): Promise<string[]> {
  return filesBeside(archivePath, (name) => isExportName(name) || isProfileListName(name));
}
