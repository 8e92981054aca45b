// The normalizer: items of outbox.json → Posts, reading keys directly for the standard context (the fast path)
// and through a key map learned once from jsonld for any other context.
import type { Post } from '../../../preload/contract.js';
import { compactItem, isStandardContext, KeyRenamer } from './context-plan.js';
import { isObject } from './fields.js';
import { itemToPost, type ItemResult } from './post.js';

export interface NormalizerOptions {
  resolveMedia(url: string): string | null;
}

export interface Normalizer {
  /** top-level @context; standard → fast path; other → jsonld once */
  setContext(context: unknown): void;
  item(raw: unknown, seq: number): Promise<Post | { skipped: string }>;
  /**
   * The same result without a Promise when the item reads on the fast path (no jsonld); null when it needs
   * item(). A cold open calls this for every item: 100k Promises cost more than the reading itself.
   */
  itemNow(raw: unknown, seq: number): Post | { skipped: string } | null;
}

/** Per distinct context (by its JSON text): null for the fast path, else the renamer learned for it. */
type Plan = KeyRenamer | null;

export function createNormalizer(options: NormalizerOptions): Normalizer {
  const resolveMedia = options.resolveMedia;
  const plans = new Map<string, Plan>();
  let topPlan: Plan = null;

  const planFor = (context: unknown): Plan => {
    let key: string;
    try {
      key = JSON.stringify(context) ?? 'null';
    } catch {
      return null;
    }
    let plan = plans.get(key);
    if (plan === undefined) {
      plan = isStandardContext(context) ? null : new KeyRenamer(context);
      plans.set(key, plan);
    }
    return plan;
  };

  // Items before 4.2 may carry their own @context (unsigned ones): it replaces the top-level one.
  const planOf = (raw: unknown): Plan => (isObject(raw) && raw['@context'] !== undefined ? planFor(raw['@context']) : topPlan);

  const slow = async (renamer: KeyRenamer, raw: unknown, seq: number): Promise<ItemResult> => {
    return itemToPost(await renamer.apply(raw), seq, resolveMedia);
  };

  return {
    setContext(context: unknown): void {
      topPlan = planFor(context);
    },
    item(raw: unknown, seq: number): Promise<ItemResult> {
      const plan = planOf(raw);
      if (plan === null) return Promise.resolve(itemToPost(raw, seq, resolveMedia));
      return slow(plan, raw, seq);
    },
    itemNow(raw: unknown, seq: number): ItemResult | null {
      return planOf(raw) === null ? itemToPost(raw, seq, resolveMedia) : null;
    },
  };
}

/**
 * The reference path: jsonld.compact(item + context → the standard context), then the same field reading.
 * Parity tests compare it with createNormalizer's result on every item.
 */
export async function normalizeViaJsonld(
  raw: unknown,
  context: unknown,
  resolveMedia: (url: string) => string | null,
  seq: number,
): Promise<Post | { skipped: string }> {
  if (!isObject(raw)) return itemToPost(raw, seq, resolveMedia);
  let compacted: Record<string, unknown>;
  try {
    compacted = await compactItem(raw, context);
  } catch (error) {
    return { skipped: `jsonld could not read the item (${error instanceof Error ? error.message : String(error)})` };
  }
  return itemToPost(compacted, seq, resolveMedia);
}
