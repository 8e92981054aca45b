// The account at the top of the side panel: header, avatar, names, bio, fields, join date, counts, moved banner.
import { ContextConsumer } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import type { ArchiveInfo } from '../../preload/contract.js';
import { apiContext } from '../lib/context.js';
import { formatDate, formatNumber, safeHref } from '../lib/format.js';
import { richText } from '../lib/rich-text.js';
import { safeHtml } from '../lib/safe-html.js';
import { baseStyles, contentStyles } from '../lib/shared-styles.js';
import './ox-avatar.js';
import { t, tnParts, tParts, type PluralId } from '../lib/i18n.js';

/** "@user@server" of an archive's account. */
export function handleOf(info: ArchiveInfo): string {
  const p = info.profile;
  if (!p.username) return '';
  return p.server ? `@${p.username}@${p.server}` : `@${p.username}`;
}

/** A file name cut where a line may break: after "-", "_" or a space, and before the extension's ".". */
export function fileNameSegments(name: string): string[] {
  return name.split(/(?<=[-_ ])|(?=\.[^.]*$)/).filter(Boolean);
}

/**
 * Custom emoji show as :shortcode: chips: their images are not in archives and remote ones are never loaded.
 * @cssproperty --ox-profile-header-height - height of the header image
 */
export class OxProfile extends LitElement {
  static override properties = { info: { attribute: false } };

  info!: ArchiveInfo;

  private readonly api = new ContextConsumer(this, { context: apiContext });

  static override styles = [baseStyles, contentStyles, css`
    :host { display: block; }
    .card { background: var(--ox-sys-color-surface); border: 1px solid var(--ox-sys-color-border); border-radius: var(--ox-sys-radius-lg); overflow: hidden; box-shadow: var(--ox-sys-shadow-1); }
    .banner { height: var(--ox-profile-header-height, 7.5rem); background: linear-gradient(135deg, var(--ox-sys-color-accent-soft), var(--ox-sys-color-surface-3)); }
    .banner img[hidden] { display: none; }
    .banner img { width: 100%; height: 100%; object-fit: cover; display: block; }
    .inner { padding: 0 var(--ox-sys-space-4) var(--ox-sys-space-4); }
    ox-avatar { --ox-avatar-size: 4.5rem; --ox-avatar-ring: var(--ox-sys-color-surface); margin-top: -2.4rem; }
    h1 { font-size: var(--ox-sys-text-xl); line-height: 1.25; margin: var(--ox-sys-space-2) 0 0; overflow-wrap: anywhere; }
    /* A file name for a heading (no actor.json): it breaks after - and _ and before the extension, never inside a
       run of letters and digits; a run wider than the card ends in an ellipsis, the whole name is in the title. */
    h1.file { font-size: var(--ox-sys-text-lg); overflow-wrap: normal; }
    h1.file .seg { display: inline-block; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }
    .handle { color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-sm); overflow-wrap: anywhere; margin: 0; }
    .badges { display: flex; gap: var(--ox-sys-space-1); flex-wrap: wrap; margin-top: var(--ox-sys-space-2); }
    .moved { margin: var(--ox-sys-space-3) 0 0; padding: var(--ox-sys-space-2) var(--ox-sys-space-3); border-radius: var(--ox-sys-radius-md);
      background: var(--ox-sys-color-warning-soft); color: var(--ox-sys-color-text); font-size: var(--ox-sys-text-sm); overflow-wrap: anywhere; }
    .bio { margin-top: var(--ox-sys-space-3); font-size: var(--ox-sys-text-sm); }
    /* Name above value: a side panel is too narrow for two columns of free text. A wide card (the drawer on a
       small screen) puts them side by side again. */
    .card { container: profile / inline-size; }
    dl.fields { margin: var(--ox-sys-space-3) 0 0; font-size: var(--ox-sys-text-sm); border: 1px solid var(--ox-sys-color-border); border-radius: var(--ox-sys-radius-md); }
    dl.fields div { display: grid; gap: 1px; padding: var(--ox-sys-space-2) var(--ox-sys-space-3); min-width: 0; }
    dl.fields div + div { border-top: 1px solid var(--ox-sys-color-border); }
    dt { color: var(--ox-sys-color-text-muted); font-size: var(--ox-sys-text-xs); font-weight: var(--ox-sys-weight-strong); overflow-wrap: anywhere; }
    dd { margin: 0; overflow-wrap: anywhere; }
    dd.content p { margin: 0; }
    @container profile (min-width: 28rem) {
      dl.fields div { grid-template-columns: minmax(6rem, 30%) minmax(0, 1fr); gap: var(--ox-sys-space-3); align-items: baseline; }
      dt { font-size: inherit; font-weight: 500; }
    }
    .joined { margin: var(--ox-sys-space-3) 0 0; font-size: var(--ox-sys-text-sm); color: var(--ox-sys-color-text-muted); }
    /* Number above label, four even columns: "44 media" no longer drops onto a line of its own. */
    .counts { display: grid; grid-template-columns: repeat(4, minmax(0, 6.5rem)); gap: var(--ox-sys-space-2); margin: var(--ox-sys-space-3) 0 0; padding: 0; list-style: none; font-size: var(--ox-sys-text-xs); color: var(--ox-sys-color-text-muted); }
    .counts li { display: flex; flex-direction: column; min-width: 0; }
    .counts strong { color: var(--ox-sys-color-text); font-size: var(--ox-sys-text-md); font-variant-numeric: tabular-nums; }
  `];

  override render() {
    const info = this.info;
    if (!info) return nothing;
    const p = info.profile;
    const api = this.api.value;
    const emojis = p.emojis.map((e) => e.shortcode);
    const media = (path: string | null) => (path && api ? api.mediaUrl(info.id, path) : null);
    const header = media(p.header);
    const moved = safeHref(p.movedTo);
    const c = info.summary.counts;
    const name = p.displayName || p.username;
    // The number stands out; the word around it is the catalogue's, in the language's plural ("{n} posts").
    const count = (n: number, id: PluralId) => tnParts(id, n, { n: html`<strong>${formatNumber(n)}</strong>` });
    return html`<section class="card" aria-label=${t('profile.label')}>
      <div class="banner">${header ? html`<img src=${header} alt=${p.headerDescription ?? ''} @error=${(e: Event) => ((e.target as HTMLElement).hidden = true)}>` : nothing}</div>
      <div class="inner">
        <ox-avatar .src=${media(p.avatar)} .name=${name}></ox-avatar>
        ${name ? html`<h1><bdi>${richText(name, { emojis })}</bdi></h1>`
          : html`<h1 class="file" title=${info.name} dir="auto">${fileNameSegments(info.name).map((seg) => html`<span class="seg">${seg}</span>`)}</h1>`}
        <p class="handle" dir="auto">${handleOf(info)}</p>
        ${p.actorType !== 'Person' || p.suspended || p.memorial || !p.present ? html`<div class="badges">
          ${p.actorType === 'Service' ? html`<span class="chip">${t('profile.bot')}</span>` : p.actorType === 'Group' ? html`<span class="chip">${t('profile.group')}</span>` : nothing}
          ${p.suspended ? html`<span class="chip">${t('profile.suspended')}</span>` : nothing}
          ${p.memorial ? html`<span class="chip">${t('profile.memorial')}</span>` : nothing}
          ${!p.present ? html`<span class="chip">${t('profile.absent')}</span>` : nothing}</div>` : nothing}
        ${p.movedTo ? html`<p class="moved" role="note">${tParts('profile.moved', { moved: html`<strong>${t('profile.movedLead')}</strong>`,
          target: moved ? html`<a href=${moved} target="_blank" rel="noopener noreferrer" dir="auto">${moved}</a>` : html`<bdi>${p.movedTo}</bdi>` })}</p>` : nothing}
        ${p.bio ? html`<div class="bio content" dir="auto">${safeHtml(p.bio, { emojis })}</div>` : nothing}
        ${p.fields.length ? html`<dl class="fields">${p.fields.map((f) => html`<div>
          <dt dir="auto">${richText(f.name, { emojis })}</dt><dd class="content" dir="auto">${safeHtml(f.value, { emojis })}</dd></div>`)}</dl>` : nothing}
        ${p.joined ? html`<p class="joined">${t('profile.joined', { date: formatDate(p.joined) })}</p>` : nothing}
        <ul class="counts" aria-label=${t('profile.counts')}>
          <li>${count(c.posts, 'profile.posts')}</li>
          <li>${count(c.boosts, 'profile.boosts')}</li>
          <li>${count(c.replies, 'profile.replies')}</li>
          <li>${count(info.summary.media.present, 'profile.media')}</li>
        </ul>
      </div>
    </section>`;
  }
}

customElements.define('ox-profile', OxProfile);

declare global {
  interface HTMLElementTagNameMap {
    'ox-profile': OxProfile;
  }
}
