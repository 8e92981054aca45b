// The static site's fixed files and page frame: stylesheet, search script, CSP, and the HTML around every page.
import { escapeHtml } from './sanitize.js';

/**
 * No request can leave the folder: everything is 'self' (file:// pages may load only their own files), and
 * nothing remote is ever written. Inline scripts and styles are refused, so sanitized content cannot run anything.
 */
export const SITE_CSP =
  "default-src 'self'; img-src 'self'; media-src 'self'; style-src 'self'; script-src 'self'; connect-src 'none'; " +
  "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

export const STYLE_CSS = `/* Outbox static export */
:root { color-scheme: light dark; --fg: #1d1d1f; --muted: #5f6368; --line: #d9d9de; --bg: #fff; --accent: #4a4ad0; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececf1; --muted: #a0a4ab; --line: #3a3a40; --bg: #17171a; --accent: #9d9dff; } }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 44rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
nav, .meta, .notice, .context { color: var(--muted); font-size: .9rem; }
.notice { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .75rem; }
article.post { border-top: 1px solid var(--line); padding: .75rem 0; overflow-wrap: anywhere; }
.invisible { display: none; }
.ellipsis::after { content: "…"; }
.media { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; }
.media img, .media video { max-width: 100%; max-height: 24rem; border-radius: .25rem; }
.missing { color: var(--muted); font-style: italic; }
ul.months { columns: 12rem; }
#search input { width: 100%; font: inherit; padding: .4rem; }
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
    status.textContent = found + (found === 1 ? ' post' : ' posts') + (found > 200 ? ' (first 200 shown)' : '');
  });
})();
`;

/** The HTML of one page; `root` is the relative path back to the site's folder ("" or "../"). */
export function pageHtml(options: { title: string; root: string; body: string; scripts?: string[] }): string {
  const scripts = (options.scripts ?? []).map((s) => `<script src="${options.root}${s}"></script>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${options.root}style.css">
</head>
<body>
${options.body}
${scripts}
</body>
</html>
`;
}
