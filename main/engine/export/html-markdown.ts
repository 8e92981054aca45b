// Mastodon's small HTML tag set → Markdown, links shown the way Mastodon shows them (invisible parts hidden, "…").
import { parseHtml, type ElementNode, type HtmlNode } from './html-tree.js';
import { linkTarget } from './sanitize.js';

const DROP = new Set(['script', 'style', 'template', 'iframe', 'noscript', 'noembed', 'noframes', 'svg', 'math', 'head', 'title', 'xmp']);
const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Anything one of escapeMarkdown's replacements below would change: most text has none (one test, no copies). */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>~|&]|^\s*(?:[#>+-]|\d+[.)])(?=\s|$)/;

/** Escapes what Markdown would read as markup inside running text. */
export function escapeMarkdown(text: string): string {
  if (!MARKDOWN_SPECIAL.test(text)) return text;
  return text
    .replace(/[\\`*_[\]<>~|]/g, '\\$&')
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, '&amp;')
    .replace(/^(\s*)([#>+-])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/** A URL safe inside `(…)` of a Markdown link. */
export const markdownUrl = (href: string): string => href.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

const classes = (node: ElementNode): string[] => (node.attrs.get('class') ?? '').split(/\s+/).filter(Boolean);

function textContent(nodes: HtmlNode[]): string {
  return nodes.map((n) => (typeof n === 'string' ? n : n.tag === 'br' ? '\n' : DROP.has(n.tag) ? '' : textContent(n.children))).join('');
}

/** The link text Mastodon displays: `span.invisible` hidden, `span.ellipsis` followed by "…". */
function displayText(nodes: HtmlNode[]): string {
  return nodes
    .map((n) => {
      if (typeof n === 'string') return n;
      const cls = classes(n);
      if (cls.includes('invisible')) return '';
      if (cls.includes('ellipsis')) return `${displayText(n.children)}…`;
      return n.tag === 'img' ? (n.attrs.get('alt') ?? '') : displayText(n.children);
    })
    .join('');
}

function link(node: ElementNode): string {
  const href = linkTarget(node.attrs.get('href'));
  const shown = displayText(node.children).replace(/\s+/g, ' ').trim();
  if (!href) return escapeMarkdown(shown);
  const full = textContent(node.children).replace(/\s+/g, '').trim();
  if (full === href || `${full}/` === href || shown === '') return `<${markdownUrl(href)}>`;
  return `[${escapeMarkdown(shown)}](${markdownUrl(href)})`;
}

function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `\n\n${fence}\n${text.replace(/\n+$/, '')}\n${fence}\n\n`;
}

/** Inline code: a fence longer than any backtick run inside, padded when the code starts or ends with one. */
function inlineCode(text: string): string {
  const code = text.replace(/\s*\n\s*/g, ' ');
  const fence = '`'.repeat(Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

function list(node: ElementNode): string {
  let n = Number(node.attrs.get('start') ?? 1);
  if (!Number.isFinite(n)) n = 1;
  const items: string[] = [];
  for (const child of node.children) {
    if (typeof child === 'string') {
      if (child.trim()) items.push(`- ${escapeMarkdown(child.trim())}`);
      continue;
    }
    const marker = node.tag === 'ol' ? `${n++}. ` : '- ';
    const body = tidy(inline(child.tag === 'li' ? child.children : [child]));
    items.push(marker + body.replace(/\n/g, `\n${' '.repeat(marker.length)}`));
  }
  return `\n\n${items.join('\n')}\n\n`;
}

function inline(nodes: HtmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += escapeMarkdown(node.replace(/\s+/g, ' '));
      continue;
    }
    const { tag } = node;
    if (DROP.has(tag)) continue;
    const inner = () => inline(node.children);
    const wrap = (mark: string) => {
      const body = inner();
      const trimmed = body.trim();
      return trimmed ? body.replace(trimmed, `${mark}${trimmed}${mark}`) : body;
    };
    if (tag === 'br') out += '  \n';
    else if (tag === 'a') out += link(node);
    else if (tag === 'span' && classes(node).includes('invisible')) out += inner();
    else if (tag === 'strong' || tag === 'b') out += wrap('**');
    else if (tag === 'em' || tag === 'i') out += wrap('*');
    else if (tag === 'del' || tag === 's') out += wrap('~~');
    else if (tag === 'code') out += inlineCode(textContent(node.children));
    else if (tag === 'pre') out += fenced(textContent(node.children));
    else if (tag === 'blockquote') out += `\n\n${tidy(inner()).split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n')}\n\n`;
    else if (tag === 'ul' || tag === 'ol') out += list(node);
    else if (tag === 'img') {
      const src = linkTarget(node.attrs.get('src'));
      const alt = node.attrs.get('alt')?.trim();
      out += src ? `[${escapeMarkdown(alt ? `image: ${alt}` : 'image')}](${markdownUrl(src)})` : escapeMarkdown(`[image${alt ? `: ${alt}` : ''}]`);
    } else if (BLOCK.has(tag) || tag === 'li') out += `\n\n${inner()}\n\n`;
    else out += inner();
  }
  return out;
}

/** Collapses what block joins left: spaces at line ends (not hard breaks), 3+ newlines. */
function tidy(markdown: string): string {
  return markdown
    .replace(/[ \t]*\n[ \t]*(?=\n)/g, '\n')
    .replace(/([^ ]) ?\n(?! )/g, '$1\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^[ \n]+|[ \n]+$/g, '');
}

/** A post's HTML as Markdown. */
export function htmlToMarkdown(html: string): string {
  return tidy(inline(parseHtml(html)));
}
