// Starting the desktop app from plain Node (main/cli/desktop.ts): finding the binary without downloading it,
// and which archive argv names once Electron runs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { desktopUnavailable, electronBinary, NO_ELECTRON } from '../../main/cli/desktop.js';
import { archiveFromArgv } from '../../main/desktop/argv.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-launch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = resolve(__dirname, '../..');
const installed = existsSync(join(root, 'node_modules/electron/path.txt'));

describe('electronBinary', () => {
  it.skipIf(installed)('says null when the binary was never downloaded, and the CLI gets one line saying how to get it', () => {
    const env = { ...process.env };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    expect(electronBinary(env)).toBeNull();
    const message = desktopUnavailable(env)!;
    expect(message).toBe(NO_ELECTRON);
    expect(message).not.toContain('\n');
    expect(message).toMatch(/browser mode/);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, and only when the binary is there', () => {
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir };
    const name = installed ? readFileSync(join(root, 'node_modules/electron/path.txt'), 'utf8').trim() : 'electron';
    expect(electronBinary(env)).toBeNull();
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), '#!/bin/sh\n', { mode: 0o755 });
    expect(electronBinary(env)).toBe(join(dir, name));
  });
});

describe('archiveFromArgv', () => {
  it('takes the last non-switch argument after the binary (packaged) or the app folder (unpackaged)', () => {
    expect(archiveFromArgv(['/opt/Outbox/outbox', 'a.zip'], '/home/alice', false)).toBe('/home/alice/a.zip');
    expect(archiveFromArgv(['/opt/Outbox/outbox', '--no-sandbox', '/tmp/b.tar.gz', '--enable-logging'], '/', false)).toBe('/tmp/b.tar.gz');
    expect(archiveFromArgv(['/opt/Outbox/outbox'], '/', false)).toBeNull();
    expect(archiveFromArgv(['electron', '/work/outbox', 'c.zip'], '/data', true)).toBe('/data/c.zip');
    expect(archiveFromArgv(['electron', '/work/outbox'], '/data', true)).toBeNull();
  });
});
