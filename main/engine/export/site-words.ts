// The static site's and Markdown export's own words in each language (`--site-lang`); the posts keep their own.
import type { PrivacyFilter } from './privacy.js';
import { AR } from './words/ar.js';
import { DE } from './words/de.js';
import { EN, type SiteWords } from './words/en.js';
import { ES } from './words/es.js';
import { FR } from './words/fr.js';
import { JA } from './words/ja.js';
import { PT_BR } from './words/pt-br.js';
import { ZH_CN } from './words/zh-cn.js';

export type { SiteWords } from './words/en.js';

/** Adding a language: one catalogue file under words/ (typed SiteWords, so no key is missing) and one line here. */
const CATALOGUES = { en: EN, de: DE, fr: FR, es: ES, ja: JA, 'zh-CN': ZH_CN, 'pt-BR': PT_BR, ar: AR } as const satisfies Record<string, SiteWords>;

export type SiteLanguage = keyof typeof CATALOGUES;
export const SITE_LANGUAGES = Object.keys(CATALOGUES) as SiteLanguage[];

export function siteWords(lang: string | undefined): { lang: SiteLanguage; dir: 'ltr' | 'rtl'; words: SiteWords } {
  const known = (lang && lang in CATALOGUES ? lang : 'en') as SiteLanguage;
  return { lang: known, dir: known === 'ar' ? 'rtl' : 'ltr', words: CATALOGUES[known] };
}

/** Intl objects cost far more to make than to use (a site formats numbers on every card): one per language. */
const numbers = new Map<string, { rules: Intl.PluralRules; format: Intl.NumberFormat }>();
function intl(lang: string): { rules: Intl.PluralRules; format: Intl.NumberFormat } {
  let made = numbers.get(lang);
  if (!made) numbers.set(lang, (made = { rules: new Intl.PluralRules(lang), format: new Intl.NumberFormat(lang) }));
  return made;
}

/** A number as the language writes it. */
export const formatNumber = (lang: string, n: number): string => {
  // a site writes three counts on every card, nearly all small: those are formatted once each
  if (!(Number.isInteger(n) && n >= 0 && n < SMALL_NUMBERS)) return intl(lang).format.format(n);
  let known = smallNumbers.get(lang);
  if (!known) smallNumbers.set(lang, (known = []));
  return (known[n] ??= intl(lang).format.format(n));
};
const SMALL_NUMBERS = 4096;
const smallNumbers = new Map<string, string[]>();

/** "{n} posts" in the language's plural form, the number formatted for it. */
export function plural(lang: SiteLanguage, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }, n: number): string {
  const form = forms[intl(lang).rules.select(n)] ?? forms.other;
  return form.replace('{n}', formatNumber(lang, n));
}

/** The privacy sentence of a first page; English keeps PrivacyFilter's own wording (with its plurals). */
export function privacyNotice(privacy: PrivacyFilter, lang: SiteLanguage, words: SiteWords, includePrivate: boolean): string {
  if (lang === 'en') return privacy.notice();
  const { private: followers, direct } = privacy.leftOut;
  if (includePrivate) return words.privacyIncluded;
  return followers + direct ? fill(words.privacyLeftOut, { followers: String(followers), direct: String(direct) }) : words.privacyNone;
}

/** Replaces {name} placeholders. */
export const fill = (text: string, values: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
