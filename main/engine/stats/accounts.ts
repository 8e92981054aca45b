// Which account and server a status or actor URI belongs to, read from the URI's shape (no lookups: offline).

const NUMERIC = /^\d+$/;

function parse(uri: string): URL | null {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** Host of an http(s) URI (lower-case, port kept), or null. */
export function serverOf(uri: string): string | null {
  return parse(uri)?.host.toLowerCase() ?? null;
}

/**
 * The account a status or actor URI belongs to, derived from its path:
 * - `/users/<name>[/statuses/<id>]` (Mastodon, Pleroma, Akkoma, GoToSocial), `/@<name>[/<id>]` (Mastodon web),
 *   `/p/<name>/<id>` (Pixelfed), `/u/<name>` (Lemmy), `/profile/<name>` (Friendica) → `@name@host`;
 * - `/ap/users/<number>…` and `/users/<number>…` (numeric ids, Mastodon 4.4+ and Misskey) → the actor URI
 *   `https://host/…/users/<number>`, since the number is not a name;
 * - anything else (`/objects/<uuid>`, `/notes/<id>`…) → null: the URI names no account.
 */
export function accountOf(uri: string): string | null {
  const url = parse(uri);
  return url ? accountOfUrl(url) : null;
}

/** serverOf and accountOf of one URI, parsed once (a boost counts both). */
export function serverAndAccountOf(uri: string): { server: string | null; account: string | null } {
  const url = parse(uri);
  return url ? { server: url.host.toLowerCase(), account: accountOfUrl(url) } : { server: null, account: null };
}

/**
 * A URI of plain characters cut after its third path segment (null for any other URI): serverAndAccountOf reads no
 * more of the path, and such a URI has nothing a URL parser rewrites past that point (no dot segments, escapes,
 * query, fragment or backslash), so every URI with this key has the key's answer. A boost's URI is unique, its key
 * is the boosted account's (`https://host/users/name/statuses`): a tally parses each key once.
 */
export function accountKey(uri: string): string | null {
  return PLAIN.exec(uri)?.[1] ?? null;
}

const SEGMENT = '/[A-Za-z0-9_~@-][A-Za-z0-9_.~@-]*';
const PLAIN = new RegExp(`^(https?://[a-z0-9-]+(?:\\.[a-z0-9-]+)*(?::[0-9]{1,5})?(?:${SEGMENT}){0,3})(?:${SEGMENT})*$`);

function accountOfUrl(url: URL): string | null {
  const host = url.host.toLowerCase();
  const segments = url.pathname.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const [first, second, third] = segments;
  if (first === undefined) return null;
  const named = (name: string | undefined) => (name && !name.includes('/') ? `@${name}@${host}` : null);
  if (first === 'ap' && second === 'users' && third && NUMERIC.test(third)) return `${url.protocol}//${host}/ap/users/${third}`;
  if (first === 'users' && second) return NUMERIC.test(second) ? `${url.protocol}//${host}/users/${second}` : named(second);
  if (first.startsWith('@') && first.length > 1 && !first.slice(1).includes('@')) return named(first.slice(1));
  if ((first === 'p' && third) || first === 'u' || first === 'profile') return named(second);
  return null;
}

/** A mention as `@name@host`: from its actor URI when that names the account, else from the written name. */
export function mentionAccount(mention: { name: string; href: string }): string {
  const fromUri = accountOf(mention.href);
  const written = mention.name.trim().replace(/^@?/, '@');
  if (/^@[^@]+@[^@]+$/.test(written)) return written.toLowerCase();
  if (fromUri) return fromUri.startsWith('@') ? fromUri.toLowerCase() : fromUri;
  const host = serverOf(mention.href);
  return host && written.length > 1 ? `${written}@${host}`.toLowerCase() : written.toLowerCase() || mention.href;
}
