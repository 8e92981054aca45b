// "On this day": the posts of today's date in each earlier year of the archive, newest year first.
import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { ErrorInfo, PageItem } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { formatDayMonth, yearsAgo } from '../lib/format.js';
import { PostUiState } from '../lib/post-ui-state.js';
import { baseStyles } from '../lib/shared-styles.js';
import type { Author } from './ox-post.js';
import './ox-boost.js';
import './ox-post.js';
import { t } from '../lib/i18n.js';

/** At most this many posts per year are drawn (a day rarely has more). */
const PER_YEAR = 100;

/** The years before `today`'s whose month has posts, newest first, each with that day as YYYY-MM-DD. */
export function earlierDays(months: Record<string, number>, today: Date): Array<{ year: number; day: string }> {
  const mm = String(today.getMonth() + 1).padStart(2, '0');
  const dd = String(today.getDate()).padStart(2, '0');
  const years = new Set<number>();
  for (const [month, n] of Object.entries(months)) if (n > 0 && month.slice(5, 7) === mm) years.add(Number(month.slice(0, 4)));
  return [...years].filter((y) => y < today.getFullYear()).sort((a, b) => b - a).map((year) => ({ year, day: `${year}-${mm}-${dd}` }));
}

/**
 * Reads one page per earlier year (a day filter each: days are UTC, as every date filter).
 */
export class OxOnThisDay extends LitElement {
  static override properties = {
    archive: {},
    months: { attribute: false },
    author: { attribute: false },
    emojis: { attribute: false },
  };

  archive = '';
  /** "YYYY-MM" → posts, over the whole archive (which years to ask) */
  months: Record<string, number> = {};
  author: Author = { displayName: '', handle: '', avatarUrl: null };
  emojis: readonly string[] = [];
  /** the reader's today; a property so a test can fix it */
  today = new Date();

  private readonly ui = new PostUiState();
  private readonly api = new ContextConsumer(this, { context: apiContext, subscribe: true });

  private readonly task = new Task(this, {
    args: () => [this.api.value, this.archive, this.months] as const,
    task: async ([api, archive, months], { signal }): Promise<Array<{ year: number; items: PageItem[] }>> => {
      if (!api || !archive) return [];
      const out: Array<{ year: number; items: PageItem[] }> = [];
      for (const { year, day } of earlierDays(months, this.today)) {
        const result = await api.page({ archive, filter: { from: day, to: day }, order: 'oldest', offset: 0, limit: PER_YEAR });
        signal.throwIfAborted();
        if (!result.ok) throw result;
        if (result.value.items.length) out.push({ year, items: result.value.items });
      }
      return out;
    },
  });

  static override styles = [baseStyles, css`
    :host { display: block; height: 100%; overflow-y: auto; }
    .column { max-width: calc(var(--ox-sys-column) + 2 * var(--ox-sys-space-4)); margin: 0 auto; padding: var(--ox-sys-space-4); }
    h2 { margin: 0 0 var(--ox-sys-space-3); font-size: var(--ox-sys-text-xl); }
    h3 { margin: var(--ox-sys-space-5) 0 var(--ox-sys-space-2); font-size: var(--ox-sys-text-lg); }
    h3 .ago { color: var(--ox-sys-color-text-muted); font-weight: 400; font-size: var(--ox-sys-text-sm); margin-left: var(--ox-sys-space-2); }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--ox-sys-space-2); }
    .state { color: var(--ox-sys-color-text-muted); padding: var(--ox-sys-space-5) 0; }
  `];

  private renderYears(years: Array<{ year: number; items: PageItem[] }>) {
    if (!years.length) return html`<p class="state" role="status">${t('today.none', { date: formatDayMonth(this.today) })}</p>`;
    const now = this.today.getFullYear();
    return years.map(({ year, items }) => html`<section aria-labelledby=${`y${year}`} data-year=${year}>
      <h3 id=${`y${year}`}>${year}<span class="ago">${yearsAgo(now - year)}</span></h3>
      <ol>${items.map(({ post }) => html`<li>${post.type === 'boost'
        ? html`<ox-boost .post=${post} handle=${this.author.displayName || this.author.handle} archive=${this.archive}></ox-boost>`
        : html`<ox-post .post=${post} .author=${this.author} archive=${this.archive} .emojis=${this.emojis} .ui=${this.ui}></ox-post>`}</li>`)}</ol>
    </section>`);
  }

  override render() {
    return html`<div class="column" data-testid="on-this-day">
      <h2>${t('today.title', { date: formatDayMonth(this.today) })}</h2>
      ${this.task.render({
        pending: () => html`<p class="state" role="status">${t('today.loading')}</p>`,
        complete: (years) => this.renderYears(years),
        error: (e) => html`<p class="state" role="alert">${(e as ErrorInfo)?.message ?? String(e)}</p>`,
      }) ?? nothing}
    </div>`;
  }
}

customElements.define('ox-on-this-day', OxOnThisDay);

declare global {
  interface HTMLElementTagNameMap {
    'ox-on-this-day': OxOnThisDay;
  }
}
