// Every figure of the Stats view as plain tables: the same numbers the charts draw, for screen readers and copying.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { Stats } from '../../preload/contract.js';
import { formatDate, formatMonth, formatNumber, visibilityLabels } from '../lib/format.js';
import { emitInsight } from '../lib/insight-events.js';
import { baseStyles } from '../lib/shared-styles.js';
import { WEEKDAY_NAMES } from './ox-hour-grid.js';

export const percent = (share: number | null): string => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);
const n = (value: number | null | undefined): string => (value == null ? '–' : formatNumber(value));

/** The language's name in the reader's locale ("de" → "German"), the code when Intl does not know it. */
export function languageName(code: string): string {
  if (code === 'und') return 'Not set';
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

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
    caption { text-align: left; font-weight: var(--ox-sys-weight-strong); padding: 0 0 var(--ox-sys-space-1); font-size: var(--ox-sys-text-md); }
    th, td { padding: 3px var(--ox-sys-space-2); border-bottom: 1px solid var(--ox-sys-color-border); text-align: left; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    thead th { color: var(--ox-sys-color-text-muted); font-weight: 500; }
    .scroll { max-height: 24rem; overflow-y: auto; }
    .link { border: 0; background: none; padding: 0; color: var(--ox-sys-color-link); cursor: pointer; text-align: left; font: inherit; }
    .link:hover { text-decoration: underline; }
    .hours { grid-column: 1 / -1; overflow-x: auto; }
    .hours td, .hours th { padding: 2px 4px; }
  `];

  private show(label: string, patch: Parameters<typeof emitInsight<'ox-show-posts'>>[2]['patch']): TemplateResult {
    return html`<button class="link" @click=${() => emitInsight(this, 'ox-show-posts', { patch })}>${label}</button>`;
  }

  private pairs(caption: string, rows: Array<[string | TemplateResult, string]>, headers: [string, string] = ['', 'Posts'], testid = '') {
    return html`<table data-testid=${testid || nothing}><caption>${caption}</caption>
      <thead><tr><th scope="col">${headers[0]}</th><th scope="col" class="num">${headers[1]}</th></tr></thead>
      <tbody>${rows.length ? rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td class="num">${v}</td></tr>`) : html`<tr><td colspan="2">None</td></tr>`}</tbody></table>`;
  }

  override render() {
    const s = this.stats;
    const months = Object.entries(s.perMonth);
    const days = Object.entries(s.perDay);
    const streak = (x: Stats['streak']['longest']) => (x ? `${n(x.days)} days (${formatDate(`${x.from}T12:00:00Z`)} – ${formatDate(`${x.to}T12:00:00Z`)})` : '–');
    return html`
      ${this.pairs('Totals', [
        ['Posts', n(s.totals.posts)], ['Boosts', n(s.totals.boosts)], ['Originals', n(s.replies.originals)], ['Replies', n(s.replies.replies)],
        ['Replies to own posts', n(s.replies.selfReplies)], ['With a content warning', `${n(s.contentWarnings.count)} (${percent(s.contentWarnings.share)})`],
        ['Average length (characters)', n(s.length.average)], ['Longest post (characters)', n(s.length.longest?.chars)],
        ['Longest streak', streak(s.streak.longest)], ['Latest streak', streak(s.streak.latest)], ['Time zone', s.timeZone],
      ], ['Figure', 'Value'], 'totals-table')}
      <div class="scroll" tabindex="0" role="region" aria-label="Per month"><table data-testid="months-table"><caption>Per month</caption>
        <thead><tr><th scope="col">Month</th><th scope="col" class="num">Posts</th><th scope="col" class="num">Boosts</th></tr></thead>
        <tbody>${months.map(([m, c]) => html`<tr><th scope="row">${this.show(formatMonth(m), { from: m, to: m })}</th>
          <td class="num">${n(c.posts)}</td><td class="num">${n(c.boosts)}</td></tr>`)}</tbody></table></div>
      <div class="scroll" tabindex="0" role="region" aria-label="Posts per day">${this.pairs('Posts per day (days with posts)', days.map(([d, c]) => [this.show(formatDate(`${d}T12:00:00Z`), { from: d, to: d }), n(c)]), ['Day', 'Posts'])}</div>
      <div class="hours" tabindex="0" role="region" aria-label="By hour and weekday"><table><caption>Posts and boosts by hour and weekday (${s.timeZone})</caption>
        <thead><tr><th scope="col">Day</th>${s.hourByWeekday[0]?.map((_, h) => html`<th scope="col" class="num">${h}</th>`)}</tr></thead>
        <tbody>${s.hourByWeekday.map((row, d) => html`<tr><th scope="row">${WEEKDAY_NAMES[d]}</th>${row.map((c) => html`<td class="num">${c}</td>`)}</tr>`)}</tbody></table></div>
      ${this.pairs('Top hashtags', s.topHashtags.map((t) => [this.show(`#${t.tag}`, { hashtag: t.tag }), n(t.count)]), ['Hashtag', 'Posts'])}
      ${this.pairs('Top mentioned accounts', s.topMentions.map((t) => [this.show(t.account, { mention: t.account }), n(t.count)]), ['Account', 'Posts'])}
      ${this.pairs('Top boosted servers', s.topBoostedServers.map((t) => [t.server, n(t.count)]), ['Server', 'Boosts'])}
      ${this.pairs('Top boosted accounts', s.topBoostedAccounts.map((t) => [t.account, n(t.count)]), ['Account', 'Boosts'])}
      ${this.pairs('Languages', Object.entries(s.languages).sort((a, b) => b[1] - a[1]).map(([l, c]) => [languageName(l), n(c)]), ['Language', 'Posts'])}
      ${this.pairs('Visibility', Object.entries(s.visibility).map(([v, c]) => [visibilityLabels[v as keyof typeof visibilityLabels], n(c)]), ['Visibility', 'Posts'])}
      ${this.pairs('Media', [
        ...Object.entries(s.media.kinds).filter(([, c]) => c > 0).map(([k, c]): [string, string] => [k, n(c)]),
        ['Attachments', n(s.media.total)], ['With alt text', `${n(s.media.withAlt)} (${percent(s.media.altShare)})`], ['Posts with media', n(s.media.posts)],
      ], ['Kind', 'Attachments'])}`;
  }
}

customElements.define('ox-stats-table', OxStatsTable);

declare global {
  interface HTMLElementTagNameMap {
    'ox-stats-table': OxStatsTable;
  }
}
