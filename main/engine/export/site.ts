// `outbox export --format html`: a static site (index, a page per month, a page per post, media beside them) for file://.
import { closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Post } from '../../../preload/contract.js';
import { zoneClock, type LocalTime } from '../stats/zone-clock.js';
import type { ExportOptions, ExportResult } from './export-options.js';
import { MediaCopier, postKey, type CopiedMedia } from './media-copy.js';
import { MonthFiles } from './month-files.js';
import { openOutFile, prepareOutFolder, writeFailure, writeOutFile } from './out-folder.js';
import { PrivacyFilter } from './privacy.js';
import { escapeHtml, linkTarget, sanitizeHtml } from './sanitize.js';
import { SEARCH_JS, STYLE_CSS, pageHtml } from './site-assets.js';

const VISIBILITY_LABEL = { public: 'public', unlisted: 'unlisted', private: 'followers-only', direct: 'direct' } as const;
const SPLIT = '\u0000posts\u0000';
const REL = 'noopener noreferrer nofollow';

function external(label: string, url: string | null): string {
  const href = linkTarget(url);
  return href ? `${escapeHtml(label)} <a href="${escapeHtml(href)}" rel="${REL}">${escapeHtml(href)}</a>` : escapeHtml(`${label} ${url ?? ''}`.trim());
}

function mediaHtml(media: CopiedMedia[], root: string): string {
  if (!media.length) return '';
  const items = media.map(({ attachment, file, inert }) => {
    const alt = attachment.description?.trim() ?? '';
    if (!file) return `<li class="missing">${escapeHtml(`${attachment.kind}${alt ? `: ${alt}` : ''}`)} — not in the archive</li>`;
    const src = escapeHtml(root + file);
    const title = alt ? ` title="${escapeHtml(alt)}"` : '';
    // not a media type a browser only shows: offered as a download, never embedded or opened as a page
    if (inert) return `<li><a href="${src}" download>${escapeHtml(`file${alt ? `: ${alt}` : ''}`)}</a></li>`;
    switch (attachment.kind) {
      case 'image':
        return `<li><a href="${src}"><img src="${src}" alt="${escapeHtml(alt)}" loading="lazy"></a></li>`;
      case 'video':
        return `<li><video controls preload="metadata" src="${src}"${title}></video></li>`;
      case 'gifv':
        return `<li><video controls loop muted preload="metadata" src="${src}"${title}></video></li>`;
      case 'audio':
        return `<li><audio controls preload="metadata" src="${src}"${title}></audio></li>`;
      default:
        return `<li><a href="${src}">${escapeHtml(`file${alt ? `: ${alt}` : ''}`)}</a></li>`;
    }
  });
  return `<ul class="media">${items.join('')}</ul>`;
}

/** One post as an <article>; `root` is "../" from months/ and posts/. */
function postHtml(post: Post, key: string, at: LocalTime | null, zone: string, media: CopiedMedia[], root: string): string {
  const shown = post.boosted ?? post;
  const kind = post.type === 'boost' ? 'boost' : post.inReplyTo ? 'reply' : 'post';
  const when = at ? `${at.day} ${at.time}` : 'undated';
  const parts = [
    `<article class="post" id="p-${key}">`,
    `<p class="meta"><a class="permalink" href="${root}posts/${key}.html"><time datetime="${escapeHtml(post.published)}">${when}</time></a>` +
      ` · ${kind} · ${VISIBILITY_LABEL[post.visibility] ?? escapeHtml(post.visibility)} <span class="zone">(${escapeHtml(zone)})</span></p>`,
  ];
  if (post.type === 'boost') parts.push(`<p class="context">${external('Boosted', post.boostOf ?? post.url)}</p>`);
  else if (post.inReplyTo) parts.push(`<p class="context">${external('In reply to', post.inReplyTo)}</p>`);
  if (post.type === 'post' || post.boosted) {
    const content = `<div class="content"${shown.language ? ` lang="${escapeHtml(shown.language)}"` : ''}>${sanitizeHtml(shown.html)}</div>`;
    parts.push(shown.summary ? `<details><summary>${escapeHtml(shown.summary)}</summary>${content}</details>` : content);
    if (shown.poll) {
      parts.push(`<ul class="poll">${shown.poll.options.map((o) => `<li>${escapeHtml(o.title)}${o.votes === null ? '' : ` (${o.votes})`}</li>`).join('')}</ul>`);
    }
    for (const l of shown.links) {
      const href = linkTarget(l.href);
      if (href) parts.push(`<p class="context">Link: <a href="${escapeHtml(href)}" rel="${REL}">${escapeHtml(l.name || href)}</a></p>`);
    }
  }
  parts.push(mediaHtml(media, root));
  const original = post.type === 'post' ? linkTarget(post.url) : null;
  if (original) parts.push(`<p class="context"><a href="${escapeHtml(original)}" rel="${REL}">Original</a></p>`);
  parts.push('</article>\n');
  return parts.join('\n');
}

async function siteInto(posts: Iterable<Post>, outDir: string, options: ExportOptions): Promise<ExportResult> {
  prepareOutFolder(outDir, ['months', 'posts']);
  const clock = zoneClock(options.timeZone ?? 'UTC');
  const title = options.title ?? 'Posts';
  const privacy = new PrivacyFilter(options.includePrivate === true);
  const copier = new MediaCopier(outDir, options.mediaSource);
  const monthFrame = (month: string) =>
    pageHtml({ title: `${title} — ${month}`, root: '../', body: `<nav><a href="../index.html">All months</a></nav>\n<h1>${escapeHtml(month)}</h1>\n${SPLIT}` }).split(SPLIT);
  const months = new MonthFiles(outDir, {
    name: (month) => `months/${month}.html`,
    head: (month) => monthFrame(month)[0]!,
    foot: (month) => monthFrame(month)[1]!,
  });
  const searchData = openOutFile(join(outDir, 'search-data.js'));
  writeSync(searchData, 'window.OUTBOX_SEARCH = [\n');
  let written = 0;
  try {
    for (const post of posts) {
      if (!privacy.keep(post)) continue;
      const ms = Date.parse(post.published);
      const at = Number.isFinite(ms) ? clock.at(ms) : null;
      const month = at?.month ?? 'undated';
      const media = await copier.copy(post);
      const key = postKey(post);
      const article = postHtml(post, key, at, clock.timeZone, media, '../');
      months.add(month, article);
      const nav = `<nav><a href="../index.html">All months</a> · <a href="../months/${month}.html#p-${key}">${escapeHtml(month)}</a></nav>`;
      writeOutFile(join(outDir, 'posts', `${key}.html`), pageHtml({ title: `${title} — ${at ? at.day : 'post'}`, root: '../', body: `${nav}\n${article}` }));
      const text = `${post.summary ? `${post.summary} ` : ''}${(post.boosted ?? post).text || post.boostOf || ''}`.slice(0, 2000);
      writeSync(searchData, `${JSON.stringify([`posts/${key}.html`, at ? `${at.day} ${at.time}` : 'undated', text])},\n`);
      written++;
    }
  } finally {
    writeSync(searchData, '];\n');
    closeSync(searchData);
  }
  const list = months.months();
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="summary"><span id="post-count">${written}</span> post${written === 1 ? '' : 's'} in ${list.length} month${list.length === 1 ? '' : 's'}; times in ${escapeHtml(clock.timeZone)}.</p>`,
    `<p class="notice" id="privacy">${escapeHtml(privacy.notice())}</p>`,
    '<form id="search" role="search" hidden><label>Search <input type="search" autocomplete="off"></label><p id="search-status" class="meta"></p><ol id="search-results"></ol></form>',
    `<ul class="months">${list.map(([month, n]) => `<li><a href="months/${month}.html">${escapeHtml(month)}</a> <span class="meta" data-count="${n}">${n}</span></li>`).join('')}</ul>`,
  ].join('\n');
  writeOutFile(join(outDir, 'index.html'), pageHtml({ title, root: '', body, scripts: ['search-data.js', 'search.js'] }));
  writeOutFile(join(outDir, 'style.css'), STYLE_CSS);
  writeOutFile(join(outDir, 'search.js'), SEARCH_JS);
  return { posts: written, months: list.length, media: copier.copied, mediaMissing: copier.missing, leftOut: { ...privacy.leftOut } };
}

/** Writes the static site into outDir (created when missing). Posts arrive oldest first (Archive.posts). */
export async function writeSite(posts: Iterable<Post>, outDir: string, options: ExportOptions = {}): Promise<ExportResult> {
  try {
    return await siteInto(posts, outDir, options);
  } catch (error) {
    throw writeFailure(error, outDir);
  }
}
