// The most favourited and most boosted posts of the Stats view (Mastodon 4.3+ totals), as lists or as tables.
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { ErrorInfo, PageItem, PostFilter } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { emit } from '../lib/events.js';
import { formatDate, formatNumber } from '../lib/format.js';
import { icon } from '../lib/icons.js';
import { t } from '../lib/i18n.js';
import { baseStyles } from '../lib/shared-styles.js';

const TOP = 5;
/** The start of a post as a one-line label: long enough to recognise it, short enough for a list row. */
const EXCERPT = 140;

type Top = { likes: PageItem[]; boosts: PageItem[] };

/** What a row says of a post: its content warning when it has one (the Stats view does not open warnings), else its text. */
export function excerpt(item: PageItem): string {
  const p = item.post;
  const text = (p.summary || p.text).replace(/\s+/g, ' ').trim();
  if (!text) return t('stats.noText');
  const chars = [...text];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('')}…` : text;
}

/**
 * `<ox-top-posts>`: asks the engine for the first posts of the "likes" and "boosts" orders among those with a
 * total of at least one, within `filter`. Archives without the totals (before Mastodon 4.3) show nothing at all.
 * `table`: the same rows as tables with captions, for the Stats table view.
 * @fires ox-open-thread - a post was chosen
 */
export class OxTopPosts extends LitElement {
  static override properties = { archive: {}, filter: { attribute: false }, table: { type: Boolean } };

  archive = '';
  filter: PostFilter = {};
  table = false;

  private readonly api = new ContextConsumer(this, { context: apiContext, subscribe: true });

  private readonly task = new Task(this, {
    args: () => [this.api.value, this.archive, JSON.stringify(this.filter)] as const,
    task: async ([api, archive, json], { signal }): Promise<Top | null> => {
      if (!api || !archive) return null;
      const filter = JSON.parse(json) as PostFilter;
      // Boosts carry no totals of their own; a minimum of one leaves out archives (and posts) without them.
      const ask = (order: 'likes' | 'boosts') => api.page({
        archive, order, offset: 0, limit: TOP,
        filter: { ...filter, ...(order === 'likes' ? { minLikes: Math.max(1, filter.minLikes ?? 0) } : { minBoosts: Math.max(1, filter.minBoosts ?? 0) }) },
      });
      const [likes, boosts] = await Promise.all([ask('likes'), ask('boosts')]);
      signal.throwIfAborted();
      if (!likes.ok) throw likes satisfies ErrorInfo;
      if (!boosts.ok) throw boosts satisfies ErrorInfo;
      return { likes: likes.value.items, boosts: boosts.value.items };
    },
  });

  static override styles = [baseStyles, css`
    :host { display: block; }
    :host([hidden]) { display: none; }
    .lists { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(19rem, 100%), 1fr)); gap: var(--ox-sys-space-4); }
    h3 { margin: 0 0 var(--ox-sys-space-2); font-size: var(--ox-sys-text-md); }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
    .row { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0 var(--ox-sys-space-3); width: 100%; align-items: baseline;
      padding: 4px var(--ox-sys-space-2); border: 0; border-radius: var(--ox-sys-radius-sm); background: none; cursor: pointer; text-align: start; font-size: var(--ox-sys-text-sm); }
    .row:hover { background: var(--ox-sys-color-surface-2); }
    .text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .date { grid-column: 1; font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted); }
    .count { grid-row: 1 / span 2; grid-column: 2; align-self: center; font-variant-numeric: tabular-nums; font-weight: var(--ox-sys-weight-strong); display: inline-flex; gap: 3px; align-items: center; }
    p.note { margin: var(--ox-sys-space-2) 0 0; font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted); }
    table { border-collapse: collapse; width: 100%; font-size: var(--ox-sys-text-sm); }
    caption { text-align: start; font-weight: var(--ox-sys-weight-strong); padding: 0 0 var(--ox-sys-space-1); font-size: var(--ox-sys-text-md); }
    th, td { padding: 3px var(--ox-sys-space-2); border-bottom: 1px solid var(--ox-sys-color-border); text-align: start; vertical-align: baseline; }
    td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
    thead th { color: var(--ox-sys-color-text-muted); font-weight: 500; }
    .link { border: 0; background: none; padding: 0; color: var(--ox-sys-color-link); cursor: pointer; text-align: start; font: inherit; overflow-wrap: anywhere; }
    .link:hover { text-decoration: underline; }
  `];

  private open(item: PageItem): void {
    emit(this, 'ox-open-thread', { id: item.post.id, ...(item.archive ? { archive: item.archive } : {}) });
  }

  private count(item: PageItem, kind: 'likes' | 'boosts'): number {
    return (kind === 'likes' ? item.post.likesCount : item.post.sharesCount) ?? 0;
  }

  private renderList(kind: 'likes' | 'boosts', items: PageItem[]) {
    if (!items.length) return nothing;
    const heading = t(kind === 'likes' ? 'stats.topFavourited' : 'stats.topBoosted');
    const unit = t(kind === 'likes' ? 'post.favouritesSuffix' : 'post.boostsSuffix');
    return html`<section data-testid=${`top-${kind}`} aria-labelledby=${`top-${kind}-h`}><h3 id=${`top-${kind}-h`}>${heading}</h3><ol>${items.map((item) => html`<li>
      <button class="row" data-post-id=${item.post.id} @click=${() => this.open(item)}>
        <span class="text" dir="auto">${excerpt(item)}</span>
        <span class="count">${icon(kind === 'likes' ? 'star' : 'boost')}${formatNumber(this.count(item, kind))}<span class="visually-hidden">${unit}</span></span>
        <span class="date">${formatDate(item.post.published)}</span></button></li>`)}</ol></section>`;
  }

  private renderTable(kind: 'likes' | 'boosts', items: PageItem[]) {
    if (!items.length) return nothing;
    return html`<table data-testid=${`top-${kind}-table`}><caption>${t(kind === 'likes' ? 'stats.topFavourited' : 'stats.topBoosted')}</caption>
      <thead><tr><th scope="col">${t('table.post')}</th><th scope="col">${t('table.date')}</th>
        <th scope="col" class="num">${t(kind === 'likes' ? 'section.favourites' : 'chart.boosts')}</th></tr></thead>
      <tbody>${items.map((item) => html`<tr><th scope="row"><button class="link" data-post-id=${item.post.id} @click=${() => this.open(item)}><bdi>${excerpt(item)}</bdi></button></th>
        <td>${formatDate(item.post.published)}</td><td class="num">${formatNumber(this.count(item, kind))}</td></tr>`)}</tbody></table>`;
  }

  protected override willUpdate(): void {
    // Nothing while counting, on an error, or when no post has a total: the rest of Stats stands on its own.
    const top = this.task.value;
    this.hidden = !top || (!top.likes.length && !top.boosts.length);
  }

  override render() {
    const top = this.task.value;
    if (!top || this.hidden) return nothing;
    if (this.table) return html`<div class="lists">${this.renderTable('likes', top.likes)}${this.renderTable('boosts', top.boosts)}</div><p class="note">${t('stats.topNote')}</p>`;
    return html`<div class="lists">${this.renderList('likes', top.likes)}${this.renderList('boosts', top.boosts)}</div><p class="note">${t('stats.topNote')}</p>`;
  }
}

customElements.define('ox-top-posts', OxTopPosts);

declare global {
  interface HTMLElementTagNameMap {
    'ox-top-posts': OxTopPosts;
  }
}
