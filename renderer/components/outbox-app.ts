// The app root: provides the API, and shows the opening screens (welcome, progress, error) or the archive.
import { ContextProvider } from '@lit/context';
import { LitElement, css, html } from 'lit';
import type { ArchiveInfo, ErrorInfo, OpenProgress } from '../../preload/contract.js';
import { apiContext, fetcherContext, transportKindContext } from '../lib/context.js';
import { ProgressController } from '../lib/progress-controller.js';
import { createTransport, type Transport } from '../lib/transport.js';
import './ox-archive-view.js';
import './ox-error.js';
import './ox-progress.js';
import './ox-welcome.js';

type Screen = 'starting' | 'progress' | 'welcome' | 'error' | 'ready';

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
  };

  screen: Screen = 'starting';
  info: ArchiveInfo | null = null;
  error: ErrorInfo | null = null;
  progress: OpenProgress | null = null;
  message = '';

  private readonly transport: Transport = createTransport();

  static override styles = css`
    :host { display: block; height: 100%; }
  `;

  constructor() {
    super();
    new ContextProvider(this, { context: apiContext, initialValue: this.transport.api });
    new ContextProvider(this, { context: transportKindContext, initialValue: this.transport.kind });
    new ContextProvider(this, { context: fetcherContext, initialValue: this.transport.fetcher });
    new ProgressController(this, this.transport.api, (p) => this.onProgress(p));
    this.addEventListener('ox-open-demo', () => void this.openDemo());
    this.addEventListener('click', (e) => this.onLinkClick(e));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const result = await this.transport.api.current();
    if (!result.ok) {
      this.error = result;
      this.screen = 'error';
    } else if (result.value.length > 0) {
      this.info = result.value[0]!;
      this.screen = 'ready';
    } else {
      this.screen = this.progress && this.progress.phase !== 'done' ? 'progress' : 'welcome';
    }
  }

  private onProgress(progress: OpenProgress): void {
    this.progress = progress;
    if (progress.phase === 'done') void this.load();
    else if (this.screen !== 'ready' || progress.archive !== this.info?.id) this.screen = 'progress';
  }

  private async openDemo(): Promise<void> {
    this.message = '';
    this.screen = 'progress';
    const result = await this.transport.api.open({ demo: true });
    if (result.ok) {
      this.info = result.value;
      this.screen = 'ready';
    } else if (this.transport.kind === 'http') {
      this.message = result.message;
      this.screen = 'welcome';
    } else {
      this.error = result;
      this.screen = 'error';
    }
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
    const canOpen = this.transport.kind === 'ipc';
    switch (this.screen) {
      case 'ready':
        return html`<ox-archive-view .info=${this.info!}></ox-archive-view>`;
      case 'error':
        return html`<ox-error .error=${this.error} ?canOpen=${canOpen}></ox-error>`;
      case 'welcome':
        return html`<ox-welcome ?canOpen=${canOpen} message=${this.message}></ox-welcome>`;
      default:
        return html`<ox-progress .progress=${this.progress}></ox-progress>`;
    }
  }
}

customElements.define('outbox-app', OutboxApp);

declare global {
  interface HTMLElementTagNameMap {
    'outbox-app': OutboxApp;
  }
}
