// The opening screen while an archive is read and indexed: a real progress bar with what is happening.
import { LitElement, css, html } from 'lit';
import type { OpenProgress } from '../../preload/contract.js';
import { formatMegabytes, formatPercent, plural } from '../lib/format.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { screenStyles } from './screen-styles.js';
import { cssProps } from '../lib/css-props.js';
import { t, tParts, type SimpleId } from '../lib/i18n.js';

const PHASES: Record<OpenProgress['phase'], SimpleId> = {
  reading: 'progress.reading',
  indexing: 'progress.indexing',
  cache: 'progress.cache',
  done: 'progress.done',
};

const mb = formatMegabytes;

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
      <div class="brand" translate="no"><span class="mark">${icon('outbox')}</span>Outbox</div>
      <h1>${t('progress.title')}</h1>
      <p>${tParts('progress.phase', { phase: u ? tParts('progress.handing', { file: html`<bdi>${u.name}</bdi>` }) : t(p ? PHASES[p.phase] : 'progress.starting') })}</p>
      <div class="track" role="progressbar" aria-label=${t('progress.label')} aria-valuemin="0" aria-valuemax="100"
          aria-valuenow=${pct ?? ''} aria-valuetext=${pct === null ? t('progress.working') : formatPercent(pct / 100, 0)}>
        <div class="fill ${pct === null ? 'indeterminate' : ''}" ${cssProps({ width: pct === null ? '' : `${pct}%` })}></div>
      </div>
      <div class="detail"><span>${p && !u ? plural(p.items, 'count.items') : ''}</span><span>${known ? t('common.nOfTotal', { n: mb(p.bytesRead), total: mb(p.bytesTotal) }) : ''}</span></div>
    </div>`;
  }
}

customElements.define('ox-progress', OxProgress);

declare global {
  interface HTMLElementTagNameMap {
    'ox-progress': OxProgress;
  }
}
