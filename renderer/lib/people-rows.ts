// The rows the People section lists for one relationship kind: searched, sorted, lists grouped by title; and
// saving a kind again as Mastodon's CSV (through the API, so it works over IPC and HTTP alike).
import type { OutboxApi, RelationshipKind, RelationshipsInfo } from '../../preload/contract.js';
import { saveBlob } from './download.js';
import { t } from './i18n.js';
import { formatList } from './format.js';

export type PeopleSort = 'name' | 'server' | 'posts';

export interface PersonRow {
  /** user@server, a domain, or a status URI */
  name: string;
  server: string;
  detail?: string;
  /** posts of the archive that talk about this account */
  posts?: number;
  /** a web address for the name (profile or bookmarked post) */
  href?: string;
  /** set on a list's heading row instead of an account */
  group?: string;
}

const hostOfAcct = (acct: string): string => acct.slice(acct.lastIndexOf('@') + 1).toLowerCase();

function hostOfUri(uri: string): string {
  try {
    return new URL(uri).host.toLowerCase();
  } catch {
    return '';
  }
}

function account(info: RelationshipsInfo, acct: string, detail?: string): PersonRow {
  const bare = acct.replace(/^@/, '');
  const at = bare.lastIndexOf('@');
  const href = at > 0 ? `https://${bare.slice(at + 1)}/@${bare.slice(0, at)}` : undefined;
  return { name: bare, server: hostOfAcct(bare), detail, posts: info.inArchive[acct] ?? info.inArchive[bare], href };
}

function order(rows: PersonRow[], sort: PeopleSort): PersonRow[] {
  const byName = (a: PersonRow, b: PersonRow) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
  if (sort === 'server') return rows.sort((a, b) => a.server.localeCompare(b.server) || byName(a, b));
  if (sort === 'posts') return rows.sort((a, b) => (b.posts ?? 0) - (a.posts ?? 0) || byName(a, b));
  return rows.sort(byName);
}

/** Rows of `kind` whose name or server contains `query` (case-insensitive), in `sort` order. */
export function peopleRows(info: RelationshipsInfo, kind: RelationshipKind, query: string, sort: PeopleSort): PersonRow[] {
  const q = query.trim().toLowerCase().replace(/^@/, '');
  const keep = (r: PersonRow) => !q || r.name.toLowerCase().includes(q) || r.server.includes(q) || (r.detail ?? '').toLowerCase().includes(q);
  switch (kind) {
    case 'following':
      return order(info.following.map((f) => account(info, f.acct, [
        f.showBoosts ? '' : t('people.boostsHidden'), f.notify ? t('people.notifies') : '', f.languages.length ? formatList(f.languages, 'unit') : '',
      ].filter(Boolean).join(' · ') || undefined)).filter(keep), sort);
    case 'followers':
    case 'blocks':
      return order(info[kind].map((a) => account(info, a)).filter(keep), sort);
    case 'mutes':
      return order(info.mutes.map((m) => account(info, m.acct, m.hideNotifications ? t('people.notificationsHidden') : undefined)).filter(keep), sort);
    case 'domainBlocks':
      return order(info.domainBlocks.map((d): PersonRow => ({ name: d, server: d.toLowerCase() })).filter(keep), sort);
    case 'bookmarks':
      return order(info.bookmarks.map((u): PersonRow => ({ name: u, server: hostOfUri(u), href: u })).filter(keep), sort);
    case 'lists': {
      const out: PersonRow[] = [];
      for (const [title, members] of Object.entries(info.lists).sort((a, b) => a[0].localeCompare(b[0]))) {
        const titled = title.toLowerCase().includes(q);
        const rows = order(members.map((m) => account(info, m)).filter((r) => titled || keep(r)), sort);
        if (rows.length) out.push({ name: title, server: '', group: `${title} (${rows.length})` }, ...rows);
      }
      return out;
    }
  }
}

/** Saves one kind as Mastodon's import CSV (a download); returns a sentence for the reader. */
export async function saveCsv(api: OutboxApi, kind: RelationshipKind, host: Element): Promise<string> {
  const result = await api.exportCsv!({ kind });
  if (!result.ok) return result.message;
  saveBlob(host.ownerDocument, [result.value.text], 'text/csv;charset=utf-8', result.value.fileName);
  return t('people.saved', { file: result.value.fileName });
}
