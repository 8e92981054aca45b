// A poll's options with votes, percentages as bars, voters and whether it is closed.
import { LitElement, css, html, nothing } from 'lit';
import { cssProps } from '../lib/css-props.js';
import type { Poll } from '../../preload/contract.js';
import { formatDateTime, formatPercent, plural } from '../lib/format.js';
import { baseStyles } from '../lib/shared-styles.js';
import { t } from '../lib/i18n.js';

/**
 * Each option's share in whole percent (null when the archive does not give its votes). A multiple-choice poll
 * counts against the people who voted, as Mastodon shows it (the shares then add up to more than 100); a
 * poll nobody voted in reads 0% everywhere rather than dividing by zero.
 */
export function pollShares(poll: Poll): Array<number | null> {
  const sum = poll.options.reduce((n, o) => n + (o.votes ?? 0), 0);
  const base = poll.multiple && poll.votersCount ? poll.votersCount : sum;
  return poll.options.map((o) => (o.votes === null ? null : base > 0 ? Math.min(100, Math.round((o.votes / base) * 100)) : 0));
}

/** Read-only: an archive cannot vote, so options are text with their share drawn as a bar. */
export class OxPoll extends LitElement {
  static override properties = { poll: { attribute: false } };

  poll!: Poll;

  static override styles = [baseStyles, css`
    :host { display: block; }
    figure { margin: 0; }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--ox-sys-space-2); }
    li { position: relative; border-radius: var(--ox-sys-radius-sm); overflow: hidden; background: var(--ox-sys-color-surface-2); }
    .bar { position: absolute; inset-block: 0; inset-inline: 0 auto; background: var(--ox-sys-color-accent-soft); border-inline-end: 2px solid var(--ox-sys-color-accent); }
    .bar.zero { border-inline-end-color: transparent; }
    .row { position: relative; display: flex; align-items: baseline; gap: var(--ox-sys-space-3); padding: 0.35rem var(--ox-sys-space-3); font-size: var(--ox-sys-text-sm); }
    .title { flex: 1; min-width: 0; overflow-wrap: anywhere; }
    .votes { color: var(--ox-sys-color-text-muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
    .pct { min-width: 3.2em; text-align: end; font-weight: var(--ox-sys-weight-strong); font-variant-numeric: tabular-nums; }
    .lead .title { font-weight: var(--ox-sys-weight-strong); }
    .meta { margin: var(--ox-sys-space-2) 0 0; font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted); }
  `];

  override render() {
    const poll = this.poll;
    if (!poll) return nothing;
    const shares = pollShares(poll);
    const total = poll.options.reduce((sum, o) => sum + (o.votes ?? 0), 0);
    const max = Math.max(0, ...poll.options.map((o) => o.votes ?? 0));
    const state = poll.closed ? t('poll.closed') : poll.endTime ? t('poll.openUntil', { date: formatDateTime(poll.endTime) }) : t('poll.open');
    const voters = poll.votersCount !== null ? `${plural(poll.votersCount, 'poll.voters')} · ` : total ? `${plural(total, 'count.votes')} · ` : '';
    return html`<figure role="group" aria-label=${t('poll.label')} class="poll">
      <ul>${poll.options.map((o, i) => {
        const pct = shares[i] ?? null;
        return html`<li class=${o.votes !== null && o.votes === max && max > 0 ? 'lead' : ''}>
          <span class="bar ${pct ? '' : 'zero'}" ${cssProps({ width: `${pct ?? 0}%` })}></span>
          <span class="row"><span class="title" dir="auto">${o.title}</span>
            ${o.votes !== null && pct !== null ? html`<span class="votes">${plural(o.votes, 'count.votes')}</span><span class="pct">${formatPercent(pct / 100, 0)}</span>` : nothing}</span>
        </li>`;
      })}</ul>
      <p class="meta">${poll.multiple ? `${t('poll.multiple')} · ` : ''}${voters}${state}</p>
    </figure>`;
  }
}

customElements.define('ox-poll', OxPoll);

declare global {
  interface HTMLElementTagNameMap {
    'ox-poll': OxPoll;
  }
}
