// The one door for archive HTML: DOMPurify with Mastodon's strict allow-list, then unsafeHTML. Nothing else may.
import DOMPurify from 'dompurify';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { DirectiveResult } from 'lit/directive.js';
import { highlightPattern } from './highlight.js';
import { t } from './i18n.js';

/** Mastodon's sanitize_config (Sanitize::Config::MASTODON_STRICT), kept narrow on purpose. */
const ALLOWED_TAGS = ['p', 'br', 'span', 'a', 'del', 'pre', 'code', 'em', 'strong', 'b', 'i', 'u', 'ul', 'ol', 'li', 'blockquote'];
const ALLOWED_ATTR = ['href', 'rel', 'class', 'lang', 'translate'];
/** Microformats plus Mastodon's own classes; every other class is dropped so archive HTML cannot borrow ours. */
const ALLOWED_CLASS = /^(?:(?:h|p|u|dt|e)-[a-z-]+|mention|hashtag|ellipsis|invisible|quote-inline)$/;
const LINK_REL = 'noopener noreferrer nofollow';

export interface SafeHtmlOptions {
  /** words to wrap in <mark> (Page.terms) */
  terms?: readonly string[];
  /** custom emoji shortcodes (without colons) to show as :shortcode: chips */
  emojis?: readonly string[];
  /** drop `p.quote-inline` (the quote is shown on its own) */
  hideQuoteInline?: boolean;
}

function linkTarget(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw, 'https://invalid.invalid/');
    if (url.host === 'invalid.invalid') return null; // relative: no page of ours to point at
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const purify = DOMPurify(window);

// A remote image is a tracker: it becomes a link naming it, placed right after the <img> so DOMPurify still
// walks (and sanitizes) the new link; the <img> itself is not on the allow-list and is removed.
purify.addHook('uponSanitizeElement', (node, data) => {
  if (data.tagName !== 'img' || !(node instanceof Element)) return;
  const href = linkTarget(node.getAttribute('src'));
  const alt = node.getAttribute('alt')?.trim();
  const label = alt ? t('html.image', { alt }) : t('html.imageBare');
  const doc = node.ownerDocument;
  if (href) {
    const a = doc.createElement('a');
    a.setAttribute('href', href);
    a.textContent = alt ? label : t('html.image', { alt: href });
    node.after(a);
  } else {
    node.after(doc.createTextNode(label));
  }
});

purify.addHook('afterSanitizeAttributes', (node) => {
  if (!(node instanceof Element)) return;
  const classes = node.getAttribute('class');
  if (classes !== null) {
    const kept = classes.split(/\s+/).filter((c) => ALLOWED_CLASS.test(c));
    if (kept.length) node.setAttribute('class', kept.join(' '));
    else node.removeAttribute('class');
  }
  if (node.tagName === 'A') {
    const href = linkTarget(node.getAttribute('href'));
    if (href) node.setAttribute('href', href);
    else node.removeAttribute('href');
    node.setAttribute('rel', LINK_REL);
    node.setAttribute('target', '_blank');
  }
});

function textNodes(root: Node): Text[] {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** Wraps every match of pattern in the text nodes under root with an element made by wrap. */
function wrapMatches(root: Node, pattern: RegExp, wrap: (match: string) => Element | null): void {
  for (const node of textNodes(root)) {
    const text = node.data;
    pattern.lastIndex = 0;
    if (!pattern.test(text)) continue;
    pattern.lastIndex = 0;
    const parts = document.createDocumentFragment();
    let last = 0;
    for (const m of text.matchAll(pattern)) {
      const el = wrap(m[0]);
      if (!el) continue;
      parts.append(text.slice(last, m.index), el);
      last = m.index! + m[0].length;
    }
    parts.append(text.slice(last));
    node.replaceWith(parts);
  }
}

/** Sanitized HTML as a string (exported for tests). */
export function sanitize(html: string, options: SafeHtmlOptions = {}): string {
  const fragment = purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
    // ALLOWED_URI_REGEXP would otherwise drop every non-URL value of these two (DOMPurify checks them as URIs).
    ADD_URI_SAFE_ATTR: ['lang', 'translate'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  if (options.hideQuoteInline) fragment.querySelectorAll('p.quote-inline').forEach((p) => p.remove());
  const emojis = new Set(options.emojis ?? []);
  if (emojis.size) {
    wrapMatches(fragment, /:([A-Za-z0-9_]+):/g, (m) => {
      if (!emojis.has(m.slice(1, -1))) return null;
      const chip = document.createElement('span');
      chip.className = 'ox-emoji';
      chip.textContent = m;
      return chip;
    });
  }
  const pattern = highlightPattern(options.terms ?? []);
  if (pattern) {
    wrapMatches(fragment, pattern, (m) => {
      const mark = document.createElement('mark');
      mark.textContent = m;
      return mark;
    });
  }
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

/** Archive HTML as a Lit value, through the sanitizer. */
export function safeHtml(html: string, options: SafeHtmlOptions = {}): DirectiveResult {
  return unsafeHTML(sanitize(html, options));
}
