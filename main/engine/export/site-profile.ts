// The static site's profile header: banner, avatar, name, handle, bio, fields, joined date; every string isolated.
import type { Profile } from '../../../preload/contract.js';
import { escapeHtml, sanitizeHtml } from './sanitize.js';
import { accountName, avatarHtml, bdi } from './site-card.js';
import { fill, type SiteLanguage, type SiteWords } from './site-words.js';

export function profileHtml(profile: Profile, images: { avatar: string | null; header: string | null }, ctx: { lang: SiteLanguage; words: SiteWords; root: string }): string {
  const { name, handle } = accountName(profile);
  const banner = images.header
    ? `<img class="banner" src="${escapeHtml(ctx.root + images.header)}" alt="${escapeHtml(profile.headerDescription ?? '')}">`
    : '<div class="banner empty"></div>';
  const fields = profile.fields.length
    ? `<dl class="fields">${profile.fields.map((f) => `<dt dir="auto">${escapeHtml(f.name)}</dt><dd dir="auto">${sanitizeHtml(f.value)}</dd>`).join('')}</dl>`
    : '';
  const joinedMs = profile.joined ? Date.parse(profile.joined) : NaN;
  const joined = Number.isFinite(joinedMs)
    ? `<p class="joined">${escapeHtml(fill(ctx.words.joined, { date: new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(joinedMs) }))}</p>`
    : '';
  return `<section class="profile">${banner}
<div class="identity">${avatarHtml({ avatar: images.avatar, profile, root: ctx.root })}<div><h1>${bdi(name, 'name')}</h1>${handle ? bdi(handle, 'handle') : ''}</div></div>
${profile.bio ? `<div class="bio content" dir="auto">${sanitizeHtml(profile.bio)}</div>` : ''}
${fields}${joined}</section>`;
}
