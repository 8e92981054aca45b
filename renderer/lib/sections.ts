// The sections route.ts does not know (Stats, People) and the merged timeline of every open archive (`all=1`):
// `#/stats?…filters…&all=1` keeps route.ts's filter parameters and adds these on top.
import { formatRoute, parseRoute, type Route, type View } from './route.js';

export type Section = View | 'stats' | 'people' | 'today';

export interface Place {
  section: Section;
  route: Route;
  /** every open archive as one timeline (ALL_ARCHIVES) instead of the first one */
  merged: boolean;
}

const OWN = ['stats', 'people', 'today'] as const;

function split(hash: string): { path: string; query: string } {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  return q < 0 ? { path: body, query: '' } : { path: body.slice(0, q), query: body.slice(q + 1) };
}

/** The section a hash names, its route (a Stats or People hash parses as the timeline's filter) and `all=1`. */
export function parseSection(hash: string): Place {
  const { path, query } = split(hash);
  const merged = new URLSearchParams(query).get('all') === '1';
  if ((OWN as readonly string[]).includes(path)) {
    return { section: path as Section, route: { ...parseRoute(`#/?${query}`), view: 'timeline' }, merged };
  }
  const route = parseRoute(hash);
  return { section: route.view, route, merged };
}

export function formatSection(section: Section, route: Route, merged = false): string {
  const own = (OWN as readonly string[]).includes(section);
  // The timeline's place belongs to the timeline only.
  const hash = formatRoute({ ...route, at: own ? undefined : route.at, view: own ? 'timeline' : (section as View) });
  const { path, query } = split(hash);
  const params = new URLSearchParams(query);
  if (merged) params.set('all', '1');
  const rest = params.toString();
  return `#/${own ? section : path}${rest ? `?${rest}` : ''}`;
}
