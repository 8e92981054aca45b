// The keyboard shortcuts, listed in a dialog (`?`).
import { LitElement, css, html } from 'lit';
import { baseStyles } from '../lib/shared-styles.js';
import { t, type SimpleId } from '../lib/i18n.js';

// Key names are what is printed on the keys, so they stay as they are in every language.
const SHORTCUTS: Array<[string, SimpleId]> = [
  ['j', 'shortcuts.next'],
  ['k', 'shortcuts.previous'],
  ['/', 'shortcuts.search'],
  ['Enter', 'shortcuts.thread'],
  ['Esc', 'shortcuts.back'],
  ['x', 'shortcuts.cw'],
  ['← →', 'shortcuts.images'],
  ['z  +  -', 'shortcuts.zoom'],
  ['↑ ↓ ← →', 'shortcuts.pan'],
  ['?', 'shortcuts.help'],
];

/** A modal `dialog` (data-testid=shortcuts) opened with show(). */
export class OxShortcuts extends LitElement {
  static override styles = [baseStyles, css`
    dialog { border: 1px solid var(--ox-sys-color-border); border-radius: var(--ox-sys-radius-lg); background: var(--ox-sys-color-surface); color: var(--ox-sys-color-text);
      padding: var(--ox-sys-space-5); box-shadow: var(--ox-sys-shadow-2); min-width: min(22rem, 90vw); }
    dialog::backdrop { background: var(--ox-sys-color-backdrop); }
    h2 { margin: 0 0 var(--ox-sys-space-3); font-size: var(--ox-sys-text-lg); }
    dl { display: grid; grid-template-columns: auto 1fr; gap: var(--ox-sys-space-2) var(--ox-sys-space-4); margin: 0 0 var(--ox-sys-space-4); }
    dt { text-align: end; }
    dd { margin: 0; color: var(--ox-sys-color-text-muted); }
    kbd { font-family: var(--ox-sys-font-mono); font-size: var(--ox-sys-text-sm); padding: 0.05rem 0.45rem; border-radius: 5px;
      border: 1px solid var(--ox-sys-color-border-strong); border-bottom-width: 2px; background: var(--ox-sys-color-surface-2); }
    .end { display: flex; justify-content: flex-end; }
  `];

  show(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  get isOpen(): boolean {
    return this.renderRoot.querySelector('dialog')?.open ?? false;
  }

  override render() {
    return html`<dialog data-testid="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">${t('shortcuts.title')}</h2>
      <dl>${SHORTCUTS.map(([key, what]) => html`<dt><kbd translate="no" dir="ltr">${key}</kbd></dt><dd>${t(what)}</dd>`)}</dl>
      <div class="end"><button class="btn primary" autofocus @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${t('common.close')}</button></div>
    </dialog>`;
  }
}

customElements.define('ox-shortcuts', OxShortcuts);

declare global {
  interface HTMLElementTagNameMap {
    'ox-shortcuts': OxShortcuts;
  }
}
