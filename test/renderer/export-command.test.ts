// The export menu's command as words: full paths from the recent list, each word quoted once, joined by spaces.
import { describe, expect, it } from 'vitest';
import { archivePaths, exportCommand, exportCommandArgs } from '../../renderer/lib/export-command.js';

describe('archivePaths', () => {
  const recent = [
    { name: 'archive.zip', path: '/home/me/Downloads/archive.zip' },
    { name: 'archive.zip', path: '/home/me/old/archive.zip' },
    { name: 'odd.zip', path: '/home/me/a&b/odd.zip' },
  ];

  it('names each file by the newest path the recent list has for it', () => {
    expect(archivePaths(['archive.zip'], recent)).toEqual(['/home/me/Downloads/archive.zip']);
  });

  it('keeps the bare name when the list does not know the file, or the path cannot be quoted for every shell', () => {
    expect(archivePaths(['other.zip', 'odd.zip'], recent)).toEqual(['other.zip', 'odd.zip']);
  });
});

describe('exportCommandArgs', () => {
  it('gives whole words (a path with spaces stays one quoted word), and exportCommand joins them', () => {
    const args = exportCommandArgs(['/home/me/My Archives/archive.zip'], 'html', { hashtag: 'cats' }, false);
    expect(args).toEqual(['outbox', 'export', '"/home/me/My Archives/archive.zip"', '--format', 'html', '--hashtag', 'cats', '--out', 'outbox-html']);
    expect(exportCommand(['/home/me/My Archives/archive.zip'], 'html', { hashtag: 'cats' }, false)).toBe(args.join(' '));
  });
});
