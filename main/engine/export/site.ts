// `outbox export --format html`: a static site that looks like the viewer (profile, cards, threads, lightbox, dark mode),
// with an index, a page per month, a page per post and an Atom feed, for file:// or any web server; nothing remote.
import { closeSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Post, Profile } from '../../../preload/contract.js';
import { zoneClock } from '../stats/zone-clock.js';
import type { ExportOptions, ExportResult } from './export-options.js';
import { FileWriter } from './file-writer.js';
import { MediaCopier, postKey, startedAhead } from './media-copy.js';
import { siteDateTime } from './site-dates.js';
import { MonthFiles } from './month-files.js';
import { openOutFile, prepareOutFolder, writeFailure, writeOutFile } from './out-folder.js';
import { PrivacyFilter } from './privacy.js';
import { escapeHtml } from './sanitize.js';
import { SEARCH_JS, STYLE_CSS, pageHtml } from './site-assets.js';
import { accountName, avatarHtml, bdi, postCard, threadLink, type CardContext, type LocalPost } from './site-card.js';
import { FeedEntries } from './site-feed.js';
import { fill, plural, privacyNotice, siteWords } from './site-words.js';
import { profileHtml } from './site-profile.js';

const SPLIT = '\u0000posts\u0000';
const REPLIES = '<!--outbox:replies-->';
/** A page title holds archive text: first-strong isolates keep a right-to-left name from reordering the rest. */
const isolate = (text: string): string => `\u2068${text}\u2069`;
const EXCERPT = 100;
/** search-data.js is written in pieces of about this many characters (not one write per post). */
const SEARCH_CHUNK = 64 * 1024;
/**
 * The pages of the latest posts wait this long before being written. A reply usually follows its post soon: while
 * the post's page still waits, its replies are added in memory; once written, the page must be read back and
 * written again (and rewriting a file costs the file system more than writing a new one).
 */
const HELD_PAGES = 4096;

/** Copies the profile's avatar and header through the same copier as post media (names we make, bytes made inert). */
async function profileImages(profile: Profile | null, options: ExportOptions, outDir: string): Promise<{ avatar: string | null; header: string | null }> {
  const source = options.profileMedia;
  if (!profile || !source) return { avatar: null, header: null };
  const copier = new MediaCopier(outDir, (path) => source(path));
  const copy = async (path: string | null, which: string, description: string | null): Promise<string | null> => {
    if (!path) return null;
    // MediaCopier takes a post: this one carries only the picture (its id names the file, never the archive's path)
    const holder = { id: `${profile.id}#${which}`, media: [{ path, url: path, mediaType: '', kind: 'image', description, present: true }] } as unknown as Post;
    const [copied] = await copier.copy(holder);
    return copied?.file ?? null;
  };
  return { avatar: await copy(profile.avatar, 'avatar', profile.avatarDescription), header: await copy(profile.header, 'header', profile.headerDescription) };
}

async function siteInto(posts: Iterable<Post>, outDir: string, options: ExportOptions): Promise<ExportResult> {
  prepareOutFolder(outDir, ['months', 'posts']);
  const clock = zoneClock(options.timeZone ?? 'UTC');
  const { lang, dir, words: w } = siteWords(options.lang);
  const title = options.title ?? 'Posts';
  const profile = options.profile ?? null;
  const images = await profileImages(profile, options, outDir);
  const privacy = new PrivacyFilter(options.includePrivate === true);
  // Pages and media copies are made on a second thread, in batches (file-writer.ts): from libuv's threads, one
  // hand-off per open, write and close, they cost more than written here in turn.
  const files = new FileWriter();
  const copier = new MediaCopier(outDir, options.mediaSource, files);
  const dateTime = siteDateTime(lang, clock);
  const monthName = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const monthLabels = new Map<string, string>();
  const monthLabel = (month: string): string => {
    let label = monthLabels.get(month);
    if (label === undefined) {
      label = /^\d{4}-\d{2}$/.test(month) ? monthName.format(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, 15)) : month;
      monthLabels.set(month, label);
    }
    return label;
  };
  // Intl's format is the dearest call per post, and a post's date is shown on its card and its thread links: the
  // last answer is kept (the same post asks again right away).
  let lastIso = '';
  let lastWhen = '';
  const when = (iso: string) => {
    if (iso === lastIso) return lastWhen;
    const ms = Date.parse(iso);
    lastIso = iso;
    lastWhen = Number.isFinite(ms) ? dateTime(ms) : iso;
    return lastWhen;
  };
  const local = new Map<string, LocalPost>();
  const children = new Map<string, string[]>();
  const card: CardContext = { lang, words: w, root: '../', profile, avatar: images.avatar, local: (id) => local.get(id), when };
  const { name } = accountName(profile);
  const topbar = (root: string) =>
    `<header class="topbar">${avatarHtml({ avatar: images.avatar, profile, root })}<a href="${root}index.html">${bdi(name || title)}</a>` +
    `<nav><a href="${root}index.html">${escapeHtml(w.allMonths)}</a></nav></header>`;
  const page = (pageTitle: string, root: string, body: string, scripts?: string[]) =>
    pageHtml({ title: pageTitle, root, body: `${topbar(root)}\n<main>\n${body}\n</main>`, scripts, lang, dir });
  const monthFrame = (month: string) => page(`${isolate(title)} — ${monthLabel(month)}`, '../', `<h1>${escapeHtml(monthLabel(month))}</h1>\n${SPLIT}`).split(SPLIT);
  const months = new MonthFiles(outDir, {
    name: (month) => `months/${month}.html`,
    head: (month) => monthFrame(month)[0]!,
    foot: (month) => monthFrame(month)[1]!,
  }, files);
  const feed = new FeedEntries();
  const searchData = openOutFile(join(outDir, 'search-data.js'));
  let searchText: string[] = ['window.OUTBOX_SEARCH = [\n'];
  let searchSize = 0;
  // pages not yet written, oldest first (from heldFrom on), and their posts' ids
  let held: Array<[string, string]> = [];
  let heldFrom = 0;
  const heldIds = new Set<string>();
  const heldPages = Math.max(0, options.heldPages ?? HELD_PAGES);
  const pageFile = (id: string) => join(outDir, 'posts', `${local.get(id)!.key}.html`);
  const kept = function* () {
    for (const post of posts) if (privacy.keep(post)) yield post;
  };
  let written = 0;
  try {
    for await (const [post, media] of startedAhead(kept(), (p) => copier.copy(p))) {
      const ms = Date.parse(post.published);
      const at = Number.isFinite(ms) ? clock.at(ms) : null;
      const month = at?.month ?? 'undated';
      const key = postKey(post);
      const shown = post.boosted ?? post;
      const excerpt = (shown.summary ?? shown.text ?? '').replace(/\s+/g, ' ').trim();
      const article = postCard(post, key, media, card);
      const flushing = months.add(month, article);
      if (flushing) await flushing;
      // the thread above this post: its ancestors in this export, oldest first
      const ancestors: LocalPost[] = [];
      for (let up = post.inReplyTo ? local.get(post.inReplyTo) : undefined; up && ancestors.length < 50; up = up.parent ? local.get(up.parent) : undefined) ancestors.unshift(up);
      const thread = ancestors.length ? `<ol class="thread" aria-label="${escapeHtml(w.thread)}">${ancestors.map((a) => threadLink(a, card)).join('')}</ol>\n` : '';
      const nav = `<nav><a href="../months/${month}.html#p-${key}">${escapeHtml(monthLabel(month))}</a></nav>`;
      heldIds.add(post.id);
      held.push([post.id, page(`${isolate(title)} — ${at ? at.day : 'post'}`, '../', `${nav}\n${thread}${article}${REPLIES}`)]);
      const entry: LocalPost = { key, excerpt: excerpt.length > EXCERPT ? `${excerpt.slice(0, EXCERPT - 1)}…` : excerpt, when: when(post.published), parent: post.inReplyTo };
      local.set(post.id, entry);
      if (post.inReplyTo && local.has(post.inReplyTo)) {
        const siblings = children.get(post.inReplyTo);
        if (siblings) siblings.push(post.id);
        else children.set(post.inReplyTo, [post.id]);
      }
      if (held.length - heldFrom > heldPages) {
        const [id, html] = held[heldFrom++]!;
        heldIds.delete(id);
        await files.write(pageFile(id), html);
        if (heldFrom >= 4096) {
          held = held.slice(heldFrom);
          heldFrom = 0;
        }
      }
      feed.add(post, key);
      const text = `${post.summary ? `${post.summary} ` : ''}${shown.text || post.boostOf || ''}`.slice(0, 2000);
      const line = `${JSON.stringify([`posts/${key}.html`, entry.when, text])},\n`;
      searchText.push(line);
      searchSize += line.length;
      if (searchSize >= SEARCH_CHUNK) {
        writeFileSync(searchData, searchText.join(''));
        searchText = [];
        searchSize = 0;
      }
      written++;
    }
    await months.flush(); // the last month too, by the writer's thread
    searchText.push('];\n');
    writeFileSync(searchData, searchText.join(''));
    // the pages written so far are read back below (for their replies)
    await files.drain();
  } catch (error) {
    await files.stop();
    throw error;
  } finally {
    closeSync(searchData);
  }
  // replies are known only after their parent's page was made: added to the pages still held, else to the written page
  const repliesList = (replies: string[]) =>
    `<section class="replies-section"><h2>${escapeHtml(w.repliesInThread)}</h2><ol class="replies">${replies.map((id) => threadLink(local.get(id)!, card)).join('')}</ol></section>`;
  try {
    for (const [parent, replies] of children) {
      if (heldIds.has(parent)) continue;
      const file = pageFile(parent);
      if (!existsSync(file)) continue;
      // read here (every page was written by the drain above), written again by the thread with the rest
      await files.write(file, readFileSync(file, 'utf8').replace(REPLIES, repliesList(replies)));
    }
    for (let k = heldFrom; k < held.length; k++) {
      const [id, html] = held[k]!;
      const replies = children.get(id);
      await files.write(pageFile(id), replies ? html.replace(REPLIES, repliesList(replies)) : html);
    }
    await files.close();
  } catch (error) {
    await files.stop();
    throw error;
  }
  held = [];
  const list = await months.months();
  const notice = privacyNotice(privacy, lang, w, options.includePrivate === true);
  const forms = JSON.stringify(w.searchFound);
  const body = [
    profile ? profileHtml(profile, images, { lang, words: w, root: '' }) : `<h1>${bdi(title)}</h1>`,
    `<p class="summary">${escapeHtml(fill(w.summary, { posts: '\u0000', months: plural(lang, w.monthsCount, list.length), zone: clock.timeZone })).replace('\u0000', `<span id="post-count-text">${escapeHtml(plural(lang, w.posts, written)).replace(new Intl.NumberFormat(lang).format(written), `<span id="post-count">${written}</span>`)}</span>`)}</p>`,
    `<p class="notice" id="privacy">${escapeHtml(notice)}</p>`,
    options.pseudonymized ? `<p class="notice" id="pseudonyms">${escapeHtml(w.pseudonymized)}</p>` : '',
    `<form id="search" role="search" hidden data-forms="${escapeHtml(forms)}" data-capped="${escapeHtml(w.searchCapped)}"><label>${escapeHtml(w.search)} <input type="search" autocomplete="off"></label><p id="search-status" class="meta" aria-live="polite"></p><ol id="search-results"></ol></form>`,
    `<noscript><p class="meta">${escapeHtml(w.noScriptSearch)}</p></noscript>`,
    `<h2>${escapeHtml(w.months)}</h2>`,
    `<ul class="months">${list.map(([month, n]) => `<li><a href="months/${month}.html">${escapeHtml(monthLabel(month))}</a> <span class="meta" data-count="${n}">${escapeHtml(plural(lang, w.posts, n))}</span></li>`).join('')}</ul>`,
    `<p class="meta"><a href="feed.xml">${escapeHtml(w.feed)}</a></p>`,
  ].join('\n');
  writeOutFile(join(outDir, 'index.html'), pageHtml({ title: isolate(title), root: '', body: `<main>\n${body}\n</main>`, scripts: ['search-data.js', 'search.js'], lang, dir }));
  writeOutFile(join(outDir, 'feed.xml'), feed.xml(title, name, (post) => `${when(post.published)} · ${post.type === 'boost' ? w.kindBoost : post.inReplyTo ? w.kindReply : w.kindPost}`));
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
