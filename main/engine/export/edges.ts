// The network in an archive: who the account replied to, mentioned, boosted and quoted (`--format edges`, SQLite `edges`).
import type { Post } from '../../../preload/contract.js';
import { Pseudonymizer } from './pseudonymize.js';
import { csvCell } from '../csv/cell.js';

export type EdgeKind = 'reply' | 'mention' | 'boost' | 'quote';

export interface Edge {
  /** the archive's account, "@user@server" */
  source: string;
  /** "@user@server" of the account, or the status URI when the account cannot be read from it */
  target: string;
  kind: EdgeKind;
  published: string;
  /** id of the post the edge comes from */
  post: string;
}

export const EDGE_COLUMNS = ['source', 'target', 'kind', 'published', 'post'] as const;

/**
 * "@user@server" of the author of a status, read from the shape of its URI (Mastodon and GoToSocial
 * /users/NAME/statuses/ID and /@NAME/ID); null for shapes that do not name the author (Pleroma /objects/UUID,
 * Misskey /notes/ID).
 */
export function authorOf(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  const m = /^\/users\/([^/]+)\/statuses\/[^/]+/.exec(url.pathname) ?? /^\/@([^/]+)\/(?:statuses\/)?[^/]+/.exec(url.pathname);
  return m ? `@${decodeURIComponent(m[1]!)}@${url.hostname}` : null;
}

/** "@bo@host" as written in the mention, completed with the href's host when the name has none. */
function mentionTarget(name: string, href: string): string {
  const bare = name.replace(/^@/, '');
  if (bare.includes('@')) return `@${bare}`;
  try {
    return `@${bare}@${new URL(href).hostname}`;
  } catch {
    return href || name;
  }
}

/** The edges of one post, in a fixed order (reply, quote, mentions as tagged, boost). */
export function edgesOf(post: Post, account: string): Edge[] {
  const edge = (kind: EdgeKind, target: string): Edge => ({ source: account, target, kind, published: post.published, post: post.id });
  const out: Edge[] = [];
  if (post.type === 'boost') {
    const uri = post.boostOf ?? post.url;
    if (uri) out.push(edge('boost', authorOf(uri) ?? uri));
    return out;
  }
  if (post.inReplyTo) out.push(edge('reply', authorOf(post.inReplyTo) ?? post.inReplyTo));
  if (post.quote) out.push(edge('quote', authorOf(post.quote) ?? post.quote));
  for (const m of post.mentions) out.push(edge('mention', mentionTarget(m.name, m.href)));
  return out;
}

/** The same edge under pseudonyms: accounts as pseudonymous handles, URIs and post ids as pseudonymous URIs. */
export function pseudonymousEdge(edge: Edge, p: Pseudonymizer): Edge {
  const target = edge.target.startsWith('@') ? p.handle(edge.target) : p.url(edge.target);
  return { ...edge, source: p.account(edge.source), target, post: p.url(edge.post) };
}


/** One RFC 4180 record (CRLF), as the posts CSV writes them. */
export const edgeCsvRow = (edge: Edge): string => `${EDGE_COLUMNS.map((c) => csvCell(edge[c])).join(',')}\r\n`;
export const EDGE_CSV_HEADER = `${EDGE_COLUMNS.join(',')}\r\n`;
