// A top list as bar rows (hashtags, accounts, servers, languages…): a label, a bar to scale, the exact count.
import { LitElement, css, html, nothing } from 'lit';
import type { PostFilter } from '../../preload/contract.js';
import { cssProps } from '../lib/css-props.js';
import { formatNumber } from '../lib/format.js';
import { emitInsight } from '../lib/insight-events.js';
import { baseStyles } from '../lib/shared-styles.js';
import { isolate, t } from '../lib/i18n.js';

export interface BarRow {
  label: string;
  count: number;
  /** what a click shows in the timeline; rows without one are not buttons */
  patch?: Partial<PostFilter>;
}

/**
 * `<ox-bar-list>`: rows sorted as given; bars scale to the largest count.
 * @fires ox-show-posts - a row with a patch was clicked
 */
export class OxBarList extends LitElement {
  static override properties = { rows: { attribute: false }, heading: {}, empty: {} };

  rows: BarRow[] = [];
  heading = '';
  /** what an empty list says (default: the catalogue's "None.") */
  empty = '';

  static override styles = [baseStyles, css`
    :host { display: block; }
    h3 { margin: 0 0 var(--ox-sys-space-2); font-size: var(--ox-sys-text-md); }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 3px; }
    .row {
      position: relative; display: flex; justify-content: space-between; gap: var(--ox-sys-space-2); width: 100%;
      padding: 3px var(--ox-sys-space-2); border: 0; border-radius: var(--ox-sys-radius-sm); background: none; text-align: start;
      font-size: var(--ox-sys-text-sm); isolation: isolate;
    }
    button.row { cursor: pointer; }
    button.row:hover { background: var(--ox-sys-color-surface-2); }
    .bar { position: absolute; inset-block: 2px; inset-inline: 0 auto; width: var(--_w); border-radius: var(--ox-sys-radius-sm); background: var(--ox-sys-color-accent-soft); z-index: -1; }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .count { font-variant-numeric: tabular-nums; color: var(--ox-sys-color-text-muted); }
    p { margin: 0; color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); }
  `];

  override render() {
    const max = Math.max(1, ...this.rows.map((r) => r.count));
    const body = (r: BarRow) => html`<span class="bar" ${cssProps({ '--_w': `${(r.count / max) * 100}%` })}></span>
      <span class="name" dir="auto">${r.label}</span><span class="count">${formatNumber(r.count)}</span>`;
    return html`${this.heading ? html`<h3>${this.heading}</h3>` : nothing}
      ${this.rows.length ? html`<ol>${this.rows.map((r) => html`<li>${r.patch
        ? html`<button class="row" title=${t('bars.show', { label: isolate(r.label) })} @click=${() => emitInsight(this, 'ox-show-posts', { patch: r.patch! })}>${body(r)}</button>`
        : html`<div class="row">${body(r)}</div>`}</li>`)}</ol>` : html`<p>${this.empty || t('common.none')}</p>`}`;
  }
}

customElements.define('ox-bar-list', OxBarList);

declare global {
  interface HTMLElementTagNameMap {
    'ox-bar-list': OxBarList;
  }
}
