// The filter panel: kinds, features, visibility, language, hashtag, dates and order, each with its count.
import { LitElement, html, nothing } from 'lit';
import type { Facets, PostFilter, Visibility } from '../../preload/contract.js';
import { emit } from '../lib/events.js';
import { formatNumber, languageName, visibilityLabels } from '../lib/format.js';
import { hasNarrowing, inputDay, type Order } from '../lib/route.js';
import { baseStyles } from '../lib/shared-styles.js';
import { filterStyles } from './ox-filters.styles.js';
import { t, type SimpleId } from '../lib/i18n.js';

type Kind = 'post' | 'reply' | 'boost';
type Flag = 'hasMedia' | 'hasPoll' | 'hasCw' | 'edited' | 'noAlt';

const KINDS: Array<[Kind, SimpleId, keyof Facets]> = [['post', 'filters.posts', 'posts'], ['reply', 'filters.replies', 'replies'], ['boost', 'filters.boosts', 'boosts']];
const FLAGS: Array<[Flag, SimpleId, keyof Facets]> = [
  ['hasMedia', 'filters.withMedia', 'withMedia'], ['hasPoll', 'filters.polls', 'polls'], ['hasCw', 'filters.cw', 'cw'],
  ['edited', 'filters.edited', 'edited'], ['noAlt', 'filters.noAlt', 'noAlt'],
];
const VISIBILITIES: Visibility[] = ['public', 'unlisted', 'private', 'direct'];

/**
 * @fires ox-filter - a filter changed
 * @fires ox-filter-reset - "Clear all"
 * @fires ox-order - best match (only while searching), newest or oldest first
 */
export class OxFilters extends LitElement {
  static override properties = {
    filter: { attribute: false },
    facets: { attribute: false },
    order: {},
  };

  filter: PostFilter = {};
  facets: Facets | null = null;
  order: Order = 'newest';

  static override styles = [baseStyles, filterStyles];

  // An option's `selected` attribute stops steering its select once the reader has used it: after back/forward
  // (or the Best match option coming and going with the query) the selects are put where the route says.
  override updated(): void {
    const set = (label: string, value: string) => {
      const select = this.renderRoot.querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`);
      if (select && select.value !== value) select.value = value;
    };
    set(t('filters.order'), this.order);
    set(t('filters.language'), this.filter.language ?? '');
    set(t('section.favourites'), this.filter.minLikes === undefined ? '' : String(this.filter.minLikes));
  }

  private patch(patch: Partial<PostFilter>): void {
    emit(this, 'ox-filter', { patch });
  }

  // `raw`: the label is the archive's own (a hashtag, an account), in its own direction.
  private toggle(label: string, pressed: boolean, count: number | undefined, onClick: () => void, extraClass = '', raw = false) {
    // Named by its visible label (the count is hidden from the name and said in the description instead).
    return html`<button class="toggle ${extraClass}" dir=${raw ? 'auto' : nothing} aria-pressed=${String(pressed)}
        aria-description=${count === undefined ? nothing : t('filters.countDescription', { n: formatNumber(count) })} @click=${onClick}>
      <span class="label">${label}</span>${count === undefined ? nothing : html`<span class="count" aria-hidden="true">${formatNumber(count)}</span>`}
    </button>`;
  }

  private kinds() {
    const on = this.filter.kinds ?? [];
    return KINDS.map(([kind, label, key]) => this.toggle(t(label), on.includes(kind), this.facets?.[key] as number | undefined, () => {
      const next = on.includes(kind) ? on.filter((k) => k !== kind) : [...on, kind];
      this.patch({ kinds: next });
    }));
  }

  private visibility() {
    const on = this.filter.visibility ?? [];
    return VISIBILITIES.map((v) => this.toggle(visibilityLabels[v], on.includes(v), this.facets?.visibility[v], () => {
      this.patch({ visibility: on.includes(v) ? on.filter((x) => x !== v) : [...on, v] });
    }, v));
  }

  private languages() {
    const langs = Object.entries(this.facets?.languages ?? {}).sort((a, b) => b[1] - a[1]);
    const current = this.filter.language ?? '';
    if (current && !langs.some(([l]) => l === current)) langs.unshift([current, 0]);
    return html`<label class="field"><span>${t('filters.language')}</span>
      <select aria-label=${t('filters.language')} @change=${(e: Event) => this.patch({ language: (e.target as HTMLSelectElement).value || undefined })}>
        <option value="" ?selected=${!current}>${t('filters.anyLanguage')}</option>
        ${langs.map(([l, n]) => html`<option value=${l} ?selected=${l === current}>${t('filters.languageOption', { language: languageName(l), n: formatNumber(n) })}</option>`)}
      </select></label>`;
  }

  private hashtags() {
    const tags = Object.entries(this.facets?.hashtags ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 12);
    const current = this.filter.hashtag;
    if (current && !tags.some(([t]) => t === current)) tags.unshift([current, 0]);
    if (!tags.length) return nothing;
    return html`<fieldset><legend>${t('filters.hashtags')}</legend><div class="wrap">
      ${tags.map(([t, n]) => this.toggle(`#${t}`, t === current, n, () => this.patch({ hashtag: t === current ? undefined : t }), 'tag', true))}
    </div></fieldset>`;
  }

  // Favourite totals are in Mastodon 4.3+ archives only; older posts have none and never pass a minimum.
  private popularity() {
    const current = this.filter.minLikes;
    const steps = [1, 10, 100, 1000];
    if (current !== undefined && !steps.includes(current)) steps.unshift(current);
    return html`<label class="field"><span>${t('section.favourites')}</span>
      <select aria-label=${t('section.favourites')} @change=${(e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        this.patch({ minLikes: v === '' ? undefined : Number(v) });
      }}>
        <option value="" ?selected=${current === undefined}>${t('filters.anyNumber')}</option>
        ${steps.map((n) => html`<option value=${n} ?selected=${n === current}>${t('filters.atLeast', { n: formatNumber(n) })}</option>`)}
      </select></label>`;
  }

  private dates() {
    const set = (key: 'from' | 'to') => (e: Event) => this.patch({ [key]: (e.target as HTMLInputElement).value || undefined });
    return html`<fieldset><legend>${t('filters.dates')}</legend><div class="dates">
      <label class="field"><span>${t('filters.from')}</span><input type="date" aria-label=${t('filters.fromDate')} .value=${inputDay(this.filter.from, 'from')} @change=${set('from')}></label>
      <label class="field"><span>${t('filters.to')}</span><input type="date" aria-label=${t('filters.toDate')} .value=${inputDay(this.filter.to, 'to')} @change=${set('to')}></label>
    </div></fieldset>`;
  }

  override render() {
    const f = this.filter;
    return html`<nav aria-label=${t('filters.title')}>
      <div class="top">
        <h2>${t('filters.title')}</h2>
        ${hasNarrowing(f) || f.q ? html`<button class="btn quiet small" @click=${() => emit(this, 'ox-filter-reset', {})}>${t('filters.clearAll')}</button>` : nothing}
      </div>
      <fieldset><legend>${t('filters.show')}</legend><div class="wrap">${this.kinds()}</div></fieldset>
      <fieldset><legend>${t('filters.having')}</legend><div class="wrap">
        ${FLAGS.map(([flag, label, key]) => this.toggle(t(label), f[flag] === true, this.facets?.[key] as number | undefined, () => this.patch({ [flag]: !f[flag] })))}
      </div></fieldset>
      <fieldset><legend>${t('filters.visibility')}</legend><div class="wrap">${this.visibility()}</div></fieldset>
      ${f.mention ? html`<fieldset><legend>${t('filters.mentioning')}</legend><div class="wrap">${this.toggle(f.mention, true, undefined, () => this.patch({ mention: undefined }), '', true)}</div></fieldset>` : nothing}
      ${this.hashtags()}
      <div class="row">${this.languages()}
        <label class="field"><span>${t('filters.order')}</span>
          <select aria-label=${t('filters.order')} @change=${(e: Event) => emit(this, 'ox-order', { order: (e.target as HTMLSelectElement).value as Order })}>
            ${f.q ? html`<option value="relevance" ?selected=${this.order === 'relevance'}>${t('filters.bestMatch')}</option>` : nothing}
            <option value="newest" ?selected=${this.order === 'newest'}>${t('filters.newest')}</option>
            <option value="oldest" ?selected=${this.order === 'oldest'}>${t('filters.oldest')}</option>
            <option value="likes" ?selected=${this.order === 'likes'}>${t('filters.mostFavourited')}</option>
            <option value="boosts" ?selected=${this.order === 'boosts'}>${t('filters.mostBoosted')}</option>
          </select></label></div>
      ${this.popularity()}
      ${this.dates()}
    </nav>`;
  }
}

customElements.define('ox-filters', OxFilters);

declare global {
  interface HTMLElementTagNameMap {
    'ox-filters': OxFilters;
  }
}
