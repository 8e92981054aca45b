// A round avatar: the archive's image when it has one, else the name's first letter.
import { LitElement, css, html } from 'lit';
import { cssProps } from '../lib/css-props.js';

/**
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
  `;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('src')) this.failed = false;
  }

  override render() {
    const sizing = cssProps(this.size ? { '--_size': this.size } : {});
    if (this.src && !this.failed) {
      return html`<img class="avatar" src=${this.src} alt="" ${sizing} @error=${() => (this.failed = true)}>`;
    }
    const letter = [...(this.name.trim() || '?')][0]!.toUpperCase();
    return html`<span class="avatar" aria-hidden="true" dir="auto" ${sizing}>${letter}</span>`;
  }
}

customElements.define('ox-avatar', OxAvatar);

declare global {
  interface HTMLElementTagNameMap {
    'ox-avatar': OxAvatar;
  }
}
