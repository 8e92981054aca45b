// The X/Twitter archive reader: data/tweets.js (or the older tweet.js, and their -partN files), account.js,
// profile.js, like.js and the media in tweets_media/ (or tweet_media/); the full text of long tweets from
// note-tweet.js, and the tweets the person deleted that the archive keeps (deleted-tweets.js), marked deleted.
import type { Post, Profile } from '../../../preload/contract.js';
import { ArchiveError } from '../errors.js';
import { isObject, isoDate, str } from '../normalize/fields.js';
import { emptyProfile } from '../normalize/profile.js';
import { baseName, isMacOsLitter } from '../source/name.js';
import type { Source } from '../source/source.js';
import { escapeHtml, inArchiveOrder, linkify, message, paragraphs, parseJson, readHead, readText, Skips } from './common.js';
import type { ExportRead, ReadPlan, ReadProgress, Reader } from './reader.js';
import { matchNotes, noteToPost, readNote, type NoteTweet } from './twitter-note.js';
import { editVersions, tweetToPost, tweetUri } from './twitter-tweet.js';

/** `window.YTD.<kind>.partN = [`: how every data file of the archive begins. */
const YTD = /^\s*window\.YTD\.([A-Za-z_]+)\.part(\d+)\s*=\s*/;
const TWEET_FILE = /^tweets?(?:-part\d+)?\.js$/;

/**
 * The files beside tweets.js that carry posts too, by the data type their first line names (the manifest's
 * globalName): long tweets' full text, and deleted tweets (2022 archives name them deleted-tweet.js / YTD.deleted_tweet).
 */
const SIDE_KINDS = {
  notes: ['note_tweet'],
  deleted: ['deleted_tweets', 'deleted_tweet'],
  deletedNotes: ['deleted_note_tweet'],
} as const;
type SideKind = keyof typeof SIDE_KINDS;
const SIDE_FILE = /^(?:note-tweet|deleted-tweets?|deleted-note-tweet)(?:-part\d+)?\.js$/;

interface Layout {
  /** '' or the folder holding tweets.js ('data/', 'twitter-2023/data/') */
  dir: string;
  /** the tweet files, part0 first */
  parts: string[];
  /** the side files of each kind, part0 first */
  side: Record<SideKind, string[]>;
}

async function locate(source: Source): Promise<Layout | null> {
  const found: Array<{ name: string; dir: string; part: number; depth: number }> = [];
  for (const name of source.entries.keys()) {
    if (isMacOsLitter(name) || !TWEET_FILE.test(baseName(name))) continue;
    const match = YTD.exec(await readHead(source, name, 256));
    if (!match || (match[1] !== 'tweet' && match[1] !== 'tweets')) continue;
    found.push({ name, dir: name.slice(0, name.length - baseName(name).length), part: Number(match[2]), depth: name.split('/').length });
  }
  if (found.length === 0) return null;
  // The shallowest folder wins, as with outbox.json.
  found.sort((a, b) => a.depth - b.depth || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : a.part - b.part));
  const dir = found[0]!.dir;
  return { dir, parts: found.filter((f) => f.dir === dir).map((f) => f.name), side: await locateSide(source, dir) };
}

/** The side files in the folder of tweets.js, each kind's parts in order; a file whose first line names another kind is not one. */
async function locateSide(source: Source, dir: string): Promise<Record<SideKind, string[]>> {
  const found: Array<{ name: string; kind: SideKind; part: number }> = [];
  for (const name of source.entries.keys()) {
    if (!name.startsWith(dir) || name.indexOf('/', dir.length) >= 0 || isMacOsLitter(name) || !SIDE_FILE.test(baseName(name))) continue;
    const match = YTD.exec(await readHead(source, name, 256));
    const kind = match ? (Object.keys(SIDE_KINDS) as SideKind[]).find((k) => (SIDE_KINDS[k] as readonly string[]).includes(match[1]!)) : undefined;
    if (kind) found.push({ name, kind, part: Number(match![2]) });
  }
  found.sort((a, b) => a.part - b.part || (a.name < b.name ? -1 : 1));
  const of = (kind: SideKind): string[] => found.filter((f) => f.kind === kind).map((f) => f.name);
  return { notes: of('notes'), deleted: of('deleted'), deletedNotes: of('deletedNotes') };
}

/** A `window.YTD.x.partN = [...]` file → its array; the error names the file. */
async function readYtd(source: Source, name: string): Promise<unknown[]> {
  const text = await readText(source, name);
  const match = YTD.exec(text);
  const json = parseJson(match ? text.slice(match[0].length) : text, name, 'archive');
  if (!Array.isArray(json)) {
    throw new ArchiveError('not-collection', `${name} does not hold a list: it is not a file of an X/Twitter archive, or ` +
      'it was changed. Download the archive again.', name);
  }
  return json;
}

export const twitterReader: Reader = {
  name: 'twitter archive',
  async detect(source: Source): Promise<ReadPlan | null> {
    const layout = await locate(source);
    if (!layout) return null;
    return {
      main: layout.parts[0]!,
      // The side files carry posts too: a folder's cache is read again when one of them changes.
      parts: [...layout.parts.slice(1), ...layout.side.notes, ...layout.side.deleted, ...layout.side.deletedNotes],
      read: (onProgress, signal) => readTwitter(source, layout, onProgress, signal),
    };
  },
};

async function readTwitter(source: Source, layout: Layout, onProgress: ReadProgress, signal?: AbortSignal): Promise<ExportRead> {
  const warnings: string[] = [];
  const { dir } = layout;
  const at = (name: string): string | null => (source.entries.has(dir + name) ? dir + name : null);
  const account = await readAccount(source, dir, at, warnings);
  const media = mediaFolder(source, dir);

  const total = layout.parts.reduce((sum, name) => sum + (source.entries.get(name)?.size ?? 0), 0);
  let bytes = 0;
  const live: Array<{ item: unknown; index: number }> = [];
  for (const name of layout.parts) {
    signal?.throwIfAborted();
    // Index numbers run on across parts, so a skipped item is found again by its place in the whole archive.
    for (const item of await readYtd(source, name)) live.push({ item, index: live.length });
    bytes += source.entries.get(name)?.size ?? 0;
    onProgress(bytes, total, live.length);
  }
  const skips = new Skips();
  const posts: Post[] = [];
  const indexOf = new Map<Post, number>();
  const username = account.username || null;
  const findMedia = (file: string): string | null => media.get(file) ?? null;
  // Deleted tweets and notes number on after the live tweets, so every skipped item keeps one index.
  let next = live.length;
  const side = async (kind: SideKind, what: string): Promise<Array<{ item: unknown; index: number }>> => {
    const items: Array<{ item: unknown; index: number }> = [];
    for (const name of layout.side[kind]) {
      signal?.throwIfAborted();
      try {
        for (const item of await readYtd(source, name)) items.push({ item, index: next++ });
      } catch (error) {
        warnings.push(`${name} could not be read (${message(error)}), so ${what} are not shown.`);
      }
    }
    return items;
  };
  const notes = await side('notes', 'the full text of long tweets');
  addTweets(live, notes, false);
  const deleted = await side('deleted', 'the deleted tweets the archive keeps');
  const deletedNotes = await side('deletedNotes', 'the full text of deleted long tweets');
  addTweets(deleted, deletedNotes, true);

  /** One group of tweets (live, or deleted) with the notes that give their long tweets' full text. */
  function addTweets(group: Array<{ item: unknown; index: number }>, noteItems: Array<{ item: unknown; index: number }>, isDeleted: boolean): void {
    const read: NoteTweet[] = [];
    const noteIndex = new Map<NoteTweet, number>();
    const seenNotes = new Set<string>();
    for (const { item, index } of noteItems) {
      const note = readNote(item);
      if ('skipped' in note) skips.add(index, note.skipped);
      else if (seenNotes.has(note.id)) skips.add(index, `a second note with the id ${note.id}`);
      else {
        seenNotes.add(note.id);
        read.push(note);
        noteIndex.set(note, index);
      }
    }
    const items = group.map((r) => r.item);
    const { byTweet, unmatched, ambiguous } = matchNotes(items, read);
    const { superseded, first } = editVersions(items);
    const dates = new Map<string, string>();
    const added: Post[] = [];
    group.forEach(({ item, index }, k) => {
      const post = tweetToPost(item, username, findMedia, byTweet.get(k));
      if ('skipped' in post) {
        skips.add(index, post.skipped);
        return;
      }
      const id = post.id.slice(post.id.lastIndexOf('/') + 1);
      dates.set(id, post.published);
      if (superseded.has(id)) return; // an older version of an edited tweet: the newest stands for it
      added.push(post);
      indexOf.set(post, index);
    });
    for (const post of added) {
      const oldest = first.get(post.id.slice(post.id.lastIndexOf('/') + 1));
      const published = oldest ? dates.get(oldest) : undefined;
      if (published && published !== post.published) {
        post.updated = post.published;
        post.published = published;
      }
    }
    for (const note of unmatched) {
      const post = noteToPost(note);
      added.push(post);
      indexOf.set(post, noteIndex.get(note) ?? 0);
    }
    if (isDeleted) {
      for (const post of added) {
        post.deleted = true;
        if (post.boosted) post.boosted.deleted = true;
      }
    }
    posts.push(...added);
    if (unmatched.length > 0) {
      const file = layout.side[isDeleted ? 'deletedNotes' : 'notes'][0] ?? 'note-tweet.js';
      warnings.push(`${unmatched.length} long ${unmatched.length === 1 ? 'tweet' : 'tweets'} in ${file} matched no ${isDeleted ? 'deleted ' : ''}` +
        `tweet${ambiguous ? ` (${ambiguous} could belong to more than one)` : ''}: shown as ${unmatched.length === 1 ? 'a post' : 'posts'} of ` +
        'their own, with their full text.');
    }
  }

  const ordered = inArchiveOrder(posts, skips, (p) => indexOf.get(p) ?? 0);
  // The summary's counts take deleted tweets as posts: this sentence says how many of those the person had deleted.
  const gone = ordered.filter((p) => p.deleted).length;
  if (gone > 0) {
    warnings.push(`${gone} deleted ${gone === 1 ? 'tweet' : 'tweets'} that the archive keeps (${layout.side.deleted[0]}) ` +
      `${gone === 1 ? 'is' : 'are'} shown marked "Deleted"; is:deleted finds them, -is:deleted leaves them out.`);
  }
  const likes = await readLikes(source, at('like.js'), warnings);
  return {
    source: 'twitter', posts: ordered, skipped: skips.items.sort((a, b) => a.index - b.index), skippedCount: skips.count,
    profile: account, likes, bookmarks: [], warnings,
  };
}

/** tweets_media/ (tweet_media/ before 2022): file name → entry name. */
function mediaFolder(source: Source, dir: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const name of source.entries.keys()) {
    if (!name.startsWith(dir)) continue;
    const rest = name.slice(dir.length);
    if (/^tweets?_media\/[^/]+$/.test(rest) && !isMacOsLitter(name)) map.set(baseName(name), name);
  }
  return map;
}

/** The first object under `key` in a YTD file's one-element list. */
const firstOf = (list: unknown[], key: string): Record<string, unknown> | null => {
  const item = list.find((x) => isObject(x) && isObject(x[key]));
  return item ? ((item as Record<string, unknown>)[key] as Record<string, unknown>) : null;
};

async function readAccount(source: Source, dir: string, at: (name: string) => string | null, warnings: string[]): Promise<Profile> {
  const profile = emptyProfile();
  const accountFile = at('account.js');
  if (!accountFile) {
    warnings.push('The archive has no account.js, so the profile (name, username) is empty.');
    return profile;
  }
  try {
    const account = firstOf(await readYtd(source, accountFile), 'account');
    if (!account) throw new Error('it holds no account');
    const username = str(account.username) ?? '';
    Object.assign(profile, {
      id: username ? `https://twitter.com/${username}` : '',
      username,
      server: 'twitter.com',
      displayName: str(account.accountDisplayName) ?? '',
      joined: isoDate(account.createdAt),
      url: username ? `https://twitter.com/${username}` : null,
      present: true,
    });
    await readProfileFile(source, dir, at, str(account.accountId), profile);
  } catch (error) {
    warnings.push(`${accountFile} could not be read (${message(error)}), so the profile is empty.`);
  }
  return profile;
}

async function readProfileFile(source: Source, dir: string, at: (name: string) => string | null, accountId: string | null, profile: Profile): Promise<void> {
  const file = at('profile.js');
  if (!file) return;
  const data = firstOf(await readYtd(source, file), 'profile');
  if (!data) return;
  const description = isObject(data.description) ? data.description : {};
  const bio = str(description.bio);
  if (bio) profile.bio = paragraphs(bio, (line) => linkify(line));
  const website = str(description.website);
  const location = str(description.location);
  if (website) profile.fields.push({ name: 'Website', value: linkify(website) });
  if (location) profile.fields.push({ name: 'Location', value: escapeHtml(location) });
  // profile_media/<account id>-<basename of the image url> (the header's file may carry an extension added).
  const folder = `${dir}profile_media/`;
  const image = (url: unknown): string | null => {
    if (typeof url !== 'string' || !accountId) return null;
    const want = `${accountId}-${url.split('/').pop() ?? ''}`;
    for (const name of source.entries.keys()) {
      if (!name.startsWith(folder) || name.indexOf('/', folder.length) >= 0) continue;
      const base = name.slice(folder.length);
      if (base === want || base.startsWith(`${want}.`)) return name;
    }
    return null;
  };
  profile.avatar = image(data.avatarMediaUrl);
  profile.header = image(data.headerMediaUrl);
}

/** like.js: the liked tweets' permalinks. */
async function readLikes(source: Source, file: string | null, warnings: string[]): Promise<string[]> {
  if (!file) return [];
  try {
    const likes: string[] = [];
    for (const item of await readYtd(source, file)) {
      const like = isObject(item) && isObject(item.like) ? item.like : null;
      const id = like ? str(like.tweetId) : null;
      if (id && /^\d{1,25}$/.test(id)) likes.push(tweetUri(id));
    }
    return likes;
  } catch (error) {
    warnings.push(`${file} could not be read (${message(error)}), so the list of likes is empty.`);
    return [];
  }
}
