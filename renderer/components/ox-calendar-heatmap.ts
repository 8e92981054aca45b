// Posts per day as a calendar: one row of week columns per year, a shade per day, a click shows that day's posts.
// Our own CSS grid, not a uPlot plot: a calendar is a table of days (each a button a screen reader can name and a
// keyboard can walk with the arrow keys), and canvas cells could be neither.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { cssProps } from '../lib/css-props.js';
import { formatDate, formatMonthShort, formatNumber, plural, weekdayName } from '../lib/format.js';
import { emitInsight } from '../lib/insight-events.js';
import { baseStyles } from '../lib/shared-styles.js';
import { t } from '../lib/i18n.js';

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
/** 0 = Monday … 6 = Sunday, like Stats.hourByWeekday */
const weekday = (ms: number): number => (new Date(ms).getUTCDay() + 6) % 7;
/** Weekdays labelled down the side: Monday, Wednesday, Friday, Sunday (the rest stay blank, as on GitHub). */
const LABELLED = [0, 2, 4, 6];

/** Shade 1..4 by the share of the busiest day (0: none). */
export function level(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((n / max) * 4)));
}

/**
 * `<ox-calendar-heatmap>`: `perDay` is Stats.perDay ("YYYY-MM-DD" local dates → posts).
 * @fires ox-show-posts - a day was chosen: `{ from: day, to: day }`
 */
export class OxCalendarHeatmap extends LitElement {
  static override properties = { perDay: { attribute: false }, active: { state: true } };

  perDay: Record<string, number> = {};
  /** the day that holds the one tab stop of the grid */
  active = '';

  static override styles = [baseStyles, css`
    :host { display: block; overflow-x: auto; }
    .year { display: grid; grid-template-columns: 2.6rem auto; gap: var(--ox-sys-space-2); align-items: start; margin-bottom: var(--ox-sys-space-3); }
    .label { font-size: var(--ox-sys-text-xs); font-weight: var(--ox-sys-weight-strong); color: var(--ox-sys-color-text-muted); font-variant-numeric: tabular-nums; }
    .days { display: grid; grid-template-rows: repeat(7, 11px); grid-auto-flow: column; grid-auto-columns: 11px; gap: 2px; }
    .wd { display: grid; grid-template-rows: repeat(7, 11px); gap: 2px; font-size: 9px; line-height: 11px; color: var(--ox-sys-color-text-muted); margin-top: 14px; }
    /* Month names over the week where each month begins, on the same columns as the days. */
    .months { display: grid; grid-auto-columns: 11px; gap: 2px; height: 12px; margin-bottom: 2px; font-size: 9px; line-height: 12px; color: var(--ox-sys-color-text-muted); }
    .months span { grid-row: 1; white-space: nowrap; overflow: hidden; }
    .day { width: 11px; height: 11px; padding: 0; border: 0; border-radius: 2px; background: var(--ox-sys-color-surface-3); }
    button.day { cursor: pointer; }
    .day.l1 { background: color-mix(in srgb, var(--ox-sys-color-accent) 30%, var(--ox-sys-color-surface-3)); }
    .day.l2 { background: color-mix(in srgb, var(--ox-sys-color-accent) 55%, var(--ox-sys-color-surface-3)); }
    .day.l3 { background: color-mix(in srgb, var(--ox-sys-color-accent) 78%, var(--ox-sys-color-surface-3)); }
    .day.l4 { background: var(--ox-sys-color-accent); }
    .pad { visibility: hidden; }
    button.day:hover { outline: 1px solid var(--ox-sys-color-text); }
    .key { display: flex; align-items: center; gap: 3px; justify-content: flex-end; font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted); }
    .years { display: flex; gap: var(--ox-sys-space-2); }
  `];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('perDay') && !(this.active in this.perDay)) this.active = Object.keys(this.perDay).sort().at(-1) ?? '';
  }

  // Arrow keys walk days (up/down) and weeks (left/right); only days with posts are buttons, the walk skips the rest.
  private onKey(e: KeyboardEvent): void {
    // Weeks run right to left in a right-to-left interface: the arrow keys follow what the reader sees.
    const week = getComputedStyle(this).direction === 'rtl' ? -7 : 7;
    const step = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -week, ArrowRight: week }[e.key];
    const from = (e.target as HTMLElement).dataset?.day;
    if (!step || !from) return;
    e.preventDefault();
    const days = Object.keys(this.perDay);
    if (!days.length) return;
    const first = dayMs(days.reduce((a, b) => (a < b ? a : b)));
    const last = dayMs(days.reduce((a, b) => (a > b ? a : b)));
    for (let t = dayMs(from) + step * DAY_MS; t >= first && t <= last; t += step * DAY_MS) {
      const day = iso(t);
      if (this.perDay[day]) {
        this.active = day;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-day="${day}"]`)?.focus());
        return;
      }
    }
  }

  private renderYear(year: number, max: number) {
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    const cells = [];
    for (let i = 0; i < weekday(start); i++) cells.push(html`<span class="day pad"></span>`);
    for (let ms = start; ms < end; ms += DAY_MS) {
      const day = iso(ms);
      const n = this.perDay[day] ?? 0;
      const label = t('calendar.day', { date: formatDate(`${day}T12:00:00Z`), posts: plural(n, 'count.posts') });
      cells.push(n
        ? html`<button class="day l${level(n, max)}" data-day=${day} title=${label} aria-label=${label} tabindex=${day === this.active ? 0 : -1}
            @click=${() => emitInsight(this, 'ox-show-posts', { patch: { from: day, to: day } })}></button>`
        : html`<span class="day" data-day=${day} title=${label}></span>`);
    }
    // The column of a month's first day: its week, counted from the week of January 1st.
    const months = Array.from({ length: 12 }, (_, m) => ({ m, column: Math.floor((weekday(start) + (Date.UTC(year, m, 1) - start) / DAY_MS) / 7) }));
    return html`<div class="year"><span class="label">${year}</span><div class="years">
      <div class="wd" aria-hidden="true">${[0, 1, 2, 3, 4, 5, 6].map((d) => html`<span>${LABELLED.includes(d) ? weekdayName(d, 'short') : ''}</span>`)}</div>
      <div><div class="months" aria-hidden="true">${months.map(({ m, column }) => html`<span data-month=${m + 1} ${cssProps({ 'grid-column': `${column + 1} / span 4` })}>${formatMonthShort(`${year}-${String(m + 1).padStart(2, '0')}`)}</span>`)}</div>
      <div class="days" role="group" aria-label=${t('calendar.year', { year: String(year) })}>${cells}</div></div></div></div>`;
  }

  override render() {
    const days = Object.keys(this.perDay).sort();
    if (!days.length) return html`<p>${t('calendar.empty')}</p>`;
    const max = Math.max(...Object.values(this.perDay));
    const first = Number(days[0]!.slice(0, 4));
    const last = Number(days.at(-1)!.slice(0, 4));
    const years = Array.from({ length: last - first + 1 }, (_, i) => last - i);
    return html`<div @keydown=${(e: KeyboardEvent) => this.onKey(e)}>${years.map((y) => this.renderYear(y, max))}</div>
      <p class="key" aria-hidden="true">${t('calendar.fewer')} ${[0, 1, 2, 3, 4].map((l) => html`<span class="day l${l}"></span>`)} ${t('calendar.more')}
        ${max > 1 ? t('calendar.busiest', { n: formatNumber(max) }) : nothing}</p>`;
  }
}

customElements.define('ox-calendar-heatmap', OxCalendarHeatmap);

declare global {
  interface HTMLElementTagNameMap {
    'ox-calendar-heatmap': OxCalendarHeatmap;
  }
}
