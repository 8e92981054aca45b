// One own status as an `article`: author, date, visibility, content warning, content, media, poll, links.
import { LitElement, css, html, nothing } from 'lit';
import type { Post } from '../../preload/contract.js';
import { emit } from '../lib/events.js';
import { formatDateTime, hostOf, readableUrl, safeHref } from '../lib/format.js';
import { richText } from '../lib/rich-text.js';
import { safeHtml } from '../lib/safe-html.js';
import { icon } from '../lib/icons.js';
import type { PostUiState } from '../lib/post-ui-state.js';
import { baseStyles, contentStyles } from '../lib/shared-styles.js';
import { postStyles } from './ox-post.styles.js';
import './ox-avatar.js';
import './ox-media-grid.js';
import './ox-poll.js';
import './ox-post-footer.js';
import { t, tParts } from '../lib/i18n.js';

export interface Author {
  displayName: string;
  handle: string;
  avatarUrl: string | null;
}

/**
 * A post of the archive. Hashtag and mention links inside its content filter the timeline instead of leaving.
 * @fires ox-filter - a hashtag or mention was chosen
 * @fires ox-open-thread - the reader asked for the post's thread
 * @cssproperty --ox-post-bg - card background
 * @cssproperty --ox-post-border - card border colour
 */
export class OxPost extends LitElement {
  static override properties = {
    post: { attribute: false },
    author: { attribute: false },
    archive: {},
    terms: { attribute: false },
    emojis: { attribute: false },
    focused: { type: Boolean, reflect: true },
    ui: { attribute: false },
    source: {},
    sourceTitle: {},
    expanded: { type: Boolean, state: true },
    inThread: { type: Boolean },
  };

  /** drawn in a thread, where the parent is right above: "Reply to a post in this archive" would only repeat it */
  inThread = false;

  post!: Post;
  author: Author = { displayName: '', handle: '', avatarUrl: null };
  archive = '';
  terms: readonly string[] = [];
  /** the profile's custom emoji shortcodes (the post's own are added) */
  emojis: readonly string[] = [];
  /** the post the thread view is about */
  focused = false;
  /** where the list keeps what the reader opened (content warning, sensitive media), by post id */
  ui: PostUiState | null = null;
  /** the account the post comes from ("@user@server"), shown as a chip where archives are mixed; '' = none */
  source = '';
  /** what the chip's tooltip says (which archive file holds the post) */
  sourceTitle = '';
  expanded = false;

  static override styles = [baseStyles, contentStyles, postStyles];

  /** Shows or hides the text behind the content warning (the `x` shortcut). */
  toggleCw(): void {
    if (!this.post.summary) return;
    this.expanded = !this.expanded;
    this.ui?.set(this.post.id, 'cw', this.expanded);
  }

  // A list reuses cards for other posts and makes new ones for posts it shows again: the warning's state comes
  // from the list's record of this post, never from whatever this card showed before.
  override willUpdate(changed: Map<string, unknown>): void {
    const before = changed.get('post') as Post | undefined;
    if (!this.post) return;
    if (this.ui) this.expanded = this.ui.has(this.post.id, 'cw');
    else if (changed.has('post') && before?.id !== this.post.id) this.expanded = false;
  }

  /** The article, for focus. */
  get article(): HTMLElement | null {
    return this.renderRoot.querySelector('article');
  }

  private onContentClick(event: MouseEvent): void {
    const a = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a) return;
    const classes = a.classList;
    if (classes.contains('hashtag')) {
      const tag = (a.textContent ?? '').replace(/^#/, '').trim().toLowerCase();
      if (tag) {
        event.preventDefault();
        emit(this, 'ox-filter', { patch: { hashtag: tag } });
      }
    } else if (classes.contains('mention') && !classes.contains('hashtag')) {
      const mention = this.post.mentions.find((m) => m.href === a.href || a.href.startsWith(m.href));
      event.preventDefault();
      emit(this, 'ox-filter', { patch: { mention: mention?.href ?? a.href } });
    }
  }

  private renderReply() {
    const p = this.post;
    if (!p.inReplyTo || (this.inThread && p.parentInArchive)) return nothing;
    const href = safeHref(p.inReplyTo);
    return html`<p class="context">
      ${icon('reply')} ${tParts('post.replyTo', { target: p.parentInArchive
        ? html`<button class="linkish" @click=${() => emit(this, 'ox-open-thread', { id: p.id, archive: this.archive || undefined })}>${t('post.replyInArchive')}</button>`
        : href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${tParts('post.replyOn', { server: html`<bdi>${hostOf(href)}</bdi>` })}</a>` : t('post.replyUnknown') })}
    </p>`;
  }

  private renderQuote() {
    const href = safeHref(this.post.quote);
    if (!this.post.quote) return nothing;
    return html`<p class="quote"><span class="quote-label">${icon('quote')} ${t('post.quoting')}</span>
      ${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer" dir="auto">${href}</a>` : this.post.quote}</p>`;
  }

  private renderBody(emojis: string[]) {
    const p = this.post;
    // Like Mastodon's hashtag bar: only the tags the text does not already show.
    const text = p.text.toLowerCase();
    const extraTags = p.hashtags.filter((t) => !text.includes(`#${t}`));
    return html`
      <div class="content" dir="auto" lang=${p.language ?? nothing}>${safeHtml(p.html, { terms: this.terms, emojis, hideQuoteInline: p.quote !== null })}</div>
      ${this.renderQuote()}
      ${p.media.length ? html`<ox-media-grid .media=${p.media} archive=${this.archive} ?sensitive=${p.sensitive} .ui=${this.ui} .postId=${p.id}></ox-media-grid>` : nothing}
      ${p.poll ? html`<ox-poll .poll=${p.poll}></ox-poll>` : nothing}
      ${p.links.length ? html`<ul class="links">${p.links.map((l) => {
        const href = safeHref(l.href);
        return html`<li dir="auto">${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${l.name || readableUrl(href)}</a>` : l.name}</li>`;
      })}</ul>` : nothing}
      ${extraTags.length ? html`<ul class="tags" aria-label=${t('filters.hashtags')}>${extraTags.map((tag) => html`<li>
        <button class="tag" aria-label=${t('post.filterTag', { tag: `#${tag}` })} @click=${() => emit(this, 'ox-filter', { patch: { hashtag: tag } })}><bdi>#${tag}</bdi></button></li>`)}</ul>` : nothing}`;
  }

  override render() {
    const p = this.post;
    if (!p) return nothing;
    const emojis = [...this.emojis, ...p.emojis.map((e) => e.shortcode)];
    const hidden = p.summary !== null && p.summary !== '' && !this.expanded;
    const href = safeHref(p.url);
    return html`<article class="post ${p.visibility}" data-post-id=${p.id} data-seq=${p.seq} data-archive=${this.archive || nothing} tabindex="0"
        aria-label=${t('post.label', { name: this.author.displayName || this.author.handle || t('avatar.unknown'), date: formatDateTime(p.published) })}>
      ${p.visibility === 'direct' ? html`<p class="private-banner">${icon('mail')} ${t('post.direct')}</p>` : nothing}
      ${p.deleted ? html`<p class="private-banner deleted-banner">${icon('alert')} ${t('post.deleted')}</p>` : nothing}
      <header class="head">
        <ox-avatar .src=${this.author.avatarUrl} .name=${this.author.displayName || this.author.handle}></ox-avatar>
        <div class="who">
          <span class="name" dir="auto">${richText(this.author.displayName || this.author.handle, { emojis: this.emojis })}</span>
          <span class="handle" dir="auto">${this.author.handle}</span>
        </div>
        ${href ? html`<a class="when" href=${href} target="_blank" rel="noopener noreferrer" title=${t('post.openOriginal')}>
              <time datetime=${p.published}>${formatDateTime(p.published)}</time></a>`
          : html`<time class="when" datetime=${p.published}>${formatDateTime(p.published)}</time>`}
      </header>
      ${this.renderReply()}
      ${p.summary ? html`<div class="cw">
          <p class="cw-text"><span class="chip warn">${t('filters.cw')}</span> <span dir="auto">${richText(p.summary, { emojis, terms: this.terms })}</span></p>
          <button class="btn cw-toggle" aria-expanded=${String(!hidden)} @click=${() => this.toggleCw()}>
            ${hidden ? t('post.showMore') : t('post.showLess')}</button>
        </div>` : nothing}
      <div class="body" ?hidden=${hidden} @click=${this.onContentClick}>${hidden ? nothing : this.renderBody(emojis)}</div>
      <ox-post-footer .post=${p} archive=${this.archive} source=${this.source} sourceTitle=${this.sourceTitle}></ox-post-footer>
    </article>`;
  }
}

customElements.define('ox-post', OxPost);

declare global {
  interface HTMLElementTagNameMap {
    'ox-post': OxPost;
  }
}
