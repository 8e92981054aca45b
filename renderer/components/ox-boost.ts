// A boost as an `article.boost`: what was boosted and when, with its link (archives hold no boosted content).
import { LitElement, css, html, nothing } from 'lit';
import type { Post } from '../../preload/contract.js';
import { formatDateTime, hostOf, safeHref } from '../lib/format.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { t, tParts } from '../lib/i18n.js';

/**
 * The boosted post's own content is not in archives (only its URI), unless the engine inlined it.
 * @cssproperty --ox-boost-bg - card background
 */
export class OxBoost extends LitElement {
  static override properties = { post: { attribute: false }, handle: {}, archive: {}, source: {}, sourceTitle: {} };

  post!: Post;
  handle = '';
  /** the ArchiveInfo.id holding the boost */
  archive = '';
  /** "@user@server" of the archive the boost comes from, shown only where archives are mixed ('' = none) */
  source = '';
  sourceTitle = '';

  /** The article, for focus. */
  get article(): HTMLElement | null {
    return this.renderRoot.querySelector('article');
  }

  static override styles = [baseStyles, css`
    :host { display: block; --_bg: var(--ox-boost-bg, transparent); }
    article {
      display: grid; grid-template-columns: auto 1fr; gap: 0 var(--ox-sys-space-3); align-items: start;
      padding: var(--ox-sys-space-3) var(--ox-sys-space-4);
      border: 1px dashed var(--ox-sys-color-border-strong); border-radius: var(--ox-sys-radius-lg);
      background: var(--_bg); font-size: var(--ox-sys-text-sm);
    }
    article:focus-visible { outline: 2px solid var(--ox-sys-color-focus); outline-offset: 1px; }
    .boost-icon { grid-row: span 2; font-size: 1.25rem; line-height: 1.3; color: var(--ox-sys-color-success); }
    .line { margin: 0; color: var(--ox-sys-color-text-muted); }
    .line strong { color: var(--ox-sys-color-text); font-weight: var(--ox-sys-weight-strong); }
    .target { margin: 0.15rem 0 0; overflow-wrap: anywhere; }
    .from { grid-column: 2; margin: var(--ox-sys-space-2) 0 0; }
    .source { background: none; border: 1px solid var(--ox-sys-color-border); }
    .inline { grid-column: 2; margin: var(--ox-sys-space-2) 0 0; padding-inline-start: var(--ox-sys-space-3); border-inline-start: 3px solid var(--ox-sys-color-border); white-space: pre-line; }
  `];

  override render() {
    const p = this.post;
    if (!p) return nothing;
    const href = safeHref(p.boostOf ?? p.url);
    return html`<article class="boost" data-post-id=${p.id} data-seq=${p.seq} data-archive=${this.archive || nothing} tabindex="0"
        aria-label=${t('boost.label', { date: formatDateTime(p.published) })}>
      <span class="boost-icon">${icon('boost')}</span>
      <p class="line">${tParts(href ? 'boost.lineFrom' : 'boost.line', { who: html`<strong dir="auto">${this.handle || t('boost.you')}</strong>`, server: href ? html`<bdi>${hostOf(href)}</bdi>` : '' })}
        · <time datetime=${p.published}>${formatDateTime(p.published)}</time></p>
      <p class="target" dir="auto">${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${href}</a>` : (p.boostOf ?? t('boost.unnamed'))}</p>
      ${p.boosted?.text ? html`<p class="inline" dir="auto">${p.boosted.text}</p>` : nothing}
      ${this.source ? html`<p class="from"><span class="chip source" data-testid="post-source" title=${this.sourceTitle || nothing}><span>${tParts('post.from', { source: html`<bdi>${this.source}</bdi>` })}</span></span></p>` : nothing}
    </article>`;
  }
}

customElements.define('ox-boost', OxBoost);

declare global {
  interface HTMLElementTagNameMap {
    'ox-boost': OxBoost;
  }
}
