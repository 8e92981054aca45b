// The full-size media viewer: one attachment at a time with its alt text, ←/→ to move, Z to zoom, Esc to close.
import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { MediaAttachment } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { t } from '../lib/i18n.js';
import { formatNumber } from '../lib/format.js';

/** How far one arrow key moves a zoomed photo: a tenth of the view, at least a few lines. */
const PAN_SHARE = 0.1;
const PAN_MIN = 40;
const PAN = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] } as const;

/**
 * A modal `dialog` (data-testid=media-viewer) opened with show(); the alt text is always on screen. A photo zooms to
 * its own size by a click, the Full size button, Z, + or Enter on it; then the arrow keys move around it and - or Z
 * fit it again. A status line tells screen readers which of the two it is.
 * @cssproperty --ox-media-viewer-scrim - backdrop colour
 */
export class OxMediaViewer extends LitElement {
  static override properties = {
    media: { state: true },
    index: { state: true },
    zoomed: { state: true },
    said: { state: true },
  };

  media: MediaAttachment[] = [];
  index = 0;
  private archive = '';
  private opener: Element | null = null;

  private readonly api = new ContextConsumer(this, { context: apiContext });

  static override styles = [baseStyles, css`
    /* Opaque: a transparent PNG shows the viewer's own background, never the page behind it. */
    dialog {
      width: 100vw; height: 100dvh; max-width: 100vw; max-height: 100dvh; margin: 0; padding: 0; border: 0;
      background: var(--ox-media-viewer-scrim, var(--ox-sys-color-viewer)); color: var(--ox-sys-color-on-scrim);
      overflow: hidden;
    }
    dialog::backdrop { background: var(--ox-sys-color-viewer); }
    .frame { display: grid; grid-template-rows: auto minmax(0, 1fr) auto; height: 100%; }
    .top { display: flex; justify-content: space-between; align-items: center; gap: var(--ox-sys-space-2); padding: var(--ox-sys-space-2) var(--ox-sys-space-4); font-size: var(--ox-sys-text-sm); }
    .top .position { flex: 1; }
    .zoom {
      display: inline-flex; align-items: center; gap: var(--ox-sys-space-1); border: 0; border-radius: var(--ox-sys-radius-pill); cursor: pointer;
      background: var(--ox-sys-color-on-scrim-soft); color: var(--ox-sys-color-on-scrim); padding: 0 var(--ox-sys-space-3); height: 2.75rem;
    }
    .zoom:hover { background: var(--ox-sys-color-on-scrim-hover); }
    .zoom[aria-pressed='true'] { outline: 1px solid var(--ox-sys-color-on-scrim); }
    .zoom:focus-visible, .media img:focus-visible { outline: 2px solid var(--ox-sys-color-on-scrim); outline-offset: 2px; }
    .stage { display: grid; grid-template-columns: auto minmax(0, 1fr) auto; align-items: center; min-height: 0; gap: var(--ox-sys-space-2); padding: 0 var(--ox-sys-space-2); }
    /* The photo fills the stage's box and object-fit draws it whole inside it, whatever its shape. */
    .media { position: relative; height: 100%; min-height: 0; min-width: 0; display: grid; place-items: center; touch-action: pan-y pinch-zoom; }
    .media img, .media video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; cursor: zoom-in; }
    .media.zoomed { overflow: auto; display: block; }
    .media.zoomed img { position: static; width: auto; height: auto; max-width: none; max-height: none; cursor: zoom-out; margin: auto; display: block; }
    .media audio { width: min(30rem, 100%); }
    .nav, .close {
      border: 0; border-radius: var(--ox-sys-radius-pill); cursor: pointer;
      background: var(--ox-sys-color-on-scrim-soft); color: var(--ox-sys-color-on-scrim); width: 2.75rem; height: 2.75rem; font-size: 1.25rem; display: grid; place-items: center;
    }
    .nav:hover, .close:hover { background: var(--ox-sys-color-on-scrim-hover); }
    .nav:focus-visible, .close:focus-visible, .media:focus-visible { outline: 2px solid var(--ox-sys-color-on-scrim); outline-offset: 2px; }
    .nav:disabled { visibility: hidden; }
    .alt { margin: 0 auto; padding: var(--ox-sys-space-3) var(--ox-sys-space-4) var(--ox-sys-space-4); max-width: 60rem; max-height: 30vh; overflow-y: auto; font-size: var(--ox-sys-text-md); line-height: 1.5; white-space: pre-line; unicode-bidi: plaintext; }
    .alt .label { font-weight: 700; font-size: var(--ox-sys-text-xs); letter-spacing: 0.05em; margin-inline-end: var(--ox-sys-space-2); padding: 0 0.35rem; border-radius: 4px; background: var(--ox-sys-color-on-scrim-soft); }
    .alt.none { font-style: italic; }
    .absent { text-align: center; }
    @media (max-width: 600px) {
      .stage { grid-template-columns: minmax(0, 1fr); padding: 0; }
      .nav { position: absolute; bottom: var(--ox-sys-space-2); z-index: 1; }
      .nav.prev { left: var(--ox-sys-space-2); }
      .nav.next { right: var(--ox-sys-space-2); }
      .stage { position: relative; }
    }
  `];

  /** true while the photo is shown at its own size (a click toggles) */
  private zoomed = false;
  /** where a touch began, for swipes */
  private touchX: number | null = null;
  /** what the status line last said (zoomed or fitted), for screen readers */
  private said = '';

  /** Opens the viewer on one attachment of a post. */
  show(archive: string, media: MediaAttachment[], index: number): void {
    this.archive = archive;
    this.media = media;
    this.index = index;
    this.opener = document.activeElement;
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector('dialog')!;
      if (!dialog.open) dialog.showModal();
      this.renderRoot.querySelector<HTMLButtonElement>('.close')?.focus();
    });
  }

  close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  get isOpen(): boolean {
    return this.renderRoot.querySelector('dialog')?.open ?? false;
  }

  private go(delta: number): void {
    const next = this.index + delta;
    if (next >= 0 && next < this.media.length) {
      this.index = next;
      this.zoomed = false;
      this.said = '';
    }
  }

  /** The stage's image, when the attachment shown is a photo Outbox has. */
  private image(): HTMLImageElement | null {
    return this.renderRoot.querySelector<HTMLImageElement>('.media img');
  }

  /**
   * Full size or fitted. `at` is the point of the image (0..1 each way) to bring to the middle of the view: where
   * the reader clicked, or the middle for the keyboard.
   */
  private setZoom(zoomed: boolean, at: { x: number; y: number } = { x: 0.5, y: 0.5 }): void {
    const img = this.image();
    if (!img || zoomed === this.zoomed) return;
    this.zoomed = zoomed;
    this.said = t(zoomed ? 'viewer.zoomedStatus' : 'viewer.fittedStatus');
    if (!zoomed) return;
    void this.updateComplete.then(() => {
      const stage = this.renderRoot.querySelector<HTMLElement>('.media');
      if (!stage) return;
      stage.scrollLeft = at.x * img.naturalWidth - stage.clientWidth / 2;
      stage.scrollTop = at.y * img.naturalHeight - stage.clientHeight / 2;
    });
  }

  private pan(dx: number, dy: number): void {
    const stage = this.renderRoot.querySelector<HTMLElement>('.media');
    if (!stage) return;
    const x = Math.max(PAN_MIN, stage.clientWidth * PAN_SHARE);
    const y = Math.max(PAN_MIN, stage.clientHeight * PAN_SHARE);
    stage.scrollBy({ left: dx * x, top: dy * y, behavior: 'instant' });
  }

  // Zoom to the photo's own size where the click was, so the detail the reader pointed at stays in view.
  private onImageClick(event: MouseEvent): void {
    const img = event.currentTarget as HTMLImageElement;
    const box = img.getBoundingClientRect();
    this.setZoom(!this.zoomed, { x: (event.clientX - box.left) / (box.width || 1), y: (event.clientY - box.top) / (box.height || 1) });
  }

  private onTouchStart(event: TouchEvent): void {
    this.touchX = event.touches.length === 1 ? event.touches[0]!.clientX : null;
  }

  // A horizontal swipe of 50 px or more moves to the next or previous attachment (not while zoomed: then it pans).
  private onTouchEnd(event: TouchEvent): void {
    const start = this.touchX;
    this.touchX = null;
    if (start === null || this.zoomed) return;
    const dx = (event.changedTouches[0]?.clientX ?? start) - start;
    if (Math.abs(dx) >= 50) this.go(dx < 0 ? 1 : -1);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const onImage = event.composedPath()[0] === this.image();
    const key = event.key;
    if (key === 'z' || key === 'Z' || (key === 'Enter' && onImage)) this.setZoom(!this.zoomed);
    else if (key === '+' || key === '=') this.setZoom(true);
    else if (key === '-' || key === '_') this.setZoom(false);
    // Zoomed, the arrows move around the photo (as they would scroll it); fitted, they go to the next attachment.
    else if (this.zoomed && key in PAN) this.pan(...(PAN[key as keyof typeof PAN] as readonly [number, number]));
    // In a right-to-left interface the next image is to the left, like the buttons.
    else if (key === 'ArrowRight') this.go(getComputedStyle(this).direction === 'rtl' ? -1 : 1);
    else if (key === 'ArrowLeft') this.go(getComputedStyle(this).direction === 'rtl' ? 1 : -1);
    else return;
    event.preventDefault();
  }

  private onClose(): void {
    this.media = [];
    this.zoomed = false;
    this.said = '';
    (this.opener as HTMLElement | null)?.focus?.({ preventScroll: true });
  }

  override render() {
    const m = this.media[this.index];
    const api = this.api.value;
    const src = m?.present && m.path && api ? api.mediaUrl(this.archive, m.path) : null;
    const zoomable = !!src && (m.kind === 'image' || m.kind === 'unknown');
    return html`<dialog data-testid="media-viewer" aria-label=${t('viewer.label')} @keydown=${this.onKey} @close=${this.onClose}>
      ${m ? html`<div class="frame">
        <div class="top"><span class="position">${this.media.length > 1 ? t('viewer.position', { n: formatNumber(this.index + 1), total: formatNumber(this.media.length) }) : ''}</span>
          ${zoomable ? html`<button class="zoom" aria-pressed=${String(this.zoomed)} title=${t('viewer.zoomKeys')} @click=${() => this.setZoom(!this.zoomed)}>${icon('zoom')}${t('viewer.fullSize')}</button>` : nothing}
          <button class="close" aria-label=${t('common.close')} @click=${() => this.close()}>${icon('close')}</button></div>
        <div class="stage">
          <button class="nav prev" aria-label=${t('viewer.previous')} ?disabled=${this.index === 0} @click=${() => this.go(-1)}>${icon('left')}</button>
          <div class="media ${this.zoomed ? 'zoomed' : ''}" @touchstart=${this.onTouchStart} @touchend=${this.onTouchEnd}>${!src ? html`<p class="absent">${t('media.absent')}</p>`
            : zoomable ? html`<img src=${src} alt=${m.description ?? ''} tabindex="0" @click=${this.onImageClick}>`
            : m.kind === 'audio' ? html`<audio src=${src} controls></audio>`
            : html`<video src=${src} controls ?loop=${m.kind === 'gifv'}></video>`}</div>
          <button class="nav next" aria-label=${t('viewer.next')} ?disabled=${this.index >= this.media.length - 1} @click=${() => this.go(1)}>${icon('right')}</button>
        </div>
        ${m.description ? html`<p class="alt"><span class="label">${t('media.altBadge')}</span><span dir="auto">${m.description}</span></p>`
          : html`<p class="alt none">${t('viewer.noAlt')}</p>`}
      </div>` : nothing}
      <p class="visually-hidden" role="status" data-testid="viewer-status">${this.said}</p>
    </dialog>`;
  }
}

customElements.define('ox-media-viewer', OxMediaViewer);

declare global {
  interface HTMLElementTagNameMap {
    'ox-media-viewer': OxMediaViewer;
  }
}
