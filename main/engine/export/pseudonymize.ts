// `--pseudonymize`: every account and every status reference replaced by a stable keyed pseudonym (HMAC-SHA256).
import { createHmac, randomBytes } from 'node:crypto';
import type { Mention, Post, Profile } from '../../../preload/contract.js';

/** Pseudonymous hosts end in .invalid (RFC 2606): they can never resolve, so no pseudonym is mistaken for a real one. */
const TLD = 'invalid';
/** A Mastodon-style handle in text: @user@host (the host needs a dot, so e-mail-like "a@b" inside words is left). */
const HANDLE = /(^|[^\p{L}\p{N}_/@.])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*)@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu;
const URL_IN_TEXT = /https?:\/\/[^\s"'<>]+/g;
const ANCHOR = /<a\b([^>]*)>([\s\S]*?)<\/a>/gi;
const HREF = /\bhref\s*=\s*("([^"]*)"|'([^']*)')/i;

/** A random salt for a run without --salt (printed to stderr, so the run can be repeated). */
export const randomSalt = (): string => randomBytes(16).toString('hex');

/** user@host of an account URL (Mastodon, Pleroma, GoToSocial, Misskey shapes), or null when the path is no account. */
function accountPath(url: URL): { user: string; rest: string } | null {
  const m = /^\/(?:users|u)\/([^/]+)(\/.*)?$/.exec(url.pathname) ?? /^\/@([^/]+)(\/.*)?$/.exec(url.pathname);
  if (!m) return null;
  return { user: decodeURIComponent(m[1]!), rest: m[2] ?? '' };
}

/**
 * Replaces identities in one export run. Pure functions of the salt and the input: the same salt gives the same
 * pseudonyms in every run and every format, so tables written separately still join.
 */
export class Pseudonymizer {
  constructor(private readonly salt: string) {}

  private hash(kind: string, value: string, length: number): string {
    return createHmac('sha256', this.salt).update(`${kind}\u0000${value}`).digest('hex').slice(0, length);
  }

  /** A server's pseudonymous host: one per real host, so accounts of one server still group together. */
  host(host: string): string {
    return `h${this.hash('host', host.toLowerCase(), 10)}.${TLD}`;
  }

  /** The pseudonymous user name of user@host. */
  user(user: string, host: string): string {
    return `u${this.hash('user', `${user.toLowerCase()}@${host.toLowerCase()}`, 12)}`;
  }

  /** "@user@host" (or "user@host", "@user" with a host given) → "@u…@h….invalid". */
  handle(handle: string, fallbackHost: string | null = null): string {
    const [user = '', host = fallbackHost ?? ''] = handle.replace(/^@/, '').split('@');
    if (!host) return `@${this.user(user, '')}`;
    return `@${this.user(user, host)}@${this.host(host)}`;
  }

  /**
   * An account or status URL keeps its shape (/users/U/statuses/T, /@U/T, /notice/T…) under pseudonymous names, so a
   * reply's URI still names the pseudonym of the account replied to. Any other URL of a status (a shape we do not
   * know) becomes https://h….invalid/s/<hash of the whole URL>. `other` says what to do with a URL that is neither.
   */
  url(raw: string, other: 'status' | 'keep' = 'status'): string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return other === 'keep' ? raw : `urn:pseudonym:${this.hash('uri', raw, 20)}`;
    }
    const host = this.host(url.hostname);
    const account = accountPath(url);
    if (account) {
      const user = this.user(account.user, url.hostname);
      const status = /^\/(statuses\/)?([^/]+)(\/.*)?$/.exec(account.rest);
      const prefix = url.pathname.startsWith('/@') ? `/@${user}` : `/users/${user}`;
      if (!status) return `https://${host}${prefix}`;
      // /users/U/followers, /outbox, /collections/featured: account collections, not statuses
      if (!status[1] && /^(followers|following|outbox|inbox|collections|featured|media|with_replies)$/.test(status[2]!)) {
        return `https://${host}${prefix}${account.rest}`;
      }
      return `https://${host}${prefix}/${status[1] ?? ''}${this.hash('status', `${url.hostname}/${status[2]}`, 16)}${status[3] ?? ''}`;
    }
    const note = /^\/(notice|notes|objects|p|statuses)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (note) return `https://${host}/${note[1]}/${this.hash('status', `${url.hostname}/${note[2]}`, 16)}${note[3] ?? ''}`;
    if (other === 'keep') return raw;
    return `https://${host}/s/${this.hash('uri', raw, 20)}`;
  }

  /** A status reference (id, url, inReplyTo, boostOf, quote); null stays null. */
  ref(uri: string | null): string | null {
    return uri === null ? null : this.url(uri);
  }

  /**
   * Plain text or HTML: handles, account and status URLs in it. `known` maps short names ("@bo", as Mastodon writes
   * a mention in the text) to their pseudonymous handles; links to anything else (articles, hashtags) are kept.
   */
  text(value: string, known: ReadonlyMap<string, string> = new Map()): string {
    if (!value) return value;
    let out = value.replace(URL_IN_TEXT, (found) => {
      const [, u = found, tail = ''] = /^(.*?)([.,;:!?)\]]*)$/s.exec(found) ?? [];
      const plain = u.replace(/&amp;/g, '&');
      const mapped = this.url(plain, 'keep');
      return (mapped === plain ? u : mapped) + tail;
    });
    out = out.replace(HANDLE, (_m, before: string, user: string, host: string) => `${before}${this.handle(`${user}@${host}`)}`);
    for (const [short, pseudonym] of known) {
      const name = short.replace(/^@/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      out = out.replace(new RegExp(`(^|[^\\p{L}\\p{N}_/@.])@${name}(?![\\p{L}\\p{N}_@-])`, 'gu'), `$1${pseudonym}`);
    }
    return out;
  }

  /** HTML: a mention link's visible name ("@<span>bo</span>") becomes the pseudonymous handle, then as text(). */
  html(value: string, known: ReadonlyMap<string, string> = new Map()): string {
    if (!value) return value;
    const linked = value.replace(ANCHOR, (whole, attrs: string, inner: string) => {
      const m = HREF.exec(attrs);
      const href = m ? (m[2] ?? m[3] ?? '') : '';
      let url: URL;
      try {
        url = new URL(href.replace(/&amp;/g, '&'));
      } catch {
        return whole;
      }
      const account = accountPath(url);
      const visible = inner.replace(/<[^>]*>/g, '');
      if (!account || account.rest !== '' || !visible.startsWith('@')) return whole;
      return `<a${attrs}>@<span>${this.handle(`${account.user}@${url.hostname}`).slice(1)}</span></a>`;
    });
    return this.text(linked, known);
  }

  private mention(m: Mention): Mention {
    let host: string | null = null;
    try {
      host = new URL(m.href).hostname;
    } catch {
      // a mention without a usable href keeps only its name's host
    }
    return { name: this.handle(m.name, host), href: this.url(m.href) };
  }

  /** A post with every account and status reference replaced (boosted posts too); nothing else changes. */
  post(post: Post): Post {
    const known = new Map<string, string>();
    for (const m of post.mentions) {
      const short = m.name.replace(/^@/, '').split('@')[0]!;
      if (!known.has(short)) known.set(short, this.mention(m).name);
    }
    return {
      ...post,
      id: this.url(post.id),
      url: this.ref(post.url),
      summary: post.summary === null ? null : this.text(post.summary, known),
      text: this.text(post.text, known),
      html: this.html(post.html, known),
      inReplyTo: this.ref(post.inReplyTo),
      boostOf: this.ref(post.boostOf),
      boosted: post.boosted ? this.post(post.boosted) : null,
      media: post.media.map((m) => ({ ...m, description: m.description === null ? null : this.text(m.description, known) })),
      links: post.links.map((l) => ({ ...l, href: this.url(l.href, 'keep'), name: l.name === null ? null : this.text(l.name, known) })),
      mentions: post.mentions.map((m) => this.mention(m)),
      poll: post.poll ? { ...post.poll, options: post.poll.options.map((o) => ({ ...o, title: this.text(o.title, known) })) } : null,
      quote: this.ref(post.quote),
    };
  }

  /**
   * The archive's own account. Its pictures are left out (a face names a person as surely as a handle), and the
   * display name becomes the pseudonymous user name.
   */
  profile(profile: Profile): Profile {
    const host = profile.server ?? (profile.id ? safeHost(profile.id) : null);
    const user = host ? this.user(profile.username, host) : this.user(profile.username, '');
    return {
      ...profile,
      id: profile.id ? this.url(profile.id) : '',
      username: user,
      server: host ? this.host(host) : null,
      displayName: user,
      bio: this.html(profile.bio),
      fields: profile.fields.map((f) => ({ name: this.text(f.name), value: this.html(f.value) })),
      avatar: null,
      header: null,
      avatarDescription: null,
      headerDescription: null,
      url: this.ref(profile.url),
      movedTo: this.ref(profile.movedTo),
      alsoKnownAs: profile.alsoKnownAs.map((a) => this.url(a)),
    };
  }

  /** An export's `archive` value: "@user@server" (or "@user"); the archive's file name, when it has no account, is kept. */
  account(account: string): string {
    return account.startsWith('@') ? this.handle(account) : account;
  }
}

function safeHost(uri: string): string | null {
  try {
    return new URL(uri).hostname;
  } catch {
    return null;
  }
}
