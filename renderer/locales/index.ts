// The languages Outbox ships. Adding one: write its catalogue (a copy of en.ts's ids, see catalogue.ts) and add
// its line here; the switch, the system-language match and the tests pick it up from this list.
import type { Catalogue } from './catalogue.js';

type Load = () => Promise<{ templates: Catalogue }>;

export const CATALOGUES = {
  en: () => import('./en.js'),
  de: () => import('./de.js'),
  fr: () => import('./fr.js'),
  es: () => import('./es.js'),
  ja: () => import('./ja.js'),
  'zh-Hans': () => import('./zh-Hans.js'),
  'pt-BR': () => import('./pt-BR.js'),
  ar: () => import('./ar.js'),
} satisfies Record<string, Load>;

export type LocaleCode = keyof typeof CATALOGUES;

/** The test locale: English with every letter accented and every message bracketed (see lib/i18n.ts). */
export const PSEUDO_LOCALE = 'en-XA';
