// A round avatar: the archive's image when it has one, else the name's first letter, else a person's outline.
import { LitElement, css, html, svg } from 'lit';
import { cssProps } from '../lib/css-props.js';
import { t } from '../lib/i18n.js';

// A head and shoulders: the account has no name to take a letter from (an archive without actor.json).
const PERSON = svg`<circle cx="12" cy="8.5" r="3.8"/><path d="M4.5 20a7.5 7.5 0 0 1 15 0"/>`;

/**
 * The letter is decorative (the name is written beside it); the outline is an image named "Unknown account", as
 * nothing beside it says whose posts these are.
 * @cssproperty --ox-avatar-size - diameter (default 2.5rem)
 */
export class OxAvatar extends LitElement {
  static override properties = {
    src: { attribute: false },
    name: {},
    size: {},
    failed: { state: true },
  };

  src: string | null = null;
  name = '';
  size = '';
  failed = false;

  static override styles = css`
    :host { display: inline-block; flex: none; --_size: var(--ox-avatar-size, 2.5rem); }
    .avatar {
      width: var(--_size); height: var(--_size);
      border-radius: 28%;
      background: var(--ox-sys-color-accent-soft);
      color: var(--ox-sys-color-accent);
      display: grid; place-items: center;
      font-weight: 600; font-size: calc(var(--_size) * 0.42);
      overflow: hidden;
      object-fit: cover;
      border: 2px solid var(--ox-avatar-ring, transparent);
    }
    .person svg { width: 62%; height: 62%; fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; }
  `;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('src')) this.failed = false;
  }

  override render() {
    const sizing = cssProps(this.size ? { '--_size': this.size } : {});
    if (this.src && !this.failed) {
      return html`<img class="avatar" src=${this.src} alt="" ${sizing} @error=${() => (this.failed = true)}>`;
    }
    const name = this.name.trim();
    if (!name) {
      return html`<span class="avatar person" role="img" aria-label=${t('avatar.unknown')} ${sizing}><svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${PERSON}</svg></span>`;
    }
    return html`<span class="avatar" aria-hidden="true" dir="auto" ${sizing}>${[...name][0]!.toUpperCase()}</span>`;
  }
}

customElements.define('ox-avatar', OxAvatar);

declare global {
  interface HTMLElementTagNameMap {
    'ox-avatar': OxAvatar;
  }
}
