// The date scrubber: posting activity per month as a histogram by year; a month jumps the timeline to it.
import { LitElement, css, html, nothing } from 'lit';
import { cssProps } from '../lib/css-props.js';
import { emit } from '../lib/events.js';
import { formatMonth, formatMonthShort, plural } from '../lib/format.js';
import type { Order } from '../lib/route.js';
import { baseStyles } from '../lib/shared-styles.js';
import { t } from '../lib/i18n.js';

/** Position of a month's first post in a date order: the count of everything that comes before it. */
export function monthOffset(months: Record<string, number>, month: string, order: Order): number {
  let offset = 0;
  for (const [m, n] of Object.entries(months)) if (order === 'newest' ? m > month : m < month) offset += n;
  return offset;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

/**
 * @fires ox-jump - a month was chosen: scroll the timeline to its offset
 * @fires ox-filter - a month was chosen while results are ordered by relevance (no place to jump to): narrow to it
 */
export class OxMonths extends LitElement {
  static override properties = { months: { attribute: false }, order: {}, current: {}, focusMonth: { state: true } };

  months: Record<string, number> = {};
  order: Order = 'newest';
  /** the month being read ("YYYY-MM") */
  current = '';
  /** the month the arrow keys last moved to: the one button of the histogram in the Tab order */
  focusMonth = '';

  static override styles = [baseStyles, css`
    :host { display: block; }
    h2 { font-size: var(--ox-sys-text-sm); text-transform: uppercase; letter-spacing: 0.06em; color: var(--ox-sys-color-text-muted); margin: 0 0 var(--ox-sys-space-2); }
    .years { display: grid; gap: 6px; }
    .year { display: grid; grid-template-columns: 2.6rem 1fr; align-items: end; gap: var(--ox-sys-space-2); }
    .label { font-size: var(--ox-sys-text-xs); font-weight: var(--ox-sys-weight-strong); color: var(--ox-sys-color-text-muted); font-variant-numeric: tabular-nums; line-height: 1; }
    .bars { display: grid; grid-template-columns: repeat(12, 1fr); gap: 2px; height: 2rem; align-items: end; }
    .bars > button, .bars > span { display: block; width: 100%; height: 100%; padding: 0; border: 0; background: none; cursor: pointer; position: relative; border-radius: 3px; }
    .bars button:hover { background: var(--ox-sys-color-surface-2); }
    .bar { position: absolute; inset-inline: 0; bottom: 0; min-height: 2px; border-radius: 2px 2px 0 0; background: var(--ox-sys-color-accent); opacity: 0.75; }
    .bars button:hover .bar, .bars button:focus-visible .bar { opacity: 1; }
    .bars button[aria-current='true'] { background: var(--ox-sys-color-accent-soft); }
    .bars button[aria-current='true'] .bar { opacity: 1; background: var(--ox-sys-color-accent-hover); box-shadow: 0 0 0 1px var(--ox-sys-color-accent); }
    .bars > span::after { content: ''; position: absolute; inset-inline: 0; bottom: 0; height: 1px; background: var(--ox-sys-color-border); }
    .axis { display: grid; grid-template-columns: 2.6rem 1fr; gap: var(--ox-sys-space-2); font-size: 0.625rem; color: var(--ox-sys-color-text-muted); }
    .axis div { display: flex; justify-content: space-between; }
  `];

  // Best matches are not in date order, so a month has no place in them to jump to: it narrows them instead.
  private choose(month: string): void {
    if (this.order === 'relevance') emit(this, 'ox-filter', { patch: { from: month, to: month } });
    else emit(this, 'ox-jump', { offset: monthOffset(this.months, month, this.order) });
  }

  // One Tab stop for the whole histogram (there may be a hundred months); the arrow keys move inside it:
  // left/right to the neighbouring month, up/down to the same month of the year above or below, Home/End.
  private onKey(event: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button[data-month]')];
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (at < 0) return;
    const month = buttons[at]!.dataset.month!;
    let next: HTMLButtonElement | undefined;
    // The bars run right to left in a right-to-left interface: the arrow keys follow what the reader sees.
    const ahead = getComputedStyle(this).direction === 'rtl' ? -1 : 1;
    if (event.key === 'ArrowLeft') next = buttons[at - ahead];
    else if (event.key === 'ArrowRight') next = buttons[at + ahead];
    else if (event.key === 'Home') next = buttons[0];
    else if (event.key === 'End') next = buttons[buttons.length - 1];
    else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const rows = [...new Set(buttons.map((b) => b.dataset.month!.slice(0, 4)))];
      const row = rows[rows.indexOf(month.slice(0, 4)) + (event.key === 'ArrowUp' ? -1 : 1)];
      const column = Number(month.slice(5));
      // The same month in that year, else the nearest month that has posts.
      next = buttons.filter((b) => b.dataset.month!.startsWith(`${row}-`))
        .sort((a, b) => Math.abs(Number(a.dataset.month!.slice(5)) - column) - Math.abs(Number(b.dataset.month!.slice(5)) - column))[0];
    } else return;
    event.preventDefault();
    event.stopPropagation();
    if (!next) return;
    this.focusMonth = next.dataset.month!;
    next.focus();
  }

  private tabStop(months: string[]): string {
    for (const m of [this.focusMonth, this.current]) if (m && (this.months[m] ?? 0) > 0) return m;
    return months[0] ?? '';
  }

  override render() {
    const entries = Object.entries(this.months).filter(([, n]) => n > 0);
    if (!entries.length) return nothing;
    const max = Math.max(...entries.map(([, n]) => n));
    const years = [...new Set(entries.map(([m]) => m.slice(0, 4)))].sort();
    if (this.order !== 'oldest') years.reverse();
    const stop = this.tabStop(years.flatMap((y) => MONTHS.map((mm) => `${y}-${mm}`)).filter((m) => (this.months[m] ?? 0) > 0));
    return html`<section data-testid="months" aria-labelledby="months-title">
      <h2 id="months-title">${t('months.title')}</h2>
      <div class="years" @keydown=${this.onKey}>${years.map((y) => html`<div class="year">
        <span class="label">${y}</span>
        <div class="bars" role="group" aria-label=${t('months.year', { year: y })}>${MONTHS.map((mm) => {
          const month = `${y}-${mm}`;
          const n = this.months[month] ?? 0;
          if (!n) return html`<span aria-hidden="true" title=${t('months.empty', { month: formatMonth(month) })}></span>`;
          return html`<button data-month=${month} tabindex=${month === stop ? '0' : '-1'} @focus=${() => (this.focusMonth = month)} aria-current=${month === this.current ? 'true' : 'false'} title=${t('calendar.day', { date: formatMonth(month), posts: plural(n, 'count.posts') })}
              aria-label=${t('months.label', { month: formatMonth(month), posts: plural(n, 'count.posts') })}
              @click=${() => this.choose(month)}>
            <span class="bar" ${cssProps({ height: `${Math.max(6, Math.round((Math.sqrt(n) / Math.sqrt(max)) * 100))}%` })}></span></button>`;
        })}</div></div>`)}
      </div>
      <div class="axis" aria-hidden="true"><span></span><div><span>${formatMonthShort('2000-01')}</span><span>${formatMonthShort('2000-06')}</span><span>${formatMonthShort('2000-12')}</span></div></div>
    </section>`;
  }
}

customElements.define('ox-months', OxMonths);

declare global {
  interface HTMLElementTagNameMap {
    'ox-months': OxMonths;
  }
}
