// The normalizer: items of outbox.json → Posts, reading keys directly for the standard context (the fast path)
// and through a key map learned once from jsonld for any other context.
import type { Post } from '../../../preload/contract.js';
import { BudgetSpent, compactItem, contextShape, isStandardContext, JSONLD_BUDGET, KeyRenamer, type JsonldBudget } from './context-plan.js';
import { isObject } from './fields.js';
import { Interner } from './intern.js';
import { itemToPost, type ItemResult } from './post.js';

export interface NormalizerOptions {
  resolveMedia(url: string): string | null;
  /** jsonld calls this normalizer may spend on unusual contexts (default JSONLD_BUDGET) */
  jsonldBudget?: number;
}

/** Distinct context shapes given a plan of their own; items with any further shape read as written. */
export const MAX_CONTEXT_SHAPES = 64;

export interface Normalizer {
  /** top-level @context; standard → fast path; other → jsonld once */
  setContext(context: unknown): void;
  item(raw: unknown, seq: number): Promise<Post | { skipped: string }>;
  /**
   * The same result without a Promise when the item reads on the fast path (no jsonld); null when it needs
   * item(). A cold open calls this for every item: 100k Promises cost more than the reading itself.
   */
  itemNow(raw: unknown, seq: number): Post | { skipped: string } | null;
  /** Sentences for the archive's warnings: items whose context was too unusual to interpret within the budget. */
  warnings(): string[];
}

/** Per distinct context shape: null for the fast path, else the renamer learned for it. */
type Plan = KeyRenamer | null;

export function createNormalizer(options: NormalizerOptions): Normalizer {
  const resolveMedia = options.resolveMedia;
  const intern = new Interner();
  const plans = new Map<string, Plan>();
  const budget: JsonldBudget = { left: options.jsonldBudget ?? JSONLD_BUDGET };
  let topPlan: Plan = null;
  let renamers = 0;
  /** items read as written because their context was past the budget or the number of shapes */
  let readAsWritten = 0;

  const planFor = (context: unknown): Plan => {
    let key: string;
    try {
      key = contextShape(context);
    } catch {
      return null;
    }
    let plan = plans.get(key);
    if (plan === undefined) {
      const standard = isStandardContext(context);
      // Past the cap, a new shape is not learned (each costs jsonld calls): its items read by the fast path.
      plan = standard ? null : renamers < MAX_CONTEXT_SHAPES && budget.left > 0 ? new KeyRenamer(context, budget) : undefined;
      if (plan === undefined) {
        readAsWritten++;
        return null;
      }
      if (plan) renamers++;
      plans.set(key, plan);
    }
    return plan;
  };

  // Items before 4.2 may carry their own @context (unsigned ones): it replaces the top-level one.
  const planOf = (raw: unknown): Plan => (isObject(raw) && raw['@context'] !== undefined ? planFor(raw['@context']) : topPlan);

  const slow = async (renamer: KeyRenamer, raw: unknown, seq: number): Promise<ItemResult> => {
    let item: unknown;
    try {
      item = await renamer.apply(raw);
    } catch (error) {
      if (!(error instanceof BudgetSpent)) throw error;
      readAsWritten++;
      item = raw;
    }
    return itemToPost(item, seq, resolveMedia, intern);
  };

  return {
    setContext(context: unknown): void {
      topPlan = planFor(context);
    },
    item(raw: unknown, seq: number): Promise<ItemResult> {
      const plan = planOf(raw);
      if (plan === null) return Promise.resolve(itemToPost(raw, seq, resolveMedia, intern));
      return slow(plan, raw, seq);
    },
    itemNow(raw: unknown, seq: number): ItemResult | null {
      return planOf(raw) === null ? itemToPost(raw, seq, resolveMedia, intern) : null;
    },
    warnings(): string[] {
      if (readAsWritten === 0) return [];
      const n = readAsWritten;
      return [`${n} item${n === 1 ? '' : 's'} of outbox.json carr${n === 1 ? 'ies' : 'y'} an unusual JSON-LD @context of ${n === 1 ? 'its' : 'their'} own; Outbox read ${n === 1 ? 'it' : 'them'} by the standard key names, so some fields may be missing.`];
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
