// Long tweets ("notes", over 280 characters): data/note-tweet.js holds their full text, tweets.js only the start.
//
// The shape, from archives read by other tools (no official schema is published):
//   {"noteTweet": {"noteTweetId": "…", "createdAt": "2023-…Z", "updatedAt": …, "lifecycle": {…},
//     "core": {"text": "…", "urls": [{"shortUrl", "expandedUrl", "displayUrl", "fromIndex", "toIndex"}],
//              "mentions": [{"screenName", "fromIndex", "toIndex"}], "hashtags": […], "cashtags": […], "styletags": […]}}}
// The tweet in tweets.js carries no reference to its note, and noteTweetId is not the tweet's id: a note is
// matched to the tweet made at the same instant whose (cut, "…"-ended) text its full text continues, as
// the tools that read notes do. A note no tweet matches, or that several could match, stays a post of its own.
import type { Post } from '../../../preload/contract.js';
import { isObject, isoDate, str, type Json } from '../normalize/fields.js';
import { kindOf, newPost } from './common.js';
import { LEADING_MENTIONS, tweetHtmlOf, tweetUri, unescapeTwitter, type NoteText } from './twitter-tweet.js';

export interface NoteTweet extends NoteText {
  id: string;
  /** ISO 8601 */
  createdAt: string;
}

const ID = /^\d{1,25}$/;
/** How far apart (ms) a note's createdAt and its tweet's created_at may be: the tweet's has whole seconds. */
const SAME_INSTANT_MS = 2_000;

/** One element of note-tweet.js → a note, or why it was left out. */
export function readNote(raw: unknown): NoteTweet | { skipped: string } {
  if (!isObject(raw)) return { skipped: `the item is ${kindOf(raw)}, not an object` };
  const note = isObject(raw.noteTweet) ? raw.noteTweet : null;
  if (!note) return { skipped: 'the item holds no "noteTweet" object' };
  const id = str(note.noteTweetId);
  if (!id || !ID.test(id)) return { skipped: 'the note has no noteTweetId' };
  const createdAt = isoDate(note.createdAt);
  if (!createdAt) return { skipped: 'the note\'s createdAt is not a date' };
  const core = isObject(note.core) ? note.core : null;
  const text = core ? str(core.text) : null;
  if (text === null) return { skipped: 'the note has no text' };
  return { id, createdAt, text: unescapeTwitter(text), ...noteEntities(core!) };
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The note's own entities, in either spelling (camelCase as archives write, snake_case as the API does). */
function noteEntities(core: Json): Omit<NoteText, 'text'> {
  const urls = new Map<string, { expanded: string; display: string }>();
  for (const u of list(core.urls)) {
    if (!isObject(u)) continue;
    const short = str(u.shortUrl) ?? str(u.url);
    const expanded = str(u.expandedUrl) ?? str(u.expanded_url);
    if (short && expanded) urls.set(short, { expanded, display: str(u.displayUrl) ?? str(u.display_url) ?? expanded });
  }
  const mentions: string[] = [];
  for (const m of list(core.mentions)) {
    const name = typeof m === 'string' ? m.replace(/^@/, '') : isObject(m) ? str(m.screenName) ?? str(m.screen_name) : null;
    if (name && /^\w{1,15}$/.test(name)) mentions.push(name);
  }
  const hashtags: string[] = [];
  for (const h of list(core.hashtags)) {
    const tag = typeof h === 'string' ? h.replace(/^#/, '') : isObject(h) ? str(h.text) ?? str(h.tag) : null;
    if (tag) hashtags.push(tag);
  }
  return { urls, mentions, hashtags };
}

/** Whitespace folded, so a line break the cut turned into a space still compares equal. */
const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** A cut text is a tweet's: longer than this, a text is no cut one (and the patterns below never meet a huge one). */
const CUT_MAX = 2_000;

/**
 * How the note's text continues a tweet's text: 'strong' when the tweet's text (less a trailing "…", t.co link and
 * leading mentions) is the start of the note's; 'weak' when the tweet's text has nothing left to compare; null
 * when it is another text.
 */
function continues(tweetText: string, note: string): 'strong' | 'weak' | null {
  if (tweetText.length > CUT_MAX) return null;
  const cut = tweetText.replace(/(?:\s*https:\/\/t\.co\/\w+)+\s*$/, '').replace(/\s*(?:…|\.\.\.)\s*$/, '');
  const body = fold(cut.replace(LEADING_MENTIONS, ''));
  if (body === '') return 'weak';
  const full = fold(note);
  // A reply's note may or may not repeat the mentions its tweet starts with.
  return full.startsWith(body) || full.startsWith(fold(cut)) ? 'strong' : null;
}

interface TweetFacts {
  index: number;
  id: string;
  ms: number;
  text: string;
}

function factsOf(raw: unknown, index: number): TweetFacts | null {
  const tweet = isObject(raw) && isObject(raw.tweet) ? raw.tweet : null;
  if (!tweet) return null;
  const id = str(tweet.id_str) ?? str(tweet.id);
  const ms = Date.parse(isoDate(tweet.created_at) ?? '');
  const text = str(tweet.full_text) ?? str(tweet.text);
  if (!id || !ID.test(id) || !Number.isFinite(ms) || text === null) return null;
  const plain = unescapeTwitter(text);
  return /^RT @\w/.test(plain) ? null : { index, id, ms, text: plain };
}

export interface NoteMatch {
  /** index of the tweet in the list given → its note */
  byTweet: Map<number, NoteTweet>;
  /** notes no tweet (or more than one) matched: each becomes its own post */
  unmatched: NoteTweet[];
  /** notes several tweets could have been cut from */
  ambiguous: number;
}

/** Pairs each note with the one tweet it is the full text of. */
export function matchNotes(tweets: readonly unknown[], notes: readonly NoteTweet[]): NoteMatch {
  const facts = tweets.map(factsOf).filter((f): f is TweetFacts => f !== null);
  const byId = new Map(facts.map((f) => [f.id, f]));
  const bySecond = new Map<number, TweetFacts[]>();
  for (const f of facts) {
    const s = Math.floor(f.ms / 1000);
    const same = bySecond.get(s);
    if (same) same.push(f);
    else bySecond.set(s, [f]);
  }
  const claimed = new Set<number>();
  const byTweet = new Map<number, NoteTweet>();
  const unmatched: NoteTweet[] = [];
  let ambiguous = 0;
  for (const note of notes) {
    const direct = byId.get(note.id);
    if (direct && !claimed.has(direct.index)) {
      claimed.add(direct.index);
      byTweet.set(direct.index, note);
      continue;
    }
    const ms = Date.parse(note.createdAt);
    const near: TweetFacts[] = [];
    for (let s = Math.floor((ms - SAME_INSTANT_MS) / 1000); s <= Math.floor((ms + SAME_INSTANT_MS) / 1000); s++) {
      for (const f of bySecond.get(s) ?? []) if (Math.abs(f.ms - ms) <= SAME_INSTANT_MS && !claimed.has(f.index)) near.push(f);
    }
    const how = near.map((f) => continues(f.text, note.text));
    const strong = near.filter((_, k) => how[k] === 'strong');
    const weak = near.filter((_, k) => how[k] === 'weak');
    const pick = strong.length === 1 ? strong[0] : strong.length === 0 && weak.length === 1 ? weak[0] : undefined;
    if (pick) {
      claimed.add(pick.index);
      byTweet.set(pick.index, note);
    } else {
      if (strong.length > 1 || (strong.length === 0 && weak.length > 1)) ambiguous++;
      unmatched.push(note);
    }
  }
  return { byTweet, unmatched, ambiguous };
}

/** A note no tweet matched, as its own post: its text and entities, its date; no permalink (its id is not a tweet's). */
export function noteToPost(note: NoteTweet): Post {
  const post = newPost(`${tweetUri(note.id)}#note`, note.createdAt, tweetHtmlOf(note.text, { urls: note.urls, media: new Set() }));
  post.mentions = note.mentions.length ? note.mentions.map((name) => ({ name: `@${name}`, href: `https://twitter.com/${name}` })) : post.mentions;
  post.hashtags = note.hashtags.length ? [...new Set(note.hashtags.map((h) => h.toLowerCase()))] : post.hashtags;
  return post;
}
