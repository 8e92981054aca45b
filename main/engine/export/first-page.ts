// The newest posts as inert HTML inside the viewer's page (browser mode; main/server/server.ts sends it): Chromium
// paints them with its first paint, before the bundle has run, and the live timeline replaces them once it has
// painted its own (outbox-app). Archive HTML is the engine's to make: the static site's card, its sanitizer, its words.
import type { Post } from '../../../preload/contract.js';
import type { Archive } from '../archive.js';
import { escapeHtml } from './sanitize.js';
import { postCard, type CardContext } from './site-card.js';
import { siteWords } from './site-words.js';

/** Enough cards to fill a tall viewport (a card is ≥ ~110 px); the live timeline draws the rest. */
export const FIRST_PAGE_POSTS = 8;

/**
 * The first language of an Accept-Language header, for the cards' words and dates (the live viewer reads
 * navigator.language, which Chromium sends first here).
 */
function firstLanguage(header: string | undefined): string | undefined {
  const tag = header?.split(',')[0]?.split(';')[0]?.trim();
  return tag && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : undefined;
}

/** No media bytes on the first page: a box per attachment, with its alt text, where the live card has its media. */
function mediaBoxes(post: Post): string {
  const media = (post.boosted ?? post).media;
  if (!media.length) return '';
  const items = media.slice(0, 4).map((m) => `<li class="fp-media-box">${m.description?.trim() ? `<span dir="auto">${escapeHtml(m.description.trim())}</span>` : ''}</li>`);
  return `<ul class="fp-media fp-media-${Math.min(media.length, 4)}">${items.join('')}</ul>`;
}

/**
 * Every href of a card made inert: the first page is not for clicking (it is `inert` and lets the pointer through);
 * a link that somehow was followed would leave the viewer for the static site's address or a remote one.
 */
const neutralise = (html: string): string => html.replace(/ href="[^"]*"/g, '').replace(/ (rel|download)(="[^"]*")?(?=[ >])/g, '');

/**
 * The HTML of the first page for this archive (its newest posts, no filter), or '' when it has none. Every archive
 * string goes through the static site's card: escaped, its HTML sanitized, no remote image.
 */
export function renderFirstPage(archive: Archive, acceptLanguage: string | undefined): string {
  const page = archive.page({ filter: {}, order: 'newest', offset: 0, limit: FIRST_PAGE_POSTS });
  if (page.partial || page.items.length === 0) return '';
  const { lang, dir, words } = siteWords(firstLanguage(acceptLanguage));
  let dates: Intl.DateTimeFormat;
  try {
    dates = new Intl.DateTimeFormat(firstLanguage(acceptLanguage) ?? lang, { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  }
  const ctx: CardContext = {
    lang,
    words,
    root: '',
    profile: archive.info.profile,
    avatar: null,
    local: () => undefined,
    when: (iso) => {
      const ms = Date.parse(iso);
      return Number.isNaN(ms) ? iso : dates.format(ms);
    },
  };
  const cards = page.items.map(({ post }) => {
    // The live timeline's selector (article[data-post-id]) finds these too; data-seq orders them like the live ones.
    const card = neutralise(postCard(post, String(post.seq), [], ctx, 'post', `data-post-id="${escapeHtml(post.id)}" data-seq="${post.seq}" `));
    const media = mediaBoxes(post);
    return media ? card.replace('<footer class="post-foot">', `${media}<footer class="post-foot">`) : card;
  });
  return `<ox-timeline first-page inert aria-hidden="true" dir="${dir}" lang="${lang}"><div class="fp-column">${cards.join('')}</div></ox-timeline>\n`;
}
