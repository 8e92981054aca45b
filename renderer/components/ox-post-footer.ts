// The quiet line under a post: visibility, language, edited, counts, thread and original links.
import { LitElement, css, html, nothing } from 'lit';
import type { Post } from '../../preload/contract.js';
import { emit } from '../lib/events.js';
import { formatDateTime, formatNumber, languageName, safeHref, visibilityLabels } from '../lib/format.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { t, tParts } from '../lib/i18n.js';

const visibilityIcons = { public: 'globe', unlisted: 'unlock', private: 'lock', direct: 'mail' } as const;

/**
 * @fires ox-open-thread - "Thread" was pressed
 */
export class OxPostFooter extends LitElement {
  static override properties = { post: { attribute: false }, archive: {}, source: {}, sourceTitle: {} };

  post!: Post;
  /** the ArchiveInfo.id holding the post, which the thread is asked of */
  archive = '';
  /** "@user@server" of the archive the post comes from, shown only where archives are mixed ('' = none) */
  source = '';
  sourceTitle = '';

  static override styles = [baseStyles, css`
    :host { display: block; margin-top: var(--ox-sys-space-3); }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: var(--ox-sys-space-1) var(--ox-sys-space-2); font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted); }
    .spacer { flex: 1; }
    .chip.direct { background: var(--ox-sys-color-private-soft); color: var(--ox-sys-color-private); }
    .chip.source { background: none; border: 1px solid var(--ox-sys-color-border); color: var(--ox-sys-color-text-muted); max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
    .chip.private { background: var(--ox-sys-color-warning-soft); color: var(--ox-sys-color-warning); }
    .count { display: inline-flex; gap: 0.25em; align-items: center; }
    .actions { display: flex; gap: var(--ox-sys-space-1); }
    .act {
      display: inline-flex; align-items: center; gap: 0.3em;
      border: 0; background: none; cursor: pointer;
      padding: 0.25rem 0.5rem; border-radius: var(--ox-sys-radius-pill);
      color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-xs); font-weight: 500; text-decoration: none;
    }
    .act:hover { background: var(--ox-sys-color-surface-2); color: var(--ox-sys-color-text); }
  `];

  override render() {
    const p = this.post;
    if (!p) return nothing;
    const href = safeHref(p.url);
    return html`<div class="row">
      ${this.source ? html`<span class="chip source" data-testid="post-source" title=${this.sourceTitle || nothing}><span>${tParts('post.from', { source: html`<bdi>${this.source}</bdi>` })}</span></span>` : nothing}
      <span class="chip ${p.visibility}" title=${t('filters.visibility')}>
        ${icon(visibilityIcons[p.visibility])}${visibilityLabels[p.visibility]}</span>
      ${p.language ? html`<span class="chip" title=${languageName(p.language)}><span class="visually-hidden">${t('post.languageLabel')}</span><span translate="no">${p.language}</span></span>` : nothing}
      ${p.updated ? html`<span class="chip" title=${t('post.editedAt', { date: formatDateTime(p.updated) })}>${icon('edit')}${t('post.edited')}</span>` : nothing}
      ${p.likesCount !== null ? html`<span class="count" title=${t('section.favourites')}>${icon('star')}${formatNumber(p.likesCount)}<span class="visually-hidden">${t('post.favouritesSuffix')}</span></span>` : nothing}
      ${p.sharesCount !== null ? html`<span class="count" title=${t('filters.boosts')}>${icon('boost')}${formatNumber(p.sharesCount)}<span class="visually-hidden">${t('post.boostsSuffix')}</span></span>` : nothing}
      ${p.repliesCount !== null && p.repliesCount !== undefined ? html`<span class="count" title=${t('filters.replies')}>${icon('reply')}${formatNumber(p.repliesCount)}<span class="visually-hidden">${t('post.repliesSuffix')}</span></span>` : nothing}
      <span class="spacer"></span>
      <span class="actions">
        <button class="act" @click=${() => emit(this, 'ox-open-thread', { id: p.id, archive: this.archive || undefined })}>${icon('thread')}${t('thread.title')}</button>
        ${href ? html`<a class="act" href=${href} target="_blank" rel="noopener noreferrer">${icon('external')}${t('post.original')}</a>` : nothing}
      </span>
    </div>`;
  }
}

customElements.define('ox-post-footer', OxPostFooter);

declare global {
  interface HTMLElementTagNameMap {
    'ox-post-footer': OxPostFooter;
  }
}
