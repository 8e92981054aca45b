// Who may talk to browser mode: the loopback Host it bound (DNS rebinding) and the secret token it printed.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The token cookie's name for the server on `port`. Still accepted from clients that send it, but never set any
 * more: browsers do not keep cookies apart by port, so every other web app on 127.0.0.1 would receive it.
 */
export const tokenCookieName = (port: number): string => `outbox_token_${port}`;

/** 32 random bytes as hex: the capability printed in the URL that `outbox serve` shows. */
export function createToken(): string {
  return randomBytes(32).toString('hex');
}

/**
 * A page on any other site can resolve its own name to 127.0.0.1 and then talk to us as same-origin
 * (DNS rebinding); its requests still say its own name in Host. So only the exact address we bound passes.
 */
export function hostAllowed(req: IncomingMessage, expected: string): boolean {
  return req.headers.host === expected;
}

function same(candidate: string | undefined | null, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export type AuthMethod = 'query' | 'cookie' | 'bearer' | 'signed';

/**
 * `sig` for one URL path: HMAC-SHA-256 of the path as sent, keyed by the token, 32 hex digits. What the page's
 * own files, <img>/<video> and EventSource carry instead of the token: a copied address opens that one path and
 * nothing else, and no cookie is needed (renderer/lib/request-signature.ts computes the same in the page).
 */
export function signPath(token: string, path: string): string {
  return createHmac('sha256', token).update(path).digest('hex').slice(0, 32);
}

/** A signature stands in for the token only where no header can be sent: never for the data API but progress. */
const signable = (path: string, progressRoute: string) => !path.startsWith('/api/') || path === progressRoute;

/**
 * How the request proved it holds the token (query `token`, the cookie, `Authorization: Bearer`, or a `sig` of
 * `rawPath`, the path exactly as sent), or null.
 */
export function authenticate(req: IncomingMessage, url: URL, token: string, rawPath?: string, progressRoute = '/api/progress'): AuthMethod | null {
  if (same(url.searchParams.get('token'), token)) return 'query';
  if (rawPath !== undefined && signable(rawPath, progressRoute) && same(url.searchParams.get('sig'), signPath(token, rawPath))) return 'signed';
  if (same(cookieValue(req.headers.cookie, tokenCookieName(req.socket.localPort ?? 0)), token)) return 'cookie';
  const auth = req.headers.authorization;
  if (auth && /^Bearer /i.test(auth) && same(auth.slice(7).trim(), token)) return 'bearer';
  return null;
}

/**
 * The viewer's HTML with every relative `src`/`href` to its own files signed, so the page loads them without the
 * token or a cookie. `files` holds the URL paths that exist (only those are signed).
 */
export function signPageLinks(html: string, token: string, files: ReadonlySet<string>): string {
  return html.replace(/\b(src|href)="([A-Za-z0-9][A-Za-z0-9._/-]*)"/g, (whole, attribute: string, link: string) => {
    const path = `/${link}`;
    return files.has(path) ? `${attribute}="${link}?sig=${signPath(token, path)}"` : whole;
  });
}
