// The viewer's own events, typed once: each bubbles and is composed so it crosses shadow roots to the app.
import type { Facets, MediaAttachment, PostFilter, SortOrder } from '../../preload/contract.js';
import type { View } from './route.js';

export interface OxEventDetails {
  /** merge these fields into the filter (undefined removes a field) */
  'ox-filter': { patch: Partial<PostFilter> };
  /** the whole filter was replaced (e.g. "clear all") */
  'ox-filter-reset': Record<string, never>;
  'ox-order': { order: SortOrder };
  'ox-search': { q: string };
  /** archive: the ArchiveInfo.id that holds the post (a merged timeline mixes archives); omitted: the one shown */
  'ox-open-thread': { id: string; archive?: string };
  'ox-open-media': { archive: string; media: MediaAttachment[]; index: number };
  'ox-navigate': { view: View };
  /** scroll the timeline to this position of the current result order */
  'ox-jump': { offset: number };
  'ox-results': { total: number; facets: Facets | null; terms: string[] };
  /** the month ("YYYY-MM", UTC) of the post at the top of the timeline changed */
  'ox-position': { month: string };
  /** the timeline settled on a post ("index:postId"), for the address */
  'ox-place': { at: string };
  'ox-open-demo': Record<string, never>;
  /** open the archive at this path on this computer (typed, or from the recent list) */
  'ox-open-path': { path: string };
  /** open a file the reader chose or dropped (browser mode uploads it to the local server) */
  'ox-open-file': { file: File };
  /** leave the welcome screen for the archive still open */
  'ox-show-archive': Record<string, never>;
  /** show the welcome screen (to open another archive) */
  'ox-show-welcome': Record<string, never>;
  'ox-show-shortcuts': Record<string, never>;
}

export type OxEventName = keyof OxEventDetails;
export type OxEvent<K extends OxEventName> = CustomEvent<OxEventDetails[K]>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ox-filter': OxEvent<'ox-filter'>;
    'ox-filter-reset': OxEvent<'ox-filter-reset'>;
    'ox-order': OxEvent<'ox-order'>;
    'ox-search': OxEvent<'ox-search'>;
    'ox-open-thread': OxEvent<'ox-open-thread'>;
    'ox-open-media': OxEvent<'ox-open-media'>;
    'ox-navigate': OxEvent<'ox-navigate'>;
    'ox-jump': OxEvent<'ox-jump'>;
    'ox-results': OxEvent<'ox-results'>;
    'ox-position': OxEvent<'ox-position'>;
    'ox-place': OxEvent<'ox-place'>;
    'ox-open-demo': OxEvent<'ox-open-demo'>;
    'ox-open-path': OxEvent<'ox-open-path'>;
    'ox-open-file': OxEvent<'ox-open-file'>;
    'ox-show-welcome': OxEvent<'ox-show-welcome'>;
    'ox-show-archive': OxEvent<'ox-show-archive'>;
    'ox-show-shortcuts': OxEvent<'ox-show-shortcuts'>;
  }
}

export function emit<K extends OxEventName>(from: EventTarget, name: K, detail: OxEventDetails[K]): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
