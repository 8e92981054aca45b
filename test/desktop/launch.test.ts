// Starting the desktop app from plain Node: finding the binary without downloading it, and which archive argv names.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot, desktopProblem, findElectronBinary, launchDesktop } from '../../main/desktop/launch.js';
import { archiveFromArgv } from '../../main/desktop/argv.js';

const dir = mkdtempSync(join(tmpdir(), 'outbox-launch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = resolve(__dirname, '../..');
const installed = existsSync(join(root, 'node_modules/electron/path.txt'));

describe('findElectronBinary', () => {
  it('finds the package root', () => {
    expect(appRoot()).toBe(root);
  });

  it.skipIf(installed)('says null when the binary was never downloaded, and the CLI gets one line saying how to get it', () => {
    const env = { ...process.env };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    expect(findElectronBinary(env)).toBeNull();
    const message = desktopProblem(env)!;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/npx install-electron/);
    expect(message).toMatch(/browser mode/);
    const launch = launchDesktop('archive.zip', { env });
    expect(launch).toEqual({ ok: false, message });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, and only when the binary is there', () => {
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir };
    const name = installed ? readFileSync(join(root, 'node_modules/electron/path.txt'), 'utf8').trim() : 'electron';
    expect(findElectronBinary(env)).toBeNull();
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), '#!/bin/sh\n', { mode: 0o755 });
    expect(findElectronBinary(env)).toBe(join(dir, name));
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
