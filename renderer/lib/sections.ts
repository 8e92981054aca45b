// The sections route.ts does not know (Stats, People): `#/stats?…filters…` keeps the same filter parameters.
import { formatRoute, parseRoute, type Route, type View } from './route.js';

export type Section = View | 'stats' | 'people';

const OWN = ['stats', 'people'] as const;
type Own = (typeof OWN)[number];

const pathOf = (hash: string): string => {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  return q < 0 ? body : body.slice(0, q);
};

/** The section a hash names, and its route (a Stats or People hash parses as the timeline with that filter). */
export function parseSection(hash: string): { section: Section; route: Route } {
  const path = pathOf(hash);
  if ((OWN as readonly string[]).includes(path)) {
    const route = parseRoute(`#/${hash.replace(/^#\/?/, '').slice(path.length)}`);
    return { section: path as Own, route: { ...route, view: 'timeline' } };
  }
  const route = parseRoute(hash);
  return { section: route.view, route };
}

export function formatSection(section: Section, route: Route): string {
  if (!(OWN as readonly string[]).includes(section)) return formatRoute({ ...route, view: section as View });
  const timeline = formatRoute({ ...route, view: 'timeline' });
  return `#/${section}${timeline.slice(2)}`;
}
