// The header's search field: results as you type (debounced), `/` focuses it, Escape clears it.
import { LitElement, css, html } from 'lit';
import { emit } from '../lib/events.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { t } from '../lib/i18n.js';

const DEBOUNCE_MS = 120;

/**
 * @fires ox-search - the query changed (debounced)
 */
export class OxSearchBox extends LitElement {
  static override properties = { value: {}, typed: { state: true } };

  value = '';
  /** whether the field holds text (shows the clear button instead of the `/` hint) */
  typed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  static override styles = [baseStyles, css`
    :host { display: block; }
    .field { position: relative; }
    .lens { position: absolute; inset-inline-start: 0.85rem; display: flex; top: 50%; translate: 0 -50%; color: var(--ox-sys-color-text-faint); pointer-events: none; font-size: 0.95rem; }
    input {
      width: 100%; font: inherit; font-size: var(--ox-sys-text-md);
      padding: 0.5rem 2.2rem 0.5rem 2.2rem;
      border-radius: var(--ox-sys-radius-pill);
      border: 1px solid var(--ox-sys-color-border-strong);
      background: var(--ox-sys-color-surface-2); color: var(--ox-sys-color-text);
    }
    input:focus { outline: 2px solid var(--ox-sys-color-focus); outline-offset: 0; background: var(--ox-sys-color-surface); }
    kbd { position: absolute; inset-inline-end: 0.7rem; top: 50%; translate: 0 -50%; font-family: var(--ox-sys-font-mono); font-size: var(--ox-sys-text-xs);
      color: var(--ox-sys-color-text-faint); border: 1px solid var(--ox-sys-color-border-strong); border-radius: 4px; padding: 0 0.35rem; }
    input:focus ~ kbd, input:not(:placeholder-shown) ~ kbd { display: none; }
    /* Chromium's own clear button ignores the theme: ours matches the field and has a name. */
    input::-webkit-search-cancel-button { appearance: none; display: none; }
    .clear {
      position: absolute; inset-inline-end: 0.35rem; top: 50%; translate: 0 -50%; display: grid; place-items: center;
      width: 1.7rem; height: 1.7rem; padding: 0; border: 0; border-radius: var(--ox-sys-radius-pill);
      background: transparent; color: var(--ox-sys-color-text-muted); cursor: pointer;
    }
    .clear:hover { background: var(--ox-sys-color-surface-3); color: var(--ox-sys-color-text); }
  `];

  override focus(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  // The route sets value (back/forward); never overwrite what the reader is typing right now.
  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('value') && !this.typing()) this.typed = this.value !== '';
  }

  override updated(changed: Map<string, unknown>): void {
    const input = this.renderRoot.querySelector('input');
    if (!input || !changed.has('value') || input.value === this.value) return;
    if (!this.typing()) input.value = this.value;
  }

  private typing(): boolean {
    const input = this.renderRoot.querySelector('input');
    return !!input && this.shadowRoot?.activeElement === input;
  }

  private clear(): void {
    const input = this.renderRoot.querySelector('input');
    if (!input) return;
    input.value = '';
    this.typed = false;
    clearTimeout(this.timer);
    emit(this, 'ox-search', { q: '' });
    input.focus();
  }

  private onInput(event: Event): void {
    const q = (event.target as HTMLInputElement).value;
    this.typed = q !== '';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => emit(this, 'ox-search', { q }), DEBOUNCE_MS);
  }

  private onKey(event: KeyboardEvent): void {
    const input = event.target as HTMLInputElement;
    if (event.key === 'Escape' && input.value) {
      event.stopPropagation();
      this.clear();
    } else if (event.key === 'Enter') {
      clearTimeout(this.timer);
      emit(this, 'ox-search', { q: input.value });
    }
  }

  override render() {
    return html`<div class="field" role="search">
      <span class="lens">${icon('search')}</span>
      <input type="search" dir="auto" aria-label=${t('search.label')} placeholder=${t('search.label')} autocomplete="off" spellcheck="false"
        @input=${this.onInput} @keydown=${this.onKey}>
      ${this.typed ? html`<button class="clear" aria-label=${t('search.clear')} title=${t('search.clearKey')} @click=${this.clear}>${icon('close')}</button>`
        : html`<kbd aria-hidden="true">/</kbd>`}
    </div>`;
  }
}

customElements.define('ox-search-box', OxSearchBox);

declare global {
  interface HTMLElementTagNameMap {
    'ox-search-box': OxSearchBox;
  }
}
