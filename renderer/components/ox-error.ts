// The error screen: the engine's own message, the file it is about, and what the reader can do next.
import { LitElement, html, nothing } from 'lit';
import type { ErrorCode, ErrorInfo } from '../../preload/contract.js';
import { emit } from '../lib/events.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { screenStyles } from './screen-styles.js';
import { t, tParts, type SimpleId } from '../lib/i18n.js';
import './ox-language-switch.js';

const ADVICE: Partial<Record<ErrorCode, SimpleId>> = {
  'not-found': 'advice.notFound',
  'not-archive': 'advice.notArchive',
  empty: 'advice.empty',
  truncated: 'advice.truncated',
  'no-outbox': 'advice.noOutbox',
  'bad-json': 'advice.badJson',
  'not-collection': 'advice.notCollection',
  encrypted: 'advice.encrypted',
  unsafe: 'advice.unsafe',
  'too-large': 'advice.tooLarge',
  io: 'advice.io',
  'not-open': 'advice.notOpen',
  internal: 'advice.internal',
};

/**
 * @fires ox-open-demo - "Open the demo instead"
 * @fires ox-show-welcome - "Open another archive" (browser mode)
 */
export class OxError extends LitElement {
  static override properties = { error: { attribute: false }, canOpen: { type: Boolean }, mode: {} };

  error: ErrorInfo | null = null;
  /** true where the page can open another archive (the desktop app, and browser mode's open flow) */
  canOpen = false;
  /** 'browser': "Open another archive" goes to the welcome screen's chooser; 'desktop': the File menu does */
  mode: 'desktop' | 'browser' = 'desktop';

  static override styles = [baseStyles, screenStyles];

  override render() {
    const e = this.error;
    if (!e) return nothing;
    return html`<div class="card" role="alert" data-testid="error" data-code=${e.code}>
      <div class="brand" translate="no"><span class="mark">${icon('outbox')}</span>Outbox</div>
      <h1>${t('error.title')}</h1>
      <p><strong lang="en" dir="auto">${e.message}</strong></p>
      ${e.file && !e.message.includes(e.file) ? html`<p>${tParts('error.file', { file: html`<code dir="auto">${e.file}</code>` })}</p>` : nothing}
      <p>${ADVICE[e.code] ? t(ADVICE[e.code]!) : ''}</p>
      <div class="actions">
        <button class="btn primary" @click=${() => location.reload()}>${t('error.retry')}</button>
        ${this.canOpen && this.mode === 'browser' ? html`<button class="btn" @click=${() => emit(this, 'ox-show-welcome', {})}>${t('error.another')}</button>` : nothing}
        ${this.canOpen ? html`<button class="btn" @click=${() => emit(this, 'ox-open-demo', {})}>${t('error.demo')}</button>` : nothing}
      </div>
      <ox-language-switch></ox-language-switch>
    </div>`;
  }
}

customElements.define('ox-error', OxError);

declare global {
  interface HTMLElementTagNameMap {
    'ox-error': OxError;
  }
}
