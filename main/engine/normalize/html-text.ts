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

/** What a tag turns into: a line break for <br>, a paragraph break after block elements, else nothing. */
function tagText(tag: string): string {
  let k = 1;
  const closing = tag[k] === '/';
  if (closing) k++;
  let end = k;
  while (end < tag.length && /[a-zA-Z0-9]/.test(tag[end])) end++;
  const name = tag.slice(k, end).toLowerCase();
  if (name === 'br') return '\n';
  if (closing && name === 'li') return '\n';
  if (closing && BLOCK.has(name)) return '\n\n';
  return '';
}

/** Plain text of `html`: tags stripped, entities decoded, <br> → newline, paragraphs → blank line. */
export function htmlToText(html: string): string {
  if (typeof html !== 'string' || html.length === 0) return '';
  const source = html.replace(/[\r\n\t]+/g, ' ');
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    let open = source.indexOf('<', i);
    // As in HTML, '<' starts a tag only before a letter, '/', '!' or '?' ("1 < 2" is text).
    while (open >= 0 && !/[a-zA-Z/!?]/.test(source[open + 1] ?? '')) open = source.indexOf('<', open + 1);
    if (open < 0) break;
    const close = source.indexOf('>', open + 1);
    if (close < 0) break; // a lone '<' to the end is text, not a tag
    parts.push(source.slice(i, open), tagText(source.slice(open, Math.min(close + 1, open + 64))));
    i = close + 1;
  }
  parts.push(source.slice(i));
  return parts
    .join('')
    .replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, decodeEntity)
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
