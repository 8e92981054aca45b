// Who may talk to browser mode: the loopback Host it bound (DNS rebinding) and the secret token it printed.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The token cookie's name for the server on `port`. Browsers do not keep cookies apart by port, so two `outbox
 * serve` running at once would overwrite one shared name and the first tab would be refused after a reload.
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

export type AuthMethod = 'query' | 'cookie' | 'bearer';

/** How the request proved it holds the token (query `token`, the cookie, or `Authorization: Bearer`), or null. */
export function authenticate(req: IncomingMessage, url: URL, token: string): AuthMethod | null {
  if (same(url.searchParams.get('token'), token)) return 'query';
  if (same(cookieValue(req.headers.cookie, tokenCookieName(req.socket.localPort ?? 0)), token)) return 'cookie';
  const auth = req.headers.authorization;
  if (auth && /^Bearer /i.test(auth) && same(auth.slice(7).trim(), token)) return 'bearer';
  return null;
}

/** Set on the first page load that came with the token in its URL, so the page's own requests carry it. */
export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
