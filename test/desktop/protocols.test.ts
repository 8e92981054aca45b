// The privileged schemes: outbox-app:// serves only the built renderer's files, outbox-media:// only entries the
// index knows, through the real worker dispatch and engine on a real zip. Everything else is a 404.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));

import { protocol } from './fake-electron.js';
import { CSP } from '../../preload/contract.js';
import {
  appFiles, appHandler, DESKTOP_CSP, handleSchemes, mediaHandler, registerSchemes,
} from '../../main/desktop/protocols.js';
import { engineHost } from './engine-port.js';
import { AVATAR_BYTES, IMAGE_BYTES, IMAGE_NAME, writeSmallArchive } from './small-archive.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-protocols-'));
const engine = engineHost();
let archive = '';

beforeAll(async () => {
  const opened = await engine.host.call('open', { path: await writeSmallArchive(dir) });
  if (!opened.ok) throw new Error(opened.message);
  archive = opened.value.id;
});

afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => new Request(url, { method });

describe('registerSchemes', () => {
  it('registers both schemes as privileged, standard and secure; media can stream', () => {
    registerSchemes();
    expect(protocol.privileged).toEqual([
      { scheme: 'outbox-app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      { scheme: 'outbox-media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
  });

  it('sends the contract\'s CSP with the media scheme allowed for images and media only', () => {
    expect(DESKTOP_CSP).toContain("img-src 'self' outbox-media: blob: data:");
    expect(DESKTOP_CSP).toContain("media-src 'self' outbox-media: blob:");
    expect(DESKTOP_CSP.replaceAll(' outbox-media:', '')).toBe(CSP);
  });
});

describe('outbox-media://', () => {
  const media = () => mediaHandler(engine.host);

  it('serves an attachment and the avatar the index knows, with the CSP header', async () => {
    const response = await media()(get(`outbox-media://${archive}/${encodeURIComponent(IMAGE_NAME)}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-length')).toBe(String(IMAGE_BYTES.length));
    expect(response.headers.get('content-security-policy')).toBe(DESKTOP_CSP);
    expect(Buffer.from(await response.arrayBuffer()).equals(IMAGE_BYTES)).toBe(true);
    const avatar = await media()(get(`outbox-media://${archive}/avatar.png`));
    expect(avatar.status).toBe(200);
    expect(Buffer.from(await avatar.arrayBuffer()).equals(AVATAR_BYTES)).toBe(true);
  });

  it('answers 404 to ../, absolute, encoded-dot and unknown names, and to files the index never referenced', async () => {
    const names = [
      '../x', '..%2Fx', '%2e%2e%2fx', '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd', '/etc/passwd',
      'media_attachments%2F..%2Fsecret.txt', '..%5C..%5Csecret.txt', 'C%3A%5CWindows%5Cwin.ini', '%00avatar.png',
      'secret.txt', 'outbox.json', 'actor.json', 'nothing.png', '', '%E0%A4%A', encodeURIComponent(join(dir, 'archive.zip')),
    ];
    for (const name of names) {
      const response = await media()(get(`outbox-media://${archive}/${name}`));
      expect(response.status, name).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(DESKTOP_CSP);
    }
  });

  it('answers 404 for an archive that is not open, and to anything but GET and HEAD', async () => {
    expect((await media()(get(`outbox-media://0000000000000000/avatar.png`))).status).toBe(404);
    expect((await media()(get(`outbox-media://${archive}/avatar.png`, 'POST'))).status).toBe(404);
    const head = await media()(get(`outbox-media://${archive}/avatar.png`, 'HEAD'));
    expect(head.status).toBe(200);
  });

  it('serves byte ranges for media seeking, across chunk boundaries, and refuses unsatisfiable ones', async () => {
    const url = `outbox-media://${archive}/${encodeURIComponent(IMAGE_NAME)}`;
    const ranged = (range: string) => media()(new Request(url, { headers: { range } }));
    const size = IMAGE_BYTES.length;
    const cases: Array<[string, number, number]> = [
      ['bytes=0-99', 0, 99], ['bytes=65530-131080', 65530, 131080], ['bytes=100000-', 100000, size - 1],
      ['bytes=-10', size - 10, size - 1], ['bytes=1048500-1048600', 1048500, 1048600],
      // an end past the entry is read as its last byte
      [`bytes=${size - 20}-${size + 999_999}`, size - 20, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await ranged(range);
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.headers.get('content-length')).toBe(String(end - start + 1));
      expect(Buffer.from(await response.arrayBuffer()).equals(IMAGE_BYTES.subarray(start, end + 1)), range).toBe(true);
    }
    const whole = await ranged('bytes=200-100');
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(size);
    const beyond = await ranged(`bytes=${size}-`);
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);
    expect((await media()(get(url))).headers.get('accept-ranges')).toBe('bytes');
  });

  it('refuses escape-shaped names before they reach the index', async () => {
    for (const path of ['/../x', '/a/../../x', '/%2e%2e%2fx', '/%2fetc%2fpasswd', '//etc/passwd', '/a%5Cb', '/C:%5Cx', '/./x', '/', '/%zz']) {
      expect((await media()(new Request(`outbox-media://${archive}${path}`))).status, path).toBe(404);
    }
  });
});

describe('outbox-app://', () => {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'styles'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Outbox</title>');
  writeFileSync(join(rendererDir, 'app.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'styles', 'app.css'), 'body{}');
  writeFileSync(join(dir, 'outside.txt'), 'outside the renderer');

  it('serves the files of the built renderer, with types and the CSP', async () => {
    const serve = appHandler(appFiles(rendererDir));
    const page = await serve(get('outbox-app://app/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(DESKTOP_CSP);
    expect(await page.text()).toContain('<title>Outbox</title>');
    expect((await serve(get('outbox-app://app/'))).status).toBe(200);
    expect((await serve(get('outbox-app://app/app.js'))).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await serve(get('outbox-app://app/styles/app.css'))).text()).toBe('body{}');
  });

  it('answers 404 outside the allow-list made at start', async () => {
    const serve = appHandler(appFiles(rendererDir));
    writeFileSync(join(rendererDir, 'late.js'), 'added after start');
    for (const url of [
      'outbox-app://app/../outside.txt', 'outbox-app://app/%2e%2e/outside.txt', 'outbox-app://app/..%2Foutside.txt',
      'outbox-app://app/late.js', 'outbox-app://app/styles', 'outbox-app://other/index.html', `outbox-app://app/${encodeURIComponent(join(dir, 'outside.txt'))}`,
    ]) {
      expect((await serve(get(url))).status, url).toBe(404);
    }
  });

  it('installs both handlers with protocol.handle', () => {
    handleSchemes(rendererDir, engine.host);
    expect([...protocol.handlers.keys()]).toEqual(['outbox-app', 'outbox-media']);
  });
});
