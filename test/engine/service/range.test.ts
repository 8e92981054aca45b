// The one Range rule and the one entry-name check, which browser mode's /media and the desktop's media scheme share.
import { describe, expect, it } from 'vitest';
import { entryName } from '../../../main/engine/service/entry-name.js';
import { parseRange } from '../../../main/engine/service/range.js';

describe('parseRange', () => {
  it('reads Range headers the HTTP way', () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-0', 100)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=10-', 100)).toEqual({ start: 10, end: 99 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-200', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=0-10,20-30', 100)).toBeNull();
    expect(parseRange('items=0-10', 100)).toBeNull();
    expect(parseRange('bytes=-', 100)).toBeNull();
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('ignores a range whose last byte is before its first (invalid, RFC 9110 §14.2): the whole entry, not 416', () => {
    expect(parseRange('bytes=5-3', 100)).toBeNull();
    expect(parseRange('bytes=500-3', 100)).toBeNull();
  });
});

describe('entryName', () => {
  it('decodes the names an index can hold', () => {
    expect(entryName('avatar.png')).toBe('avatar.png');
    expect(entryName(encodeURIComponent('media_attachments/files/1/a b.png'))).toBe('media_attachments/files/1/a b.png');
    expect(entryName('media_attachments/files/1/a.png')).toBe('media_attachments/files/1/a.png');
  });

  it('refuses escape-shaped names before any archive is asked', () => {
    for (const path of ['../x', 'a/../../x', '%2e%2e%2fx', '%2fetc%2fpasswd', '/etc/passwd', 'a\\b', 'a%5Cb', 'C:%5Cx', './x', '', '%zz', 'a//b', 'a%00b']) {
      expect(entryName(path), path).toBeNull();
    }
  });
});
