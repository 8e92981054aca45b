// Writes icon.png (512×512 RGBA) beside this script: a tray with an outgoing arrow on a rounded indigo square.
// Run with `node main/desktop/assets/make-icon.mjs`; electron-builder makes the .icns/.ico from the PNG.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const pixels = Buffer.alloc(SIZE * SIZE * 4);

// Signed-distance helpers, in pixels; coverage from distance gives anti-aliased edges.
const roundedBox = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const segment = (x, y, ax, ay, bx, by, w) => {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - w;
};
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d));

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const px = x + 0.5, py = y + 0.5;
    const bg = cover(roundedBox(px, py, 256, 256, 232, 232, 96));
    // Background: indigo, a little lighter at the top.
    const t = py / SIZE;
    let r = 79 - 30 * t, g = 70 - 30 * t, b = 229 - 50 * t;
    // Tray: a U of three strokes; arrow: a shaft and two barbs pointing up and out.
    const w = 22;
    const tray = Math.min(
      segment(px, py, 136, 300, 136, 392, w),
      segment(px, py, 136, 392, 376, 392, w),
      segment(px, py, 376, 392, 376, 300, w),
    );
    const arrow = Math.min(
      segment(px, py, 256, 320, 256, 128, w),
      segment(px, py, 256, 120, 184, 192, w),
      segment(px, py, 256, 120, 328, 192, w),
    );
    const fg = cover(Math.min(tray, arrow));
    r = r * (1 - fg) + 255 * fg; g = g * (1 - fg) + 255 * fg; b = b * (1 - fg) + 255 * fg;
    const i = (y * SIZE + x) * 4;
    pixels[i] = Math.round(r); pixels[i + 1] = Math.round(g); pixels[i + 2] = Math.round(b);
    pixels[i + 3] = Math.round(255 * bg);
  }
}

// PNG: signature, IHDR, one IDAT of filter-0 scanlines, IEND; each chunk with its CRC-32.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'icon.png'), png);
