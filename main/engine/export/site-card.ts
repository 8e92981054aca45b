// One post of the static site as a card like the viewer's: header, content (CW as <details>), poll, quote, media grid with a
// lightbox that needs no JavaScript (:target), footer with kind, audience and totals. Every archive string is isolated.
import type { Post, Profile } from '../../../preload/contract.js';
import type { CopiedMedia } from './media-copy.js';
import { escapeHtml, linkTarget, sanitizeHtml } from './sanitize.js';
import { formatNumber, plural, type SiteLanguage, type SiteWords } from './site-words.js';

export const REL = 'noopener noreferrer nofollow';

/** What a card needs besides the post: the words, where the site's root is, and the archive's own posts by id. */
export interface CardContext {
  lang: SiteLanguage;
  words: SiteWords;
  /** "../" from months/ and posts/ */
  root: string;
  /** the account whose archive this is (avatar, name), or null when the archive has no actor.json */
  profile: Profile | null;
  /** "media/…" of the copied avatar, or null */
  avatar: string | null;
  /** a written post by id: its file key and a short excerpt (for local reply and quote links) */
  local: (id: string) => LocalPost | undefined;
  /** "2024-03-02 10:00" style date in the site's time zone and language */
  when: (iso: string) => string;
}

export interface LocalPost {
  key: string;
  excerpt: string;
  when: string;
  parent: string | null;
}

/** Text from the archive, isolated so that its direction (a U+202E, an Arabic name) cannot reorder what follows it. */
export const bdi = (text: string, cls = ''): string => `<bdi${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</bdi>`;

export function accountName(profile: Profile | null): { name: string; handle: string } {
  if (!profile) return { name: '', handle: '' };
  const handle = profile.username ? `@${profile.username}${profile.server ? `@${profile.server}` : ''}` : '';
  return { name: profile.displayName || profile.username, handle };
}

export function avatarHtml(ctx: Pick<CardContext, 'avatar' | 'profile' | 'root'>, cls = 'avatar'): string {
  if (ctx.avatar) return `<img class="${cls}" src="${escapeHtml(ctx.root + ctx.avatar)}" alt="" width="46" height="46">`;
  const initial = [...accountName(ctx.profile).name.trim()][0] ?? '?';
  return `<span class="${cls} placeholder" aria-hidden="true">${escapeHtml(initial)}</span>`;
}

function external(label: string, url: string | null): string {
  const href = linkTarget(url);
  return href ? `${escapeHtml(label)} <a href="${escapeHtml(href)}" rel="${REL}" dir="auto">${escapeHtml(href)}</a>` : `${escapeHtml(label)} ${bdi(url ?? '')}`;
}

/** A reference to another status: the local page when this archive holds it, else the remote address. */
function reference(label: string, uri: string, ctx: CardContext): string {
  const local = ctx.local(uri);
  if (!local) return external(label, uri);
  return `${escapeHtml(label)} <a href="${ctx.root}posts/${local.key}.html">${bdi(local.excerpt || local.when)}</a>`;
}

function mediaGrid(media: CopiedMedia[], key: string, ctx: CardContext): string {
  if (!media.length) return '';
  const w = ctx.words;
  const boxes: string[] = [];
  const items = media.map(({ attachment, file, inert }, k) => {
    const alt = attachment.description?.trim() ?? '';
    const kindWord = attachment.kind === 'image' ? w.image : attachment.kind === 'audio' ? w.audio : attachment.kind === 'unknown' ? w.file : w.video;
    if (!file) return `<li class="missing">${escapeHtml(kindWord)}${alt ? `: ${bdi(alt)}` : ''} — ${escapeHtml(w.notInArchive)}</li>`;
    const src = escapeHtml(ctx.root + file);
    const title = alt ? ` title="${escapeHtml(alt)}"` : '';
    // not a media type a browser only shows: offered as a download, never embedded or opened as a page
    if (inert) return `<li><a href="${src}" download>${escapeHtml(w.file)}${alt ? `: ${bdi(alt)}` : ''}</a></li>`;
    switch (attachment.kind) {
      case 'image': {
        const id = `lb-${key}-${k}`;
        boxes.push(`<div class="lightbox" id="${id}" role="dialog" aria-label="${escapeHtml(alt || w.noAlt)}"><a class="lightbox-close" href="#p-${key}">${escapeHtml(w.close)}</a>` +
          `<img src="${src}" alt="${escapeHtml(alt)}" loading="lazy">${alt ? `<p class="lightbox-alt" dir="auto">${escapeHtml(alt)}</p>` : ''}</div>`);
        return `<li><a href="#${id}"><img src="${src}" alt="${escapeHtml(alt)}" loading="lazy"></a>${alt ? '' : `<span class="no-alt">${escapeHtml(w.noAlt)}</span>`}</li>`;
      }
      case 'video':
        return `<li><video controls preload="metadata" src="${src}"${title}></video></li>`;
      case 'gifv':
        return `<li><video controls loop muted preload="metadata" src="${src}"${title}></video></li>`;
      case 'audio':
        return `<li class="wide"><audio controls preload="metadata" src="${src}"${title}></audio></li>`;
      default:
        return `<li><a href="${src}" download>${escapeHtml(w.file)}${alt ? `: ${bdi(alt)}` : ''}</a></li>`;
    }
  });
  return `<ul class="media media-${Math.min(media.length, 4)}">${items.join('')}</ul>${boxes.join('')}`;
}

function pollHtml(post: Post, ctx: CardContext): string {
  const poll = post.poll;
  if (!poll) return '';
  const total = poll.options.reduce((n, o) => n + (o.votes ?? 0), 0);
  const options = poll.options.map((o) => {
    const votes = o.votes ?? 0;
    const share = total ? Math.round((votes / total) * 100) : 0;
    return `<li><span class="poll-option">${bdi(o.title)}</span> <span class="poll-share">${share}%</span>` +
      `<progress max="${Math.max(total, 1)}" value="${votes}">${share}%</progress></li>`;
  });
  const footer = [plural(ctx.lang, ctx.words.votes, poll.votersCount ?? total), poll.closed ? ctx.words.pollClosed : ''].filter(Boolean).join(' · ');
  return `<div class="poll" role="group" aria-label="${escapeHtml(ctx.words.poll)}"><ul>${options.join('')}</ul><p class="meta">${escapeHtml(footer)}</p></div>`;
}

function quoteHtml(uri: string, ctx: CardContext): string {
  const local = ctx.local(uri);
  if (!local) return `<p class="context">${external(ctx.words.quoted, uri)}</p>`;
  return `<blockquote class="quote-card"><a href="${ctx.root}posts/${local.key}.html"><span class="meta">${escapeHtml(ctx.words.quoted)} · ${escapeHtml(local.when)}</span>` +
    `<span class="quote-text" dir="auto">${escapeHtml(local.excerpt)}</span></a></blockquote>`;
}

function count(label: string, icon: string, n: number | null, lang: SiteLanguage): string {
  return n === null ? '' : `<span class="count" title="${escapeHtml(label)}"><span aria-hidden="true">${icon}</span> ${formatNumber(lang, n)}<span class="visually-hidden"> ${escapeHtml(label)}</span></span>`;
}

/** The card of one post; `className` is "post" in timelines and on its own page, "thread-post" for its neighbours. */
/** `attributes`: more attributes for the <article>, already escaped, each followed by a space (the first page's data-*). */
export function postCard(post: Post, key: string, media: CopiedMedia[], ctx: CardContext, className = 'post', attributes = ''): string {
  const w = ctx.words;
  const shown = post.boosted ?? post;
  const kind = post.type === 'boost' ? 'boost' : post.inReplyTo ? 'reply' : 'post';
  const { name, handle } = accountName(ctx.profile);
  const parts: string[] = [`<article ${attributes}class="${className} kind-${kind}${post.inReplyTo && ctx.local(post.inReplyTo) ? ' in-thread' : ''}" id="p-${key}">`];
  parts.push(`<header class="post-head">${avatarHtml(ctx)}<span class="who">${name ? bdi(name, 'name') : ''}${handle ? ` ${bdi(handle, 'handle')}` : ''}</span>` +
    `<a class="permalink" href="${ctx.root}posts/${key}.html"><time datetime="${escapeHtml(post.published)}">${escapeHtml(ctx.when(post.published))}</time></a></header>`);
  if (post.type === 'boost') parts.push(`<p class="context boosted"><span aria-hidden="true">↻</span> ${external(w.boosted, post.boostOf ?? post.url)}</p>`);
  else if (post.inReplyTo) parts.push(`<p class="context"><span aria-hidden="true">↩</span> ${reference(w.inReplyTo, post.inReplyTo, ctx)}</p>`);
  if (post.type === 'post' || post.boosted) {
    const body = [
      `<div class="content" dir="auto"${shown.language ? ` lang="${escapeHtml(shown.language)}"` : ''}>${sanitizeHtml(shown.html)}</div>`,
      pollHtml(shown, ctx),
      shown.quote ? quoteHtml(shown.quote, ctx) : '',
      ...shown.links.map((l) => {
        const href = linkTarget(l.href);
        return href ? `<p class="context link-card">${escapeHtml(w.link)}: <a href="${escapeHtml(href)}" rel="${REL}">${bdi(l.name || href)}</a></p>` : '';
      }),
      mediaGrid(media, key, ctx),
    ].join('');
    parts.push(shown.summary ? `<details class="cw"><summary>${escapeHtml(w.contentWarning)}: ${bdi(shown.summary)}</summary>${body}</details>` : body);
  } else {
    parts.push(mediaGrid(media, key, ctx));
  }
  const visibility = { public: w.public, unlisted: w.unlisted, private: w.private, direct: w.direct }[post.visibility] ?? post.visibility;
  const kindWord = { post: w.kindPost, reply: w.kindReply, boost: w.kindBoost }[kind];
  const original = post.type === 'post' ? linkTarget(post.url) : null;
  parts.push(`<footer class="post-foot"><span class="kind">${escapeHtml(kindWord)}</span> · <span class="visibility vis-${post.visibility}">${escapeHtml(visibility)}</span>` +
    `${post.updated ? ` · <span class="edited">${escapeHtml(w.edited)}</span>` : ''}` +
    count(w.replies, '↩', shown.repliesCount ?? null, ctx.lang) + count(w.boosts, '↻', shown.sharesCount, ctx.lang) + count(w.likes, '★', shown.likesCount, ctx.lang) +
    `${original ? ` <a class="original" href="${escapeHtml(original)}" rel="${REL}">${escapeHtml(w.original)}</a>` : ''}</footer>`);
  parts.push('</article>\n');
  return parts.join('\n');
}

/** A compact card for a thread's other posts and the replies list: time and excerpt, linking to the post's page. */
export function threadLink(local: LocalPost, ctx: CardContext): string {
  return `<li class="thread-post"><a href="${ctx.root}posts/${local.key}.html"><time>${escapeHtml(local.when)}</time> <span dir="auto">${escapeHtml(local.excerpt)}</span></a></li>`;
}
