// Readable numbers, dates, lists and labels in the interface's language (lib/i18n.ts), all through Intl.
import type { Visibility } from '../../preload/contract.js';
import { intlLocale, isPseudo, pseudo, t, tn, type PluralId, type SimpleId } from './i18n.js';

// One formatter per language and options: building an Intl formatter costs far more than using one.
const cache = new Map<string, unknown>();
function formatter<T>(kind: string, options: object, make: (locale: string) => T): T {
  const locale = intlLocale();
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make(locale)));
  return f;
}
// The pseudo-locale marks formatted values too, so its test can tell them from untranslated words.
const mark = (text: string): string => (isPseudo() ? pseudo(text) : text);

const dateTimeFormat = (options: Intl.DateTimeFormatOptions) => formatter('date', options, (l) => new Intl.DateTimeFormat(l, options));
const numberFormat = (options: Intl.NumberFormatOptions = {}) => formatter('number', options, (l) => new Intl.NumberFormat(l, options));
const dateTime = { format: (d: Date) => mark(dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(d)) };
const dateOnly = { format: (d: Date) => mark(dateTimeFormat({ dateStyle: 'long' }).format(d)) };
const monthYear = { format: (d: Date) => mark(dateTimeFormat({ month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d)) };
const monthShort = { format: (d: Date) => mark(dateTimeFormat({ month: 'short', timeZone: 'UTC' }).format(d)) };

export const formatNumber = (n: number): string => mark(numberFormat().format(n));

/** A share (0..1) as a percentage with one decimal ("12.5 %" in French); '–' when unknown. */
export const formatPercent = (share: number | null, digits = 1): string =>
  share === null ? '–' : mark(numberFormat({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share));

/** Bytes as whole megabytes ("12 MB", "12 Mo"). */
export const formatMegabytes = (bytes: number): string =>
  mark(numberFormat({ style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 }).format(Math.round(bytes / 1_048_576)));

/** "a, b and c" in the interface's language; `or` for alternatives. */
export const formatList = (items: readonly string[], type: 'conjunction' | 'disjunction' | 'unit' = 'conjunction'): string =>
  formatter('list', { type }, (l) => new Intl.ListFormat(l, { type })).format(items);

/** A weekday's name, 0 = Monday … 6 = Sunday (2024-01-01 was a Monday). */
export function weekdayName(day: number, width: 'long' | 'short' | 'narrow' = 'long'): string {
  return mark(dateTimeFormat({ weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + day))));
}

/** A time-axis tick (seconds, UTC): "Jan 2024" at a year's start or a chart's first tick, "Mar" between, "Mar 5" within a month. */
export function formatMonthTick(seconds: number, first = false): string {
  const d = new Date(seconds * 1000);
  if (d.getUTCDate() !== 1) return mark(dateTimeFormat({ month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d));
  if (d.getUTCMonth() === 0 || first) return mark(dateTimeFormat({ month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d));
  return monthShort.format(d);
}

/** An hour of the day as the language writes times ("14:00", "2:00 PM", "14 h"). */
export function formatHour(hour: number, minute = 0): string {
  return mark(dateTimeFormat({ hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1, hour, minute))));
}

/** "3 years ago", "in 2 days", "yesterday": the largest whole unit between `iso` and `now`. */
export function formatRelative(iso: string, now = new Date()): string {
  const d = valid(iso);
  if (!d) return iso;
  const rtf = formatter('relative', {}, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  const days = Math.round((d.getTime() - now.getTime()) / 86_400_000);
  const years = Math.trunc(days / 365.25);
  const months = Math.trunc(days / 30.44);
  if (years !== 0) return mark(rtf.format(years, 'year'));
  if (months !== 0) return mark(rtf.format(months, 'month'));
  return mark(rtf.format(days, 'day'));
}

/** A language's name in the interface's language ("de" → "German", "allemand", "ドイツ語"); the code when unknown. */
export function languageName(code: string): string {
  if (code === 'und') return t('language.unset');
  try {
    return mark(formatter('language', {}, (l) => new Intl.DisplayNames(l, { type: 'language' })).of(code) ?? code);
  } catch {
    return code;
  }
}

function valid(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "12 Mar 2024, 14:05" in local time; the raw string when it does not parse; "undated" for a post without a date. */
export function formatDateTime(iso: string | null | undefined): string {
  const d = valid(iso);
  return d ? dateTime.format(d) : (iso || t('common.undated'));
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

const VISIBILITY_IDS: Record<Visibility, SimpleId> = {
  public: 'visibility.public',
  unlisted: 'visibility.unlisted',
  private: 'visibility.private',
  direct: 'visibility.direct',
};

const MEDIA_KIND_IDS: Record<string, SimpleId> = { image: 'media.kind.image', video: 'media.kind.video', gifv: 'media.kind.gifv', audio: 'media.kind.audio', unknown: 'media.kind.unknown' };
/** An attachment kind's name ("image" → "Bild"); an unexpected kind shows as the archive wrote it. */
export const mediaKindLabel = (kind: string): string => (kind in MEDIA_KIND_IDS ? t(MEDIA_KIND_IDS[kind]!) : kind);

/** Mastodon's names for the four visibilities, in the interface's language (read when drawn, not at import). */
export const visibilityLabels: Readonly<Record<Visibility, string>> = new Proxy({} as Record<Visibility, string>, {
  get: (_target, v: string) => (v in VISIBILITY_IDS ? t(VISIBILITY_IDS[v as Visibility]) : undefined),
  ownKeys: () => Object.keys(VISIBILITY_IDS),
  getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
});

/**
 * Builds the formatters the first posts use (numbers, plurals, a date and time, a language's name) and keeps them. The
 * first Intl formatter of a page loads ICU's data: 15-50 ms for the first NumberFormat, up to 15 ms for a DateTimeFormat
 * here. Called while the page waits for its first answers, that is not spent between the answers and the posts.
 */
export function warmFormats(): void {
  formatNumber(0);
  plural(1, 'count.notes');
  formatDateTime(new Date().toISOString());
  languageName('en');
}

/** "1 post", "5 posts", "21 Beiträge": a counted noun from the catalogue, in the language's plural rules. */
export function plural(n: number, id: PluralId): string {
  return tn(id, n);
}

/** "December 7", "7. Dezember", "12月7日" in the interface's language. */
export const formatDayMonth = (d: Date): string => mark(dateTimeFormat({ month: 'long', day: 'numeric' }).format(d));

/** "1 year ago", "vor 3 Jahren", "3 年前": Intl.RelativeTimeFormat with the language's own plurals. */
export function yearsAgo(n: number): string {
  return mark(formatter('relative-always', {}, (l) => new Intl.RelativeTimeFormat(l, { numeric: 'always' })).format(-n, 'year'));
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
