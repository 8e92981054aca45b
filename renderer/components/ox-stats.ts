// The Stats view: the engine's figures over the current filter and search, as charts or as tables.
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import type { ErrorInfo, PostFilter, Stats, Visibility } from '../../preload/contract.js';
import { ALL_ARCHIVES } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { formatDate, formatNumber, mediaKindLabel, plural, visibilityLabels } from '../lib/format.js';
import { t, tn } from '../lib/i18n.js';
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
import './ox-top-posts.js';

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
      if (!api.stats) throw { code: 'internal', message: t('stats.unsupported') } satisfies ErrorInfo;
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
      <div class="seg" role="group" aria-label=${t('stats.showAs')}>
        <button aria-pressed=${String(this.mode === 'charts')} @click=${() => (this.mode = 'charts')}>${t('stats.charts')}</button>
        <button aria-pressed=${String(this.mode === 'table')} @click=${() => (this.mode = 'table')}>${t('stats.table')}</button>
      </div>
      <div class="seg" role="group" aria-label=${t('table.timeZone')}>
        <button aria-pressed=${String(!this.utc)} title=${t('stats.localZone', { zone })} @click=${() => (this.utc = false)}>${t('stats.local')}</button>
        <button aria-pressed=${String(this.utc)} @click=${() => (this.utc = true)}>${t('stats.utc')}</button>
      </div></div>`;
  }

  private renderCards(s: Stats) {
    const card = (label: string, value: string, small?: string) =>
      html`<div class="card"><dt>${label}</dt><dd>${value}${small ? html`<small>${small}</small>` : nothing}</dd></div>`;
    const streak = s.streak.longest;
    return html`<dl class="cards" data-testid="stats-cards">
      ${card(t('chart.posts'), formatNumber(s.totals.posts), `${plural(s.replies.originals, 'count.originals')} · ${plural(s.replies.replies, 'count.replies')}`)}
      ${card(t('chart.boosts'), formatNumber(s.totals.boosts))}
      ${card(t('stats.cws'), formatNumber(s.contentWarnings.count), percent(s.contentWarnings.share))}
      ${card(t('stats.altCard'), percent(s.media.altShare), t('common.nOfTotal', { n: formatNumber(s.media.withAlt), total: formatNumber(s.media.total) }))}
      ${card(t('stats.averageLength'), s.length.average === null ? '–' : plural(s.length.average, 'count.chars'), s.length.longest ? t('stats.longest', { n: formatNumber(s.length.longest.chars) }) : undefined)}
      ${card(t('stats.longestStreak'), streak ? plural(streak.days, 'count.days') : '–', streak ? t('dates.range', { from: formatDate(`${streak.from}T12:00:00Z`), to: formatDate(`${streak.to}T12:00:00Z`) }) : undefined)}
    </dl>`;
  }

  private renderCharts(s: Stats) {
    // The timeline's date filter is in UTC: say so when the chart counts local days.
    const utcNote = s.timeZone === 'UTC' ? '' : t('stats.utcNote');
    const rows = <T,>(list: T[], f: (x: T) => BarRow) => list.map(f);
    const languages = Object.entries(s.languages).sort((a, b) => b[1] - a[1]).slice(0, 12)
      .map(([l, n]): BarRow => ({ label: languageName(l), count: n, patch: l === 'und' ? undefined : { language: l } }));
    const visibility = (Object.entries(s.visibility) as Array<[Visibility, number]>)
      .map(([v, n]): BarRow => ({ label: visibilityLabels[v], count: n, patch: { visibility: [v] } }));
    const kinds = Object.entries(s.media.kinds).filter(([, n]) => n > 0).map(([k, n]): BarRow => ({ label: mediaKindLabel(k), count: n }));
    const replies: BarRow[] = [
      { label: t('table.originals'), count: s.replies.originals, patch: { kinds: ['post'] } },
      { label: t('filters.replies'), count: s.replies.replies, patch: { kinds: ['reply'] } },
      { label: t('table.selfReplies'), count: s.replies.selfReplies },
      { label: t('table.withCw'), count: s.contentWarnings.count, patch: { hasCw: true } },
    ];
    return html`
      <section class="panel" aria-labelledby="months-h"><h3 id="months-h">${t('stats.perMonth')}</h3>
        <ox-month-chart .perMonth=${s.perMonth}></ox-month-chart>
        <p class="note">${t('stats.monthNote')}${utcNote}</p></section>
      <section class="panel" aria-labelledby="days-h"><h3 id="days-h">${t('stats.perDay')}</h3>
        <ox-calendar-heatmap .perDay=${s.perDay}></ox-calendar-heatmap>
        <p class="note">${t('stats.dayNote')}${utcNote}</p></section>
      <section class="panel" aria-labelledby="hours-h"><h3 id="hours-h">${t('stats.hours')}</h3>
        <ox-hour-grid .grid=${s.hourByWeekday} timeZone=${s.timeZone}></ox-hour-grid></section>
      <ox-top-posts class="panel" archive=${this.archive} .filter=${this.filter}></ox-top-posts>
      <div class="lists">
        <section class="panel"><ox-bar-list heading=${t('stats.topHashtags')} data-testid="top-hashtags"
          .rows=${rows(s.topHashtags, (t) => ({ label: `#${t.tag}`, count: t.count, patch: { hashtag: t.tag } }))}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading=${t('stats.topMentions')}
          .rows=${rows(s.topMentions, (t) => ({ label: t.account, count: t.count, patch: { mention: t.account } }))}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading=${t('stats.topServers')} .rows=${rows(s.topBoostedServers, (t) => ({ label: t.server, count: t.count }))}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading=${t('stats.topAccounts')} .rows=${rows(s.topBoostedAccounts, (t) => ({ label: t.account, count: t.count }))}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading=${t('stats.languages')} .rows=${languages}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading=${t('filters.visibility')} .rows=${visibility}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading=${t('stats.repliesCws')} .rows=${replies}></ox-bar-list></section>
        <section class="panel"><ox-bar-list heading=${t('stats.media')} empty=${t('stats.noMedia')} .rows=${kinds}></ox-bar-list>
          <p class="note">${s.media.total ? `${tn('stats.altNote', s.media.total, { share: percent(s.media.altShare) })} ${plural(s.media.posts, 'stats.mediaPosts')}` : ''}</p></section>
      </div>`;
  }

  private renderStats(s: Stats | null) {
    if (!s) return nothing;
    if (s.totals.posts + s.totals.boosts === 0) return html`<p class="state">${t('stats.empty')}</p>`;
    return html`${this.renderCards(s)}${this.mode === 'table'
      ? html`<ox-stats-table .stats=${s}></ox-stats-table><ox-top-posts table archive=${this.archive} .filter=${this.filter}></ox-top-posts>`
      : this.renderCharts(s)}`;
  }

  override render() {
    const narrowed = !!this.filter.q || hasNarrowing(this.filter);
    const s = this.task.value;
    return html`<section class="column" data-testid="stats" aria-labelledby="stats-title" aria-busy=${String(this.task.status === 1)}>
      <div class="head"><h2 id="stats-title">${t('section.stats')}</h2>
        <p class="lead" role="status">${s ? t(narrowed ? 'stats.leadFiltered' : this.archive === ALL_ARCHIVES ? 'stats.leadArchives' : 'stats.leadArchive', {
          posts: plural(s.totals.posts, 'count.posts'), boosts: plural(s.totals.boosts, 'count.boosts'),
          zone: s.timeZone === 'UTC' ? t('stats.utc') : t('stats.localZone', { zone: s.timeZone }) }) : ''}</p>
        ${this.renderToggles()}</div>
      ${this.task.render({
        initial: () => html`<p class="state">${t('stats.counting')}</p>`,
        pending: () => (s ? this.renderStats(s) : html`<p class="state" role="status">${t('stats.counting')}</p>`),
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
