// Events of the Stats and People sections, typed once like lib/events.ts (bubbling, composed).
import type { PostFilter } from '../../preload/contract.js';

export interface InsightEventDetails {
  /** show the timeline with this patch merged into the current filter (a clicked month, day, tag, account) */
  'ox-show-posts': { patch: Partial<PostFilter> };
}

export type InsightEvent<K extends keyof InsightEventDetails> = CustomEvent<InsightEventDetails[K]>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ox-show-posts': InsightEvent<'ox-show-posts'>;
  }
}

export function emitInsight<K extends keyof InsightEventDetails>(from: EventTarget, name: K, detail: InsightEventDetails[K]): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
