// The welcome screen when no archive is open: what Outbox is, the demo, and how to open one's own archive.
import { LitElement, html, nothing } from 'lit';
import { emit } from '../lib/events.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { screenStyles } from './screen-styles.js';

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
      <div class="brand"><span class="mark">${icon('outbox')}</span>Outbox</div>
      <h1>Read your fediverse archive, offline.</h1>
      <p>Outbox opens the archive Mastodon, Pleroma or Akkoma lets you download, and shows every post, boost and
        picture in it. Nothing leaves your computer.</p>
      ${this.canOpen
        ? html`<p>Open your archive from the <strong>File</strong> menu, or look around the demo first.</p>
            <div class="actions"><button class="btn primary" @click=${() => emit(this, 'ox-open-demo', {})}>Open the demo archive</button></div>`
        : html`<p>No archive is open in this window. Start Outbox with one:
            <code>outbox serve path/to/archive.zip</code> — or without a path to see the demo.</p>`}
      ${this.message ? html`<p role="status">${this.message}</p>` : nothing}
    </div>`;
  }
}

customElements.define('ox-welcome', OxWelcome);

declare global {
  interface HTMLElementTagNameMap {
    'ox-welcome': OxWelcome;
  }
}
