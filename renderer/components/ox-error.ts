// The error screen: the engine's own message, the file it is about, and what the reader can do next.
import { LitElement, html, nothing } from 'lit';
import type { ErrorCode, ErrorInfo } from '../../preload/contract.js';
import { emit } from '../lib/events.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { screenStyles } from './screen-styles.js';

const ADVICE: Partial<Record<ErrorCode, string>> = {
  'not-found': 'Check that the file still exists and was not moved or renamed.',
  'not-archive': 'Choose the .zip (or, before Mastodon 4.2, the .tar.gz) your server let you download, or the folder it unpacked to.',
  empty: 'The file has no bytes: download the archive from your server again.',
  truncated: 'The download probably stopped early: download the archive again and check its size.',
  'no-outbox': 'This is not an account archive (it has no outbox.json). On Mastodon: Preferences ▸ Import and export ▸ Request your archive.',
  'bad-json': 'outbox.json is damaged. Download the archive again; if it keeps happening, the server wrote a broken file.',
  'not-collection': 'outbox.json is not an ActivityPub outbox. Make sure this archive comes from Mastodon, Pleroma or Akkoma.',
  encrypted: 'Outbox cannot read encrypted archives: unpack it with your password first, then open the folder.',
  unsafe: 'The archive looks tampered with, so Outbox refused to read it. Download it again from your server.',
  'too-large': 'The archive is larger than Outbox’s safety limits allow.',
  io: 'Your computer refused to read the file: check permissions and free disk space, then try again.',
  'not-open': 'The archive is no longer open: open it again.',
  internal: 'This is a bug in Outbox. Please report it with the message above.',
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
      <div class="brand"><span class="mark">${icon('outbox')}</span>Outbox</div>
      <h1>This archive could not be opened</h1>
      <p><strong>${e.message}</strong></p>
      ${e.file && !e.message.includes(e.file) ? html`<p>File: <code>${e.file}</code></p>` : nothing}
      <p>${ADVICE[e.code] ?? ''}</p>
      <div class="actions">
        <button class="btn primary" @click=${() => location.reload()}>Try again</button>
        ${this.canOpen && this.mode === 'browser' ? html`<button class="btn" @click=${() => emit(this, 'ox-show-welcome', {})}>Open another archive</button>` : nothing}
        ${this.canOpen ? html`<button class="btn" @click=${() => emit(this, 'ox-open-demo', {})}>Open the demo instead</button>` : nothing}
      </div>
    </div>`;
  }
}

customElements.define('ox-error', OxError);

declare global {
  interface HTMLElementTagNameMap {
    'ox-error': OxError;
  }
}
