// The People section: follows, followers, lists, blocks, mutes, domain blocks and bookmarks from Mastodon's CSVs,
// and the filters of its filters export (custom_filters.json).
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import type { CustomFilter, ErrorInfo, RelationshipKind, RelationshipsInfo } from '../../preload/contract.js';
import { RELATIONSHIP_KINDS } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { formatDate, formatList, formatNumber, plural, safeHref } from '../lib/format.js';
import { emitInsight } from '../lib/insight-events.js';
import { peopleRows, saveCsv, type PersonRow, type PeopleSort } from '../lib/people-rows.js';
import { baseStyles } from '../lib/shared-styles.js';
import type { BarRow } from './ox-bar-list.js';
import { peopleStyles } from './ox-people.styles.js';
import './ox-bar-list.js';
import { isolate, t, tParts, type SimpleId } from '../lib/i18n.js';

const KIND_IDS: Record<RelationshipKind, SimpleId> = {
  following: 'people.following', followers: 'people.followers', lists: 'people.lists', blocks: 'people.blocks', mutes: 'people.mutes', domainBlocks: 'people.domainBlocks', bookmarks: 'people.bookmarks',
};
/** Each list's name in the interface's language (read when drawn). */
export const KIND_LABELS = new Proxy({} as Record<RelationshipKind, string>, { get: (_t, k: string) => (k in KIND_IDS ? t(KIND_IDS[k as RelationshipKind]) : undefined) });
const SHOWN = 400;

/**
 * `<ox-people>`: one relationship list at a time, searchable and sortable, with its servers. An account the
 * archive talks about links to those posts; every list can be saved again as Mastodon's import CSV.
 * @fires ox-show-posts - an account's posts: `{ mention: "@user@server" }`
 */
export class OxPeople extends LitElement {
  static override properties = {
    kind: { state: true }, query: { state: true }, sort: { state: true }, all: { state: true }, saving: { state: true }, message: { state: true },
  };

  kind: RelationshipKind = 'following';
  query = '';
  sort: PeopleSort = 'name';
  all = false;
  saving = false;
  message = '';

  private readonly api = new ContextConsumer(this, { context: apiContext, subscribe: true });

  private readonly task = new Task(this, {
    args: () => [this.api.value] as const,
    task: async ([api], { signal }): Promise<RelationshipsInfo | null> => {
      if (!api) return null;
      if (!api.relationships) throw { code: 'internal', message: t('people.unsupported') } satisfies ErrorInfo;
      const result = await api.relationships();
      signal.throwIfAborted();
      if (!result.ok) throw result;
      return result.value;
    },
  });

  static override styles = [baseStyles, peopleStyles];

  private count(info: RelationshipsInfo, kind: RelationshipKind): number {
    const v = info[kind];
    return Array.isArray(v) ? v.length : Object.keys(v).length;
  }

  private async save(): Promise<void> {
    const api = this.api.value;
    if (!api?.exportCsv) return;
    this.saving = true;
    this.message = await saveCsv(api, this.kind, this);
    this.saving = false;
  }

  private renderRow(row: PersonRow) {
    const href = row.href ? safeHref(row.href) : null;
    return html`<li>
      <span class="name" dir="auto">${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${row.name}</a>` : row.name}</span>
      ${row.detail ? html`<span class="detail" dir="auto">${row.detail}</span>` : nothing}
      ${row.posts ? html`<button class="posts" data-acct=${row.name} @click=${() => emitInsight(this, 'ox-show-posts', { patch: { mention: `@${row.name}` } })}
        title=${t('people.postsTitle', { posts: plural(row.posts, 'count.posts'), name: isolate(row.name) })}>${plural(row.posts, 'count.posts')}</button>` : nothing}
    </li>`;
  }

  private renderKind(info: RelationshipsInfo) {
    const rows = peopleRows(info, this.kind, this.query, this.sort);
    const total = this.count(info, this.kind);
    const servers = Object.entries(info.byServer[this.kind] ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12)
      .map(([server, n]): BarRow => ({ label: server, count: n }));
    const shown = this.all ? rows : rows.slice(0, SHOWN);
    return html`<div class="tools">
        <input type="search" aria-label=${t('people.search', { list: KIND_LABELS[this.kind] })} placeholder=${t('people.searchPlaceholder')} dir="auto" .value=${this.query}
          @input=${(e: Event) => ((this.query = (e.target as HTMLInputElement).value), (this.all = false))}>
        <label>${t('people.sort')} <select @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as PeopleSort)}>
          <option value="name" ?selected=${this.sort === 'name'}>${t('people.sortName')}</option>
          <option value="server" ?selected=${this.sort === 'server'}>${t('people.sortServer')}</option>
          <option value="posts" ?selected=${this.sort === 'posts'}>${t('people.sortPosts')}</option>
        </select></label>
        <button class="btn" ?disabled=${this.saving || !this.api.value?.exportCsv} @click=${() => void this.save()}>${t('people.save')}</button>
      </div>
      ${this.message ? html`<p class="note" role="status">${this.message}</p>` : nothing}
      <div class="split">
        <div><p class="note" role="status" data-testid="people-count">${this.query ? t('common.nOfTotal', { n: formatNumber(rows.length), total: formatNumber(total) }) : plural(total, 'count.entries')}</p>
          ${rows.length ? html`<ul class="people" data-testid="people-list">${shown.map((r) => (r.group !== undefined ? html`<li class="group" dir="auto">${r.group}</li>` : this.renderRow(r)))}</ul>` : html`<p class="state">${this.query ? t('common.noMatch') : t('common.none')}</p>`}
          ${shown.length < rows.length ? html`<button class="btn quiet" @click=${() => (this.all = true)}>${plural(rows.length, 'media.showAll')}</button>` : nothing}</div>
        <aside class="servers"><ox-bar-list heading=${t('people.servers')} .rows=${servers} empty=${t('people.noServers')}></ox-bar-list></aside>
      </div>`;
  }

  /** Mastodon's filters: what each hides or warns about, where, and until when. */
  private renderFilters(filters: readonly CustomFilter[]) {
    const word = (k: CustomFilter['keywords'][number]) => t(k.wholeWord ? 'people.filterWholeWord' : 'people.filterKeyword', { keyword: k.keyword });
    const does = (f: CustomFilter, context: string) =>
      t(f.action === 'hide' ? 'people.filterHides' : f.action === 'blur' ? 'people.filterBlurs' : 'people.filterWarns', { context });
    return html`<section class="filters" data-testid="filters" aria-labelledby="filters-title">
      <h3 id="filters-title">${t('people.filters')} <span class="chip">${formatNumber(filters.length)}</span></h3>
      <ul class="people">${filters.map((f) => html`<li>
        <span class="name" dir="auto">${f.title}</span>
        <span class="detail">${does(f, formatList(f.context) || t('people.filterNoContext'))}${f.keywords.length
          ? html` ${t('people.filterWith', { keywords: formatList(f.keywords.map(word)) })}` : nothing}${f.statuses.length
          ? ` · ${plural(f.statuses.length, 'count.posts')}` : nothing}${f.expiresAt ? ` · ${t('people.filterUntil', { date: formatDate(f.expiresAt) })}` : nothing}</span>
      </li>`)}</ul></section>`;
  }

  private renderInfo(info: RelationshipsInfo) {
    const kinds = RELATIONSHIP_KINDS.filter((k) => this.count(info, k) > 0);
    if (!kinds.includes(this.kind) && kinds[0]) this.kind = kinds[0];
    return html`
      <nav class="kinds" aria-label=${t('people.lists')}>${kinds.map((k) => html`<button class="tab" aria-current=${k === this.kind ? 'page' : 'false'}
        @click=${() => ((this.kind = k), (this.query = ''), (this.all = false), (this.message = ''))}>${KIND_LABELS[k]} <span class="chip">${formatNumber(this.count(info, k))}</span></button>`)}</nav>
      ${kinds.length ? this.renderKind(info) : info.filters?.length ? nothing : html`<p class="state">${tParts('people.noLists', { command: html`<code dir="ltr" translate="no">outbox serve archive.zip following_accounts.csv …</code>` })}</p>`}
      ${info.notes.length || info.problems.length ? html`<details class="notes"><summary>${t('people.about', { files: plural(info.files.length, 'count.files') })}</summary>
        <ul>${info.files.map((f) => html`<li>${tParts('people.file', { file: html`<bdi>${f.name}</bdi>`, rows: plural(f.rows, 'count.rows'), list: KIND_LABELS[f.kind] })}</li>`)}
          ${info.notes.map((n) => html`<li lang="en">${n}</li>`)}
          ${info.problems.slice(0, 50).map((p) => html`<li>${tParts('people.problem', { file: html`<bdi>${p.file}</bdi>`, line: formatNumber(p.line), reason: html`<span lang="en">${p.reason}</span>` })}</li>`)}</ul></details>` : nothing}
      ${info.filters?.length ? this.renderFilters(info.filters) : nothing}`;
  }

  override render() {
    return html`<section class="column" data-testid="people" aria-labelledby="people-title">
      <h2 id="people-title">${t('section.people')}</h2>
      ${this.task.render({
        pending: () => html`<p class="state" role="status">${t('common.loading')}</p>`,
        complete: (info) => (info ? this.renderInfo(info) : nothing),
        error: (e) => html`<p class="state" role="alert">${(e as ErrorInfo).message ?? String(e)}</p>`,
      })}
    </section>`;
  }
}

customElements.define('ox-people', OxPeople);

declare global {
  interface HTMLElementTagNameMap {
    'ox-people': OxPeople;
  }
}
