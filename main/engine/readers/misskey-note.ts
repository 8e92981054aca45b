// One note of a Misskey-family "export notes" file (Misskey, Sharkey, Firefish, Iceshrimp) → a Post.
// Field list: the serializer in Misskey's ExportNotesProcessorService (see samples/other/misskey/FORMAT.md).
import type { CustomEmoji, MediaAttachment, MediaKind, Mention, Poll, Post, Visibility } from '../../../preload/contract.js';
import { isObject, isoDate, NONE, num, str, type Json } from '../normalize/fields.js';
import { anchor, escapeHtml, kindOf, linkify, newPost, paragraphs } from './common.js';

export type NoteResult = Post | { skipped: string };

const VISIBILITY: Record<string, Visibility> = { public: 'public', home: 'unlisted', followers: 'private', specified: 'direct' };

/** Misskey ids: aidx, aid, meid, objectid, ulid… letters and digits, never long. */
const NOTE_ID = /^[0-9A-Za-z_-]{1,64}$/;
/** @user or @user@host; #tag; :emoji: — in MFM source text. */
const TOKEN = /(?<![\w@])@([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}))?|(?<![\w&#])#([\p{L}\p{M}\p{N}_]{1,128})|:([A-Za-z0-9_+-]{1,64}):/gu;
/** MFM functions ($[x2 text], $[spin.speed=2s text]): the text stays, the effect goes. */
const MFM_FN = /\$\[[A-Za-z0-9_.,=-]{1,64} ([^[\]]*)\]/g;

function mfmToHtml(text: string, mentions: Mention[], hashtags: string[], emojis: CustomEmoji[]): string {
  let plain = text;
  for (let i = 0; i < 8 && MFM_FN.test(plain); i++) plain = plain.replace(MFM_FN, '$1');
  const tokens = (part: string): string => {
    let out = '';
    let at = 0;
    for (const m of part.matchAll(TOKEN)) {
      out += escapeHtml(part.slice(at, m.index));
      at = m.index + m[0].length;
      if (m[1] !== undefined) {
        const name = m[2] ? `@${m[1]}@${m[2]}` : `@${m[1]}`;
        // A local @user names no server the export knows: it stays text; a remote one links to its profile.
        if (m[2]) {
          const href = `https://${m[2]}/@${m[1]}`;
          if (!mentions.some((x) => x.name === name)) mentions.push({ name, href });
          out += `<span class="h-card">${anchor(href, `@<span>${escapeHtml(m[1])}</span>`, 'u-url mention')}</span>`;
        } else {
          out += escapeHtml(name);
        }
      } else if (m[3] !== undefined) {
        const tag = m[3].toLowerCase();
        if (!hashtags.includes(tag)) hashtags.push(tag);
        out += `<a class="mention hashtag" rel="tag">#<span>${escapeHtml(m[3])}</span></a>`;
      } else {
        if (!emojis.some((e) => e.shortcode === m[4])) emojis.push({ shortcode: m[4]!, url: null });
        out += escapeHtml(m[0]);
      }
    }
    return out + escapeHtml(part.slice(at));
  };
  return paragraphs(plain, (line) => linkify(line, tokens));
}

function mediaKind(type: string): MediaKind {
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'unknown';
}

/** `files` (Misskey since July 2023, Firefish); before it only `fileIds`, which still say that media was attached. */
function media(note: Json): MediaAttachment[] {
  const out: MediaAttachment[] = [];
  const files = Array.isArray(note.files) ? note.files : null;
  if (files) {
    for (const f of files) {
      if (!isObject(f)) continue;
      const url = str(f.url) ?? str(f.thumbnailUrl);
      if (url === null) continue;
      const type = str(f.type) ?? '';
      const properties = isObject(f.properties) ? f.properties : {};
      out.push({
        path: null, // the export holds no file bytes, only their addresses
        url,
        mediaType: type,
        kind: mediaKind(type),
        description: str(f.comment) || null,
        present: false,
        width: num(properties.width),
        height: num(properties.height),
        blurhash: str(f.blurhash) || null,
        focalPoint: null,
      });
    }
  }
  const ids = Array.isArray(note.fileIds) ? note.fileIds.filter((x): x is string => typeof x === 'string') : [];
  // Files the export lists only by id (no `files` key yet, or deleted since): each still shows as absent media.
  for (const id of ids.slice(out.length)) {
    out.push({
      path: null, url: id, mediaType: '', kind: 'unknown', description: null, present: false,
      width: null, height: null, blurhash: null, focalPoint: null,
    });
  }
  return out.length ? out : NONE;
}

function poll(value: unknown, now = Date.now()): Poll | null {
  if (!isObject(value) || !Array.isArray(value.choices)) return null;
  const votes = Array.isArray(value.votes) ? value.votes : [];
  const options = value.choices
    .map((title, i) => (typeof title === 'string' ? { title, votes: num(votes[i]) } : null))
    .filter((o): o is { title: string; votes: number | null } => o !== null);
  const endTime = isoDate(value.expiresAt);
  return {
    multiple: value.multiple === true,
    options,
    votersCount: null,
    endTime,
    closed: endTime !== null && Date.parse(endTime) < now,
  };
}

/** One element of the notes array → a Post. Never throws. */
export function noteToPost(raw: unknown): NoteResult {
  if (!isObject(raw)) return { skipped: `the item is ${kindOf(raw)}, not an object` };
  const id = str(raw.id);
  if (id === null || !NOTE_ID.test(id)) return { skipped: 'the note has no id' };
  const published = isoDate(raw.createdAt);
  if (published === null) return { skipped: 'createdAt is not a date' };
  const text = str(raw.text);
  const cw = str(raw.cw);
  const files = media(raw);
  const renoteId = str(raw.renoteId);
  const visibility = VISIBILITY[str(raw.visibility) ?? ''] ?? 'public';
  const notePoll = poll(raw.poll);
  if (renoteId !== null && text === null && cw === null && notePoll === null && files.length === 0) {
    // A pure renote: Misskey's boost. The renoted note is someone's (or one's own) note the export does not hold.
    const boost = newPost(id, published, '');
    boost.type = 'boost';
    boost.visibility = visibility;
    boost.boostOf = renoteId;
    return boost;
  }
  const mentions: Mention[] = [];
  const hashtags: string[] = [];
  const emojis: CustomEmoji[] = [];
  const post = newPost(id, published, text === null ? '' : mfmToHtml(text, mentions, hashtags, emojis));
  post.visibility = visibility;
  post.summary = cw === null || cw === '' ? null : cw;
  post.sensitive = post.summary !== null || (Array.isArray(raw.files) && raw.files.some((f) => isObject(f) && f.isSensitive === true));
  // Notes refer to each other by id (no URI is exported): a reply or quote finds one's own note by it.
  post.inReplyTo = str(raw.replyId);
  post.quote = renoteId;
  post.media = files;
  post.poll = notePoll;
  post.mentions = mentions.length ? mentions : NONE;
  post.hashtags = hashtags.length ? hashtags : NONE;
  post.emojis = emojis.length ? emojis : NONE;
  return post;
}
