// A small, tolerant HTML parser (no DOM in Node): archive HTML → a tree the sanitizer and Markdown writer walk.

export interface ElementNode {
  tag: string;
  attrs: Map<string, string>;
  children: HtmlNode[];
}
/** A string is a text node, entities already decoded. */
export type HtmlNode = ElementNode | string;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content HTML reads as raw text up to the matching end tag (no markup inside). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);
/** Opening one of these closes an open <p>, as HTML does (keeps <p><ul> from nesting oddly). */
const CLOSES_P = new Set(['p', 'ul', 'ol', 'pre', 'blockquote', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'hr']);

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™',
  bull: '•', middot: '·', times: '×', deg: '°', euro: '€', pound: '£', yen: '¥', shy: '\u00ad', zwj: '\u200d',
  zwnj: '\u200c', larr: '←', rarr: '→', hearts: '♥', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö',
  Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è', aacute: 'á', agrave: 'à', ntilde: 'ñ', ccedil: 'ç',
};

/** Decodes character references (numeric and the common named ones); unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (match, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return match.endsWith(';') ? (NAMED[body] ?? match) : match;
  });
}

const NAME_CHAR = /[^\s/>]/;
const SPACE = /\s/;
/** `/\s/.test(c)` without the regular expression for the common (ASCII) case: a parse asks it of every character. */
const isSpace = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  return code >= 160 && SPACE.test(c);
};
/** NAME_CHAR.test(c) && c !== '=', the same way. */
const isNameChar = (c: string): boolean => {
  const code = c.charCodeAt(0);
  if (code < 128) return code > 32 ? code !== 0x2f && code !== 0x3e && code !== 0x3d : !(code === 32 || (code >= 9 && code <= 13));
  return NAME_CHAR.test(c);
};

/** Parses a start tag's attributes from `source` at `i`; returns them and the index after '>' (or -1). */
function readAttributes(source: string, i: number): { attrs: Map<string, string>; end: number; selfClosing: boolean } {
  const attrs = new Map<string, string>();
  let selfClosing = false;
  const n = source.length;
  while (i < n) {
    while (i < n && isSpace(source[i])) i++;
    if (source[i] === '>') return { attrs, end: i + 1, selfClosing };
    if (source[i] === '/') {
      selfClosing = source[i + 1] === '>';
      i++;
      continue;
    }
    const start = i;
    while (i < n && isNameChar(source[i]!)) i++;
    if (i === start) i++; // a stray '=' at a name position
    const name = source.slice(start, i).toLowerCase();
    while (i < n && isSpace(source[i])) i++;
    let value = '';
    if (source[i] === '=') {
      i++;
      while (i < n && isSpace(source[i])) i++;
      const quote = source[i];
      if (quote === '"' || quote === "'") {
        const close = source.indexOf(quote, i + 1);
        if (close < 0) return { attrs, end: -1, selfClosing };
        value = source.slice(i + 1, close);
        i = close + 1;
      } else {
        const s = i;
        while (i < n && source[i] !== '>' && !isSpace(source[i])) i++;
        value = source.slice(s, i);
      }
    }
    if (name && !attrs.has(name)) attrs.set(name, decodeEntities(value));
  }
  return { attrs, end: -1, selfClosing };
}

/** Parses `html` into a forest. Never throws; unclosed tags close at the end, stray end tags are ignored. */
export function parseHtml(html: string): HtmlNode[] {
  const root: ElementNode = { tag: '#root', attrs: new Map(), children: [] };
  const stack: ElementNode[] = [root];
  const top = () => stack[stack.length - 1]!;
  const text = (t: string) => {
    if (t) top().children.push(decodeEntities(t));
  };
  const close = (tag: string) => {
    for (let k = stack.length - 1; k > 0; k--) {
      if (stack[k]!.tag === tag) {
        stack.length = k;
        return;
      }
    }
  };
  const source = typeof html === 'string' ? html : '';
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) break;
    const next = source[lt + 1] ?? '';
    if (source.startsWith('<!--', lt)) {
      text(source.slice(i, lt));
      const end = source.indexOf('-->', lt + 4);
      i = end < 0 ? source.length : end + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      text(source.slice(i, lt));
      const end = source.indexOf('>', lt);
      i = end < 0 ? source.length : end + 1;
      continue;
    }
    const closing = next === '/';
    const nameStart = closing ? lt + 2 : lt + 1;
    const m = /^[a-zA-Z][a-zA-Z0-9:-]*/.exec(source.slice(nameStart, nameStart + 64));
    if (!m) {
      // "1 < 2" is text; so is "</ 3" — skip past this '<' and keep looking.
      text(source.slice(i, lt + 1));
      i = lt + 1;
      continue;
    }
    text(source.slice(i, lt));
    const tag = m[0].toLowerCase();
    if (closing) {
      const end = source.indexOf('>', nameStart);
      i = end < 0 ? source.length : end + 1;
      if (tag === 'br') top().children.push({ tag: 'br', attrs: new Map(), children: [] });
      else close(tag);
      continue;
    }
    const { attrs, end, selfClosing } = readAttributes(source, nameStart + m[0].length);
    if (end < 0) {
      i = source.length; // an unterminated tag swallows the rest, as a browser does
      break;
    }
    i = end;
    if (CLOSES_P.has(tag) && stack.some((e) => e.tag === 'p')) close('p');
    if (tag === 'a' && stack.some((e) => e.tag === 'a')) close('a'); // a link never opens inside a link: HTML closes the first
    if (tag === 'li') {
      const li = stack.findLastIndex((e) => e.tag === 'li');
      const list = stack.findLastIndex((e) => e.tag === 'ul' || e.tag === 'ol');
      if (li > list && li > 0) stack.length = li;
    }
    const element: ElementNode = { tag, attrs, children: [] };
    top().children.push(element);
    if (RAW_TEXT.has(tag)) {
      const endTag = source.toLowerCase().indexOf(`</${tag}`, i);
      const stop = endTag < 0 ? source.length : endTag;
      if (stop > i) element.children.push(tag === 'textarea' || tag === 'title' ? decodeEntities(source.slice(i, stop)) : source.slice(i, stop));
      const after = endTag < 0 ? -1 : source.indexOf('>', endTag);
      i = after < 0 ? source.length : after + 1;
      continue;
    }
    if (!VOID.has(tag) && !selfClosing) stack.push(element);
  }
  if (i < source.length) text(source.slice(i));
  return root.children;
}
