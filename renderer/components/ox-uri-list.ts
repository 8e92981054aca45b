// Likes or bookmarks: the URIs the archive holds, grouped by server, searchable, each a link.
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { ErrorInfo, UriList } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { formatNumber, plural, safeHref } from '../lib/format.js';
import { icon } from '../lib/icons.js';
import { baseStyles } from '../lib/shared-styles.js';
import { t } from '../lib/i18n.js';

/**
 * `kind` picks likes or bookmarks; the filter box searches the URIs as you type.
 */
export class OxUriList extends LitElement {
  static override properties = {
    archive: {},
    kind: {},
    query: { state: true },
  };

  archive = '';
  kind: 'likes' | 'bookmarks' = 'likes';
  query = '';

  private readonly api = new ContextConsumer(this, { context: apiContext, subscribe: true });

  private readonly task = new Task(this, {
    args: () => [this.api.value, this.archive, this.kind] as const,
    task: async ([api, archive, kind], { signal }): Promise<UriList | null> => {
      if (!api || !archive) return null;
      const result = await (kind === 'likes' ? api.likes({ archive }) : api.bookmarks({ archive }));
      signal.throwIfAborted();
      if (!result.ok) throw result;
      return result.value;
    },
  });

  static override styles = [baseStyles, css`
    :host { display: block; height: 100%; overflow-y: auto; }
    .column { max-width: calc(var(--ox-sys-column) + 2 * var(--ox-sys-space-4)); margin: 0 auto; padding: var(--ox-sys-space-4); }
    h2 { margin: 0 0 var(--ox-sys-space-1); font-size: var(--ox-sys-text-xl); }
    .lead { margin: 0 0 var(--ox-sys-space-3); color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); }
    input { width: 100%; font: inherit; padding: 0.45rem 0.8rem; border-radius: var(--ox-sys-radius-pill); border: 1px solid var(--ox-sys-color-border-strong); background: var(--ox-sys-color-surface); color: var(--ox-sys-color-text); margin-bottom: var(--ox-sys-space-3); }
    details { background: var(--ox-sys-color-surface); border: 1px solid var(--ox-sys-color-border); border-radius: var(--ox-sys-radius-md); margin-bottom: var(--ox-sys-space-2); }
    summary { cursor: pointer; padding: var(--ox-sys-space-2) var(--ox-sys-space-3); font-weight: var(--ox-sys-weight-strong); display: flex; align-items: center; gap: var(--ox-sys-space-2); list-style: none; }
    summary::-webkit-details-marker { display: none; }
    summary .icon { color: var(--ox-sys-color-text-faint); transition: rotate 0.15s; }
    details[open] summary .icon { rotate: 90deg; }
    details[open] summary .icon:dir(rtl) { rotate: -90deg; }
    .server { flex: 1; overflow-wrap: anywhere; }
    summary .chip { font-weight: 500; }
    ul { margin: 0; padding: 0 var(--ox-sys-space-3) var(--ox-sys-space-2); list-style: none; font-size: var(--ox-sys-text-sm); }
    li { padding: 3px 0; overflow-wrap: anywhere; border-top: 1px solid var(--ox-sys-color-border); }
    .state { color: var(--ox-sys-color-text-muted); text-align: center; padding: var(--ox-sys-space-5) 0; }
  `];

  private renderList(list: UriList) {
    const q = this.query.trim().toLowerCase();
    const groups = Object.entries(list.byServer)
      .map(([server, uris]) => [server, q ? uris.filter((u) => u.toLowerCase().includes(q)) : uris] as const)
      .filter(([, uris]) => uris.length > 0)
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    const shown = groups.reduce((n, [, uris]) => n + uris.length, 0);
    return html`
      <p class="lead" role="status">${t('uris.lead', { posts: q ? t('common.nOfTotal', { n: formatNumber(shown), total: formatNumber(list.total) }) : plural(list.total, 'count.posts'), servers: plural(groups.length, 'count.servers') })}</p>
      ${groups.map(([server, uris]) => html`<details ?open=${shown <= 300 || groups.length <= 3}>
        <summary>${icon('right')}<span class="server" dir="auto">${server}</span><span class="chip">${formatNumber(uris.length)}</span></summary>
        <ul>${uris.map((u) => {
          const href = safeHref(u);
          return html`<li dir="auto">${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${u}</a>` : u}</li>`;
        })}</ul></details>`)}
      ${!groups.length ? html`<p class="state">${q ? t('common.noMatch') : t('uris.none')}</p>` : nothing}`;
  }

  override render() {
    const title = t(this.kind === 'likes' ? 'section.favourites' : 'section.bookmarks');
    return html`<section class="column" data-testid=${this.kind} aria-labelledby="uri-title">
      <h2 id="uri-title">${title}</h2>
      <input type="search" dir="auto" aria-label=${t('people.search', { list: title })} placeholder=${t('people.search', { list: title })}
        @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}>
      ${this.task.render({
        pending: () => html`<p class="state" role="status">${t('common.loading')}</p>`,
        complete: (list) => (list ? this.renderList(list) : nothing),
        error: (e) => html`<p class="state" role="alert">${(e as ErrorInfo).message ?? String(e)}</p>`,
      })}
    </section>`;
  }
}

customElements.define('ox-uri-list', OxUriList);

declare global {
  interface HTMLElementTagNameMap {
    'ox-uri-list': OxUriList;
  }
}
