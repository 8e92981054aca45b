// The Stats view: the engine's figures over the current filter and search, as charts or as tables.
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import type { ErrorInfo, PostFilter, Stats, Visibility } from '../../preload/contract.js';
import { ALL_ARCHIVES } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { formatDate, formatNumber, plural, visibilityLabels } from '../lib/format.js';
import { hasNarrowing } from '../lib/route.js';
import { baseStyles } from '../lib/shared-styles.js';
import type { BarRow } from './ox-bar-list.js';
import { languageName, percent } from './ox-stats-table.js';
import { statsStyles } from './ox-stats.styles.js';
import './ox-bar-list.js';
import './ox-calendar-heatmap.js';
import './ox-hour-grid.js';
import './ox-month-chart.js';
import './ox-stats-table.js';

/** The reader's own IANA time zone (what the stats count days and hours in unless they ask for UTC). */
export const readerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * `<ox-stats>`: asks the engine for Stats over `filter` (text query included) and draws them. Charts or tables,
 * local time or UTC, are the reader's choice; a click on a month, day, tag, account or language shows its posts.
 * @fires ox-show-posts
 */
export class OxStats extends LitElement {
  static override properties = {
    archive: {},
    filter: { attribute: false },
    mode: { state: true },
    utc: { state: true },
  };

  archive = '';
  filter: PostFilter = {};
  mode: 'charts' | 'table' = 'charts';
  utc = false;

  private readonly api = new ContextConsumer(this, { context: apiContext, subscribe: true });

  private readonly task = new Task(this, {
    args: () => [this.api.value, this.archive, JSON.stringify(this.filter), this.utc] as const,
    task: async ([api, archive, filter, utc], { signal }): Promise<Stats | null> => {
      if (!api || !archive) return null;
      if (!api.stats) throw { code: 'internal', message: 'This version of Outbox cannot count stats here: update it, or run `outbox stats` on the archive.' } satisfies ErrorInfo;
      const result = await api.stats({ archive, filter: JSON.parse(filter) as PostFilter, timeZone: readerTimeZone(), utc });
      signal.throwIfAborted();
      if (!result.ok) throw result;
      return result.value;
    },
  });

  static override styles = [baseStyles, statsStyles];

  private renderToggles() {
    const zone = readerTimeZone();
    return html`<div class="toggles">
      <div class="seg" role="group" aria-label="Show as">
        <button aria-pressed=${String(this.mode === 'charts')} @click=${() => (this.mode = 'charts')}>Charts</button>
        <button aria-pressed=${String(this.mode === 'table')} @click=${() => (this.mode = 'table')}>Table</button>
      </div>
      <div class="seg" role="group" aria-label="Time zone">
        <button aria-pressed=${String(!this.utc)} title=${zone} @click=${() => (this.utc = false)}>Local time</button>
        <button aria-pressed=${String(this.utc)} @click=${() => (this.utc = true)}>UTC</button>
      </div></div>`;
  }

  private renderCards(s: Stats) {
    const card = (label: string, value: string, small?: string) =>
      html`<div class="card"><dt>${label}</dt><dd>${value}${small ? html`<small>${small}</small>` : nothing}</dd></div>`;
    const streak = s.streak.longest;
    return html`<dl class="cards" data-testid="stats-cards">
      ${card('Posts', formatNumber(s.totals.posts), `${formatNumber(s.replies.originals)} originals · ${formatNumber(s.replies.replies)} replies`)}
      ${card('Boosts', formatNumber(s.totals.boosts))}
      ${card('Content warnings', formatNumber(s.contentWarnings.count), percent(s.contentWarnings.share))}
      ${card('Media with alt text', percent(s.media.altShare), `${formatNumber(s.media.withAlt)} of ${formatNumber(s.media.total)}`)}
      ${card('Average length', s.length.average === null ? '–' : `${formatNumber(s.length.average)} chars`, s.length.longest ? `longest ${formatNumber(s.length.longest.chars)}` : undefined)}
      ${card('Longest streak', streak ? plural(streak.days, 'day', 'days') : '–', streak ? `${formatDate(`${streak.from}T12:00:00Z`)} – ${formatDate(`${streak.to}T12:00:00Z`)}` : undefined)}
    </dl>`;
  }

  private renderCharts(s: Stats) {
    // The timeline's date filter is in UTC: say so when the chart counts local days.
    const utcNote = s.timeZone === 'UTC' ? '' : ' The timeline picks days in UTC, so posts near midnight may move by a day.';
    const rows = <T,>(list: T[], f: (x: T) => BarRow) => list.map(f);
    const languages = Object.entries(s.languages).sort((a, b) => b[1] - a[1]).slice(0, 12)
      .map(([l, n]): BarRow => ({ label: languageName(l), count: n, patch: l === 'und' ? undefined : { language: l } }));
    const visibility = (Object.entries(s.visibility) as Array<[Visibility, number]>)
      .map(([v, n]): BarRow => ({ label: visibilityLabels[v], count: n, patch: { visibility: [v] } }));
    const kinds = Object.entries(s.media.kinds).filter(([, n]) => n > 0).map(([k, n]): BarRow => ({ label: k, count: n }));
    const replies: BarRow[] = [
      { label: 'Originals', count: s.replies.originals, patch: { kinds: ['post'] } },
      { label: 'Replies', count: s.replies.replies, patch: { kinds: ['reply'] } },
      { label: 'Replies to own posts', count: s.replies.selfReplies },
      { label: 'With a content warning', count: s.contentWarnings.count, patch: { hasCw: true } },
    ];
    return html`
      <section class="panel" aria-labelledby="months-h"><h3 id="months-h">Posts and boosts per month</h3>
        <ox-month-chart .perMonth=${s.perMonth}></ox-month-chart>
        <p class="note">Click a month to read its posts. The same numbers are in the Table view.${utcNote}</p></section>
      <section class="panel" aria-labelledby="days-h"><h3 id="days-h">Posts per day</h3>
        <ox-calendar-heatmap .perDay=${s.perDay}></ox-calendar-heatmap>
        <p class="note">Click a day to read its posts; arrow keys move between days.${utcNote}</p></section>
      <section class="panel" aria-labelledby="hours-h"><h3 id="hours-h">Hour of day × day of week</h3>
        <ox-hour-grid .grid=${s.hourByWeekday} timeZone=${s.timeZone}></ox-hour-grid></section>
      <div class="lists">
        <section class="panel"><ox-bar-list heading="Top hashtags" data-testid="top-hashtags"
          .rows=${rows(s.topHashtags, (t) => ({ label: `#${t.tag}`, count: t.count, patch: { hashtag: t.tag } }))}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading="Top mentioned accounts"
          .rows=${rows(s.topMentions, (t) => ({ label: t.account, count: t.count, patch: { mention: t.account } }))}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading="Top boosted servers" .rows=${rows(s.topBoostedServers, (t) => ({ label: t.server, count: t.count }))}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading="Top boosted accounts" .rows=${rows(s.topBoostedAccounts, (t) => ({ label: t.account, count: t.count }))}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading="Languages" .rows=${languages}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading="Visibility" .rows=${visibility}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading="Replies and content warnings" .rows=${replies}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading="Media" empty="No media." .rows=${kinds}></ox-bar-list>
          <p class="note">${s.media.total ? `${percent(s.media.altShare)} of ${plural(s.media.total, 'attachment', 'attachments')} have alt text; ${plural(s.media.posts, 'post has', 'posts have')} media.` : ''}</p></section>
      </div>`;
  }

  private renderStats(s: Stats | null) {
    if (!s) return nothing;
    if (s.totals.posts + s.totals.boosts === 0) return html`<p class="state">No posts match this filter.</p>`;
    return html`${this.renderCards(s)}${this.mode === 'table' ? html`<ox-stats-table .stats=${s}></ox-stats-table>` : this.renderCharts(s)}`;
  }

  override render() {
    const narrowed = !!this.filter.q || hasNarrowing(this.filter);
    const s = this.task.value;
    return html`<section class="column" data-testid="stats" aria-labelledby="stats-title" aria-busy=${String(this.task.status === 1)}>
      <div class="head"><h2 id="stats-title">Stats</h2>
        <p class="lead" role="status">${s ? html`${plural(s.totals.posts, 'post', 'posts')} and ${plural(s.totals.boosts, 'boost', 'boosts')}
          ${narrowed ? 'matching the current filter and search' : this.archive === ALL_ARCHIVES ? 'in these archives' : 'in this archive'}, counted in ${s.timeZone === 'UTC' ? 'UTC' : `local time (${s.timeZone})`}.` : ''}</p>
        ${this.renderToggles()}</div>
      ${this.task.render({
        initial: () => html`<p class="state">Counting…</p>`,
        pending: () => (s ? this.renderStats(s) : html`<p class="state" role="status">Counting…</p>`),
        complete: (value) => this.renderStats(value),
        error: (e) => html`<p class="state" role="alert">${(e as ErrorInfo).message ?? String(e)}</p>`,
      })}
    </section>`;
  }
}

customElements.define('ox-stats', OxStats);

declare global {
  interface HTMLElementTagNameMap {
    'ox-stats': OxStats;
  }
}
