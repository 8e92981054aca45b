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

/** "12 Mar 2024, 14:05" in local time; the raw string when it does not parse; "undated" for a post without a date. */
export function formatDateTime(iso: string | null | undefined): string {
  const d = valid(iso);
  return d ? dateTime.format(d) : (iso || 'undated');
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

export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** The host of a url, or the url itself. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
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
