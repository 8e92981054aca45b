// electron-builder.yml: valid against electron-builder's own schema, with the fuses, targets and icon we promise.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const require = createRequire(join(root, 'package.json'));
const yaml = require('js-yaml') as { load(text: string): any };
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s configuration schema', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, asarr: true }, new DebugLogger(false))).rejects.toThrow(/asarr/);
  });

  it('names the app, packs an asar of built output only, and targets AppImage, deb, dmg and nsis', () => {
    expect(config.productName).toBe('Outbox');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+){2,}$/);
    expect(config.asar).toBe(true);
    const includes = (config.files as string[]).filter((f) => !f.startsWith('!'));
    expect(includes.filter((f) => f !== 'package.json').every((f) => f.startsWith('dist/'))).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
  });

  it('sets the fuses: no run-as-node, NODE_OPTIONS or --inspect; asar only; encrypted cookies', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('points at a 512×512 PNG icon', () => {
    const png = readFileSync(join(root, config.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    // the IDAT inflates to 512 rows of filter byte + RGBA
    const idat = png.indexOf('IDAT');
    const length = png.readUInt32BE(idat - 4);
    expect(inflateSync(png.subarray(idat + 4, idat + 4 + length)).length).toBe(512 * (512 * 4 + 1));
  });
});
