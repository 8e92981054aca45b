// One copy of the short values posts repeat: hashtags, mentions, emojis. JSON.parse makes a fresh string for every
// occurrence, so a 1M-post archive held the same few thousand names and actor URIs ~500k times (~100 MB).
import type { CustomEmoji, Mention } from '../../../preload/contract.js';

/** Distinct values kept per table: past it, new values are used as read (an archive of unique tags stays bounded). */
export const INTERN_MAX = 50_000;

/** Longer strings are rarely repeated and cost a table entry each: used as read. */
const SHORT = 200;

export class Interner {
  private readonly strings = new Map<string, string>();
  // Mention and emoji objects are shared between posts as well: nothing mutates a post's tags (exports map them).
  private readonly mentions = new Map<string, Mention>();
  private readonly emojis = new Map<string, CustomEmoji>();

  constructor(private readonly max = INTERN_MAX) {}

  string(s: string): string {
    if (s.length > SHORT) return s;
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    if (this.strings.size < this.max) this.strings.set(s, s);
    return s;
  }

  mention(name: string, href: string): Mention {
    if (name.length + href.length > SHORT) return { name, href };
    const key = `${name}\u0000${href}`;
    const known = this.mentions.get(key);
    if (known) return known;
    const made = { name: this.string(name), href: this.string(href) };
    if (this.mentions.size < this.max) this.mentions.set(key, made);
    return made;
  }

  emoji(shortcode: string, url: string | null): CustomEmoji {
    const key = `${shortcode}\u0000${url ?? ''}\u0000${url === null ? 0 : 1}`;
    if (key.length > SHORT) return { shortcode, url };
    const known = this.emojis.get(key);
    if (known) return known;
    const made = { shortcode: this.string(shortcode), url: url === null ? null : this.string(url) };
    if (this.emojis.size < this.max) this.emojis.set(key, made);
    return made;
  }
}
