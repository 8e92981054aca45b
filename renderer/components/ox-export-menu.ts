// Export ▸: the posts the viewer shows as JSON Lines or CSV (downloaded with a progress bar in browser mode), or the
// `outbox export` command that writes them, and the Markdown and HTML sites, with the privacy choice spelled out.
import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { Facets, PostFilter, RecentArchive } from '../../preload/contract.js';
import { Routes } from '../../preload/contract.js';
import { apiContext, fetcherContext } from '../lib/context.js';
import { fetchExport, saveBlob } from '../lib/download.js';
import { archivePaths, exportCommandArgs, unquotableFilters, type ExportFormat } from '../lib/export-command.js';
import { icon } from '../lib/icons.js';
import { formatList, formatNumber, plural } from '../lib/format.js';
import { baseStyles } from '../lib/shared-styles.js';
import { t, type SimpleId } from '../lib/i18n.js';

const LABELS: Record<ExportFormat, SimpleId> = { jsonl: 'export.jsonl', csv: 'export.csv', md: 'export.md', html: 'export.html' };

/**
 * `<ox-export-menu>`: a button and its panel. `archive` is the id the timeline shows (or ALL_ARCHIVES), `files`
 * the archive file names the command names, `total` and `facets` the current result's counts.
 */
export class OxExportMenu extends LitElement {
  static override properties = {
    archive: {}, files: { attribute: false }, filter: { attribute: false }, total: { attribute: false }, facets: { attribute: false },
    open: { state: true }, site: { state: true }, includePrivate: { state: true }, running: { state: true }, done: { state: true }, message: { state: true },
    recent: { state: true }, copied: { state: true },
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
  /** where the archives are (browser mode's recent list), so the command names their full paths */
  recent: RecentArchive[] = [];
  /** what the last Copy said, for the status line: which command, and whether the clipboard took it */
  copied: { testid: string; ok: boolean } | null = null;

  private readonly api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  private readonly fetcher = new ContextConsumer(this, { context: fetcherContext, subscribe: true });
  private readonly onOutside = (e: MouseEvent) => {
    if (this.open && !e.composedPath().includes(this)) this.open = false;
  };

  static override styles = [baseStyles, css`
    /* The panel hangs from the header's inline end, not from the button: a wrapped header (longer words, a
       right-to-left language) can put the button anywhere, and the panel must stay inside the window. */
    :host { display: inline-block; }
    .panel {
      position: absolute; inset-inline-end: var(--ox-sys-space-4); top: calc(100% + 6px); width: min(30rem, 92vw); z-index: 5;
      background: var(--ox-sys-color-surface); border: 1px solid var(--ox-sys-color-border-strong); border-radius: var(--ox-sys-radius-lg);
      box-shadow: var(--ox-sys-shadow-2); padding: var(--ox-sys-space-3) var(--ox-sys-space-4); display: grid; gap: var(--ox-sys-space-3);
      /* One column no wider than the panel: a long path in the command scrolls in its block, never widens the panel. */
      grid-template-columns: minmax(0, 1fr);
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
    /* A command wraps between its words only (each word is a nowrap piece): "--out" or a path never breaks in
       two, and a word wider than the panel scrolls instead. */
    .command { display: flex; flex-wrap: wrap; gap: var(--ox-sys-space-2); align-items: start; justify-content: flex-end; }
    pre { flex: 1 1 16rem; min-width: 0; margin: 0; font-family: var(--ox-sys-font-mono); font-size: var(--ox-sys-text-xs); line-height: 1.6; background: var(--ox-sys-color-surface-2);
      padding: var(--ox-sys-space-2); border-radius: var(--ox-sys-radius-sm); white-space: normal; overflow-x: auto; user-select: all; color: var(--ox-sys-color-text); }
    pre .arg { white-space: pre; }
    .copy { flex: none; }
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

  protected override willUpdate(changed: Map<string, unknown>): void {
    // The paths are asked for when the panel opens: a file opened since then is in the list the next time.
    // "Copied" is about the command that was copied: another format or choice makes another command.
    if (changed.has('site') || changed.has('includePrivate') || changed.has('filter')) this.copied = null;
    if (changed.has('open') && this.open) {
      this.copied = null;
      void this.api.value?.recent?.().then((r) => {
        if (r.ok) this.recent = r.value;
      });
    }
  }

  private async copy(text: string, testid: string): Promise<void> {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      // No clipboard (an insecure page, a refused permission): select the command so Ctrl+C copies it.
      const pre = this.renderRoot.querySelector(`[data-testid=${testid}]`);
      if (pre) document.getSelection()?.selectAllChildren(pre);
    }
    this.copied = { testid, ok };
  }

  /** A command as words that wrap only between them, with its Copy button. */
  private renderCommand(args: string[], testid: string) {
    const text = args.join(' ');
    const copied = this.copied?.testid === testid ? this.copied : null;
    // The button says "Copied" once it worked; a status line tells screen readers, and says what to do when it did not.
    return html`<div class="command"><pre data-testid=${testid} dir="ltr" translate="no" tabindex="0">${args.map((a, i) => html`${i ? ' ' : ''}<span class="arg">${a}</span>`)}</pre>
      <button class="btn copy" @click=${() => void this.copy(text, testid)}>${icon('copy')}${t(copied?.ok ? 'export.copied' : 'export.copy')}</button></div>
      <p class=${copied && !copied.ok ? '' : 'visually-hidden'} role="status" data-testid=${`${testid}-status`}>${copied ? t(copied.ok ? 'export.copied' : 'export.copyByHand') : ''}</p>`;
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
    this.message = t('export.saved', { posts: plural(result.value.records, 'count.posts'), file: result.value.fileName });
  }

  private renderPrivacy() {
    const v = this.facets?.visibility;
    const counts = v ? t('export.privateCounts', { private: formatNumber(v.private), direct: formatNumber(v.direct) }) : '';
    return html`<label class="check"><input type="checkbox" .checked=${this.includePrivate} @change=${(e: Event) => (this.includePrivate = (e.target as HTMLInputElement).checked)}>
      <span>${t('export.private', { counts })}</span></label>`;
  }

  private renderPanel() {
    const browser = !!this.fetcher.value;
    const r = this.running;
    const total = this.total;
    const archives = archivePaths(this.files, this.recent);
    return html`<div class="panel" role="dialog" aria-label=${t('export.label')} data-testid="export-panel">
      <h3>${total === null ? t('export.headingAll') : plural(total, 'export.heading')}</h3>
      <p>${t('export.intro')}</p>
      ${browser ? html`<div class="row">
          <button class="btn" ?disabled=${!!r} @click=${() => void this.download('jsonl')}>${t(LABELS.jsonl)}</button>
          <button class="btn" ?disabled=${!!r} @click=${() => void this.download('csv')}>${t(LABELS.csv)}</button>
          ${r ? html`<button class="btn quiet" @click=${() => r.abort.abort()}>${t('common.cancel')}</button>` : nothing}</div>
        ${r ? html`<progress max=${total ?? nothing} value=${total === null ? nothing : Math.min(r.records, total)} aria-label=${t('export.progress')}></progress>
          <p role="status">${total === null ? plural(r.records, 'export.written') : t('export.writtenOf', { n: formatNumber(r.records), total: formatNumber(total) })}</p>` : nothing}
        <p>${t('export.rows')}</p>`
      : html`<p>${t('export.run')}</p>${this.renderCommand(exportCommandArgs(archives, 'jsonl', this.filter, false), 'export-rows-command')}`}
      ${this.message ? html`<p role="status" data-testid="export-message">${this.message}</p>` : nothing}
      <hr>
      <div class="row"><strong>${t('export.site')}</strong><div class="seg" role="group" aria-label=${t('export.siteFormat')}>
        ${(['html', 'md'] as const).map((f) => html`<button aria-pressed=${String(this.site === f)} @click=${() => (this.site = f)}>${t(LABELS[f])}</button>`)}</div></div>
      <p>${t('export.siteIntro')}</p>
      ${this.renderCommand(exportCommandArgs(archives, this.site, this.filter, this.includePrivate), 'export-command')}
      ${this.renderUnquotable()}
      ${this.renderPrivacy()}
    </div>`;
  }

  /** Filters whose values cannot be pasted safely into a shell are left out of the command: say which. */
  private renderUnquotable() {
    const left = unquotableFilters(this.filter);
    return left.length
      ? html`<p role="note" data-testid="export-unquotable">${t('export.unquotable', { filters: formatList(left) })}</p>`
      : nothing;
  }

  override render() {
    return html`<button class="btn quiet" aria-expanded=${String(this.open)} aria-haspopup="dialog" @click=${() => (this.open = !this.open)}>${t('export.button')}</button>
      ${this.open ? this.renderPanel() : nothing}`;
  }
}

customElements.define('ox-export-menu', OxExportMenu);

declare global {
  interface HTMLElementTagNameMap {
    'ox-export-menu': OxExportMenu;
  }
}
