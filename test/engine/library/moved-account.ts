// Generated exports of one person who moved: two exports of the old account (overlapping, one post edited in the
// later one, which also carries movedTo) and one export of the new account (alsoKnownAs → old).
import { join } from 'node:path';
import { makeAccount, makeBoost, makePoll, makePost, makeReply, snowflake, writeArchive, type ItemSpec } from '../../fixtures/archive-builder.js';

export const OLD_URI = 'https://old.example/users/wren';
export const NEW_URI = 'https://new.example/users/wren';

const oldBefore = makeAccount({ host: 'old.example', username: 'wren', displayName: 'Wren' });
const oldAfter = makeAccount({ host: 'old.example', username: 'wren', displayName: 'Wren', movedTo: NEW_URI });
const newAccount = makeAccount({ host: 'new.example', username: 'wren', displayName: 'Wren (new home)', alsoKnownAs: [OLD_URI] });

const id = (date: string, n: number) => snowflake(date, n);
export const IDS = {
  p1: id('2022-01-10T09:00:00Z', 1),
  p2: id('2022-03-05T09:00:00Z', 2),
  p3: id('2022-06-01T09:00:00Z', 3),
  p4: id('2022-09-09T09:00:00Z', 4),
  b1: id('2022-10-10T09:00:00Z', 5),
  p5: id('2023-02-01T09:00:00Z', 6),
  p6: id('2023-04-04T09:00:00Z', 7),
  p7: id('2023-07-07T09:00:00Z', 8),
  n1: id('2023-08-08T09:00:00Z', 9),
  n2: id('2023-09-09T09:00:00Z', 10),
  b2: id('2024-01-01T09:00:00Z', 11),
  n3: id('2024-05-05T09:00:00Z', 12),
};
export const P3_URI = oldBefore.statusUri(IDS.p3);
export const P7_URI = oldBefore.statusUri(IDS.p7);

/** The old account's items as an export taken at that time shows them (edited: P3 after its edit). */
function oldItems(account: typeof oldBefore, edited: boolean, upTo: 'early' | 'late'): ItemSpec[] {
  const items = [
    makePost({ account, id: IDS.p1, published: '2022-01-10T09:00:00Z', text: 'First post from the old home #garden' }),
    makeReply({ account, id: IDS.p2, published: '2022-03-05T09:00:00Z', text: 'Replying to myself', inReplyTo: account.statusUri(IDS.p1), visibility: 'unlisted' }),
    edited
      ? makePost({ account, id: IDS.p3, published: '2022-06-01T09:00:00Z', text: 'Edited wording about tomatoes', cw: 'food', updated: '2023-06-15T10:00:00Z' })
      : makePost({ account, id: IDS.p3, published: '2022-06-01T09:00:00Z', text: 'Original wording about tomatoes', cw: 'food' }),
    makePost({ account, id: IDS.p4, published: '2022-09-09T09:00:00Z', text: 'Nur für Freunde', language: 'de', visibility: 'private' }),
    makeBoost({ account, id: IDS.b1, published: '2022-10-10T09:00:00Z', object: 'https://else.example/users/kit/statuses/1' }),
    makePoll({ account, id: IDS.p5, published: '2023-02-01T09:00:00Z', text: 'Which seeds?', poll: { options: ['beans', 'peas'] } }),
  ];
  if (upTo === 'late') {
    items.push(
      makePost({ account, id: IDS.p6, published: '2023-04-04T09:00:00Z', text: 'Packing up' }),
      makePost({ account, id: IDS.p7, published: '2023-07-07T09:00:00Z', text: 'Last post here, moving soon #garden' }),
    );
  }
  return items;
}

function newItems(): ItemSpec[] {
  const a = newAccount;
  return [
    makePost({ account: a, id: IDS.n1, published: '2023-08-08T09:00:00Z', text: 'Hello from the new home #garden' }),
    makeReply({ account: a, id: IDS.n2, published: '2023-09-09T09:00:00Z', text: 'Following up on my old post', inReplyTo: P7_URI }),
    makeBoost({ account: a, id: IDS.b2, published: '2024-01-01T09:00:00Z', object: 'https://else.example/users/kit/statuses/2' }),
    makePost({ account: a, id: IDS.n3, published: '2024-05-05T09:00:00Z', text: 'A private word', visibility: 'direct', mentions: [{ acct: 'kit@else.example' }] }),
  ];
}

export const L = (n: number) => `https://else.example/users/kit/statuses/${100 + n}`;

export interface MovedExports {
  oldEarly: string;
  oldLate: string;
  newer: string;
}

/** Writes the three exports into `dir` (zip) and returns their paths. */
export async function writeMovedExports(dir: string): Promise<MovedExports> {
  const oldEarly = await writeArchive(
    { version: '4.4', account: oldBefore, items: oldItems(oldBefore, false, 'early'), likes: [L(1), L(2)], bookmarks: [L(11)], exportedAt: '2023-03-01T00:00:00Z' },
    join(dir, 'early'), { container: 'zip', fileName: 'old-2023-03.zip' },
  );
  const oldLate = await writeArchive(
    { version: '4.4', account: oldAfter, items: oldItems(oldAfter, true, 'late'), likes: [L(1), L(2), L(3)], bookmarks: [L(11), L(12)], exportedAt: '2023-09-01T00:00:00Z' },
    join(dir, 'late'), { container: 'zip', fileName: 'old-2023-09.zip' },
  );
  const newer = await writeArchive(
    { version: '4.4', account: newAccount, items: newItems(), likes: [L(4)], bookmarks: [L(13)], exportedAt: '2024-06-01T00:00:00Z' },
    join(dir, 'new'), { container: 'zip', fileName: 'new-2024-06.zip' },
  );
  return { oldEarly, oldLate, newer };
}

/** Two exports of one account with the same newest item: only P3 differs (edited in `edited`). */
export async function writeTwinExports(dir: string): Promise<{ original: string; edited: string }> {
  const original = await writeArchive(
    { version: '4.4', account: oldBefore, items: oldItems(oldBefore, false, 'early'), exportedAt: '2023-03-01T00:00:00Z' },
    join(dir, 'twin-a'), { container: 'zip', fileName: 'twin-original.zip' },
  );
  const edited = await writeArchive(
    { version: '4.4', account: oldBefore, items: oldItems(oldBefore, true, 'early'), exportedAt: '2023-03-02T00:00:00Z' },
    join(dir, 'twin-b'), { container: 'zip', fileName: 'twin-edited.zip' },
  );
  return { original, edited };
}
