// A post with its ancestors and replies found in the archive.
import { ContextConsumer } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ErrorInfo, Post, Thread } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { emit } from '../lib/events.js';
import { formatNumber, plural, safeHref } from '../lib/format.js';
import { icon } from '../lib/icons.js';
import { PostUiState } from '../lib/post-ui-state.js';
import { baseStyles } from '../lib/shared-styles.js';
import type { Author } from './ox-post.js';
import './ox-boost.js';
import './ox-post.js';
import { t, tn } from '../lib/i18n.js';

/** Replies drawn at first (and added per "Show more"): a thread of thousands would otherwise stall the page. */
export const REPLIES_SHOWN = 300;

/**
 * @fires ox-navigate - "Back to the timeline"
 */
export class OxThread extends LitElement {
  static override properties = {
    archive: {},
    postId: {},
    author: { attribute: false },
    emojis: { attribute: false },
    shown: { state: true },
  };

  archive = '';
  postId = '';
  author: Author = { displayName: '', handle: '', avatarUrl: null };
  emojis: readonly string[] = [];
  /** how many replies are drawn */
  shown = REPLIES_SHOWN;
  private readonly ui = new PostUiState();

  private readonly api = new ContextConsumer(this, { context: apiContext, subscribe: true });

  private readonly task = new Task(this, {
    args: () => [this.api.value, this.archive, this.postId] as const,
    task: async ([api, archive, id], { signal }): Promise<Thread | null> => {
      if (!api || !archive || !id) return null;
      const result = await api.thread({ archive, id });
      signal.throwIfAborted();
      if (!result.ok) throw result;
      return result.value;
    },
  });

  static override styles = [baseStyles, css`
    :host { display: block; height: 100%; overflow-y: auto; }
    .column { max-width: calc(var(--ox-sys-column) + 2 * var(--ox-sys-space-4)); margin: 0 auto; padding: var(--ox-sys-space-4); }
    .bar { display: flex; align-items: center; gap: var(--ox-sys-space-3); margin-bottom: var(--ox-sys-space-3); }
    h2 { margin: 0; font-size: var(--ox-sys-text-lg); }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--ox-sys-space-2); }
    li { position: relative; }
    li.ancestor::after { content: ''; position: absolute; left: 2.2rem; bottom: calc(-1 * var(--ox-sys-space-2)); height: var(--ox-sys-space-2); border-left: 2px solid var(--ox-sys-color-border-strong); }
    li.reply { margin-inline-start: var(--ox-sys-space-5); }
    ox-post.focus { --ox-post-border: var(--ox-sys-color-accent); }
    .note { color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); margin: 0 0 var(--ox-sys-space-2); overflow-wrap: anywhere; }
    .more { display: flex; flex-direction: column; align-items: center; gap: var(--ox-sys-space-2); margin: var(--ox-sys-space-4) 0; color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); }
    .more p { margin: 0; }
    .state { color: var(--ox-sys-color-text-muted); padding: var(--ox-sys-space-5) 0; text-align: center; }
  `];

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('postId') || changed.has('archive')) this.shown = REPLIES_SHOWN;
  }

  // The post asked for, not the oldest ancestor, is what the reader wants to see first.
  override updated(): void {
    if (this.task.status !== TaskStatus.COMPLETE || this.scrolledFor === this.postId) return;
    this.scrolledFor = this.postId;
    const main = this.renderRoot.querySelector<HTMLElement>('li.main');
    if (main && main.previousElementSibling) main.scrollIntoView({ block: 'start' });
  }

  private scrolledFor = '';

  private card(post: Post, focus: boolean) {
    return post.type === 'boost'
      ? html`<ox-boost .post=${post} handle=${this.author.displayName} archive=${this.archive}></ox-boost>`
      : html`<ox-post class=${focus ? 'focus' : ''} ?focused=${focus} .post=${post} .author=${this.author} archive=${this.archive} .emojis=${this.emojis} .ui=${this.ui} inThread></ox-post>`;
  }

  private renderThread(thread: Thread) {
    const missing = safeHref(thread.missingParent);
    return html`
      ${thread.missingParent ? html`<p class="note">${t('thread.missingParent')}
        ${missing ? html`<a href=${missing} target="_blank" rel="noopener noreferrer">${missing}</a>` : thread.missingParent}</p>` : nothing}
      <ol>
        ${thread.ancestors.map((p) => html`<li class="ancestor">${this.card(p, false)}</li>`)}
        <li class="main">${this.card(thread.post, true)}</li>
        ${repeat(thread.descendants.slice(0, this.shown), (p) => p.id, (p) => html`<li class="reply">${this.card(p, false)}</li>`)}
      </ol>
      ${this.renderMore(thread.descendants.length)}
      ${!thread.ancestors.length && !thread.descendants.length ? html`<p class="state">${t('thread.alone')}</p>` : nothing}`;
  }

  private renderMore(total: number) {
    const left = total - this.shown;
    if (left <= 0) return nothing;
    return html`<div class="more" data-testid="thread-more">
      <p>${tn('thread.shown', this.shown, { total: formatNumber(total) })}</p>
      <button class="btn" @click=${() => (this.shown += REPLIES_SHOWN)}>${t('thread.more', { n: formatNumber(Math.min(left, REPLIES_SHOWN)) })}</button></div>`;
  }

  override render() {
    return html`<section class="column" data-testid="thread" aria-labelledby="thread-title">
      <div class="bar">
        <button class="btn" @click=${() => emit(this, 'ox-navigate', { view: 'timeline' })}>${icon('back')} ${t('thread.back')}</button>
        <h2 id="thread-title">${t('thread.title')}</h2>
      </div>
      ${this.task.render({
        pending: () => html`<p class="state" role="status">${t('thread.loading')}</p>`,
        complete: (thread) => (thread ? this.renderThread(thread) : nothing),
        error: (e) => html`<p class="state" role="alert">${(e as ErrorInfo).message ?? String(e)}</p>`,
      })}
    </section>`;
  }
}

customElements.define('ox-thread', OxThread);

declare global {
  interface HTMLElementTagNameMap {
    'ox-thread': OxThread;
  }
}
