// Export ▸: the posts the viewer shows as JSON Lines or CSV (downloaded with a progress bar in browser mode), or the
// `outbox export` command that writes them, and the Markdown and HTML sites, with the privacy choice spelled out.
import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { Facets, PostFilter } from '../../preload/contract.js';
import { Routes } from '../../preload/contract.js';
import { fetcherContext } from '../lib/context.js';
import { fetchExport, saveBlob } from '../lib/download.js';
import { exportCommand, unquotableFilters, type ExportFormat } from '../lib/export-command.js';
import { formatNumber, plural } from '../lib/format.js';
import { baseStyles } from '../lib/shared-styles.js';

const LABELS: Record<ExportFormat, string> = { jsonl: 'JSON Lines (.jsonl)', csv: 'CSV (.csv)', md: 'Markdown site', html: 'HTML site' };

/**
 * `<ox-export-menu>`: a button and its panel. `archive` is the id the timeline shows (or ALL_ARCHIVES), `files`
 * the archive file names the command names, `total` and `facets` the current result's counts.
 */
export class OxExportMenu extends LitElement {
  static override properties = {
    archive: {}, files: { attribute: false }, filter: { attribute: false }, total: { attribute: false }, facets: { attribute: false },
    open: { state: true }, site: { state: true }, includePrivate: { state: true }, running: { state: true }, done: { state: true }, message: { state: true },
  };

  archive = '';
  files: string[] = [];
  filter: PostFilter = {};
  total: number | null = null;
  facets: Facets | null = null;
  open = false;
  site: 'md' | 'html' = 'html';
  includePrivate = false;
  /** the download under way, if any */
  running: { format: 'jsonl' | 'csv'; records: number; abort: AbortController } | null = null;
  done = 0;
  message = '';

  private readonly fetcher = new ContextConsumer(this, { context: fetcherContext, subscribe: true });
  private readonly onOutside = (e: MouseEvent) => {
    if (this.open && !e.composedPath().includes(this)) this.open = false;
  };

  static override styles = [baseStyles, css`
    :host { position: relative; display: inline-block; }
    .panel {
      position: absolute; right: 0; top: calc(100% + 6px); width: min(30rem, 92vw); z-index: 5;
      background: var(--ox-sys-color-surface); border: 1px solid var(--ox-sys-color-border-strong); border-radius: var(--ox-sys-radius-lg);
      box-shadow: var(--ox-sys-shadow-2); padding: var(--ox-sys-space-3) var(--ox-sys-space-4); display: grid; gap: var(--ox-sys-space-3);
      font-size: var(--ox-sys-text-sm); max-height: calc(100dvh - 6rem); overflow-y: auto;
    }
    /* On a phone the button is not at the window's right edge: the panel spans the window instead of leaving it. */
    @media (max-width: 600px) {
      .panel { position: fixed; top: auto; left: var(--ox-sys-space-2); right: var(--ox-sys-space-2); width: auto; margin-top: 6px; }
    }
    h3 { margin: 0; font-size: var(--ox-sys-text-md); }
    p { margin: 0; color: var(--ox-sys-color-text-muted); }
    .row { display: flex; gap: var(--ox-sys-space-2); flex-wrap: wrap; align-items: center; }
    progress { width: 100%; accent-color: var(--ox-sys-color-accent); height: 0.6rem; }
    code { display: block; font-family: var(--ox-sys-font-mono); font-size: var(--ox-sys-text-xs); background: var(--ox-sys-color-surface-2); padding: var(--ox-sys-space-2); border-radius: var(--ox-sys-radius-sm); overflow-wrap: anywhere; user-select: all; color: var(--ox-sys-color-text); }
    label.check { display: flex; gap: var(--ox-sys-space-2); align-items: start; color: var(--ox-sys-color-text); }
    label.check input { margin-top: 0.2rem; }
    .seg { display: inline-flex; border: 1px solid var(--ox-sys-color-border-strong); border-radius: var(--ox-sys-radius-pill); overflow: hidden; }
    .seg button { border: 0; background: none; padding: 0.3rem 0.75rem; cursor: pointer; color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); }
    .seg button[aria-pressed='true'] { background: var(--ox-sys-color-accent-soft); color: var(--ox-sys-color-accent); font-weight: var(--ox-sys-weight-strong); }
    hr { border: 0; border-top: 1px solid var(--ox-sys-color-border); margin: 0; width: 100%; }
  `];

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.onOutside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.onOutside);
    this.running?.abort.abort();
  }

  private async download(format: 'jsonl' | 'csv'): Promise<void> {
    const fetcher = this.fetcher.value;
    if (!fetcher || this.running) return;
    const abort = new AbortController();
    this.message = '';
    this.running = { format, records: 0, abort };
    const params = { archive: this.archive, format, filter: JSON.stringify(this.filter) };
    const result = await fetchExport(fetcher, Routes.export, params, format === 'csv', abort.signal, (records) => {
      if (this.running) this.running = { ...this.running, records };
    });
    this.running = null;
    if (!result.ok) {
      this.message = result.message;
      return;
    }
    saveBlob(this.ownerDocument, result.value.parts, result.value.type, result.value.fileName);
    this.done = result.value.records;
    this.message = `Saved ${plural(result.value.records, 'post', 'posts')} as ${result.value.fileName}.`;
  }

  private renderPrivacy() {
    const v = this.facets?.visibility;
    const counts = v ? ` (${formatNumber(v.private)} followers-only and ${formatNumber(v.direct)} direct in this selection)` : '';
    return html`<label class="check"><input type="checkbox" .checked=${this.includePrivate} @change=${(e: Event) => (this.includePrivate = (e.target as HTMLInputElement).checked)}>
      <span>Include followers-only posts and direct messages${counts}. Unchecked, the site leaves them out, so it is
        safe to share; checked, it holds what only your followers and the people you wrote to were meant to read.</span></label>`;
  }

  private renderPanel() {
    const browser = !!this.fetcher.value;
    const r = this.running;
    const total = this.total;
    return html`<div class="panel" role="dialog" aria-label="Export" data-testid="export-panel">
      <h3>Export ${total === null ? 'the posts shown' : plural(total, 'post shown', 'posts shown')}</h3>
      <p>Every export takes the current filter and search, oldest post first.</p>
      ${browser ? html`<div class="row">
          <button class="btn" ?disabled=${!!r} @click=${() => void this.download('jsonl')}>${LABELS.jsonl}</button>
          <button class="btn" ?disabled=${!!r} @click=${() => void this.download('csv')}>${LABELS.csv}</button>
          ${r ? html`<button class="btn quiet" @click=${() => r.abort.abort()}>Cancel</button>` : nothing}</div>
        ${r ? html`<progress max=${total ?? nothing} value=${total === null ? nothing : Math.min(r.records, total)} aria-label="Export progress"></progress>
          <p role="status">${formatNumber(r.records)}${total === null ? '' : ` of ${formatNumber(total)}`} posts written…</p>` : nothing}
        <p>JSON Lines and CSV keep every post of the selection, with its visibility on each row.</p>`
      : html`<p>JSON Lines or CSV: run</p><code>${exportCommand(this.files, 'jsonl', this.filter, false)}</code>`}
      ${this.message ? html`<p role="status" data-testid="export-message">${this.message}</p>` : nothing}
      <hr>
      <div class="row"><strong>Site</strong><div class="seg" role="group" aria-label="Site format">
        ${(['html', 'md'] as const).map((f) => html`<button aria-pressed=${String(this.site === f)} @click=${() => (this.site = f)}>${LABELS[f]}</button>`)}</div></div>
      <p>A site is a folder of pages and media, which the outbox command writes. Run:</p>
      <code data-testid="export-command">${exportCommand(this.files, this.site, this.filter, this.includePrivate)}</code>
      ${this.renderUnquotable()}
      ${this.renderPrivacy()}
    </div>`;
  }

  /** Filters whose values cannot be pasted safely into a shell are left out of the command: say which. */
  private renderUnquotable() {
    const left = unquotableFilters(this.filter);
    return left.length
      ? html`<p role="note" data-testid="export-unquotable">Left out of the command because their values hold characters a shell would run: ${left.join(', ')}. Add them by hand.</p>`
      : nothing;
  }

  override render() {
    return html`<button class="btn quiet" aria-expanded=${String(this.open)} aria-haspopup="dialog" @click=${() => (this.open = !this.open)}>Export ▾</button>
      ${this.open ? this.renderPanel() : nothing}`;
  }
}

customElements.define('ox-export-menu', OxExportMenu);

declare global {
  interface HTMLElementTagNameMap {
    'ox-export-menu': OxExportMenu;
  }
}
