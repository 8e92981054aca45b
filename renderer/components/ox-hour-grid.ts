// Activity by hour of day × day of week: a real <table> with shaded cells (a screen reader reads it as a table).
import { LitElement, css, html } from 'lit';
import { formatNumber } from '../lib/format.js';
import { baseStyles } from '../lib/shared-styles.js';
import { level } from './ox-calendar-heatmap.js';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

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
    th { font-weight: 500; color: var(--ox-sys-color-text-faint); padding: 0 4px 0 0; text-align: right; }
    thead th { text-align: center; padding: 0; font-variant-numeric: tabular-nums; width: 1.35rem; }
    td { width: 1.35rem; height: 1.1rem; border-radius: 3px; background: var(--ox-sys-color-surface-3); padding: 0; }
    td.l1 { background: color-mix(in srgb, var(--ox-sys-color-accent) 30%, var(--ox-sys-color-surface-3)); }
    td.l2 { background: color-mix(in srgb, var(--ox-sys-color-accent) 55%, var(--ox-sys-color-surface-3)); }
    td.l3 { background: color-mix(in srgb, var(--ox-sys-color-accent) 78%, var(--ox-sys-color-surface-3)); }
    td.l4 { background: var(--ox-sys-color-accent); }
    caption { caption-side: bottom; text-align: left; color: var(--ox-sys-color-text-muted); padding-top: var(--ox-sys-space-1); }
  `];

  override render() {
    const max = Math.max(0, ...this.grid.flat());
    const hours = Array.from({ length: 24 }, (_, h) => h);
    return html`<table data-testid="hour-grid">
      <caption>Posts and boosts by hour (${this.timeZone}); darker is busier, busiest hour: ${formatNumber(max)}.</caption>
      <thead><tr><th scope="col"><span class="visually-hidden">Day</span></th>${hours.map((h) => html`<th scope="col" abbr=${`${h}:00`}>${h % 3 === 0 ? h : ''}<span class="visually-hidden">${h % 3 === 0 ? '' : h}</span></th>`)}</tr></thead>
      <tbody>${this.grid.map((row, d) => html`<tr><th scope="row" abbr=${WEEKDAY_NAMES[d]!}>${WEEKDAY_NAMES[d]!.slice(0, 3)}</th>
        ${row.map((n, h) => html`<td class="l${level(n, max)}" title=${`${WEEKDAY_NAMES[d]} ${h}:00–${h}:59: ${formatNumber(n)}`}><span class="visually-hidden">${formatNumber(n)}</span></td>`)}</tr>`)}
      </tbody></table>`;
  }
}

customElements.define('ox-hour-grid', OxHourGrid);

declare global {
  interface HTMLElementTagNameMap {
    'ox-hour-grid': OxHourGrid;
  }
}
