// locateArchive on the real samples and on re-zipped shapes: root, named files, media url resolution.
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { locateArchive } from '../../../main/engine/source/layout.js';
import { mediaTypeOf } from '../../../main/engine/source/media-type.js';
import { openSource } from '../../../main/engine/source/open-source.js';

import { SAMPLES } from '../../samples.js';
const tmp = mkdtempSync(join(tmpdir(), 'outbox-layout-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Attachment { url: string }
function attachmentUrls(outboxPath: string): string[] {
  const outbox = JSON.parse(readFileSync(outboxPath, 'utf8')) as { orderedItems: { object?: unknown }[] };
  return outbox.orderedItems.flatMap((item) => {
    const object = item.object as { attachment?: Attachment[] } | string | undefined;
    return typeof object === 'object' && object ? (object.attachment ?? []).map((a) => a.url) : [];
  });
}

describe('mastodon-3.5-mas.to (folder)', () => {
  const folder = join(SAMPLES, 'mastodon-3.5-mas.to');

  it('resolves all 48 /masto-public/… attachment urls to entries that hold the files', async () => {
    const source = await openSource(folder);
    expect(source.format).toBe('folder');
    const layout = locateArchive(source);
    expect(layout).toMatchObject({ root: '', outbox: 'outbox.json', actor: 'actor.json', likes: 'likes.json',
      bookmarks: 'bookmarks.json' });
    const urls = attachmentUrls(join(folder, 'outbox.json'));
    expect(urls).toHaveLength(48);
    for (const url of urls) {
      expect(url.startsWith('/masto-public/media_attachments/files/')).toBe(true);
      const name = layout.resolve(url);
      expect(name).toBe(url.slice('/masto-public/'.length));
      expect(source.entries.get(name!)!.size).toBe(readFileSync(join(folder, name!)).length);
    }
    const first = layout.resolve(urls[0]!)!;
    expect((await source.read(first, 1e8)).equals(readFileSync(join(folder, first)))).toBe(true);
    // the same file through an absolute url on the bucket's host, with a query string
    expect(layout.resolve(`https://files.mas.to${urls[0]}?v=1`)).toBe(first);
    expect(layout.resolve('avatar.png')).toBe('avatar.png');
    expect(layout.resolve('header.jpg')).toBe('header.jpg');
    await source.close();
  });
});

describe('synthetic-4.2.0-duplicate-context (folder)', () => {
  it('resolves root-relative media, and says null for the file the archive lacks', async () => {
    const source = await openSource(join(SAMPLES, 'synthetic-4.2.0-duplicate-context'));
    const layout = locateArchive(source);
    expect(layout.resolve('/media_attachments/IMG_8735.jpeg')).toBe('media_attachments/IMG_8735.jpeg');
    expect(layout.resolve('/media_attachments/IMG_7760.jpeg')).toBeNull();
    expect(layout.resolve('avatar.svg')).toBe('avatar.svg');
    await source.close();
  });
});

describe('re-zipped shapes', () => {
  async function zipOf(name: string, files: Record<string, string>): Promise<string> {
    const zip = new yazl.ZipFile();
    for (const [entry, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), entry);
    zip.end();
    const path = join(tmp, name);
    await pipeline(zip.outputStream, createWriteStream(path));
    return path;
  }

  it('finds the shallowest outbox.json inside one sub-folder and ignores __MACOSX', async () => {
    const source = await openSource(await zipOf('finder.zip', {
      '__MACOSX/outbox.json': 'x',
      '__MACOSX/archive/._outbox.json': 'x',
      'archive/old/backup/outbox.json': '{}',
      'archive/outbox.json': '{}',
      'archive/actor.json': '{}',
      'archive/media_attachments/files/1/original/a%20b.png': 'encoded name',
      'archive/media_attachments/files/1/original/c d.png': 'space',
      'other/media_attachments/files/1/original/c d.png': 'elsewhere',
      'archive/xmedia_attachments/files/2.png': 'not a suffix',
      'archive/media_attachments/old/media_attachments/files/3/original/d.png': 'nested',
    }));
    const layout = locateArchive(source);
    expect(layout.root).toBe('archive/');
    expect(layout.outbox).toBe('archive/outbox.json');
    expect(layout.actor).toBe('archive/actor.json');
    expect(layout.likes).toBeNull();
    expect(layout.resolve('/system/media_attachments/files/1/original/c%20d.png'))
      .toBe('archive/media_attachments/files/1/original/c d.png');
    expect(layout.resolve('/media_attachments/files/1/original/a%20b.png'))
      .toBe('archive/media_attachments/files/1/original/a%20b.png');
    expect(layout.resolve('/media_attachments/files/2.png')).toBeNull();
    // the suffix starts at the LAST media_attachments/, on the entry's side and on the url's
    expect(layout.resolve('https://cdn.example/media_attachments/files/3/original/d.png'))
      .toBe('archive/media_attachments/old/media_attachments/files/3/original/d.png');
    expect(layout.resolve('/xmedia_attachments/files/2.png')).toBe('archive/xmedia_attachments/files/2.png');
    // paths the URL parser rewrites (dot segments, a host after //, a query) resolve as it reads them
    expect(layout.resolve('/media_attachments/files/9/../../files/3/original/d.png'))
      .toBe('archive/media_attachments/old/media_attachments/files/3/original/d.png');
    expect(layout.resolve('media_attachments/./files/3/original/d.png?v=2'))
      .toBe('archive/media_attachments/old/media_attachments/files/3/original/d.png');
    expect(layout.resolve('//cdn.example/actor.json')).toBe('archive/actor.json'); // a host-relative url keeps its path
    expect(layout.resolve('/old/../actor.json')).toBe('archive/actor.json');
    expect(layout.resolve('/actor.json')).toBe('archive/actor.json');
    expect(layout.resolve('media_attachments/files/3/original/d.png'))
      .toBe('archive/media_attachments/old/media_attachments/files/3/original/d.png');
    for (const url of ['', 'data:image/png;base64,AAAA', 'javascript:alert(1)', 'file:///etc/passwd',
      'https://evil.example/actor.json', 'http://[bad', '/media_attachments/', '../actor.json#x']) {
      expect(layout.resolve(url), url).toBe(url === '../actor.json#x' ? 'archive/actor.json' : null);
    }
    await source.close();
  });
});

describe('mediaTypeOf', () => {
  it.each([
    ['a/b/IMG_1.JPEG', 'image/jpeg'], ['avatar.png', 'image/png'], ['x.webp', 'image/webp'], ['v.mp4', 'video/mp4'],
    ['s.ogg', 'audio/ogg'], ['header.gif', 'image/gif'], ['noext', 'application/octet-stream'],
    ['dir.png/file', 'application/octet-stream'],
  ])('%s → %s', (name, type) => expect(mediaTypeOf(name)).toBe(type));
});
