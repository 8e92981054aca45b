// Pages of the merged timeline: each archive's matches (hidden copies dropped) in one order, with facets.
import type { Facets, MatchRange, Page, PageItem, PageQuery, PostFilter, SortOrder } from '../../../preload/contract.js';
import { PAGE_LIMIT_MAX } from '../../../preload/contract.js';
import type { Archive } from '../archive.js';
import { monthCode, monthKey, postFlags, VISIBILITIES } from '../index/tables.js';
import { countFlags } from '../index/facets.js';

export interface LibraryPageItem extends PageItem {
  /** ArchiveInfo.id of the archive whose copy this is */
  archive: string;
}

export interface LibraryPage extends Omit<Page, 'items'> {
  items: LibraryPageItem[];
}

/** What a page and its facets need of one matching post, without keeping the post. */
interface Entry {
  archive: number;
  id: string;
  time: number;
  flags: number;
  visibility: number;
  language: string | null;
  month: number;
  tags: string[];
  matches?: MatchRange[];
}

interface Resolved {
  entries: Entry[];
  terms: string[];
  facets: Facets | null;
}

const KEEP = 8;
const TOP_HASHTAGS = 50; // as the archive index's facets

/** A per-library pager; resolved result sets are kept for the last few (filter, order) pairs, as ArchiveIndex does. */
export function createLibraryPager(archives: readonly Archive[], hidden: ReadonlyArray<Set<string>>) {
  const cache = new Map<string, Resolved>();

  function collect(i: number, filter: PostFilter, order: SortOrder, terms: Set<string>): Entry[] {
    const out: Entry[] = [];
    const skip = hidden[i]!;
    for (let offset = 0; ; offset += PAGE_LIMIT_MAX) {
      const page = archives[i]!.page({ filter, order, offset, limit: PAGE_LIMIT_MAX });
      for (const t of page.terms) terms.add(t);
      for (const item of page.items) if (!skip.has(item.post.id)) out.push(entryOf(i, item));
      if (page.items.length < PAGE_LIMIT_MAX || offset + PAGE_LIMIT_MAX >= page.total) return out;
    }
  }

  function resolve(filter: PostFilter, order: SortOrder): Resolved {
    const key = JSON.stringify([filter, order]);
    const kept = cache.get(key);
    if (kept) {
      cache.delete(key);
      cache.set(key, kept);
      return kept;
    }
    const terms = new Set<string>();
    const relevance = order === 'relevance' && !!filter.q?.trim();
    let entries: Entry[];
    if (relevance) {
      // relevance does not compare across archives: each archive's best first, then each one's second…
      const lists = archives.map((_, i) => collect(i, filter, 'relevance', terms));
      entries = [];
      for (let rank = 0; lists.some((l) => rank < l.length); rank++) for (const l of lists) if (rank < l.length) entries.push(l[rank]!);
    } else {
      // oldest first by time, ties in the order archives were given; newest is the exact reverse (as the index)
      entries = archives.flatMap((_, i) => collect(i, filter, 'oldest', terms));
      entries.sort((a, b) => a.time - b.time);
      if (order !== 'oldest') entries.reverse();
    }
    const resolved: Resolved = { entries, terms: [...terms], facets: null };
    cache.set(key, resolved);
    if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
    return resolved;
  }

  return (query: Omit<PageQuery, 'archive'>): LibraryPage => {
    const offset = Math.max(0, Math.floor(Number(query.offset) || 0));
    const limit = Math.min(PAGE_LIMIT_MAX, Math.max(0, Math.floor(Number(query.limit) || 0)));
    const resolved = resolve(query.filter ?? {}, query.order);
    const items: LibraryPageItem[] = [];
    for (const e of resolved.entries.slice(offset, offset + limit)) {
      const post = archives[e.archive]!.post(e.id);
      if (!post) continue;
      const item: LibraryPageItem = { post, archive: archives[e.archive]!.info.id };
      if (e.matches) item.matches = e.matches;
      items.push(item);
    }
    if (offset === 0) resolved.facets ??= facetsOf(resolved.entries);
    return { total: resolved.entries.length, offset, items, facets: offset === 0 ? resolved.facets : null, terms: resolved.terms };
  };
}

function entryOf(archive: number, item: PageItem): Entry {
  const post = item.post;
  const ms = Date.parse(post.published);
  const entry: Entry = {
    archive,
    id: post.id,
    time: Number.isNaN(ms) ? -Infinity : ms,
    flags: postFlags(post),
    visibility: Math.max(0, VISIBILITIES.indexOf(post.visibility)),
    language: post.language,
    month: monthCode(ms),
    tags: [...new Set(post.hashtags.map((t) => t.toLowerCase()))],
  };
  if (item.matches) entry.matches = item.matches;
  return entry;
}

/** The same counts the archive index's facets give, over entries of several archives. */
function facetsOf(entries: readonly Entry[]): Facets {
  const facets: Facets = {
    posts: 0, replies: 0, boosts: 0, withMedia: 0, polls: 0, cw: 0, edited: 0, noAlt: 0,
    visibility: { public: 0, unlisted: 0, private: 0, direct: 0 },
    languages: {}, hashtags: {}, months: {},
  };
  const months = new Map<number, number>();
  const tags = new Map<string, number>();
  for (const e of entries) {
    countFlags(facets, e.flags);
    facets.visibility[VISIBILITIES[e.visibility]!]++;
    if (e.language) facets.languages[e.language] = (facets.languages[e.language] ?? 0) + 1;
    if (e.month) months.set(e.month, (months.get(e.month) ?? 0) + 1);
    for (const t of e.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
  }
  for (const m of [...months.keys()].sort((a, b) => a - b)) facets.months[monthKey(m)] = months.get(m)!;
  const top = [...tags].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_HASHTAGS);
  for (const [tag, n] of top) facets.hashtags[tag] = n;
  return facets;
}
