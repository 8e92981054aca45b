// Every figure of the Stats view as plain tables: the same numbers the charts draw, for screen readers and copying.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { Stats } from '../../preload/contract.js';
import { formatDate, formatMonth, formatNumber, formatPercent, languageName, mediaKindLabel, plural, visibilityLabels } from '../lib/format.js';
import { emitInsight } from '../lib/insight-events.js';
import { baseStyles } from '../lib/shared-styles.js';
import { weekdayNames } from './ox-hour-grid.js';
import { t } from '../lib/i18n.js';

export const percent = (share: number | null): string => formatPercent(share);
const n = (value: number | null | undefined): string => (value == null ? '–' : formatNumber(value));

/** The language's name in the interface's language ("de" → "German"), the code when Intl does not know it. */
export { languageName };

/**
 * `<ox-stats-table>`: `stats` as tables with captions and header cells. Months and tags are buttons that show
 * their posts, like the bars and cells of the charts.
 * @fires ox-show-posts
 */
export class OxStatsTable extends LitElement {
  static override properties = { stats: { attribute: false } };

  stats!: Stats;

  static override styles = [baseStyles, css`
    :host { display: grid; gap: var(--ox-sys-space-5); grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); align-items: start; }
    table { border-collapse: collapse; width: 100%; font-size: var(--ox-sys-text-sm); background: var(--ox-sys-color-surface); border-radius: var(--ox-sys-radius-md); }
    table.wide { grid-column: 1 / -1; }
    caption { text-align: start; font-weight: var(--ox-sys-weight-strong); padding: 0 0 var(--ox-sys-space-1); font-size: var(--ox-sys-text-md); }
    th, td { padding: 3px var(--ox-sys-space-2); border-bottom: 1px solid var(--ox-sys-color-border); text-align: start; }
    td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; }
    thead th { color: var(--ox-sys-color-text-muted); font-weight: 500; }
    .scroll { max-height: 24rem; overflow-y: auto; }
    .link { border: 0; background: none; padding: 0; color: var(--ox-sys-color-link); cursor: pointer; text-align: start; font: inherit; }
    .link:hover { text-decoration: underline; }
    .hours { grid-column: 1 / -1; overflow-x: auto; }
    .hours td, .hours th { padding: 2px 4px; }
  `];

  // `raw`: the label is the archive's own (a hashtag, an account), isolated so its direction stays its own.
  private show(label: string, patch: Parameters<typeof emitInsight<'ox-show-posts'>>[2]['patch'], raw = false): TemplateResult {
    return html`<button class="link" @click=${() => emitInsight(this, 'ox-show-posts', { patch })}>${raw ? html`<bdi>${label}</bdi>` : label}</button>`;
  }

  private pairs(caption: string, rows: Array<[string | TemplateResult, string | TemplateResult]>, headers: [string, string] = ['', t('chart.posts')], testid = '') {
    return html`<table data-testid=${testid || nothing}><caption>${caption}</caption>
      <thead><tr><th scope="col">${headers[0]}</th><th scope="col" class="num">${headers[1]}</th></tr></thead>
      <tbody>${rows.length ? rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td class="num">${v}</td></tr>`) : html`<tr><td colspan="2">${t('table.none')}</td></tr>`}</tbody></table>`;
  }

  override render() {
    const s = this.stats;
    const months = Object.entries(s.perMonth);
    const days = Object.entries(s.perDay);
    const weekdays = weekdayNames();
    const streak = (x: Stats['streak']['longest']) => (x ? t('table.streak', { days: plural(x.days, 'count.days'), range: t('dates.range', { from: formatDate(`${x.from}T12:00:00Z`), to: formatDate(`${x.to}T12:00:00Z`) }) }) : '–');
    return html`
      ${this.pairs(t('table.totals'), [
        [t('chart.posts'), n(s.totals.posts)], [t('chart.boosts'), n(s.totals.boosts)], [t('table.originals'), n(s.replies.originals)], [t('filters.replies'), n(s.replies.replies)],
        [t('table.selfReplies'), n(s.replies.selfReplies)], [t('table.withCw'), `${n(s.contentWarnings.count)} (${percent(s.contentWarnings.share)})`],
        [t('table.averageLength'), n(s.length.average)], [t('table.longestPost'), n(s.length.longest?.chars)],
        [t('stats.longestStreak'), streak(s.streak.longest)], [t('table.latestStreak'), streak(s.streak.latest)], [t('table.timeZone'), html`<span translate="no">${s.timeZone}</span>`],
      ], [t('table.figure'), t('table.value')], 'totals-table')}
      <div class="scroll" tabindex="0" role="region" aria-label=${t('table.perMonth')}><table data-testid="months-table"><caption>${t('table.perMonth')}</caption>
        <thead><tr><th scope="col">${t('chart.month')}</th><th scope="col" class="num">${t('chart.posts')}</th><th scope="col" class="num">${t('chart.boosts')}</th></tr></thead>
        <tbody>${months.map(([m, c]) => html`<tr><th scope="row">${this.show(formatMonth(m), { from: m, to: m })}</th>
          <td class="num">${n(c.posts)}</td><td class="num">${n(c.boosts)}</td></tr>`)}</tbody></table></div>
      <div class="scroll" tabindex="0" role="region" aria-label=${t('stats.perDay')}>${this.pairs(t('table.perDay'), days.map(([d, c]) => [this.show(formatDate(`${d}T12:00:00Z`), { from: d, to: d }), n(c)]), [t('hours.day'), t('chart.posts')])}</div>
      <div class="hours" tabindex="0" role="region" aria-label=${t('table.byHour')}><table><caption>${t('table.hours', { zone: s.timeZone })}</caption>
        <thead><tr><th scope="col">${t('hours.day')}</th>${s.hourByWeekday[0]?.map((_, h) => html`<th scope="col" class="num">${formatNumber(h)}</th>`)}</tr></thead>
        <tbody>${s.hourByWeekday.map((row, d) => html`<tr><th scope="row">${weekdays[d]}</th>${row.map((c) => html`<td class="num">${formatNumber(c)}</td>`)}</tr>`)}</tbody></table></div>
      ${this.pairs(t('stats.topHashtags'), s.topHashtags.map((x) => [this.show(`#${x.tag}`, { hashtag: x.tag }, true), n(x.count)]), [t('table.hashtag'), t('chart.posts')])}
      ${this.pairs(t('stats.topMentions'), s.topMentions.map((x) => [this.show(x.account, { mention: x.account }, true), n(x.count)]), [t('table.account'), t('chart.posts')])}
      ${this.pairs(t('stats.topServers'), s.topBoostedServers.map((x) => [html`<bdi>${x.server}</bdi>`, n(x.count)]), [t('table.server'), t('chart.boosts')])}
      ${this.pairs(t('stats.topAccounts'), s.topBoostedAccounts.map((x) => [html`<bdi>${x.account}</bdi>`, n(x.count)]), [t('table.account'), t('chart.boosts')])}
      ${this.pairs(t('stats.languages'), Object.entries(s.languages).sort((a, b) => b[1] - a[1]).map(([l, c]) => [languageName(l), n(c)]), [t('filters.language'), t('chart.posts')])}
      ${this.pairs(t('filters.visibility'), Object.entries(s.visibility).map(([v, c]) => [visibilityLabels[v as keyof typeof visibilityLabels], n(c)]), [t('filters.visibility'), t('chart.posts')])}
      ${this.pairs(t('stats.media'), [
        ...Object.entries(s.media.kinds).filter(([, c]) => c > 0).map(([k, c]): [string, string] => [mediaKindLabel(k), n(c)]),
        [t('table.attachments'), n(s.media.total)], [t('table.withAlt'), `${n(s.media.withAlt)} (${percent(s.media.altShare)})`], [t('table.postsWithMedia'), n(s.media.posts)],
      ], [t('table.kind'), t('table.attachments')])}`;
  }
}

customElements.define('ox-stats-table', OxStatsTable);

declare global {
  interface HTMLElementTagNameMap {
    'ox-stats-table': OxStatsTable;
  }
}
