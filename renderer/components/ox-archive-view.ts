// One open archive: header with search, the side panel (profile, filters, months) and the current view.
import { ContextConsumer } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import type { AccountMove, ArchiveInfo, Facets, OpenProgress, PostFilter } from '../../preload/contract.js';
import { ALL_ARCHIVES } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { emit, type OxEvent } from '../lib/events.js';
import { formatDate, formatPercent, plural } from '../lib/format.js';
import { cssProps } from '../lib/css-props.js';
import { KeyboardController } from '../lib/keyboard.js';
import { patchFilter, type Route } from '../lib/route.js';
import { formatSection, parseSection, type Section } from '../lib/sections.js';
import { icon } from '../lib/icons.js';
import { keepSource, sourceOf, sourcesOf, type PostSource } from '../lib/post-source.js';
import { sectionIcon } from '../lib/section-icons.js';
import { threadArchiveOf, withThreadArchive } from '../lib/thread-archive.js';
import { archiveNotes, archiveNotesStyles, renderArchiveNotes } from '../lib/archive-notes.js';
import { baseStyles } from '../lib/shared-styles.js';
import { viewStyles } from './ox-archive-view.styles.js';
import type { OxBoost } from './ox-boost.js';
import type { OxPost } from './ox-post.js';
import './ox-export-menu.js';
import './ox-filters.js';
import './ox-media-viewer.js';
import './ox-months.js';
import './ox-on-this-day.js';
import './ox-people.js';
import './ox-profile.js';
import './ox-search-box.js';
import './ox-shortcuts.js';
import './ox-stats.js';
import './ox-thread.js';
import './ox-timeline.js';
import './ox-uri-list.js';
import { t, type SimpleId } from '../lib/i18n.js';
import './ox-language-switch.js';

const VIEW_TABS: Array<[Section, SimpleId]> = [['timeline', 'section.posts'], ['today', 'section.today'], ['stats', 'section.stats'], ['people', 'section.people'], ['likes', 'section.favourites'], ['bookmarks', 'section.bookmarks']];
const NO_SOURCES: ReadonlyMap<string, PostSource> = new Map();
/** Sections that show the current filter themselves: changing it keeps the reader there. */
const FILTERED: readonly Section[] = ['timeline', 'stats'];
/** Sections whose posts the filter panel narrows (People, Favourites, Bookmarks and On this day are not posts of the filter). */
const POST_FILTERED: readonly Section[] = ['timeline', 'thread', 'stats'];
/** The library is asked after this long even when the timeline never says it drew (an error, a hidden list). */
const LIBRARY_FALLBACK_MS = 2000;

/**
 * One open archive. Owns the route (view, filter, order in the hash) and turns the events of its children into
 * history entries, so back/forward walk through filters and threads.
 */
export class OxArchiveView extends LitElement {
  static override properties = {
    info: { attribute: false },
    progress: { attribute: false },
    route: { state: true },
    section: { state: true },
    merged: { state: true },
    threadArchive: { state: true },
    total: { state: true },
    facets: { state: true },
    panelOpen: { state: true },
    warningsHidden: { state: true },
    month: { state: true },
    libraryDue: { state: true },
    canOpen: { type: Boolean },
    several: { type: Boolean },
  };

  /** more than one archive is open: the library (moves banner, each archive's author) is part of the first screen */
  several = false;

  /** browser mode: the header offers to open another archive (the desktop app has its File menu) */
  canOpen = false;

  /** the month being read, marked in the scrubber */
  month = '';

  info!: ArchiveInfo;
  /** the open's progress while the archive is still being read (info.indexing), else null */
  progress: OpenProgress | null = null;
  route: Route = parseSection(location.hash).route;
  section: Section = parseSection(location.hash).section;
  merged = parseSection(location.hash).merged;
  /** the archive the thread shown is read from (null: this one); the merged timeline opens threads of any */
  threadArchive: string | null = threadArchiveOf(location.hash);
  total: number | null = null;
  facets: Facets | null = null;
  panelOpen = false;
  warningsHidden = false;

  static override styles = [baseStyles, viewStyles, archiveNotesStyles];

  private readonly api = new ContextConsumer(this, { context: apiContext });
  private readonly onPop = () => this.read(location.hash);

  private read(hash: string): void {
    ({ route: this.route, section: this.section, merged: this.merged } = parseSection(hash));
    this.threadArchive = threadArchiveOf(hash);
  }

  /**
   * The library may be asked (see libraryLater). Until then its three requests would share the server and the page's
   * main thread with the first posts (relationships alone is ~320 KB of JSON at 100k).
   */
  libraryDue = false;

  // What the library adds (CSV files → the People tab; moves → the banner); routes the server lacks give neither.
  private readonly library = new Task(this, {
    // Again once the archive is read whole: what the library says of it is known only then.
    args: () => [this.api.value, !!this.info?.indexing, this.libraryDue || this.several || this.merged || this.section !== 'timeline'] as const,
    task: async ([api, , due]): Promise<typeof initialState | { people: boolean; moves: AccountMove[]; archives: number; names: string[]; sources: ReadonlyMap<string, PostSource> }> => {
      if (!due) return initialState;
      const [people, moves, current] = await Promise.all([api?.relationships?.(), api?.moves?.(), api?.current()]);
      const infos = current?.ok ? current.value : [this.info];
      return {
        people: !!people?.ok && (people.value.files.length > 0 || (people.value.filters?.length ?? 0) > 0), moves: moves?.ok ? moves.value : [], archives: infos.length,
        names: infos.map((a) => a.name), sources: keepSource(sourcesOf(infos, api), this.info.id, this.ownSource()),
      };
    },
  });

  constructor() {
    super();
    new KeyboardController(this, {
      j: () => void this.$('ox-timeline')?.move(1),
      k: () => void this.$('ox-timeline')?.move(-1),
      '/': () => this.$('ox-search-box')?.focus(),
      '?': () => this.$('ox-shortcuts')?.show(),
      x: () => {
        const card = this.currentCard();
        if (card && 'toggleCw' in card) card.toggleCw();
      },
      Enter: (_e, target) => {
        const article = target instanceof HTMLElement && target.tagName === 'ARTICLE' ? target : null;
        if (!article?.dataset.postId) return false;
        this.openThread(article.dataset.postId, article.dataset.archive);
      },
      Escape: () => {
        if (this.panelOpen) this.panelOpen = false;
        else if (this.section !== 'timeline') this.back();
        else return false;
      },
    });
    this.addEventListener('ox-filter', (e) => this.go({ ...this.route, view: 'timeline', filter: patchFilter(this.route.filter, e.detail.patch) }, false, this.filteredSection()));
    this.addEventListener('ox-filter-reset', () => this.go({ ...this.route, view: 'timeline', filter: {} }, false, this.filteredSection()));
    // A month, day, tag or account chosen in Stats or People: its posts, within the filter the stats counted.
    this.addEventListener('ox-show-posts', (e) => {
      // People are counted over every open archive: their posts are found in the merged timeline.
      if (e.composedPath().some((n) => n instanceof HTMLElement && n.localName === 'ox-people') && (this.library.value?.archives ?? 1) > 1) this.merged = true;
      this.go({ ...this.route, view: 'timeline', filter: patchFilter(this.route.filter, e.detail.patch) });
    });
    this.addEventListener('ox-order', (e) => this.go({ ...this.route, order: e.detail.order }));
    this.addEventListener('ox-search', (e) => this.onSearch(e));
    this.addEventListener('ox-open-thread', (e) => this.openThread(e.detail.id, e.detail.archive));
    this.addEventListener('ox-navigate', (e) => (e.detail.view === 'timeline' && this.route.view === 'thread' ? this.back() : this.go({ ...this.route, view: e.detail.view })));
    this.addEventListener('ox-jump', (e) => {
      this.panelOpen = false;
      if (this.section !== 'timeline') this.go({ ...this.route, view: 'timeline' });
      void this.updateComplete.then(() => this.$('ox-timeline')?.scrollToIndex(e.detail.offset));
    });
    this.addEventListener('ox-results', (e) => {
      if (e.detail.total === 0) this.libraryLater();
      this.total = e.detail.total;
      if (e.detail.facets) this.facets = e.detail.facets;
    });
    this.addEventListener('ox-position', (e) => {
      this.month = e.detail.month;
      this.libraryLater();
    });
    // The address follows the reading place without a history entry per scroll: Back and reload return to it.
    this.addEventListener('ox-place', (e) => {
      if (this.section !== 'timeline') return;
      this.route = { ...this.route, at: e.detail.at };
      const hash = withThreadArchive(formatSection('timeline', this.route, this.merged), null);
      if (hash !== location.hash) history.replaceState(history.state, '', hash);
    });
    this.addEventListener('ox-open-media', (e) => this.$('ox-media-viewer')?.show(e.detail.archive, e.detail.media, e.detail.index));
  }

  private $<K extends keyof HTMLElementTagNameMap>(tag: K): HTMLElementTagNameMap[K] | null {
    return this.renderRoot.querySelector(tag);
  }

  private currentCard(): OxPost | OxBoost | null {
    if (this.route.view === 'thread') return this.$('ox-thread')?.renderRoot.querySelector('ox-post[focused]') ?? null;
    return this.$('ox-timeline')?.currentCard() ?? null;
  }

  private libraryTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * The library is asked once the first posts are painted (the timeline said which month they are of, or that it has
   * none): a frame, then a task, so the paint goes first. A library of several archives, the merged timeline and the
   * other sections ask at once (their first screen needs it: the moves banner above the posts, each archive's author); a
   * timeline that never draws (an error) asks after LIBRARY_FALLBACK_MS.
   */
  private libraryLater(): void {
    if (this.libraryDue) return;
    requestAnimationFrame(() => setTimeout(() => (this.libraryDue = true)));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.libraryTimer = setTimeout(() => (this.libraryDue = true), LIBRARY_FALLBACK_MS);
    window.addEventListener('popstate', this.onPop);
    window.addEventListener('hashchange', this.onPop);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.libraryTimer);
    window.removeEventListener('popstate', this.onPop);
    window.removeEventListener('hashchange', this.onPop);
  }

  /** Where a filter change leaves the reader: Stats stays on Stats, anything else shows the timeline. */
  private filteredSection(): Section {
    return FILTERED.includes(this.section) ? this.section : 'timeline';
  }

  // A post of another archive (from the merged timeline) names it in the address; this archive's posts need not.
  private openThread(id: string, archive: string | undefined): void {
    this.go({ ...this.route, view: 'thread', id }, false, 'thread', archive && archive !== this.info.id ? archive : null);
  }

  /** A new history entry, so back/forward walk through views and filters. */
  private go(route: Route, replace = false, section: Section = route.view, threadArchive: string | null = null): void {
    // A new filter or order is a new list: it starts at its top.
    if (route.order !== this.route.order || JSON.stringify(route.filter) !== JSON.stringify(this.route.filter)) route = { ...route, at: undefined };
    const hash = withThreadArchive(formatSection(section, route, this.merged), threadArchive);
    const depth = ((history.state as { oxDepth?: number } | null)?.oxDepth ?? 0) + (replace ? 0 : 1);
    if (hash !== location.hash) {
      if (replace) history.replaceState({ oxDepth: depth }, '', hash);
      else history.pushState({ oxDepth: depth }, '', hash);
    }
    this.read(hash);
  }

  private setMerged(merged: boolean): void {
    this.merged = merged;
    this.go({ ...this.route, view: this.section === 'thread' ? 'timeline' : this.route.view }, false, this.section === 'thread' ? 'timeline' : this.section);
  }

  private back(): void {
    if (((history.state as { oxDepth?: number } | null)?.oxDepth ?? 0) > 0) history.back();
    else this.go({ ...this.route, view: 'timeline' });
  }

  override updated(changed: Map<string, unknown>): void {
    // Back on the timeline from a thread or list: the keyboard continues where it was.
    const before = changed.get('section') as Section | undefined;
    if (before && before !== 'timeline' && this.section === 'timeline') {
      const timeline = this.$('ox-timeline');
      timeline?.restorePlace();
      void timeline?.focusCurrent();
    }
  }

  // Typing refines one search: it replaces the history entry instead of adding one per keystroke.
  private onSearch(e: OxEvent<'ox-search'>): void {
    const filter: PostFilter = patchFilter(this.route.filter, { q: e.detail.q.trim() || undefined });
    const fresh = !this.route.filter.q && !!filter.q;
    this.go({ ...this.route, view: 'timeline', filter }, !fresh, this.filteredSection());
  }

  /** The author and emoji of an archive's posts: this archive's own until the list of open ones arrives. */
  private source(archive: string): PostSource {
    return this.library.value?.sources.get(archive) ?? this.ownSource();
  }

  private own: { info: ArchiveInfo; api: unknown; source: PostSource } | null = null;

  /**
   * One object per archive (and API): a new author at every render of this view (a count, the month being read) made
   * every card of the timeline render and sanitize its post again, three times before the first posts were painted.
   */
  private ownSource(): PostSource {
    const api = this.api.value;
    if (this.own?.info !== this.info || this.own.api !== api) this.own = { info: this.info, api, source: sourceOf(this.info, api) };
    return this.own.source;
  }

  // While searching, the order is said beside the count: "best match" explains why the dates jump.
  private renderCount() {
    // Still being read: no count yet (the newest page is all there is), say so instead.
    if (this.info.indexing) return html`<span class="count" data-testid="result-count" role="status">${t('progress.indexing')}</span>`;
    const { filter: { q }, order } = this.route;
    const n = this.total;
    // Boosts are counted too (the profile's own count has none): say so, so the two numbers do not seem to disagree.
    const text = n === null ? '' : q ? `${plural(n, 'count.results')}${order === 'relevance' ? t('search.bestMatchSuffix') : ''}` : plural(n, 'count.postsAndBoosts');
    return html`<span class="count" data-testid="result-count" role="status" aria-live="polite">${text}</span>`;
  }

  /** In the panel while the archive is still read: its counts, filters and months come once it is done. */
  private renderIndexing() {
    const p = this.progress;
    const pct = p && p.bytesTotal > 0 ? Math.min(100, Math.round((p.bytesRead / p.bytesTotal) * 100)) : null;
    return html`<div class="indexing" role="status" data-testid="indexing">
      <p>${t('progress.indexing')}</p>
      <div class="track" role="progressbar" aria-label=${t('progress.label')} aria-valuemin="0" aria-valuemax="100"
        aria-valuenow=${pct ?? ''} aria-valuetext=${pct === null ? t('progress.working') : formatPercent(pct / 100, 0)}>
        <div class="fill" ${cssProps({ width: `${pct ?? 0}%` })}></div></div>
    </div>`;
  }

  private renderWarnings() {
    return this.warningsHidden ? nothing : renderArchiveNotes(archiveNotes(this.info), () => (this.warningsHidden = true));
  }

  // Archives do not record a move; the dates say when each account posted, so the reader sees the hand-over.
  private renderMoves(moves: AccountMove[]) {
    if (!moves.length) return nothing;
    const span = (d: { first: string | null; last: string | null }) => (d.first ? t('dates.range', { from: formatDate(d.first), to: formatDate(d.last) }) : t('moves.noPosts'));
    return html`<div class="moves" role="note" data-testid="moves">${icon('boost')}<div>
      ${moves.map((m) => html`<p><strong dir="auto">${m.fromAcct ?? m.from}</strong> ${t('moves.arrow')} <strong dir="auto">${m.toAcct ?? m.to}</strong>
        <span class="more">${t('moves.dates', { old: span(m.fromDates), new: span(m.toDates) })}</span></p>`)}</div>
      <button class="btn" aria-pressed=${String(this.merged)} @click=${() => this.setMerged(!this.merged)}>
        ${this.merged ? t('moves.showOne') : t('moves.showBoth')}</button></div>`;
  }

  override render() {
    const { filter, order } = this.route;
    const view = this.section;
    const extras = this.library.value;
    const tabs = VIEW_TABS.filter(([v]) => v !== 'people' || extras?.people);
    const archive = this.merged ? ALL_ARCHIVES : this.info.id;
    const info = this.info;
    const own = this.source(info.id);
    const thread = this.threadArchive ?? info.id;
    const threadSource = this.source(thread);
    return html`
      <header class="bar">
        <div class="brand"><span class="mark">${icon('outbox')}</span><span class="title" translate="no">Outbox</span><span class="file" dir="auto" title=${info.name}>${info.name}</span></div>
        <div class="search"><ox-search-box .value=${filter.q ?? ''}></ox-search-box>${view === 'timeline' ? this.renderCount() : nothing}</div>
        <nav class="tabs" aria-label=${t('header.sections')}>${tabs.map(([v, label]) => html`<button class="tab" title=${t(label)} aria-current=${view === v || (v === 'timeline' && view === 'thread') ? 'page' : 'false'}
          @click=${() => this.go({ ...this.route, view: 'timeline' }, false, v)}>${sectionIcon(v)}<span class="label">${t(label)}</span></button>`)}</nav>
        <ox-export-menu archive=${archive} .files=${this.merged ? (extras?.names ?? [info.name]) : [info.name]} .filter=${filter} .total=${this.total} .facets=${this.facets}></ox-export-menu>
        <button class="btn quiet panel-toggle" aria-expanded=${String(this.panelOpen)} aria-controls="panel" @click=${() => (this.panelOpen = !this.panelOpen)}>${icon('filter')}<span class="label">${t('filters.title')}</span></button>
        ${this.canOpen ? html`<button class="btn quiet open" title=${t('error.another')} @click=${() => emit(this, 'ox-show-welcome', {})}>${icon('outbox')}<span class="label">${t('header.open')}</span></button>` : nothing}
        <button class="btn quiet help" aria-label=${t('shortcuts.title')} title=${t('shortcuts.titleKey')} @click=${() => this.$('ox-shortcuts')?.show()}>${icon('keyboard')}</button>
      </header>
      <div class="body">
        <aside id="panel" class="panel ${this.panelOpen ? 'shown' : ''}" aria-label=${t('panel.label')}>
          ${info.indexing ? this.renderIndexing() : html`<ox-profile .info=${info}></ox-profile>`}
          ${POST_FILTERED.includes(view) && !info.indexing ? html`<ox-filters .filter=${filter} .facets=${this.facets} order=${order}></ox-filters>
            <ox-months .months=${this.facets?.months ?? info.months} order=${order} current=${this.month}></ox-months>` : nothing}
          <ox-language-switch></ox-language-switch>
        </aside>
        <main class="main" aria-labelledby="main-title">
          <h2 id="main-title" class="visually-hidden">${t(VIEW_TABS.find(([v]) => v === view)?.[1] ?? 'thread.title')}</h2>
          <div class="notices">${this.renderWarnings()}${this.renderMoves(extras?.moves ?? [])}</div>
          <ox-timeline ?hidden=${view !== 'timeline'} ?indexing=${!!info.indexing} archive=${archive} at=${this.route.at ?? ''} .filter=${filter} order=${order} .author=${own.author} .emojis=${own.emojis}
            .sources=${extras?.sources ?? NO_SOURCES} ?showSource=${this.merged && (extras?.archives ?? 1) > 1}></ox-timeline>
          ${view === 'thread' && this.route.id ? html`<ox-thread archive=${thread} postId=${this.route.id} .author=${threadSource.author} .emojis=${threadSource.emojis}></ox-thread>` : nothing}
          ${view === 'stats' ? html`<ox-stats archive=${archive} .filter=${filter}></ox-stats>` : nothing}
          ${view === 'today' ? html`<ox-on-this-day archive=${info.id} .months=${info.months} .author=${own.author} .emojis=${own.emojis}></ox-on-this-day>` : nothing}
          ${view === 'people' ? html`<ox-people></ox-people>` : nothing}
          ${view === 'likes' || view === 'bookmarks' ? html`<ox-uri-list archive=${info.id} kind=${view}></ox-uri-list>` : nothing}
        </main>
      </div>
      <ox-media-viewer></ox-media-viewer>
      <ox-shortcuts></ox-shortcuts>`;
  }
}

customElements.define('ox-archive-view', OxArchiveView);

declare global {
  interface HTMLElementTagNameMap {
    'ox-archive-view': OxArchiveView;
  }
}
