// The app root: provides the API, and shows the opening screens (welcome, progress, error) or the archive.
import { ContextProvider } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { ArchiveInfo, ErrorInfo, OpenProgress, RecentArchive, Result } from '../../preload/contract.js';
import { apiContext, fetcherContext, transportKindContext } from '../lib/context.js';
import { ProgressController } from '../lib/progress-controller.js';
import { firstPageShown, plainTimeline, removeFirstPage } from '../lib/first-page.js';
import { appTransport, type Transport } from '../lib/transport.js';
import './ox-archive-view.js';
import './ox-error.js';
import './ox-progress.js';
import './ox-welcome.js';
import { t } from '../lib/i18n.js';

/** The longest the server's cards stay once the archive screen is up (its timeline normally paints far sooner). */
const FIRST_PAGE_LIMIT_MS = 4000;

type Screen = 'starting' | 'progress' | 'welcome' | 'error' | 'ready';

/** How often current() is asked again while the archive shown is still being read (ArchiveInfo.indexing). */
const INDEXING_RECHECK_MS = 2000;

/**
 * `<outbox-app>`: picks the transport (IPC in the desktop app, HTTP in browser mode) and provides it.
 */
export class OutboxApp extends LitElement {
  static override properties = {
    screen: { state: true },
    info: { state: true },
    error: { state: true },
    progress: { state: true },
    message: { state: true },
    uploading: { state: true },
    recent: { state: true },
    dragging: { state: true },
    several: { state: true },
  };

  screen: Screen = 'starting';
  info: ArchiveInfo | null = null;
  error: ErrorInfo | null = null;
  progress: OpenProgress | null = null;
  message = '';
  /** the file being handed to the server, with how much of it has gone */
  uploading: { name: string; sent: number; total: number } | null = null;
  recent: RecentArchive[] = [];
  dragging = false;
  /** current() named more than one archive (a library: its moves banner and sources are part of the first screen) */
  several = false;
  /** an open the reader asked for is under way: its own answer (not the progress stream's 'done') decides the screen */
  private asking = false;
  private sawDone = false;
  /** an asked open answered before its progress stream said 'done': skip its events until then */
  private draining = false;
  /**
   * Counts the reader's own moves between screens (Open, Back, an open they asked for). A current() asked before the
   * latest one must not pick the screen when it answers: it sent the reader from the welcome screen they had just asked
   * for back to the archive, or put an old archive over the one they came back to.
   */
  private moves = 0;
  /** the reader asked for the welcome screen: what current() answers updates what Back returns to, not the screen */
  private chose = false;

  private readonly transport: Transport = appTransport();

  static override styles = css`
    :host { display: block; height: 100%; position: relative; }
    .drop {
      position: fixed; inset: 0; z-index: 20; display: grid; place-items: center; pointer-events: none;
      background: var(--ox-sys-color-backdrop); font: 600 1.25rem var(--ox-sys-font); color: var(--ox-sys-color-on-accent);
    }
    .drop span { background: var(--ox-sys-color-accent); padding: var(--ox-sys-space-4) var(--ox-sys-space-5); border-radius: var(--ox-sys-radius-lg); }
  `;

  constructor() {
    super();
    new ContextProvider(this, { context: apiContext, initialValue: this.transport.api });
    new ContextProvider(this, { context: transportKindContext, initialValue: this.transport.kind });
    new ContextProvider(this, { context: fetcherContext, initialValue: this.transport.fetcher });
    new ProgressController(this, this.transport.api, (p) => this.onProgress(p));
    this.addEventListener('ox-open-demo', () => void this.openWith(() => this.transport.api.open({ demo: true })));
    this.addEventListener('ox-open-path', (e) => void this.openWith(() => this.transport.api.open({ path: e.detail.path })));
    this.addEventListener('ox-open-file', (e) => void this.openFile(e.detail.file));
    this.addEventListener('ox-show-welcome', () => {
      this.moved(true);
      this.showWelcome();
    });
    this.addEventListener('ox-show-archive', () => {
      if (!this.info) return;
      this.moved(false);
      this.screen = 'ready';
      // Still being read when the reader left it: ask again (what was answered meanwhile kept the screen, not a recheck).
      if (this.info.indexing) void this.load();
    });
    this.addEventListener('click', (e) => this.onLinkClick(e));
    // The live timeline reports its place in the frame it first draws posts: the server's cards give way in that frame.
    this.addEventListener('ox-position', removeFirstPage);
    // A file dropped anywhere on the page opens (browser mode; the desktop app has its own open).
    this.addEventListener('dragover', (e) => this.onDragOver(e));
    this.addEventListener('dragleave', (e) => {
      if (!e.relatedTarget) this.dragging = false;
    });
    this.addEventListener('drop', (e) => this.onDrop(e));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (firstPageShown()) {
      // The server cannot see the hash: an address naming a filter, section or place never shows its cards.
      if (!plainTimeline(location.hash)) removeFirstPage();
      else window.addEventListener('hashchange', removeFirstPage, { once: true });
    }
    void this.load();
  }

  private firstPageLimit: ReturnType<typeof setTimeout> | null = null;

  override updated(): void {
    if (!firstPageShown()) return;
    // Any screen but the archive (welcome, progress, error), an archive still read or several: the live app shows
    // something other than the server's newest posts. A timeline that never paints (an error answer) gives way too.
    if ((this.screen !== 'starting' && this.screen !== 'ready') || this.several || this.info?.indexing) removeFirstPage();
    else if (this.screen === 'ready' && !this.firstPageLimit) this.firstPageLimit = setTimeout(removeFirstPage, FIRST_PAGE_LIMIT_MS);
  }

  /** The reader moved to another screen (chose: the welcome screen): answers asked before no longer pick one. */
  private moved(chose: boolean): void {
    this.moves += 1;
    this.chose = chose;
  }

  private async load(): Promise<void> {
    const moves = this.moves;
    const result = await this.transport.api.current();
    if (this.asking) return;
    if (moves !== this.moves || this.chose) {
      // The reader is elsewhere now: only a newer state of the archive they can go back to is kept.
      const fresh = result.ok ? result.value[0] : undefined;
      if (fresh && fresh.id === this.info?.id && (this.info.indexing || !fresh.indexing)) this.info = fresh;
      return;
    }
    if (!result.ok) {
      this.error = result;
      this.screen = 'error';
    } else if (result.value.length > 0) {
      this.info = result.value[0]!;
      this.several = result.value.length > 1;
      this.screen = 'ready';
      // The newest page of an archive still being read: the progress stream's 'done' loads the whole one; asking
      // again now and then covers a stream that cannot connect.
      if (this.info.indexing) setTimeout(() => void (this.info?.indexing && this.load()), INDEXING_RECHECK_MS);
    } else if (this.progress && this.progress.phase !== 'done') {
      this.screen = 'progress';
    } else {
      this.showWelcome();
    }
  }

  private onProgress(progress: OpenProgress): void {
    this.progress = progress;
    if (this.asking) {
      if (progress.phase === 'done') this.sawDone = true;
      else this.screen = 'progress';
      return;
    }
    // The events of an open that already answered may arrive after its answer: they are old news.
    if (this.draining) {
      if (progress.phase === 'done') this.draining = false;
      return;
    }
    // 'done' of the archive already shown whole (a warm open finishing as the page loads) changes nothing: no reload
    // (it would draw the whole view again while its first posts are being drawn).
    if (progress.phase === 'done') {
      if (!(this.screen === 'ready' && this.info && !this.info.indexing && progress.archive === this.info.id)) void this.load();
    }
    // The reader is on the welcome screen they asked for: an open they did not ask for goes on behind it.
    else if (this.chose) return;
    else if (this.screen !== 'ready' || progress.archive !== this.info?.id) this.screen = 'progress';
  }

  /** The welcome screen with what can be opened (the recent list is fetched fresh each time). */
  private showWelcome(): void {
    this.message = '';
    this.screen = 'welcome';
    // The list the screen showed last time may be out of date (an archive opened since): none until the fresh one, and
    // only the newest request's answer.
    this.recent = [];
    const asked = ++this.recentAsked;
    void this.transport.api.recent?.().then((r) => {
      if (r.ok && asked === this.recentAsked) this.recent = r.value;
    });
  }

  private recentAsked = 0;

  /** Runs one open the reader asked for: progress while it runs, then the archive or its error screen. */
  private async openWith(open: () => Promise<Result<ArchiveInfo>>): Promise<void> {
    if (this.asking) return;
    this.moved(false);
    this.asking = true;
    this.sawDone = false;
    this.draining = false;
    this.message = '';
    this.progress = null;
    this.screen = 'progress';
    try {
      const result = await open();
      if (result.ok) {
        // Another archive in the same page: its own address, not the last one's filter or place.
        if (this.info && this.info.id !== result.value.id && location.hash) history.replaceState(null, '', location.pathname + location.search);
        this.info = result.value;
        this.several = false;
        this.screen = 'ready';
      } else {
        this.error = result;
        this.screen = 'error';
      }
    } finally {
      this.asking = false;
      this.draining = !this.sawDone;
      this.uploading = null;
    }
  }

  private openFile(file: File): void {
    const upload = this.transport.upload;
    if (!upload) return;
    void this.openWith(() => {
      this.uploading = { name: file.name, sent: 0, total: file.size };
      return upload(file, (sent, total) => {
        this.uploading = { name: file.name, sent, total };
        // Once every byte is across, the server's own progress (reading, indexing) takes over.
        if (sent >= total) this.uploading = null;
      });
    });
  }

  private onDragOver(event: DragEvent): void {
    if (!this.transport.upload || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  private onDrop(event: DragEvent): void {
    this.dragging = false;
    const file = event.dataTransfer?.files[0];
    if (!this.transport.upload || !file) return;
    event.preventDefault();
    this.openFile(file);
  }

  // In the desktop app no link navigates: it asks the main process, which confirms with the user first.
  private onLinkClick(event: MouseEvent): void {
    if (this.transport.kind !== 'ipc' || event.defaultPrevented) return;
    const a = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement && !!n.href);
    if (!a) return;
    event.preventDefault();
    if (/^https?:/i.test(a.href)) void this.transport.api.openExternal({ url: a.href });
  }

  override render() {
    return html`${this.renderScreen()}${this.dragging ? html`<div class="drop" aria-hidden="true"><span>${t('app.drop')}</span></div>` : nothing}`;
  }

  private renderScreen() {
    const mode = this.transport.kind === 'ipc' ? 'desktop' : 'browser';
    switch (this.screen) {
      case 'ready':
        return html`<ox-archive-view .info=${this.info!} .progress=${this.info?.indexing ? this.progress : null} ?canOpen=${mode === 'browser'} ?several=${this.several}></ox-archive-view>`;
      case 'error':
        return html`<ox-error .error=${this.error} ?canOpen=${true} mode=${mode}></ox-error>`;
      case 'welcome':
        return html`<ox-welcome ?canOpen=${true} mode=${mode} message=${this.message} .recent=${this.recent} .current=${this.info}></ox-welcome>`;
      default:
        return html`<ox-progress .progress=${this.progress} .upload=${this.uploading}></ox-progress>`;
    }
  }
}

customElements.define('outbox-app', OutboxApp);

declare global {
  interface HTMLElementTagNameMap {
    'outbox-app': OutboxApp;
  }
}
