// How an item's keys are read: directly when its @context is the standard one, else through a key-renaming map
// learned from jsonld once per distinct context (DESIGN: jsonld.compact per item costs 20–45 s per 100k items).
import type * as JsonLd from 'jsonld';
import { activityStreamsContext } from './contexts/activitystreams.js';
import {
  activityStreamsUrl, cidV1Url, mastodonExtensions, securityV1Url, standardContext, webfingerUrl,
} from './contexts/index.js';
import { securityV1Context } from './contexts/security-v1.js';
import { webfingerContext } from './contexts/webfinger.js';
import { documentLoader } from './document-loader.js';
import { isObject, list, type Json } from './fields.js';

type JsonLdInput = Parameters<typeof JsonLd.expand>[0];
const loaderOptions = { documentLoader: documentLoader as unknown as NonNullable<JsonLd.Options.Expand['documentLoader']> };

/** jsonld loads lazily (~75 ms): archives with the standard context never need it. */
let jsonldModule: Promise<typeof JsonLd> | null = null;
const loadJsonld = (): Promise<typeof JsonLd> =>
  (jsonldModule ??= import('jsonld').then((m) => ((m as { default?: typeof JsonLd }).default ?? m) as typeof JsonLd));

const STANDARD_URLS = new Set([activityStreamsUrl, securityV1Url, cidV1Url, webfingerUrl]);
const canonicalUrl = (url: string) => url.replace(/^http:/, 'https:').replace(/#$/, '').replace(/\.jsonld$/, '');

// ---------------------------------------------------------------------------------------------------------------
// The standard terms: term → its definition (IRI, container, type), from the bundled documents and Mastodon's map.
// ---------------------------------------------------------------------------------------------------------------

interface TermDef {
  iri: string;
  container: string;
  type: string;
}

const PREFIXES: Record<string, string> = {};
const STANDARD_TERMS = new Map<string, TermDef>();

function resolveIri(value: string, prefixes: Record<string, string>): string {
  const colon = value.indexOf(':');
  if (colon <= 0 || value.startsWith('@')) return value;
  const prefix = value.slice(0, colon);
  const base = prefixes[prefix];
  return base !== undefined && !value.startsWith('//', colon + 1) ? base + value.slice(colon + 1) : value;
}

/** A term definition in plain terms, or null for shapes we do not compare (@reverse, scoped contexts…). */
function readDef(def: unknown, prefixes: Record<string, string>): TermDef | null {
  if (typeof def === 'string') return { iri: resolveIri(def, prefixes), container: '', type: '' };
  if (!isObject(def) || typeof def['@id'] !== 'string' || def['@reverse'] !== undefined) return null;
  const container = list(def['@container']).map(String).sort().join(',');
  const type = typeof def['@type'] === 'string' ? resolveIri(def['@type'], prefixes) : '';
  return { iri: resolveIri(def['@id'], prefixes), container, type };
}

function localPrefixes(ctx: Json): Record<string, string> {
  const prefixes: Record<string, string> = { ...PREFIXES };
  for (const [k, v] of Object.entries(ctx)) if (typeof v === 'string' && /[#/]$/.test(v)) prefixes[k] = v;
  return prefixes;
}

for (const doc of [activityStreamsContext['@context'], securityV1Context['@context'], webfingerContext['@context'], mastodonExtensions] as Json[]) {
  Object.assign(PREFIXES, localPrefixes(doc));
}
for (const doc of [activityStreamsContext['@context'], securityV1Context['@context'], webfingerContext['@context'], mastodonExtensions] as Json[]) {
  for (const [term, def] of Object.entries(doc)) {
    if (term.startsWith('@')) continue;
    const d = readDef(def, PREFIXES);
    if (d !== null) STANDARD_TERMS.set(term, d);
  }
}
const NAMESPACES = new Map(Object.entries(PREFIXES).map(([k, v]) => [v, k]));
/** IRI → the standard term for it; language-map terms (contentMap…) are kept apart. */
const TERM_BY_IRI = new Map<string, string>();
const LANGUAGE_TERM_BY_IRI = new Map<string, string>();
for (const [term, d] of STANDARD_TERMS) {
  if (d.container === '@language') LANGUAGE_TERM_BY_IRI.set(d.iri, term);
  else if (!TERM_BY_IRI.has(d.iri) && term !== 'orderedItems') TERM_BY_IRI.set(d.iri, term);
}

const withoutSet = (container: string) => container.split(',').filter((c) => c !== '' && c !== '@set').join(',');

/**
 * Whether an inline definition reads like the standard one. Mastodon's own contexts differ between versions in two
 * ways that change no value we read: `@set` (4.7's attributionDomains; compaction then keeps one-element arrays,
 * and every reader takes a value or a list), and a term the standard coerces to `@id` written plainly (4.4–4.5's
 * `quote` and `quoteAuthorization`: the value is the same URI string, which ref() reads either way).
 */
function readsAlike(standard: TermDef, d: TermDef): boolean {
  if (standard.iri !== d.iri || withoutSet(standard.container) !== withoutSet(d.container)) return false;
  return standard.type === d.type || (standard.type === '@id' && d.type === '');
}

/**
 * True when `context` only says what the standard one says: the AS2 URL (plus the other bundled URLs) and inline
 * terms that mean what Mastodon's terms mean, so keys can be read as written.
 */
export function isStandardContext(context: unknown): boolean {
  if (context === undefined || context === null) return true;
  const entries = list(context);
  if (!entries.some((e) => typeof e === 'string' && canonicalUrl(e) === activityStreamsUrl)) return false;
  for (const entry of entries) {
    if (typeof entry === 'string') {
      if (!STANDARD_URLS.has(canonicalUrl(entry))) return false;
      continue;
    }
    if (!isObject(entry)) return false;
    const prefixes = localPrefixes(entry);
    for (const [key, def] of Object.entries(entry)) {
      if (key.startsWith('@')) return false;
      const d = readDef(def, prefixes);
      if (d === null) return false;
      const standard = STANDARD_TERMS.get(key);
      if (standard !== undefined) {
        if (!readsAlike(standard, d)) return false;
      } else if (TERM_BY_IRI.has(d.iri) || LANGUAGE_TERM_BY_IRI.has(d.iri) || NAMESPACES.has(d.iri)) {
        return false; // a new name for a standard term or namespace: keys would not read as written
      }
    }
  }
  return true;
}

/**
 * The context an item is read with: Mastodon's full context first (archives drop its terms), then the item's.
 * Remote documents we do not bundle are left out: Outbox is offline, and their terms then read as written.
 */
export function effectiveContext(context: unknown): unknown[] {
  const own = list(context).filter((e) => typeof e !== 'string' || STANDARD_URLS.has(canonicalUrl(e)));
  return [...standardContext, ...own];
}

// ---------------------------------------------------------------------------------------------------------------
// Renaming for other contexts: each distinct key (and type value) is expanded once with jsonld.
// ---------------------------------------------------------------------------------------------------------------

/**
 * How many jsonld.expand calls one archive may spend learning key maps (each ~0.1–0.5 ms here). Real archives need
 * a few dozen; 30k items with contexts of their own needed 600k (70 s). Past it, unusual items read as written.
 */
export const JSONLD_BUDGET = 3000;

/** Thrown by KeyRenamer when the shared budget is spent: the item is then read by the fast path. */
export class BudgetSpent extends Error {}

/** A shared count of jsonld calls left, for every KeyRenamer of one normalizer. */
export interface JsonldBudget {
  left: number;
}

/**
 * The part of a context that decides how keys read, as one string: two contexts with the same shape read every key
 * alike, so they share one plan. Beyond key order and http/https spellings, a `@vocab` that is not a standard
 * namespace is dropped: term definitions win over it, so it only names keys that are no standard term anyway.
 */
export function contextShape(context: unknown): string {
  const shape = (entry: unknown): unknown => {
    if (typeof entry === 'string') return STANDARD_URLS.has(canonicalUrl(entry)) ? canonicalUrl(entry) : entry;
    if (!isObject(entry)) return entry;
    const out: Json = {};
    for (const key of Object.keys(entry).sort()) {
      const value = entry[key];
      if (key === '@vocab' && !(typeof value === 'string' && NAMESPACES.has(value))) continue;
      out[key] = value;
    }
    return out;
  };
  return JSON.stringify(Array.isArray(context) ? context.map(shape) : shape(context)) ?? 'null';
}

const PROBE = 'urn:outbox:probe';
const ANCHOR = 'urn:outbox:anchor';
const MAX_DEPTH = 64;

/** Which expanded entries of `node` hold the probe marker. */
function probedKeys(node: unknown): string[] {
  if (!isObject(node)) return [];
  return Object.keys(node).filter((k) => JSON.stringify(node[k]).includes(PROBE));
}

export class KeyRenamer {
  private readonly keys = new Map<string, string | null>();
  private readonly types = new Map<string, string>();
  private readonly context: unknown[];
  private broken = false;
  /** One item learns at a time: items in flight together would otherwise each learn the same keys again. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(context: unknown, private readonly budget: JsonldBudget = { left: Infinity }) {
    this.context = effectiveContext(context);
  }

  private async expand(doc: Json): Promise<Json | null> {
    if (this.budget.left <= 0) throw new BudgetSpent('the budget for unusual contexts is spent');
    this.budget.left--;
    // The anchor property keeps the node alive: jsonld drops a top-level node that has nothing but an @id.
    const input = { '@context': this.context, [ANCHOR]: 'x', ...doc };
    const jsonld = await loadJsonld();
    const out = await jsonld.expand(input as JsonLdInput, loaderOptions);
    return isObject(out[0]) ? (out[0] as Json) : null;
  }

  private async learnKey(key: string): Promise<string | null> {
    if (key === '@context') return null;
    const expanded = await this.expand({ [key]: PROBE });
    const [hit] = probedKeys(expanded);
    let name: string | null | undefined;
    if (hit === '@type') name = 'type';
    else if (hit === '@id') name = 'id';
    else if (hit !== undefined) {
      name = TERM_BY_IRI.get(hit);
      const languageTerm = LANGUAGE_TERM_BY_IRI.get(hit);
      if (languageTerm !== undefined) {
        const asMap = await this.expand({ [key]: { und: PROBE } });
        const value = asMap ? list(asMap[hit])[0] : undefined;
        if (isObject(value) && value['@language'] !== undefined) name = languageTerm;
      }
    }
    if (name !== undefined) return name;
    // Not a standard term: keep the key unless it would be read as one.
    return STANDARD_TERMS.has(key) ? null : key;
  }

  private async learnType(value: string): Promise<string> {
    const expanded = await this.expand({ '@type': value });
    const iri = expanded ? list(expanded['@type'])[0] : undefined;
    const term = typeof iri === 'string' ? TERM_BY_IRI.get(iri) : undefined;
    return term ?? value;
  }

  private collect(value: unknown, keys: Set<string>, depth: number): void {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const v of value) this.collect(v, keys, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    for (const [k, v] of Object.entries(value)) {
      if (!this.keys.has(k)) keys.add(k);
      this.collect(v, keys, depth + 1);
    }
  }

  private rename(value: unknown, depth: number): unknown {
    if (depth > MAX_DEPTH) return value;
    if (Array.isArray(value)) return value.map((v) => this.rename(v, depth + 1));
    if (!isObject(value)) return value;
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      const name = this.keys.get(k);
      if (name === null || name === undefined || v === undefined) continue;
      if (name === 'type') out.type = Array.isArray(v) ? v.map((t) => this.typeName(t)) : this.typeName(v);
      else if (!(name in out)) out[name] = this.rename(v, depth + 1);
    }
    return out;
  }

  private typeName(t: unknown): unknown {
    return typeof t === 'string' ? (this.types.get(t) ?? t) : t;
  }

  /**
   * `item` with its keys (and type values) renamed to the standard terms; as written if jsonld refuses the context.
   * Throws BudgetSpent when learning this item's keys would pass the budget.
   */
  apply(item: unknown): Promise<unknown> {
    const run = this.queue.then(() => this.applyNow(item));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async applyNow(item: unknown): Promise<unknown> {
    if (this.broken) return item;
    try {
      return await this.learnAndRename(item);
    } catch (error) {
      if (error instanceof BudgetSpent) throw error;
      this.broken = true; // e.g. an invalid context: read keys as written (FORMAT §1.7), and stop asking jsonld
      return item;
    }
  }

  private async learnAndRename(item: unknown): Promise<unknown> {
    const keys = new Set<string>();
    this.collect(item, keys, 0);
    for (const key of keys) this.keys.set(key, await this.learnKey(key));
    // Type values are learned once the keys say which of them mean `type`.
    const typeKeys = new Set([...this.keys].filter(([, v]) => v === 'type').map(([k]) => k));
    for (const value of this.typeValues(item, typeKeys, 0)) {
      if (!this.types.has(value)) this.types.set(value, await this.learnType(value));
    }
    return this.rename(item, 0);
  }

  private *typeValues(value: unknown, typeKeys: Set<string>, depth: number): Generator<string> {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const v of value) yield* this.typeValues(v, typeKeys, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    for (const [k, v] of Object.entries(value)) {
      if (typeKeys.has(k)) for (const t of list(v)) if (typeof t === 'string') yield t;
      yield* this.typeValues(v, typeKeys, depth + 1);
    }
  }
}

/**
 * Keys compaction had to leave as (compact) IRIs of a standard term because the value's type did not fit the
 * term's coercion (a plain `quote` URI string against the standard `@type: @id`), renamed to that term: the same
 * leniency readsAlike() and KeyRenamer (which maps by IRI alone) apply.
 */
function foldIriKeys(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => foldIriKeys(v, depth + 1));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    const term = k.includes(':') ? TERM_BY_IRI.get(resolveIri(k, PREFIXES)) : undefined;
    const name = term !== undefined && value[term] === undefined ? term : k;
    out[name] = foldIriKeys(v, depth + 1);
  }
  return out;
}

/** The item compacted by jsonld to the standard context (the slow path, and the reference for parity). */
export async function compactItem(item: Json, context: unknown): Promise<Json> {
  const { '@context': own, ...rest } = item;
  const input = { '@context': effectiveContext(own ?? context), ...rest };
  const jsonld = await loadJsonld();
  const out = (await jsonld.compact(input as JsonLdInput, standardContext as unknown as JsonLd.ContextDefinition, loaderOptions)) as Json;
  delete out['@context'];
  return foldIriKeys(out, 0) as Json;
}
