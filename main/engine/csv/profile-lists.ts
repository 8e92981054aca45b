// Pixelfed's follow lists (Settings ▸ Data export: pixelfed-following.json and pixelfed-followers.json, before 2025
// following.json and followers.json): JSON arrays of profile addresses, read into People as Mastodon's follows and
// followers CSVs are.
//
// What the file is, its content says: a JSON list of profile addresses. Which of the two lists it is, nothing in it
// says (Pixelfed writes both the same way: ExportSettings.php, exportFollowing/exportFollowers), so, as for a
// headerless follows CSV (detect.ts), the name decides between them, and the notes say so.
import { ArchiveError } from '../errors.js';
import { parseJson } from '../readers/common.js';
import type { AccountRow, CsvExport, CsvProblem, FollowingRow } from './kinds.js';
import { isHttpUri, normalizeAcct } from './kinds.js';

/** `[` then a first string that is an address (or an acct, as Misskey-family lists hold). */
const LIST_HEAD = /^\s*\[\s*"(?:https?:\/\/|@?[^"\s@,]+@[^"\s@,]+")/;
const EMPTY_LIST = /^\s*\[\s*\]\s*$/;

/**
 * True when text (the start of a file) begins like a list of accounts: never an array of objects or numbers. An
 * empty list is one only when the file's name says which list (an empty notes export is `[]` too).
 */
export function looksLikeProfileList(text: string, fileName: string): boolean {
  const head = text.replace(/^\uFEFF/, '');
  return LIST_HEAD.test(head) || (EMPTY_LIST.test(head) && profileListKind(fileName) !== null);
}

/** Which list a profile list's name says it is: "followers" before "follow", as for CSVs; null when it says neither. */
export function profileListKind(fileName: string): 'following' | 'followers' | null {
  const name = fileName.toLowerCase().replace(/^.*[/\\]/, '');
  if (/follower/.test(name)) return 'followers';
  if (/follow/.test(name)) return 'following';
  return null;
}

/** The last segment of a profile address, less a leading "@", is the username (https://pixelfed.social/alice, …/@bob, …/users/bob). */
const USERNAME = /^[\p{L}\p{N}_.-]{1,100}$/u;
function acctOf(item: unknown): string | null {
  if (typeof item !== 'string') return null;
  const acct = normalizeAcct(item);
  if (acct) return acct;
  if (!isHttpUri(item)) return null;
  const url = new URL(item);
  const name = decodeURIComponentSafe(url.pathname.split('/').filter((s) => s !== '').pop() ?? '').replace(/^@/, '');
  return USERNAME.test(name) ? `${name}@${url.host}` : null;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A profile list's text → the following or followers export it is. Throws, naming the file, when it is not one. */
export function profileListFromText(text: string, file: string): CsvExport {
  const name = file.replace(/^.*[/\\]/, '');
  const kind = profileListKind(name);
  if (kind === null) {
    throw new ArchiveError('not-archive', `${name} is a list of accounts, but nothing in it says whether they are followed ` +
      'or following: name it pixelfed-following.json or pixelfed-followers.json, as Pixelfed does.', file);
  }
  const json = parseJson(text.replace(/^\uFEFF/, ''), name, 'follow list');
  if (!Array.isArray(json)) throw new ArchiveError('not-archive', `${name} is not a list of accounts.`, file);
  const accounts: string[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Set<string>();
  json.forEach((item, i) => {
    const acct = acctOf(item);
    // `line` is the item's place in the list (1-based): a JSON list has no lines to point at.
    if (acct === null) problems.push({ line: i + 1, reason: `item ${i + 1} is not a profile address` });
    else if (!seen.has(acct.toLowerCase())) {
      seen.add(acct.toLowerCase());
      accounts.push(acct);
    }
  });
  const notes = [`${name} holds profile addresses: each account is named from its address (the last part of the path, ` +
    `and the server), and read as ${kind === 'following' ? 'accounts followed' : 'followers'} because of the file's name.`];
  if (problems.length) {
    notes.push(`${problems.length} item${problems.length === 1 ? '' : 's'} of ${name} could not be read and ${problems.length === 1 ? 'was' : 'were'} left out.`);
  }
  if (kind === 'following') {
    // Pixelfed keeps no per-follow settings: Mastodon's import defaults.
    const rows: FollowingRow[] = accounts.map((acct) => ({ acct, showBoosts: true, notify: false, languages: [] }));
    return { kind, rows, problems, file, header: false, notes };
  }
  const rows: AccountRow[] = accounts.map((acct) => ({ acct }));
  return { kind, rows, problems, file, header: false, notes };
}

/** Pixelfed's own names for its lists, which a browser may save as "name (1).json": found beside an export. */
export function isProfileListName(name: string): boolean {
  return /^pixelfed-follow(?:ing|ers)(?: ?\(\d+\))?\.json$/i.test(name);
}
