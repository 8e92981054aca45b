// The static site's sanitizer: the viewer's allow-list (renderer/lib/safe-html.ts) re-applied in Node over our own parse.
import { parseHtml, type ElementNode, type HtmlNode } from './html-tree.js';

/** Same lists as renderer/lib/safe-html.ts (Mastodon's MASTODON_STRICT); change both together. */
const ALLOWED_TAGS = new Set(['p', 'br', 'span', 'a', 'del', 'pre', 'code', 'em', 'strong', 'b', 'i', 'u', 'ul', 'ol', 'li', 'blockquote']);
const ALLOWED_ATTR = new Set(['href', 'rel', 'class', 'lang', 'translate']);
const ALLOWED_CLASS = /^(?:(?:h|p|u|dt|e)-[a-z-]+|mention|hashtag|ellipsis|invisible|quote-inline)$/;
const LINK_REL = 'noopener noreferrer nofollow';
/** DOMPurify's default FORBID_CONTENTS: these go with everything inside them; other unknown tags are unwrapped. */
const DROP_WITH_CONTENT = new Set([
  'annotation-xml', 'audio', 'colgroup', 'desc', 'foreignobject', 'head', 'iframe', 'math', 'mi', 'mn', 'mo', 'ms',
  'mtext', 'noembed', 'noframes', 'noscript', 'plaintext', 'script', 'style', 'svg', 'template', 'thead', 'title',
  'video', 'xmp',
]);

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/** Text as HTML text or attribute value. Most strings need nothing: one test, no copy (a site calls this ~100 times a post). */
export const escapeHtml = (text: string): string => (SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]!) : text);

/**
 * Recent answers of linkTarget: an export asks about the same hashtag, mention and server addresses again and
 * again, and parsing a URL is the dearest step of a card. Bounded: emptied when full.
 */
const LINK_TARGETS = new Map<string, string | null>();
const LINK_TARGETS_MAX = 8192;

/**
 * An http(s) URL that the URL parser gives back unchanged: a lower-case ASCII host whose last label starts with a
 * letter (never read as an IPv4 number) and no "--" (no "xn--" to decode), no port, no user, and a path of
 * characters the path never escapes, with no dot segment ("/." or any "%", which could spell one) and no query or
 * fragment. Nearly every link of a post (its own address, mentions, hashtags) is one: it is its own answer, without a
 * URL parse or a cache entry (a post's own address is asked once: it only pushed the others out of the cache).
 */
const PLAIN_URL = /^https?:\/\/(?:[a-z0-9]+(?:-[a-z0-9]+)*\.)*[a-z][a-z0-9]*(?:-[a-z0-9]+)*\/(?!\.)(?:[A-Za-z0-9_~@:!$&()*+,;=-]|\.|\/(?!\.))*$/;

/** An absolute http(s)/mailto URL, normalized; null for anything else (javascript:, data:, relative…). */
export function linkTarget(raw: string | undefined | null): string | null {
  if (!raw) return null;
  if (PLAIN_URL.test(raw)) return raw;
  const known = LINK_TARGETS.get(raw);
  if (known !== undefined) return known;
  const target = parseLinkTarget(raw);
  if (LINK_TARGETS.size >= LINK_TARGETS_MAX) LINK_TARGETS.clear();
  LINK_TARGETS.set(raw, target);
  return target;
}

function parseLinkTarget(raw: string): string | null {
  try {
    const url = new URL(raw.trim(), 'https://invalid.invalid/');
    if (url.host === 'invalid.invalid') return null;
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** A remote image is a tracker: it becomes a link naming it (or plain text), never an <img>. */
function imageReplacement(img: ElementNode): string {
  const href = linkTarget(img.attrs.get('src'));
  const alt = img.attrs.get('alt')?.trim();
  const label = `[image${alt ? `: ${alt}` : ''}]`;
  if (!href) return escapeHtml(label);
  return `<a href="${escapeHtml(href)}" rel="${LINK_REL}">${escapeHtml(alt ? label : `[image: ${href}]`)}</a>`;
}

function attributes(node: ElementNode): string {
  let out = '';
  for (const [name, value] of node.attrs) {
    if (!ALLOWED_ATTR.has(name) || name === 'href' || name === 'rel') continue;
    if (name === 'class') {
      const kept = value.split(/\s+/).filter((c) => ALLOWED_CLASS.test(c));
      if (kept.length) out += ` class="${escapeHtml(kept.join(' '))}"`;
      continue;
    }
    out += ` ${name}="${escapeHtml(value)}"`;
  }
  if (node.tag === 'a') {
    const href = linkTarget(node.attrs.get('href'));
    if (href) out = ` href="${escapeHtml(href)}"${out}`;
    out += ` rel="${LINK_REL}"`;
  }
  return out;
}

function emit(nodes: HtmlNode[], out: string[], inLink: boolean): void {
  for (const node of nodes) {
    if (typeof node === 'string') {
      out.push(escapeHtml(node));
      continue;
    }
    if (node.tag === 'img') {
      out.push(inLink ? escapeHtml(`[image${node.attrs.get('alt')?.trim() ? `: ${node.attrs.get('alt')!.trim()}` : ''}]`) : imageReplacement(node));
      continue;
    }
    if (DROP_WITH_CONTENT.has(node.tag)) continue;
    if (!ALLOWED_TAGS.has(node.tag) || (node.tag === 'a' && inLink)) {
      emit(node.children, out, inLink); // unwrap: keep the text, lose the element
      continue;
    }
    if (node.tag === 'br') {
      out.push('<br>');
      continue;
    }
    out.push(`<${node.tag}${attributes(node)}>`);
    emit(node.children, out, inLink || node.tag === 'a');
    out.push(`</${node.tag}>`);
  }
}

/** Archive HTML → HTML that holds only allowed tags, attributes, classes and http(s)/mailto links; all text escaped. */
export function sanitizeHtml(html: string): string {
  const out: string[] = [];
  emit(parseHtml(html), out, false);
  return out.join('');
}
