// The welcome screen: what Outbox is, and every way to open an archive (choose, drop, type a path, recent, demo).
import { LitElement, css, html, nothing } from 'lit';
import type { ArchiveInfo, RecentArchive } from '../../preload/contract.js';
import { emit } from '../lib/events.js';
import { formatDate } from '../lib/format.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { screenStyles } from './screen-styles.js';
import { t, tParts } from '../lib/i18n.js';
import './ox-language-switch.js';

/** What a file chooser offers: the containers Outbox reads. */
export const ARCHIVE_ACCEPT = '.zip,.tar.gz,.tgz,.gz,application/zip,application/gzip,application/x-gzip';

/**
 * @fires ox-open-demo - "Open the demo archive"
 * @fires ox-open-file - a file was chosen (browser mode hands it to the local server)
 * @fires ox-open-path - a typed or recent path
 * @fires ox-show-archive - "Back to" the archive that was open
 */
export class OxWelcome extends LitElement {
  static override properties = {
    canOpen: { type: Boolean }, mode: {}, message: {}, recent: { attribute: false }, current: { attribute: false },
  };

  /** false only where nothing can be opened from the page */
  canOpen = false;
  /** 'desktop': the File menu opens; 'browser': the page chooses, takes drops and typed paths */
  mode: 'desktop' | 'browser' = 'browser';
  message = '';
  recent: RecentArchive[] = [];
  /** the archive open before this screen was asked for (it offers to go back to it) */
  current: ArchiveInfo | null = null;

  static override styles = [baseStyles, screenStyles, css`
    .open { display: grid; gap: var(--ox-sys-space-3); margin-top: var(--ox-sys-space-4); }
    form { display: flex; flex-wrap: wrap; gap: var(--ox-sys-space-2); align-items: end; }
    form label { display: grid; gap: var(--ox-sys-space-1); flex: 1 1 14rem; font-size: var(--ox-sys-text-sm); font-weight: 500; }
    input[type=text] {
      font: inherit; padding: 0.45rem 0.6rem; border-radius: var(--ox-sys-radius-md); min-width: 0;
      border: 1px solid var(--ox-sys-color-border-strong); background: var(--ox-sys-color-surface); color: var(--ox-sys-color-text);
    }
    input[type=file] { display: none; }
    h2 { font-size: var(--ox-sys-text-md); margin: var(--ox-sys-space-4) 0 var(--ox-sys-space-2); }
    ul.recent { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--ox-sys-space-1); }
    ul.recent button {
      display: grid; width: 100%; text-align: start; gap: 0.1rem; cursor: pointer; padding: var(--ox-sys-space-2) var(--ox-sys-space-3);
      border: 1px solid var(--ox-sys-color-border); border-radius: var(--ox-sys-radius-md); background: var(--ox-sys-color-surface);
    }
    ul.recent button:hover { background: var(--ox-sys-color-surface-2); }
    .recent .name { font-weight: 600; overflow-wrap: anywhere; }
    .recent .where { font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted); overflow-wrap: anywhere; unicode-bidi: plaintext; }
    .hint { font-size: var(--ox-sys-text-sm); }
  `];

  private choose(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click();
  }

  private onChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) emit(this, 'ox-open-file', { file });
  }

  private onPath(event: SubmitEvent): void {
    event.preventDefault();
    const path = new FormData(event.target as HTMLFormElement).get('path');
    if (typeof path === 'string' && path.trim()) emit(this, 'ox-open-path', { path: path.trim() });
  }

  private renderBrowserOpen() {
    return html`<div class="open">
      <div class="actions">
        <button class="btn primary" @click=${() => this.choose()}>${icon('outbox')}${t('welcome.choose')}</button>
        <button class="btn" @click=${() => emit(this, 'ox-open-demo', {})}>${t('welcome.demo')}</button>
        ${this.current ? html`<button class="btn quiet" @click=${() => emit(this, 'ox-show-archive', {})}>${tParts('welcome.backTo', { name: html`<bdi>${this.current.name}</bdi>` })}</button>` : nothing}
      </div>
      <input type="file" accept=${ARCHIVE_ACCEPT} @change=${this.onChosen} aria-label=${t('welcome.file')}>
      <p class="hint">${t('welcome.drop')}</p>
      <form @submit=${this.onPath}>
        <label>${t('welcome.pathLabel')}
          <input type="text" name="path" dir="auto" autocomplete="off" spellcheck="false" placeholder=${t('welcome.pathExample')}></label>
        <button class="btn" type="submit">${t('welcome.openPath')}</button>
      </form>
      ${this.recent.length ? html`<section aria-labelledby="recent-title">
        <h2 id="recent-title">${t('welcome.recent')}</h2>
        <ul class="recent">${this.recent.map((r) => html`<li><button @click=${() => emit(this, 'ox-open-path', { path: r.path })}>
          <span class="name"><bdi>${r.name}</bdi></span><span class="where"><bdi>${r.path}</bdi> · ${formatDate(r.openedAt)}</span></button></li>`)}</ul>
      </section>` : nothing}
    </div>`;
  }

  override render() {
    const browser = this.mode === 'browser' && this.canOpen;
    return html`<div class="card" data-testid="welcome">
      <div class="brand" translate="no"><span class="mark">${icon('outbox')}</span>Outbox</div>
      <h1>${t('welcome.title')}</h1>
      <p>${t('welcome.intro')}</p>
      ${browser ? this.renderBrowserOpen()
        : this.canOpen
        ? html`<p>${tParts('welcome.desktop', { menu: html`<strong>${t('menu.file')}</strong>` })}</p>
            <div class="actions"><button class="btn primary" @click=${() => emit(this, 'ox-open-demo', {})}>${t('welcome.demo')}</button></div>`
        : html`<p>${tParts('welcome.browser', { command: html`<code dir="ltr" translate="no">outbox serve path/to/archive.zip</code>` })}</p>`}
      ${browser ? html`<p class="hint">${tParts('welcome.terminal', { command: html`<code dir="ltr" translate="no">outbox serve path/to/archive.zip</code>` })}</p>` : nothing}
      ${this.message ? html`<p role="status" lang="en">${this.message}</p>` : nothing}
      <ox-language-switch></ox-language-switch>
    </div>`;
  }
}

customElements.define('ox-welcome', OxWelcome);

declare global {
  interface HTMLElementTagNameMap {
    'ox-welcome': OxWelcome;
  }
}
