// The welcome screen when no archive is open: what Outbox is, the demo, and how to open one's own archive.
import { LitElement, html, nothing } from 'lit';
import { emit } from '../lib/events.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { screenStyles } from './screen-styles.js';
import { t, tParts } from '../lib/i18n.js';
import './ox-language-switch.js';

/**
 * @fires ox-open-demo - "Open the demo archive"
 */
export class OxWelcome extends LitElement {
  static override properties = { canOpen: { type: Boolean }, message: {} };

  /** true in the desktop app; browser mode shows what `outbox serve` was given */
  canOpen = false;
  message = '';

  static override styles = [baseStyles, screenStyles];

  override render() {
    return html`<div class="card" data-testid="welcome">
      <div class="brand" translate="no"><span class="mark">${icon('outbox')}</span>Outbox</div>
      <h1>${t('welcome.title')}</h1>
      <p>${t('welcome.intro')}</p>
      ${this.canOpen
        ? html`<p>${tParts('welcome.desktop', { menu: html`<strong>${t('menu.file')}</strong>` })}</p>
            <div class="actions"><button class="btn primary" @click=${() => emit(this, 'ox-open-demo', {})}>${t('welcome.demo')}</button></div>`
        : html`<p>${tParts('welcome.browser', { command: html`<code dir="ltr" translate="no">outbox serve path/to/archive.zip</code>` })}</p>`}
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
