// Activity by hour of day × day of week: a real <table> with shaded cells (a screen reader reads it as a table).
import { LitElement, css, html } from 'lit';
import { formatHour as hourName, formatNumber, weekdayName } from '../lib/format.js';
import { baseStyles } from '../lib/shared-styles.js';
import { level } from './ox-calendar-heatmap.js';
import { t } from '../lib/i18n.js';

/** The weekdays' names in the interface's language, Monday first (read when drawn: the language can change). */
export const weekdayNames = (width: 'long' | 'short' = 'long'): string[] => [0, 1, 2, 3, 4, 5, 6].map((d) => weekdayName(d, width));

/**
 * `<ox-hour-grid>`: `grid` is Stats.hourByWeekday ([weekday 0 = Monday][hour]), in the stats' time zone.
 */
export class OxHourGrid extends LitElement {
  static override properties = { grid: { attribute: false }, timeZone: {} };

  grid: number[][] = [];
  timeZone = '';

  static override styles = [baseStyles, css`
    :host { display: block; overflow-x: auto; }
    table { border-collapse: separate; border-spacing: 2px; font-size: var(--ox-sys-text-xs); }
    th { font-weight: 500; color: var(--ox-sys-color-text-muted); padding: 0; padding-inline-end: 4px; text-align: end; }
    thead th { text-align: center; padding: 0; font-variant-numeric: tabular-nums; width: 1.35rem; }
    td { width: 1.35rem; height: 1.1rem; border-radius: 3px; background: var(--ox-sys-color-surface-3); padding: 0; }
    td.l1 { background: color-mix(in srgb, var(--ox-sys-color-accent) 30%, var(--ox-sys-color-surface-3)); }
    td.l2 { background: color-mix(in srgb, var(--ox-sys-color-accent) 55%, var(--ox-sys-color-surface-3)); }
    td.l3 { background: color-mix(in srgb, var(--ox-sys-color-accent) 78%, var(--ox-sys-color-surface-3)); }
    td.l4 { background: var(--ox-sys-color-accent); }
    caption { caption-side: bottom; text-align: start; color: var(--ox-sys-color-text-muted); padding-top: var(--ox-sys-space-1); }
  `];

  override render() {
    const max = Math.max(0, ...this.grid.flat());
    const hours = Array.from({ length: 24 }, (_, h) => h);
    const names = weekdayNames();
    const short = weekdayNames('short');
    return html`<table data-testid="hour-grid">
      <caption>${t('hours.caption', { zone: this.timeZone, n: formatNumber(max) })}</caption>
      <thead><tr><th scope="col"><span class="visually-hidden">${t('hours.day')}</span></th>${hours.map((h) => html`<th scope="col" abbr=${hourName(h)}>${h % 3 === 0 ? formatNumber(h) : ''}<span class="visually-hidden">${h % 3 === 0 ? '' : formatNumber(h)}</span></th>`)}</tr></thead>
      <tbody>${this.grid.map((row, d) => html`<tr><th scope="row" abbr=${names[d]!}>${short[d]!}</th>
        ${row.map((n, h) => html`<td class="l${level(n, max)}" title=${t('hours.cell', { day: names[d]!, from: hourName(h), to: hourName(h, 59), n: formatNumber(n) })}><span class="visually-hidden">${formatNumber(n)}</span></td>`)}</tr>`)}
      </tbody></table>`;
  }
}

customElements.define('ox-hour-grid', OxHourGrid);

declare global {
  interface HTMLElementTagNameMap {
    'ox-hour-grid': OxHourGrid;
  }
}
