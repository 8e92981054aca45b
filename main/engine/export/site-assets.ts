// The static site's fixed files and page frame: stylesheet, search script, CSP, and the HTML around every page.
import { escapeHtml } from './sanitize.js';

/**
 * No request can leave the folder: everything is 'self' (file:// pages may load only their own files), and
 * nothing remote is ever written. Inline scripts and styles are refused, so sanitized content cannot run anything.
 */
export const SITE_CSP =
  "default-src 'self'; img-src 'self'; media-src 'self'; style-src 'self'; script-src 'self'; connect-src 'none'; " +
  "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

export const STYLE_CSS = `/* Outbox static export: the viewer's colours (renderer/styles/tokens.css), light and dark */
:root {
  color-scheme: light dark;
  --bg: #f4f5f8; --surface: #fff; --surface-2: #f0f1f5; --text: #1b2030; --muted: #5d6577; --faint: #858c9c;
  --border: #e1e4ea; --accent: #5a4fcf; --on-accent: #fff; --accent-soft: #ecebfb; --link: #4c43c4; --warning: #9a5b00;
  --warning-soft: #fff3dc; --private: #8a3fb8; --scrim: rgb(10 12 20 / 0.94); --on-scrim: #f4f5f8;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #111318; --surface: #1a1d24; --surface-2: #22262f; --text: #e7e9f0; --muted: #a3aabb; --faint: #7a8195;
    --border: #2a2e38; --accent: #8f86ff; --on-accent: #111318; --accent-soft: #2a2750; --link: #a59dff; --warning: #f0b35a;
    --warning-soft: #3a2d14; --private: #d09cf0;
  }
}
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--text); background: var(--bg); margin: 0; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem; }
a { color: var(--link); }
h1, h2 { line-height: 1.25; }
.topbar { display: flex; align-items: center; gap: .6rem; max-width: 42rem; margin: 0 auto; padding: .75rem 1rem 0; }
.topbar .avatar { width: 32px; height: 32px; }
.meta, .context, .notice, nav, .post-foot { color: var(--muted); font-size: .9rem; }
.notice { background: var(--surface); border: 1px solid var(--border); border-radius: .75rem; padding: .6rem .9rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.profile { background: var(--surface); border: 1px solid var(--border); border-radius: 1rem; overflow: hidden; margin-bottom: 1rem; }
.profile .banner { display: block; width: 100%; aspect-ratio: 3 / 1; object-fit: cover; background: var(--accent-soft); }
.profile .banner.empty { height: 6rem; aspect-ratio: auto; }
.profile .identity { display: flex; align-items: flex-end; gap: .9rem; padding: 0 1rem; margin-top: -2.5rem; }
.profile .identity .avatar { width: 88px; height: 88px; border: 4px solid var(--surface); border-radius: 1rem; }
.profile .identity .placeholder { font-size: 2.2rem; }
.profile h1 { margin: .4rem 0 0; font-size: 1.4rem; }
.profile .handle { color: var(--muted); display: block; }
.profile .bio, .profile .fields, .profile .joined { padding: 0 1rem; }
.profile .fields { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: 0; margin: .5rem 1rem; padding: 0; border: 1px solid var(--border); border-radius: .5rem; }
.profile .fields dt, .profile .fields dd { margin: 0; padding: .4rem .6rem; border-bottom: 1px solid var(--border); overflow-wrap: anywhere; }
.profile .fields dt { color: var(--muted); font-size: .85rem; text-transform: uppercase; }
.profile .joined { color: var(--muted); font-size: .9rem; padding-bottom: 1rem; }
.avatar { width: 46px; height: 46px; border-radius: .6rem; object-fit: cover; flex: none; background: var(--accent-soft); }
.avatar.placeholder { display: inline-grid; place-items: center; color: var(--accent); font-weight: 700; font-size: 1.2rem; }
article.post, article.thread-post { background: var(--surface); border: 1px solid var(--border); border-radius: 1rem; padding: .9rem 1rem; margin: 0 0 .75rem; overflow-wrap: anywhere; }
article.in-thread { margin-inline-start: 1.5rem; border-inline-start: 3px solid var(--accent-soft); }
.post-head { display: flex; align-items: center; gap: .6rem; }
.post-head .who { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.post-head .name { font-weight: 650; }
.post-head .handle { color: var(--muted); font-size: .9rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.permalink { color: var(--muted); font-size: .85rem; text-decoration: none; white-space: nowrap; }
.permalink:hover { text-decoration: underline; }
.context { margin: .5rem 0 0; }
.content { margin-top: .5rem; }
.content p { margin: 0 0 .6rem; }
.content p:last-child { margin-bottom: 0; }
.invisible { display: none; }
.ellipsis::after { content: "…"; }
details.cw { margin-top: .5rem; }
details.cw > summary { cursor: pointer; background: var(--warning-soft); color: var(--warning); border-radius: .5rem; padding: .35rem .6rem; font-weight: 600; }
.media { display: grid; grid-template-columns: 1fr 1fr; gap: .35rem; list-style: none; padding: 0; margin: .6rem 0 0; }
.media.media-1 { grid-template-columns: 1fr; }
.media li { position: relative; margin: 0; }
.media li.wide { grid-column: 1 / -1; }
.media img, .media video { display: block; width: 100%; max-height: 24rem; object-fit: cover; border-radius: .5rem; background: var(--surface-2); }
.media.media-1 img { object-fit: contain; }
.media .no-alt { position: absolute; inset-inline-start: .3rem; bottom: .3rem; background: var(--scrim); color: var(--on-scrim); font-size: .7rem; border-radius: .3rem; padding: 0 .3rem; }
.media audio { width: 100%; }
.missing { color: var(--muted); font-style: italic; }
.lightbox { display: none; }
.lightbox:target { display: flex; position: fixed; inset: 0; z-index: 10; flex-direction: column; align-items: center; justify-content: center; gap: .75rem; background: var(--scrim); color: var(--on-scrim); padding: 2rem; }
.lightbox img { max-width: 100%; max-height: 85vh; object-fit: contain; }
.lightbox-close { position: absolute; top: 1rem; inset-inline-end: 1rem; color: var(--on-scrim); }
.lightbox-alt { max-width: 40rem; margin: 0; }
.poll ul { list-style: none; padding: 0; margin: .6rem 0 0; }
.poll li { display: grid; grid-template-columns: 1fr auto; gap: .1rem .5rem; margin-bottom: .4rem; }
.poll progress { grid-column: 1 / -1; width: 100%; height: .45rem; accent-color: var(--accent); }
.poll-share { color: var(--muted); font-variant-numeric: tabular-nums; }
.quote-card { margin: .6rem 0 0; border: 1px solid var(--border); border-radius: .75rem; padding: .5rem .75rem; background: var(--surface-2); }
.quote-card a { color: inherit; text-decoration: none; display: flex; flex-direction: column; }
.post-foot { display: flex; flex-wrap: wrap; align-items: center; gap: .2rem .6rem; margin-top: .6rem; }
.post-foot .count { font-variant-numeric: tabular-nums; }
.post-foot .original { margin-inline-start: auto; }
.vis-private, .vis-direct { color: var(--private); }
.thread, .replies { list-style: none; padding: 0; margin: 0 0 .75rem; }
li.thread-post { border-inline-start: 3px solid var(--accent-soft); padding: .3rem .75rem; margin-bottom: .35rem; background: var(--surface); border-radius: .5rem; }
li.thread-post a { color: inherit; text-decoration: none; display: flex; gap: .6rem; }
li.thread-post time { color: var(--muted); white-space: nowrap; font-size: .85rem; }
ul.months { columns: 12rem; padding-inline-start: 1.2rem; }
#search { margin: 1rem 0; }
#search input { width: 100%; font: inherit; padding: .5rem .7rem; border: 1px solid var(--border); border-radius: .6rem; background: var(--surface); color: var(--text); }
#search-results li { margin-bottom: .4rem; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
`;

/** Search over the index data file (a script assigning a global: file:// pages cannot fetch). Builds DOM with textContent only. */
export const SEARCH_JS = `// Outbox static export: find posts by words, without a server.
(function () {
  var form = document.getElementById('search');
  var data = window.OUTBOX_SEARCH;
  if (!form || !data) return;
  form.hidden = false;
  var input = form.querySelector('input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  // the words come from the page (data-* on the form): this file is the same in every language
  var lang = document.documentElement.lang || 'en';
  var forms = { one: '{n} post', other: '{n} posts' };
  try { forms = JSON.parse(form.getAttribute('data-forms')) || forms; } catch (e) { /* keep English */ }
  var rules = new Intl.PluralRules(lang);
  var capped = form.getAttribute('data-capped') || '(first 200 shown)';
  var counted = function (n) { return (forms[rules.select(n)] || forms.other).replace('{n}', n.toLocaleString(lang)); };
  var lower = data.map(function (entry) { return entry[2].toLowerCase(); });
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  input.addEventListener('input', function () {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    list.textContent = '';
    status.textContent = '';
    if (!words.length) return;
    var found = 0;
    for (var i = 0; i < data.length; i++) {
      if (!words.every(function (w) { return lower[i].indexOf(w) >= 0; })) continue;
      found++;
      if (found > 200) continue;
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = data[i][0];
      link.textContent = data[i][1];
      item.appendChild(link);
      item.appendChild(document.createTextNode(' ' + data[i][2].slice(0, 160)));
      list.appendChild(item);
    }
    status.textContent = counted(found) + (found > 200 ? ' ' + capped : '');
  });
})();
`;

/** The HTML of one page; `root` is the relative path back to the site's folder ("" or "../"). */
export function pageHtml(options: { title: string; root: string; body: string; scripts?: string[]; lang?: string; dir?: 'ltr' | 'rtl'; head?: string }): string {
  const scripts = (options.scripts ?? []).map((s) => `<script src="${options.root}${s}"></script>`).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? 'en')}" dir="${options.dir ?? 'ltr'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${options.root}style.css">
<link rel="alternate" type="application/atom+xml" href="${options.root}feed.xml">${options.head ?? ''}
</head>
<body>
${options.body}
${scripts}
</body>
</html>
`;
}
