// htmlToText: the plain text of a post's HTML for search and exports. No DOM; one linear pass.

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„', laquo: '«', raquo: '»',
  copy: '©', reg: '®', trade: '™', bull: '•', middot: '·', times: '×', divide: '÷', deg: '°', plusmn: '±',
  euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', iexcl: '¡', iquest: '¿', shy: '',
  zwj: '\u200d', zwnj: '\u200c', ensp: ' ', emsp: ' ', thinsp: ' ', prime: '′', larr: '←', rarr: '→',
  uarr: '↑', darr: '↓', hearts: '♥', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü',
  szlig: 'ß', eacute: 'é', egrave: 'è', ecirc: 'ê', aacute: 'á', agrave: 'à', acirc: 'â', iacute: 'í',
  oacute: 'ó', uacute: 'ú', ntilde: 'ñ', ccedil: 'ç', Eacute: 'É', aring: 'å', oslash: 'ø', aelig: 'æ',
};

const BLOCK = new Set(['p', 'div', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol']);

function decodeEntity(match: string, body: string): string {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return match;
    return code === 0xa0 ? ' ' : String.fromCodePoint(code);
  }
  return NAMED[body] ?? match;
}

const isNameChar = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
/** After '<', a tag starts only with a letter, '/', '!' or '?' (as in HTML: "1 < 2" is text). */
const opensTag = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2f || c === 0x21 || c === 0x3f;

/**
 * What the tag at html[open..close] turns into: a line break for <br>, a paragraph break after block elements,
 * else nothing. Only its first 64 characters are looked at.
 */
function tagText(html: string, open: number, close: number): string {
  const limit = Math.min(close, open + 64);
  let k = open + 1;
  const closing = html.charCodeAt(k) === 0x2f;
  if (closing) k++;
  let end = k;
  while (end < limit && isNameChar(html.charCodeAt(end))) end++;
  const length = end - k;
  // The names that matter are 1, 2, 3 or 10 letters long: most tags (a, span) are told apart without a slice.
  if (length === 0 || length > 10) return '';
  const first = html.charCodeAt(k) | 0x20; // ASCII letters lower-cased; digits never match a letter below
  if (length === 1) return closing && first === 0x70 ? '\n\n' : ''; // p
  if (length === 2) {
    const second = html.charCodeAt(k + 1) | 0x20;
    if (first === 0x62 && second === 0x72) return '\n'; // br
    if (!closing) return '';
    if (first === 0x6c && second === 0x69) return '\n'; // li
  } else if (!closing || (length !== 3 && length !== 10)) return '';
  const name = html.slice(k, end).toLowerCase();
  return BLOCK.has(name) ? '\n\n' : '';
}

/** The tidying of a text: runs of spaces → one space, spaces around line breaks dropped, at most one blank line. */
function tidy(text: string): string {
  if (text.indexOf('  ') < 0 && text.indexOf('\n') < 0) return trimmed(text);
  let out = '';
  let from = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a) continue;
    // A run of spaces and line breaks: one space without a break, else its breaks (at most two).
    let j = i;
    let breaks = 0;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d === 0x0a) breaks++;
      else if (d !== 0x20) break;
    }
    if (breaks === 0 && j - i === 1) {
      i = j - 1;
      continue;
    }
    out += text.slice(from, i) + (breaks === 0 ? ' ' : breaks === 1 ? '\n' : '\n\n');
    from = j;
    i = j - 1;
  }
  return trimmed(from === 0 ? text : out + text.slice(from));
}

/**
 * `s.trim()` as a string of its own. V8 answers a trim that cut something with a slice (32 bytes) that keeps the
 * whole untrimmed string alive: every post's text ends in a paragraph break, so a cold open held ~35 bytes more per
 * post for as long as the post (~30 MB for 1M posts). A join of two parts allocates one flat string.
 */
function trimmed(s: string): string {
  const t = s.trim();
  return t.length === s.length || t.length < 13 ? t : [t.slice(0, 1), t.slice(1)].join('');
}

/**
 * Index of the '>' that closes the tag opened at `open`, skipping quoted attribute values (`href="a>b"` must not
 * end the tag early and leak markup into the text); -1 when the tag never closes. Linear over the whole text: each
 * character is walked once, and a quote character never seen again is remembered so it is not searched for twice.
 */
function tagEnd(source: string, open: number): number {
  const n = source.length;
  let previous = 0;
  for (let k = open + 1; k < n; k++) {
    const c = source.charCodeAt(k);
    if (c === 0x3e) return k;
    if ((c === 0x22 || c === 0x27) && previous === 0x3d && (unclosed & quoteBit(c)) === 0) {
      const end = source.indexOf(c === 0x22 ? '"' : "'", k + 1);
      if (end < 0) {
        unclosed |= quoteBit(c); // an unterminated quote: read the tag as ending at its first '>', as before
        return source.indexOf('>', open + 1);
      }
      k = end;
      previous = 0;
      continue;
    }
    if (c !== 0x20) previous = c;
  }
  return -1;
}

/** Quote characters (bit 1: ", bit 2: ') never closed again in the text htmlToText reads: bits, not a Set per call. */
let unclosed = 0;
const quoteBit = (c: number): number => (c === 0x22 ? 1 : 2);

const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;

/** 'script' or 'style' when the tag at html[open] opens one of them (their content is code, never text), else null. */
function rawTextElement(html: string, open: number): 'script' | 'style' | null {
  const c = html.charCodeAt(open + 1) | 0x20;
  if (c !== 0x73) return null; // s
  for (const name of ['script', 'style'] as const) {
    const after = html.charCodeAt(open + 1 + name.length);
    if (html.slice(open + 1, open + 1 + name.length).toLowerCase() === name && !isNameChar(after)) return name;
  }
  return null;
}

/** Plain text of `html`: tags stripped, <script> and <style> dropped with their content, entities decoded, <br> → newline, paragraphs → blank line. One pass each. */
export function htmlToText(html: string): string {
  if (typeof html !== 'string' || html.length === 0) return '';
  // Mastodon's HTML has no raw line breaks or tabs: three native scans are cheaper than a regex replace per post.
  const source = html.indexOf('\n') < 0 && html.indexOf('\r') < 0 && html.indexOf('\t') < 0
    ? html
    : html.replace(/[\r\n\t]+/g, ' ');
  const parts: string[] = [];
  let i = 0;
  let open = source.indexOf('<');
  let lower: string | null = null;
  unclosed = 0;
  while (open >= 0) {
    if (!opensTag(source.charCodeAt(open + 1))) {
      open = source.indexOf('<', open + 1);
      continue;
    }
    const close = tagEnd(source, open);
    if (close < 0) break; // a lone '<' to the end is text, not a tag
    if (open > i) parts.push(source.slice(i, open));
    const raw = rawTextElement(source, open);
    if (raw !== null) {
      // As a browser does: everything up to the closing tag is the element's code, none of it text.
      lower ??= source.toLowerCase();
      const end = lower.indexOf(`</${raw}`, close + 1);
      const endClose = end < 0 ? -1 : source.indexOf('>', end);
      i = endClose < 0 ? source.length : endClose + 1;
      open = source.indexOf('<', i);
      continue;
    }
    const replaced = tagText(source, open, close);
    if (replaced !== '') parts.push(replaced);
    i = close + 1;
    open = source.indexOf('<', i);
  }
  let text = source;
  if (i > 0) {
    parts.push(source.slice(i));
    text = parts.join('');
  }
  if (text.indexOf('&') >= 0) text = text.replace(ENTITY, decodeEntity);
  return tidy(text);
}
