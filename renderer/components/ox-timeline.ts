// The windowed timeline: any number of posts in a bounded scroll height, ~40 real cards around the reading point.
import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { cssProps } from '../lib/css-props.js';
import type { ErrorInfo, Page, PostFilter } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { emit } from '../lib/events.js';
import { icon } from '../lib/icons.js';
import { PAGE_SIZE, PageCache } from '../lib/page-cache.js';
import { PostUiState } from '../lib/post-ui-state.js';
import { hasNarrowing, parseAt, type Order } from '../lib/route.js';
import { baseStyles } from '../lib/shared-styles.js';
import { ScrollWindow } from '../lib/scroll-window.js';
import type { PostSource } from '../lib/post-source.js';
import type { Author, OxPost } from './ox-post.js';
import type { OxBoost } from './ox-boost.js';
import { timelineStyles } from './ox-timeline.styles.js';
import './ox-boost.js';
import './ox-post.js';
import { t, tParts } from '../lib/i18n.js';

/**
 * The posts of the current filter and order. Scrolling maps the scroll position to a post index (see
 * ScrollWindow), so 100k posts scroll end to end without Chromium's element-height ceiling.
 * @fires ox-results - the first page of a new query arrived (total, facets, terms)
 * @fires ox-position - the month at the top of the list changed (for the scrubber)
 * @fires ox-filter-reset - "Clear both" on the empty result
 * @fires ox-filter - "Clear filters" on the empty result (the words stay)
 * @fires ox-search - "Clear search" on the empty result (the filters stay)
 * @cssproperty --ox-timeline-width - the reading column's width
 */
export class OxTimeline extends LitElement {
  static override properties = {
    archive: {},
    filter: { attribute: false },
    order: {},
    author: { attribute: false },
    emojis: { attribute: false },
    sources: { attribute: false },
    showSource: { type: Boolean },
    indexing: { type: Boolean },
    at: {},
  };

  archive = '';
  filter: PostFilter = {};
  order: Order = 'newest';
  author: Author = { displayName: '', handle: '', avatarUrl: null };
  emojis: readonly string[] = [];
  /** every open archive's author by ArchiveInfo.id: an item of the merged timeline is drawn as its archive's */
  sources: ReadonlyMap<string, PostSource> = new Map();
  /** mark each post with the account it comes from (the merged timeline of several archives) */
  showSource = false;
  /** the archive is still being read (ArchiveInfo.indexing): its first page is partial, and is asked again when done */
  indexing = false;
  /** the place the address names ("index:postId", see Route.at): the list goes there when it changes */
  at = '';

  static override styles = [baseStyles, timelineStyles];

  private readonly api = new ContextConsumer(this, { context: apiContext, subscribe: true });
  private cache: PageCache | null = null;
  private terms: string[] = [];
  private current: number | null = null;
  private readonly win = new ScrollWindow(() => this.requestUpdate());
  /** what the reader opened on each post: cards come and go as they scroll, this stays */
  private readonly ui = new PostUiState();
  private readonly resize = new ResizeObserver((entries) => {
    for (const entry of entries) if (entry.target.classList.contains('scroller')) this.win.resized((entry.target as HTMLElement).clientHeight);
    this.requestUpdate();
  });

  private readonly task = new Task(this, {
    args: () => [this.api.value, this.archive, JSON.stringify(this.filter), this.order, this.indexing] as const,
    task: async ([api, archive, filter, order], { signal }): Promise<Page | null> => {
      if (!api || !archive) return null;
      const result = await api.page({ archive, filter: JSON.parse(filter) as PostFilter, order, offset: 0, limit: PAGE_SIZE });
      signal.throwIfAborted();
      if (!result.ok) throw result;
      return result.value;
    },
    onComplete: (page) => {
      if (page) this.reset(page);
    },
  });

  /** the last place this list reported (the address then names it: nothing to do) */
  private reported = '';
  /** a place asked for before the list had its posts */
  private pendingAt: string | null = null;
  /** the exact offsets of places reported this session, so Back lands to the pixel */
  private readonly places = new Map<string, { index: number; offset: number }>();

  private reset(page: Page): void {
    const api = this.api.value!;
    this.cache = new PageCache(api, { archive: this.archive, filter: this.filter, order: this.order }, page.total, () => this.requestUpdate());
    this.cache.seed(0, page.items);
    this.terms = page.terms;
    this.current = null;
    this.win.reset(page.total);
    this.reported = '';
    // A partial page (the newest posts of an archive still read) has no count or facets to tell yet.
    if (!page.partial) emit(this, 'ox-results', { total: page.total, facets: page.facets, terms: page.terms });
    const at = this.pendingAt;
    this.pendingAt = null;
    if (at) this.goTo(at);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('archive') && changed.get('archive')) this.ui.clear();
    if (changed.has('at') && this.at && this.at !== this.reported) {
      if (this.cache && this.task.status === TaskStatus.COMPLETE) this.goTo(this.at);
      else this.pendingAt = this.at;
    }
  }

  /**
   * Goes to a place ("index:postId"): by the post's id where its page is loaded (the list may have changed since),
   * else by its index; to the exact pixel when this session reported it.
   */
  private goTo(at: string): void {
    const place = parseAt(at);
    if (!place || !this.cache) return;
    this.reported = at;
    const exact = this.places.get(at);
    let index = this.cache.peek(place.index)?.post.id === place.id ? place.index : this.cache.indexOf(place.id);
    if (index < 0) index = Math.min(place.index, this.cache.total - 1);
    this.current = null;
    this.win.scrollToIndex(index, exact && exact.index === index ? exact.offset : 0);
  }

  /** Back on the timeline (from a thread, Stats…): the hidden list lost its scroll position, so put it back. */
  restorePlace(): void {
    if (!this.cache) return;
    const { index, offset } = this.win.position;
    this.win.scrollToIndex(index, offset);
  }

  // Tells the address which post is at the top, once scrolling settles (not on every frame).
  private reportPlace(): void {
    if (!this.cache || this.hidden || !this.cache.total) return;
    const { index, offset } = this.win.position;
    const item = this.cache.peek(index);
    if (!item) return;
    const at = `${index}:${item.post.id}`;
    if (this.places.size > 200) this.places.clear();
    this.places.set(at, { index, offset });
    if (at === this.reported) return;
    this.reported = at;
    emit(this, 'ox-place', { at });
  }

  override firstUpdated(): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller')!;
    const windowEl = this.renderRoot.querySelector<HTMLElement>('.window')!;
    this.win.attach(scroller, windowEl);
    this.resize.observe(scroller);
    this.resize.observe(windowEl);
  }

  /**
   * The server's first page (`<ox-timeline first-page>`, see main/engine/export/first-page.ts) is upgraded when the bundle
   * loads: it stays inert, keeping the server's cards, with no render root, observers or requests, until the app
   * removes it.
   */
  override connectedCallback(): void {
    if (this.hasAttribute('first-page')) return;
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    if (this.hasAttribute('first-page')) return;
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  override updated(): void {
    this.win.layout();
    const top = this.cache?.get(this.win.firstVisible());
    const month = top?.post.published.slice(0, 7) ?? '';
    if (month && month !== this.month) {
      this.month = month;
      emit(this, 'ox-position', { month });
    }
  }

  private month = '';

  // The focused card may have left the window while scrolling: once scrolling stops, keep the focus in the list
  // so keys (End, PageDown, j) go on working. (Focusing during the scroll would cancel its animation.)
  private onScrollEnd(): void {
    this.win.onScrollEnd();
    this.reportPlace();
    if (this.hadFocus && !this.shadowRoot?.activeElement && (!document.activeElement || document.activeElement === document.body)) {
      this.renderRoot.querySelector<HTMLElement>('.scroller')?.focus({ preventScroll: true });
    }
  }

  private hadFocus = false;

  private onKey(event: KeyboardEvent): void {
    if ((event.key !== 'Home' && event.key !== 'End') || event.ctrlKey || event.altKey || event.metaKey) return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    event.preventDefault();
    this.current = null;
    this.win.scrollToEdge(event.key === 'End');
  }

  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && !event.composedPath().includes(next) && !this.contains(next) && !this.shadowRoot?.contains(next)) this.hadFocus = false;
  }

  /** Scrolls so the post at this position of the current order is at the top (month jumps, j/k). */
  scrollToIndex(index: number): void {
    this.win.scrollToIndex(index);
  }

  /** Moves the keyboard focus to the next (+1) or previous (-1) post. */
  async move(delta: number): Promise<void> {
    const total = this.cache?.total ?? 0;
    if (!total) return;
    const next = this.current === null ? this.win.firstVisible() : Math.min(total - 1, Math.max(0, this.current + delta));
    this.current = next;
    this.win.scrollToIndex(next);
    await this.updateComplete;
    const card = this.cardAt(next);
    if (card) {
      await card.updateComplete;
      card.article?.focus({ preventScroll: true });
    }
  }

  /** Focuses the post the keyboard was on (after returning from a thread). */
  async focusCurrent(): Promise<void> {
    await this.updateComplete;
    const card = this.currentCard();
    await card?.updateComplete;
    card?.article?.focus({ preventScroll: true });
  }

  private cardAt(index: number): OxPost | OxBoost | null {
    return this.renderRoot.querySelector<OxPost | OxBoost>(`.slot[data-index="${index}"] > :is(ox-post, ox-boost)`);
  }

  /** The post the keyboard is on (the focused one, else the first visible). */
  currentCard(): OxPost | OxBoost | null {
    return this.cardAt(this.current ?? this.win.firstVisible());
  }

  private onFocusIn(event: FocusEvent): void {
    this.hadFocus = true;
    const slot = event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.classList.contains('slot'));
    if (!slot) return;
    this.current = Number(slot.dataset.index);
    if (!this.win.isVisible(this.current)) this.win.scrollToIndex(this.current);
  }

  private renderSlots() {
    const cache = this.cache;
    if (!cache) return nothing;
    if (cache.total === 0) return this.renderEmpty();
    const [start, end] = this.win.range();
    const indices = Array.from({ length: end - start }, (_, i) => start + i);
    return repeat(indices, (i) => i, (i) => {
      const item = cache.get(i);
      if (!item) return html`<div class="slot" data-index=${i}><div class="placeholder" aria-hidden="true"><span></span><span></span><span></span></div></div>`;
      const p = item.post;
      // A merged page names each item's archive: its author, avatar and media are that archive's.
      const archive = item.archive ?? this.archive;
      const source = this.sources.get(archive);
      const author = source?.author ?? this.author;
      // An export without a profile (Misskey notes) still says where its posts come from: the service, else the file.
      const chip = this.showSource && source ? author.handle || author.displayName || source.service || source.file : '';
      const file = chip ? (source!.service ? t('timeline.fromServiceArchive', { service: source!.service, file: source!.file }) : t('timeline.fromArchive', { file: source!.file })) : '';
      return html`<div class="slot" data-index=${i}>${p.type === 'boost'
        ? html`<ox-boost .post=${p} handle=${author.displayName || author.handle} archive=${archive} source=${chip} sourceTitle=${file}></ox-boost>`
        : html`<ox-post .post=${p} .author=${author} archive=${archive} .terms=${this.terms} .emojis=${source?.emojis ?? this.emojis} .ui=${this.ui}
            source=${chip} sourceTitle=${file}></ox-post>`}</div>`;
    });
  }

  // Says what found nothing (the words, the filters or both) and offers to undo exactly that.
  private renderEmpty() {
    const q = this.filter.q;
    const narrowed = hasNarrowing(this.filter);
    const clearFilters = () => emit(this, 'ox-filter', { patch: Object.fromEntries(Object.keys(this.filter).filter((k) => k !== 'q').map((k) => [k, undefined])) });
    const clearSearch = () => emit(this, 'ox-search', { q: '' });
    const words = html`<bdi>${q}</bdi>`;
    const why = q && narrowed ? tParts('empty.queryFilters', { q: words }) : q ? tParts('empty.query', { q: words }) : narrowed ? t('empty.filters') : t('empty.archive');
    return html`<div class="empty" role="status" data-testid="empty">
      <span class="empty-icon" aria-hidden="true">${icon(q ? 'search' : 'filter')}</span>
      <p class="big">${t('empty.title')}</p>
      <p class="why">${why}</p>
      ${q || narrowed ? html`<div class="actions">
        ${narrowed ? html`<button class="btn ${q ? '' : 'primary'}" @click=${clearFilters}>${t('empty.clearFilters')}</button>` : nothing}
        ${q ? html`<button class="btn ${narrowed ? '' : 'primary'}" @click=${clearSearch}>${t('search.clear')}</button>` : nothing}
        ${q && narrowed ? html`<button class="btn primary" @click=${() => emit(this, 'ox-filter-reset', {})}>${t('empty.clearBoth')}</button>` : nothing}
      </div>` : nothing}
    </div>`;
  }

  private renderError(error: unknown) {
    const info = error as ErrorInfo;
    return html`<div class="empty" role="alert"><p class="big">${t('timeline.error')}</p><p lang="en">${info?.message ?? String(error)}</p></div>`;
  }

  override render() {
    const stale = this.task.status === TaskStatus.PENDING && this.cache !== null;
    return html`<div class="scroller" tabindex="-1" @scroll=${() => this.win.onScroll()} @scrollend=${this.onScrollEnd}
        @focusin=${this.onFocusIn} @focusout=${this.onFocusOut} @keydown=${this.onKey}>
      <div class="viewport">
        <div class="window ${stale ? 'stale' : ''}" aria-busy=${stale ? 'true' : 'false'}>
          ${this.task.render({
            initial: () => nothing,
            pending: () => (this.cache ? this.renderSlots() : html`<div class="empty" role="status">${t('timeline.loading')}</div>`),
            complete: () => this.renderSlots(),
            error: (e) => this.renderError(e),
          })}
          ${this.cache?.error ? html`<p class="empty" role="alert">${this.cache.error.message}</p>` : nothing}
        </div>
      </div>
      <div class="spacer" ${cssProps({ height: `${this.win.drawnSpacerHeight()}px` })}></div>
    </div>`;
  }
}

customElements.define('ox-timeline', OxTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'ox-timeline': OxTimeline;
  }
}
