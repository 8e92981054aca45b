// A post's attachments in Mastodon's 1–4 tile grid, with alt text shown and missing files said plainly.
import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { MediaAttachment } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { emit } from '../lib/events.js';
import type { PostUiState } from '../lib/post-ui-state.js';
import { baseStyles } from '../lib/shared-styles.js';
import { t } from '../lib/i18n.js';
import { formatNumber, plural } from '../lib/format.js';

const fileName = (m: MediaAttachment) => (m.path ?? m.url).split('/').pop() ?? m.url;

/**
 * @fires ox-open-media - an image was chosen for the full-size viewer
 * @cssproperty --ox-media-grid-radius - tile corner radius
 */
export class OxMediaGrid extends LitElement {
  static override properties = {
    media: { attribute: false },
    archive: {},
    sensitive: { type: Boolean },
    ui: { attribute: false },
    postId: {},
    revealed: { state: true },
  };

  media: MediaAttachment[] = [];
  archive = '';
  sensitive = false;
  /** the list's record of what the reader opened, and the post these media belong to */
  ui: PostUiState | null = null;
  postId = '';
  revealed = false;

  private readonly api = new ContextConsumer(this, { context: apiContext });

  static override styles = [baseStyles, css`
    :host { display: block; --_radius: var(--ox-media-grid-radius, var(--ox-sys-radius-md)); }
    .wrap { position: relative; }
    .grid { display: grid; gap: 4px; grid-template-columns: 1fr 1fr; grid-auto-rows: 9rem; border-radius: var(--_radius); overflow: hidden; }
    .grid.n1 { grid-template-columns: 1fr; grid-auto-rows: auto; }
    .grid.n2 { grid-auto-rows: 14rem; }
    .grid.n3 > :first-child { grid-row: span 2; }
    .tile { position: relative; margin: 0; background: var(--ox-sys-color-surface-3); min-height: 0; overflow: hidden; }
    .n1 .tile { aspect-ratio: 16 / 9; max-height: 28rem; }
    .n1 .tile.sound { aspect-ratio: auto; }
    .tile button.open { all: unset; display: block; width: 100%; height: 100%; cursor: zoom-in; }
    .tile button.open:focus-visible { outline: 2px solid var(--ox-sys-color-focus); outline-offset: -2px; }
    img, video { display: block; width: 100%; height: 100%; object-fit: cover; background: var(--ox-sys-color-surface-3); }
    video { object-fit: contain; background: black; }
    .audio { display: grid; align-content: center; gap: var(--ox-sys-space-2); padding: var(--ox-sys-space-3); height: 100%; }
    audio { width: 100%; }
    /* Outside the button: the button's name is the description alone, and starts with what it says ("View image"). */
    .badge {
      position: absolute; inset-inline-start: 6px; bottom: 6px; pointer-events: none;
      padding: 0 0.4rem; border-radius: 4px; font-size: 0.6875rem; font-weight: 700; letter-spacing: 0.03em;
      background: var(--ox-sys-color-scrim); color: var(--ox-sys-color-on-scrim);
    }
    .badge.missing-alt { background: var(--ox-sys-color-warning-soft); color: var(--ox-sys-color-warning); }
    .absent { display: grid; place-content: center; gap: 2px; height: 100%; padding: var(--ox-sys-space-3); text-align: center;
      color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); border: 1px dashed var(--ox-sys-color-border-strong); border-radius: var(--_radius); }
    .absent small { font-family: var(--ox-sys-font-mono); font-size: var(--ox-sys-text-xs); overflow-wrap: anywhere; }
    .n1 .absent { min-height: 8rem; }
    .veil {
      position: absolute; inset: 0; display: grid; place-content: center; gap: var(--ox-sys-space-1); text-align: center;
      border: 0; border-radius: var(--_radius); cursor: pointer; background: var(--ox-sys-color-surface-3); color: var(--ox-sys-color-text);
    }
    .veil strong { font-size: var(--ox-sys-text-md); }
    .veil span { font-size: var(--ox-sys-text-sm); color: var(--ox-sys-color-text-muted); }
    .alts { list-style: none; margin: var(--ox-sys-space-2) 0 0; padding: 0; display: grid; gap: var(--ox-sys-space-1); font-size: var(--ox-sys-text-sm); color: var(--ox-sys-color-text-muted); }
    .alts li { display: flex; gap: var(--ox-sys-space-2); align-items: baseline; }
    .alts .chip { flex: none; }
    .alts .none { color: var(--ox-sys-color-warning); font-style: italic; }
  `];

  override willUpdate(changed: Map<string, unknown>): void {
    if (this.ui && this.postId) this.revealed = this.ui.has(this.postId, 'media');
    else if (changed.has('postId') && changed.get('postId') !== undefined) this.revealed = false;
  }

  private reveal(): void {
    this.revealed = true;
    if (this.postId) this.ui?.set(this.postId, 'media', true);
  }

  private open(index: number): void {
    emit(this, 'ox-open-media', { archive: this.archive, media: this.media, index });
  }

  private tile(m: MediaAttachment, index: number) {
    const api = this.api.value;
    const src = m.present && m.path && api ? api.mediaUrl(this.archive, m.path) : null;
    const alt = m.description ?? '';
    const badge = m.description
      ? html`<span class="badge" aria-hidden="true">${t('media.altBadge')}</span>`
      : html`<span class="badge missing-alt" aria-hidden="true">${t('media.noAltBadge')}</span>`;
    if (!src) {
      return html`<figure class="tile"><div class="absent"><span>${t('media.absent')}</span><small dir="auto">${fileName(m)}</small></div></figure>`;
    }
    switch (m.kind) {
      case 'video':
      case 'gifv':
        return html`<figure class="tile"><video src=${src} controls preload="metadata" playsinline ?loop=${m.kind === 'gifv'}
          ?muted=${m.kind === 'gifv'} aria-label=${alt || t('media.videoNoAlt')}></video></figure>`;
      case 'audio':
        return html`<figure class="tile sound"><div class="audio"><audio src=${src} controls preload="metadata" aria-label=${alt || t('media.audioNoAlt')}></audio></div></figure>`;
      default:
        return html`<figure class="tile"><button class="open" @click=${() => this.open(index)}
            aria-label=${alt ? t('media.view', { alt }) : t('media.viewNoAlt')}>
          <img src=${src} alt=${alt} decoding="async"></button>${badge}</figure>`;
    }
  }

  override render() {
    const media = this.media;
    if (!media.length) return nothing;
    const veiled = this.sensitive && !this.revealed;
    const n = Math.min(media.length, 4);
    return html`<div class="wrap">
        <div class="grid n${n}" ?inert=${veiled} aria-hidden=${veiled ? 'true' : 'false'}>${media.map((m, i) => this.tile(m, i))}</div>
        ${veiled ? html`<button class="veil" @click=${() => this.reveal()}>
            <strong>${t('media.sensitive')}</strong><span>${media.length === 1 ? t('media.showIt') : plural(media.length, 'media.showAll')}</span></button>` : nothing}
      </div>
      ${veiled ? nothing : media.some((m) => m.description) ? html`<ul class="alts" aria-label=${t('media.descriptions')}>${media.map((m, i) => html`<li>
        ${media.length > 1 ? html`<span class="chip">${formatNumber(i + 1)}</span>` : nothing}
        ${m.description ? html`<span class="alt" dir="auto">${m.description}</span>` : html`<span class="none">${t('media.noAlt')}</span>`}</li>`)}</ul>`
        : html`<ul class="alts" aria-label=${t('media.descriptions')}><li><span class="none">${t('media.noAlt')}</span></li></ul>`}`;
  }
}

customElements.define('ox-media-grid', OxMediaGrid);

declare global {
  interface HTMLElementTagNameMap {
    'ox-media-grid': OxMediaGrid;
  }
}
