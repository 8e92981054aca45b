// The built app as Electron would load it: dist/desktop/main.cjs with its real neighbours (dist/engine/worker.js,
// dist/preload, dist/renderer, dist/demo), only `electron` faked. Catches wrong paths and bundling mistakes that the
// source-level tests cannot see.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as fake from './fake-electron.js';
import { Channels } from '../../preload/contract.js';
import type { ArchiveInfo } from '../../preload/contract.js';

const root = resolve(__dirname, '../..');
const built = ['dist/desktop/main.cjs', 'dist/engine/worker.js', 'dist/preload/index.cjs', 'dist/renderer/index.html', 'dist/demo/demo-archive.zip']
  .every((f) => existsSync(join(root, f)));
const dir = mkdtempSync(join(tmpdir(), 'outbox-bundle-'));
const saved = { argv: process.argv, cache: process.env.OUTBOX_CACHE_DIR };

afterAll(() => {
  fake.app.emit('will-quit');
  process.argv = saved.argv;
  if (saved.cache === undefined) delete process.env.OUTBOX_CACHE_DIR;
  else process.env.OUTBOX_CACHE_DIR = saved.cache;
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!built)('dist/desktop/main.cjs (after npm run build)', () => {
  it('starts, serves the built renderer, and opens the demo through IPC and the worker thread', async () => {
    // require('electron') inside the bundle gets the recording fake.
    const hooks = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
    const resolveFilename = hooks._resolveFilename;
    hooks._resolveFilename = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? 'outbox-fake-electron' : resolveFilename.call(this, request, ...rest);
    };
    const require = createRequire(join(root, 'package.json'));
    require.cache['outbox-fake-electron'] = { id: 'outbox-fake-electron', filename: 'outbox-fake-electron', loaded: true, exports: fake } as never;
    process.argv = ['/opt/Outbox/outbox'];
    process.env.OUTBOX_CACHE_DIR = join(dir, 'cache');
    fake.app.userData = join(dir, 'userData');
    try {
      require(join(root, 'dist/desktop/main.cjs'));
    } finally {
      hooks._resolveFilename = resolveFilename;
    }
    expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['outbox-app', 'outbox-media']);
    fake.app.becomeReady();
    await new Promise((r) => setTimeout(r, 0));
    const window = fake.BrowserWindow.created[0]!;
    expect(window.options.webPreferences.preload).toBe(join(root, 'dist/preload/index.cjs'));
    // the OS languages ride along for the viewer's language (see main/desktop/desktop-text.ts)
    expect(window.loaded).toEqual([expect.stringMatching(/^outbox-app:\/\/app\/index\.html(\?lang=[^&]+)?$/)]);

    const serveApp = fake.protocol.handlers.get('outbox-app')!;
    const page = await serveApp(new Request('outbox-app://app/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('app.js');
    expect((await serveApp(new Request('outbox-app://app/app.js'))).status).toBe(200);
    expect((await serveApp(new Request('outbox-app://app/app.js.map'))).status).toBe(200);
    expect((await serveApp(new Request('outbox-app://app/../desktop/main.cjs'))).status).toBe(404);

    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const opened = await fake.ipcMain.handlers.get(Channels.open)!(event, { demo: true });
    expect(opened.ok).toBe(true);
    const info = opened.value as ArchiveInfo;
    expect(info.name).toBe('demo-archive.zip');
    expect(window.webContents.sent.some(([channel]) => channel === Channels.progress)).toBe(true);
    const media = await fake.protocol.handlers.get('outbox-media')!(
      new Request(`outbox-media://${info.id}/${encodeURIComponent(info.profile.avatar!)}`),
    );
    expect(media.status).toBe(200);
    expect((await media.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });
});
