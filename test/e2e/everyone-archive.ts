// The archive the issue-16 specs open: photos of every shape, short filtered lists, a thread in the middle of the
// timeline, posts on this day in earlier years, popularity totals, and a display name that tries to reverse its line.
import type { ItemSpec } from '../fixtures/archive-builder.js';
import { makeAccount, makePost, pngImage, writeArchive } from '../fixtures/archive-builder.js';

export const EVERYONE = {
  /** U+202E (right-to-left override) in the middle: unisolated, it reverses the rest of its line */
  displayName: 'Pia \u202Etset gnol',
  portrait: 'A tall lighthouse, photographed upright',
  square: 'A square tide chart',
  tag: 'puffinparade',
  pollText: (n: number) => `Vote number ${n} on the harbour`,
  tagText: (n: number) => `Parade number ${n} of puffins`,
  threadRoot: 'The middle thread begins meridian',
  threadReply: 'And the middle thread goes on meridian',
  onThisDay: (years: number) => `Written ${years} years before today anniversary`,
  popular: 'The most liked post of all bluefin',
  fillers: 140,
};

export interface EveryoneArchive {
  path: string;
  ids: { portrait: string; threadRoot: string; threadReply: string; popular: string; polls: string[]; tagged: string[]; onThisDay: string[]; media: string[] };
}

export async function everyoneArchive(dir: string, today = new Date()): Promise<EveryoneArchive> {
  const account = makeAccount({ host: 'quay.example', username: 'pia', displayName: EVERYONE.displayName, bio: '<p>Harbour notes.</p>' });
  const items: ItemSpec[] = [];
  const add = (published: Date, options: Omit<Parameters<typeof makePost>[0], 'account' | 'published'>): string => {
    const item = makePost({ account, published, ...options });
    items.push(item);
    return String((item.json.object as { id: string }).id);
  };
  // Fillers one day apart ending a month before today; the special posts sit among them, oldest first.
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - 30 * 86_400_000;
  const day = (n: number) => new Date(end - (EVERYONE.fillers - n) * 86_400_000 + 12 * 3_600_000);
  const polls: string[] = [];
  const tagged: string[] = [];
  const onThisDay: string[] = [];
  const media: string[] = [];
  // On this day, two and one years back (at noon UTC, the same calendar day in every time zone near UTC).
  for (const years of [3, 2]) {
    const at = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate(), 12));
    onThisDay.push(add(at, { text: EVERYONE.onThisDay(years), language: 'en' }));
  }
  let threadRoot = '';
  let threadReply = '';
  let popular = '';
  let portrait = '';
  for (let i = 0; i < EVERYONE.fillers; i++) {
    if (i === 20 || i === 50 || i === 80) polls.push(add(day(i), { text: EVERYONE.pollText(polls.length + 1), poll: { options: ['Yes', 'No'], closed: true, endTime: day(i + 1) } }));
    if (i === 25 || i === 55 || i === 85) tagged.push(add(day(i), { text: `${EVERYONE.tagText(tagged.length + 1)} #${EVERYONE.tag}`, hashtags: [EVERYONE.tag] }));
    if (i === 60) threadRoot = add(day(i), { text: EVERYONE.threadRoot, likes: 3, shares: 1 });
    if (i === 61) threadReply = add(day(i), { text: EVERYONE.threadReply, inReplyTo: threadRoot });
    // Three more tall photo posts: with the portrait one, a short list of cards taller than the window.
    if (i === 100 || i === 110 || i === 120) media.push(add(day(i), { text: `Tall photo number ${media.length + 1}`, media: [{ kind: 'image', alt: `Tall photo ${media.length + 1}`, width: 300, height: 1200, ext: 'png', mediaType: 'image/png', bytes: pngImage(300, 1200, (x, y) => [200, (y >> 3) & 255, x & 255]) }] }));
    if (i === 90) popular = add(day(i), { text: EVERYONE.popular, likes: 240, shares: 31 });
    if (i === 130) {
      portrait = add(day(i), {
        text: 'Two pictures: one tall, one square',
        media: [
          { kind: 'image', alt: EVERYONE.portrait, width: 360, height: 1400, ext: 'png', mediaType: 'image/png', bytes: pngImage(360, 1400, (x, y) => [30 + (y % 200), 60 + (x % 90), 150]) },
          { kind: 'image', alt: EVERYONE.square, width: 1200, height: 1200, ext: 'png', mediaType: 'image/png', bytes: pngImage(1200, 1200, (x, y) => [(x >> 3) & 255, (y >> 3) & 255, 90]) },
        ],
      });
    }
    add(day(i), { text: `Harbour log entry ${i + 1}: wind, tide and gulls`, likes: i % 7, shares: i % 3 });
  }
  const path = await writeArchive({ version: '4.4', account, items }, dir, { fileName: 'everyone.zip' });
  return { path, ids: { portrait, threadRoot, threadReply, popular, polls, tagged, onThisDay, media: [...media, portrait] } };
}
