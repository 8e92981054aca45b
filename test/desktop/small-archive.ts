// A small real Mastodon archive written with yazl: two posts, one image attachment, an avatar, and a file the
// index never references (secret.txt) — the media protocol must refuse it like any other unknown name.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import yazl from 'yazl';

export const IMAGE_NAME = 'media_attachments/files/000/000/001/original/photo.png';
/**
 * Larger than the engine's biggest read or inflate chunk (1 MiB), so a media stream always comes in several chunks;
 * noise (a fixed LCG) rather than a repeated byte, which would deflate past the zip-bomb ratio.
 */
export const IMAGE_BYTES = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), noise(2_500_000, 7)]);

function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
export const AVATAR_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const actor = 'https://example.social/users/alice';
const PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';

function item(n: number, attachment: unknown[]): unknown {
  const published = `2024-01-0${n}T10:00:00Z`;
  return {
    id: `${actor}/statuses/${n}/activity`,
    type: 'Create',
    actor,
    published,
    to: [PUBLIC],
    cc: [`${actor}/followers`],
    object: {
      id: `${actor}/statuses/${n}`,
      type: 'Note',
      url: `https://example.social/@alice/${n}`,
      attributedTo: actor,
      published,
      to: [PUBLIC],
      cc: [`${actor}/followers`],
      content: `<p>Post number ${n} <a href="https://example.org/">a link</a></p>`,
      sensitive: false,
      attachment,
      tag: [],
    },
  };
}

/** Writes archive.zip into dir and returns its path. */
export async function writeSmallArchive(dir: string): Promise<string> {
  const zip = new yazl.ZipFile();
  const outbox = {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: 'outbox.json',
    type: 'OrderedCollection',
    totalItems: 2,
    orderedItems: [
      item(1, [{ type: 'Document', mediaType: 'image/png', url: `/${IMAGE_NAME}`, name: 'A photo' }]),
      item(2, []),
    ],
  };
  const person = {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: actor,
    type: 'Person',
    preferredUsername: 'alice',
    name: 'Alice',
    summary: '<p>Hi</p>',
    published: '2020-01-01T00:00:00Z',
    icon: { type: 'Image', mediaType: 'image/png', url: 'avatar.png' },
  };
  zip.addBuffer(Buffer.from(JSON.stringify(outbox)), 'outbox.json');
  zip.addBuffer(Buffer.from(JSON.stringify(person)), 'actor.json');
  zip.addBuffer(AVATAR_BYTES, 'avatar.png');
  zip.addBuffer(IMAGE_BYTES, IMAGE_NAME);
  zip.addBuffer(Buffer.from('not for the renderer'), 'secret.txt');
  zip.end();
  const path = join(dir, 'archive.zip');
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await once(out, 'close');
  return path;
}
