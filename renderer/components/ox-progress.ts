// The opening screen while an archive is read and indexed: a real progress bar with what is happening.
import { LitElement, css, html } from 'lit';
import type { OpenProgress } from '../../preload/contract.js';
import { formatNumber } from '../lib/format.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { screenStyles } from './screen-styles.js';
import { cssProps } from '../lib/css-props.js';

const PHASES: Record<OpenProgress['phase'], string> = {
  reading: 'Reading your posts',
  indexing: 'Building the search index',
  cache: 'Loading from the cache',
  done: 'Ready',
};

const mb = (bytes: number) => `${formatNumber(Math.round(bytes / 1_048_576))} MB`;

/** A `progressbar` with the phase, items and bytes of the open in progress (indeterminate until sizes are known). */
export class OxProgress extends LitElement {
  static override properties = { progress: { attribute: false }, upload: { attribute: false } };

  progress: OpenProgress | null = null;
  /** browser mode: the chosen file still on its way to the local server (shown before the open's own progress) */
  upload: { name: string; sent: number; total: number } | null = null;

  static override styles = [baseStyles, screenStyles, css`
    .track { height: 0.6rem; border-radius: var(--ox-sys-radius-pill); background: var(--ox-sys-color-surface-3); overflow: hidden; margin: var(--ox-sys-space-4) 0 var(--ox-sys-space-2); }
    .fill { height: 100%; background: var(--ox-sys-color-accent); border-radius: inherit; transition: width 0.2s ease-out; }
    @media (prefers-reduced-motion: reduce) { .fill { transition: none; } }
    .fill.indeterminate { width: 35%; animation: slide 1.2s ease-in-out infinite; }
    @keyframes slide { from { translate: -100% 0; } to { translate: 300% 0; } }
    @media (prefers-reduced-motion: reduce) { .fill.indeterminate { animation: none; width: 100%; opacity: 0.4; } }
    .detail { display: flex; justify-content: space-between; font-size: var(--ox-sys-text-sm); color: var(--ox-sys-color-text-muted); font-variant-numeric: tabular-nums; }
  `];

  override render() {
    const u = this.upload;
    const p: OpenProgress | null = u ? { archive: '', phase: 'reading', bytesRead: u.sent, bytesTotal: u.total, items: 0 } : this.progress;
    const known = p !== null && p.bytesTotal > 0;
    const pct = known ? Math.min(100, Math.round((p.bytesRead / p.bytesTotal) * 100)) : null;
    return html`<div class="card">
      <div class="brand"><span class="mark">${icon('outbox')}</span>Outbox</div>
      <h1>Opening the archive…</h1>
      <p>${u ? html`Handing <bdi>${u.name}</bdi> to Outbox` : p ? PHASES[p.phase] : 'Starting'}. Your archive stays on this computer.</p>
      <div class="track" role="progressbar" aria-label="Opening the archive" aria-valuemin="0" aria-valuemax="100"
          aria-valuenow=${pct ?? ''} aria-valuetext=${pct === null ? 'Working' : `${pct}%`}>
        <div class="fill ${pct === null ? 'indeterminate' : ''}" ${cssProps({ width: pct === null ? '' : `${pct}%` })}></div>
      </div>
      <div class="detail"><span>${p && !u ? `${formatNumber(p.items)} items` : ''}</span><span>${known ? `${mb(p.bytesRead)} of ${mb(p.bytesTotal)}` : ''}</span></div>
    </div>`;
  }
}

customElements.define('ox-progress', OxProgress);

declare global {
  interface HTMLElementTagNameMap {
    'ox-progress': OxProgress;
  }
}
