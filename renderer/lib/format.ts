// Readable numbers, dates and labels in the reader's own locale.
import type { Visibility } from '../../preload/contract.js';

const numbers = new Intl.NumberFormat();
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthShort = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });

export const formatNumber = (n: number): string => numbers.format(n);

function valid(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "12 Mar 2024, 14:05" in local time; the raw string when it does not parse. */
export function formatDateTime(iso: string | null | undefined): string {
  const d = valid(iso);
  return d ? dateTime.format(d) : (iso ?? '');
}

export function formatDate(iso: string | null | undefined): string {
  const d = valid(iso);
  return d ? dateOnly.format(d) : (iso ?? '');
}

/** "YYYY-MM" → "March 2024" */
export function formatMonth(month: string): string {
  const d = valid(`${month}-01T00:00:00Z`);
  return d ? monthYear.format(d) : month;
}

/** "YYYY-MM" → "Mar" */
export function formatMonthShort(month: string): string {
  const d = valid(`${month}-01T00:00:00Z`);
  return d ? monthShort.format(d) : month;
}

export const visibilityLabels: Record<Visibility, string> = {
  public: 'Public',
  unlisted: 'Unlisted',
  private: 'Followers only',
  direct: 'Direct message',
};

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' });
  } catch {
    return null;
  }
})();

/** "zh" → "Chinese" in the reader's language (the code itself when the browser does not know it). */
export function languageName(code: string): string {
  try {
    return languageNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

const dayMonth = new Intl.DateTimeFormat(undefined, { month: 'long', day: 'numeric' });

/** "December 7" in the reader's language. */
export const formatDayMonth = (d: Date): string => dayMonth.format(d);

const pluralRules = new Intl.PluralRules();

/** "1 year ago", "3 years ago" (plural forms through Intl.PluralRules, so a translation can add its own). */
export function yearsAgo(n: number): string {
  return pluralRules.select(n) === 'one' ? `${formatNumber(n)} year ago` : `${formatNumber(n)} years ago`;
}

export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${pluralRules.select(n) === 'one' ? one : many}`;
}

/** The host of a url, or the url itself. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A url as a person reads it: percent-escapes decoded (where they decode), for link text only, never for href. */
export function readableUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** Only http(s) urls become links we render ourselves (the sanitizer handles archive HTML). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
