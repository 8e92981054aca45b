// The interface language switch: every shipped language by its own name; the choice is remembered.
import { LitElement, css, html } from 'lit';
import { autonym, chooseLanguage, currentLanguage, languages, t } from '../lib/i18n.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';

/**
 * `<ox-language-switch>`: a labelled select. Each option names its language in that language ("Deutsch", "日本語")
 * and carries its `lang`, so a reader finds their own language whatever the interface shows now.
 */
export class OxLanguageSwitch extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: inline-flex; }
    label { display: inline-flex; align-items: center; gap: var(--ox-sys-space-1); color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); }
    select {
      font: inherit; color: var(--ox-sys-color-text); background: var(--ox-sys-color-surface);
      border: 1px solid var(--ox-sys-color-border-strong); border-radius: var(--ox-sys-radius-pill); padding-block: 0.3rem; padding-inline: 0.6rem;
    }
  `];

  override render() {
    const current = currentLanguage();
    return html`<label title=${t('language.switch')}>${icon('globe')}
      <select aria-label=${t('language.switch')} data-testid="language-switch" @change=${(e: Event) => void chooseLanguage((e.target as HTMLSelectElement).value)}>
        ${languages().map((code) => html`<option value=${code} lang=${code} ?selected=${code === current}>${autonym(code)}</option>`)}
      </select></label>`;
  }
}

customElements.define('ox-language-switch', OxLanguageSwitch);

declare global {
  interface HTMLElementTagNameMap {
    'ox-language-switch': OxLanguageSwitch;
  }
}
