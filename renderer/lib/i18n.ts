// The interface's language: which catalogue is active, `t`/`tn` to read it, and the document's lang and dir.
// @lit/localize (runtime mode) holds the active locale and loads catalogues; our messages are plain strings with
// {name} slots and plural forms as `id#category` (Intl.PluralRules picks the category), so a hand-written catalogue
// needs no build step and a translator sees whole sentences.
import { configureLocalization, msg, LOCALE_STATUS_EVENT } from '@lit/localize';
import { ReactiveElement } from 'lit';
import { templates as en, type MessageId } from '../locales/en.js';
import { CATALOGUES, PSEUDO_LOCALE, type LocaleCode } from '../locales/index.js';
import { matchLanguage, pickLanguage } from '../locales/match.js';

export { matchLanguage, pickLanguage };

type Plurals<K> = K extends `${infer Base}#${string}` ? Base : never;
/** an id with one form */
export type SimpleId = Exclude<MessageId, `${string}#${string}`>;
/** an id with plural forms (`posts` for `posts#one`, `posts#other`) */
export type PluralId = Plurals<MessageId>;
type Params = Record<string, string | number>;

/** Where the reader's choice is remembered (a language chosen in the switch wins over the system's). */
export const STORAGE_KEY = 'outbox.language';
const SOURCE = 'en';

let active: Readonly<Record<string, string>> = en;
let activeCode = SOURCE;

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: SOURCE,
  targetLocales: [...Object.keys(CATALOGUES).filter((c) => c !== SOURCE), PSEUDO_LOCALE],
  loadLocale: async (code) => ({ templates: await catalogue(code) }),
});

async function catalogue(code: string): Promise<Record<string, string>> {
  if (code === PSEUDO_LOCALE) return Object.fromEntries(Object.entries(en).map(([id, text]) => [id, pseudo(text)]));
  const load = CATALOGUES[code as LocaleCode];
  return load ? (await load()).templates : en;
}

/** The shipped languages, English first. */
export const languages = (): LocaleCode[] => Object.keys(CATALOGUES) as LocaleCode[];

/** The active interface language (a code of `languages()`, or the pseudo-locale in tests). */
export const currentLanguage = (): string => getLocale();

/**
 * The locale `Intl` formats in. The pseudo-locale formats as English (then wraps the result like its strings), so
 * a test can tell formatted values from untranslated ones.
 */
export const intlLocale = (): string => (activeCode === PSEUDO_LOCALE ? SOURCE : activeCode);

export const isPseudo = (): boolean => activeCode === PSEUDO_LOCALE;

// The pseudo-locale: every letter accented and every message bracketed, {slots} kept, so any English on screen
// that did not come through the catalogue stands out.
const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'áƀćđéƒǵĥíĵķĺḿńóṕɋŕśţúṽŵẋýźÁƁĆĐÉƑǴĤÍĴĶĹḾŃÓṔɊŔŚŢÚṼŴẊÝŹ'][i]!]),
);
export function pseudo(text: string): string {
  const parts = text.split(/(\{\w+\})/);
  return `⟦${parts.map((p) => (/^\{\w+\}$/.test(p) ? p : [...p].map((c) => ACCENTED[c] ?? c).join(''))).join('')}⟧`;
}

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

// Ids the active catalogue lacked (English was shown instead): the browser tests read this after every screen.
const missing = new Set<string>();
(globalThis as { __outboxMissingMessages?: Set<string> }).__outboxMissingMessages = missing;
const lookup = (id: MessageId): string => {
  if (active !== en && !(id in active)) missing.add(`${activeCode}:${id}`);
  return msg(en[id], { id });
};

/** A message of the active catalogue with its {slots} filled; English when the catalogue lacks it. */
export function t(id: SimpleId, params?: Params): string {
  return fill(lookup(id), params);
}

const pluralRules = new Map<string, Intl.PluralRules>();
/** The plural category of n in the active language (CLDR: zero, one, two, few, many, other). */
export function pluralCategory(n: number): Intl.LDMLPluralRule {
  const locale = intlLocale();
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

/**
 * A message whose slots hold markup (a <strong> name, a <code> command): the sentence stays whole in the
 * catalogue, so a translator can move the slot; Lit renders the returned parts in order.
 */
export function tParts(id: SimpleId, parts: Record<string, unknown>): unknown[] {
  return split(lookup(id), parts);
}

function split(text: string, parts: Record<string, unknown>): unknown[] {
  return text.split(/(\{\w+\})/).filter((s) => s !== '').map((s) => {
    const name = /^\{(\w+)\}$/.exec(s)?.[1];
    return name !== undefined && name in parts ? parts[name] : s;
  });
}

// The form for n's plural category, else `other` (a catalogue leaves out the forms its language never uses).
function pluralText(id: PluralId, n: number): string {
  const exact = `${id}#${pluralCategory(n)}`;
  const key = (exact in active ? exact : `${id}#other`) as MessageId;
  return lookup(key);
}

/** A counted message: the form for n's plural category, with {n} as a localized number. */
export function tn(id: PluralId, n: number, params?: Params): string {
  return fill(pluralText(id, n), { n: formatCount(n), ...params });
}

/** A counted message whose slots hold markup (a bold number). */
export function tnParts(id: PluralId, n: number, parts: Record<string, unknown>): unknown[] {
  return split(pluralText(id, n), parts);
}

// One formatter per language: making an Intl.NumberFormat costs far more than formatting (every card counts).
const countFormats = new Map<string, Intl.NumberFormat>();
function formatCount(n: number): string {
  const locale = intlLocale();
  let format = countFormats.get(locale);
  if (!format) countFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  const text = format.format(n);
  return isPseudo() ? pseudo(text) : text;
}

/** Unicode isolation for a value of the archive inside a sentence (a name, a handle): its direction stays its own. */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);
/** The writing direction of a language tag. */
export function directionOf(code: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(code) as Intl.Locale & { getTextInfo?: () => { direction: string }; textInfo?: { direction: string } };
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    if (info) return info.direction === 'rtl' ? 'rtl' : 'ltr';
    return RTL.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

function stored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The languages asked for, strongest first: the reader's choice, then the system's (the desktop app passes the
 * OS's preferred languages as `?lang=`, a browser has navigator.languages).
 */
export function requestedLanguages(): string[] {
  const fromApp = new URLSearchParams(location.search).get('lang');
  return [stored(), ...(fromApp ? fromApp.split(',') : []), ...navigator.languages, navigator.language].filter((x): x is string => !!x);
}

function applyToDocument(code: string): void {
  if (typeof document === 'undefined') return; // the catalogue tests run in Node
  const root = document.documentElement;
  root.lang = code === PSEUDO_LOCALE ? 'en' : code;
  root.dir = directionOf(intlLocale());
}

// Every element re-renders in the new language: walk the light and shadow trees once.
function rerender(root: Document | ShadowRoot): void {
  for (const el of root.querySelectorAll('*')) {
    if (el instanceof ReactiveElement) el.requestUpdate();
    if (el.shadowRoot) rerender(el.shadowRoot);
  }
}

async function activate(code: string): Promise<void> {
  const next = matchLanguage(code) ?? SOURCE;
  const loaded = await catalogue(next);
  await setLocale(next);
  active = next === SOURCE ? en : loaded;
  activeCode = next;
  applyToDocument(next);
  globalThis.dispatchEvent?.(new CustomEvent('ox-language', { detail: { language: next } }));
}

/** Picks the language before the first render (no flash of English). */
export function startLanguage(): Promise<void> {
  return activate(pickLanguage(requestedLanguages()));
}

/** The switch: remembers the choice, changes the language and redraws everything on screen. */
export async function chooseLanguage(code: string): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Storage may be off (a private window): the choice then lasts until the page is closed.
  }
  await activate(code);
  if (typeof document !== 'undefined') rerender(document);
}

/** A language's own name, in that language ("Deutsch", "日本語", "العربية") for the switch. */
export function autonym(code: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
  } catch {
    return code;
  }
}

export { LOCALE_STATUS_EVENT };
