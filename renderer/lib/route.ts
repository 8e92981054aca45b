// The address of what the viewer shows: view, filter and order in the hash (`#/?kinds=post&lang=de&q=…`).
import type { PostFilter, SortOrder, Visibility } from '../../preload/contract.js';

export type View = 'timeline' | 'thread' | 'likes' | 'bookmarks';
/** 'relevance' only while there is a text query; it is then the default. */
export type Order = SortOrder;

export interface Route {
  view: View;
  /** the post a thread view is about */
  id?: string;
  filter: PostFilter;
  order: Order;
  /**
   * What parseRoute read: the address's own order (null when it named none) and the order that gave. A route
   * copied with `{ ...route, filter }` carries it along, so formatRoute can tell an order the reader chose (it
   * differs from `parsed.order`) from one that only came along: that one is read again for the new filter, so a
   * fresh search starts with the best matches and clearing it goes back to newest first.
   */
  parsed?: { asked: Order | null; order: Order };
  /**
   * The place in the timeline: "index:postId" of the post at the top. Kept in the address so Back and a reload
   * return to the post that was read; dropped whenever the filter or order changes (a new list starts at its top).
   */
  at?: string;
}

const AT = /^(\d{1,9}):(.+)$/s;

/** "12:https://…/statuses/1" → { index: 12, id } (null when it is not a place). */
export function parseAt(at: string | undefined): { index: number; id: string } | null {
  const m = at ? AT.exec(at) : null;
  return m ? { index: Number(m[1]), id: m[2]! } : null;
}

const VIEWS: readonly View[] = ['timeline', 'thread', 'likes', 'bookmarks'];
const KINDS = ['post', 'reply', 'boost'] as const;
const VISIBILITIES: readonly Visibility[] = ['public', 'unlisted', 'private', 'direct'];
const FLAGS = { media: 'hasMedia', poll: 'hasPoll', cw: 'hasCw', edited: 'edited', noalt: 'noAlt' } as const;
const DAY = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = (q < 0 ? body : body.slice(0, q)) || 'timeline';
  const params = new URLSearchParams(q < 0 ? '' : body.slice(q + 1));
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'timeline';
  const filter: PostFilter = {};
  const text = params.get('q');
  if (text) filter.q = text;
  const kinds = (params.get('kinds') ?? '').split(',').filter((k): k is (typeof KINDS)[number] => (KINDS as readonly string[]).includes(k));
  if (kinds.length) filter.kinds = kinds;
  const vis = (params.get('vis') ?? '').split(',').filter((v): v is Visibility => (VISIBILITIES as readonly string[]).includes(v));
  if (vis.length) filter.visibility = vis;
  const lang = params.get('lang');
  if (lang && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) filter.language = lang;
  const tag = params.get('tag');
  if (tag) filter.hashtag = tag.toLowerCase();
  const mention = params.get('mention');
  if (mention) filter.mention = mention;
  for (const [param, field] of Object.entries(FLAGS)) if (params.get(param) === '1') filter[field] = true;
  const from = params.get('from');
  if (from && DAY.test(from)) filter.from = from;
  const to = params.get('to');
  if (to && DAY.test(to)) filter.to = to;
  for (const [param, field] of [['likes', 'minLikes'], ['boosts', 'minBoosts']] as const) {
    const min = params.get(param);
    if (min && /^\d{1,9}$/.test(min)) filter[field] = Number(min);
  }
  const named = params.get('order');
  const asked = named === 'newest' || named === 'oldest' || named === 'relevance' || named === 'likes' || named === 'boosts' ? named : null;
  const order = orderFor(filter, asked);
  const route: Route = { view, filter, order, parsed: { asked, order } };
  const id = params.get('id');
  if (view === 'thread' && id) route.id = id;
  const at = params.get('at');
  if (view === 'timeline' && at && AT.test(at)) route.at = at;
  return route;
}

export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  if (route.view === 'thread' && route.id) params.set('id', route.id);
  const f = route.filter;
  if (f.kinds?.length) params.set('kinds', f.kinds.join(','));
  if (f.visibility?.length) params.set('vis', f.visibility.join(','));
  if (f.language) params.set('lang', f.language);
  if (f.hashtag) params.set('tag', f.hashtag);
  if (f.mention) params.set('mention', f.mention);
  for (const [param, field] of Object.entries(FLAGS)) if (f[field]) params.set(param, '1');
  if (f.from) params.set('from', f.from);
  if (f.to) params.set('to', f.to);
  if (f.minLikes !== undefined) params.set('likes', String(f.minLikes));
  if (f.minBoosts !== undefined) params.set('boosts', String(f.minBoosts));
  const chosen = !route.parsed || route.order !== route.parsed.order;
  const order = orderFor(f, chosen ? route.order : route.parsed!.asked);
  if (order !== defaultOrder(f)) params.set('order', order);
  if (f.q) params.set('q', f.q);
  if (route.view === 'timeline' && route.at) params.set('at', route.at);
  const path = route.view === 'timeline' ? '' : route.view;
  const query = params.toString();
  return `#/${path}${query ? `?${query}` : ''}`;
}

/** What a search is ordered by unless the reader chose otherwise: best match first; without a query, newest. */
export function defaultOrder(filter: PostFilter): Order {
  return filter.q ? 'relevance' : 'newest';
}

/** The order asked for, when it makes sense for this filter (relevance needs words to match), else the default. */
export function orderFor(filter: PostFilter, asked: string | null | undefined): Order {
  if (asked === 'newest' || asked === 'oldest' || asked === 'likes' || asked === 'boosts') return asked;
  if (asked === 'relevance' && filter.q) return 'relevance';
  return defaultOrder(filter);
}

/**
 * A filter date ("YYYY", "YYYY-MM" or "YYYY-MM-DD") as the day a date input can show: the first day of the
 * period for `from`, the last for `to` (so "2024-02" reads 2024-02-01 … 2024-02-29). '' when it is none.
 */
export function inputDay(value: string | undefined, edge: 'from' | 'to'): string {
  if (!value || !DAY.test(value)) return '';
  const [y, m, d] = value.split('-');
  if (d) return value;
  if (!m) return edge === 'from' ? `${y}-01-01` : `${y}-12-31`;
  if (edge === 'from') return `${y}-${m}-01`;
  const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
  return `${y}-${m}-${String(last).padStart(2, '0')}`;
}

/** Applies a patch where undefined, false, '' and [] remove the field. */
export function patchFilter(filter: PostFilter, patch: Partial<PostFilter>): PostFilter {
  const next: Record<string, unknown> = { ...filter };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === false || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
    else next[key] = value;
  }
  return next as PostFilter;
}

/** True when the filter narrows anything besides the text query. */
export function hasNarrowing(filter: PostFilter): boolean {
  return Object.keys(filter).some((k) => k !== 'q');
}
