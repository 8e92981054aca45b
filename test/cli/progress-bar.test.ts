// The open progress bar: drawn and cleared on a terminal, silent on anything else.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../main/cli/progress-bar.js';

function stream(isTTY: boolean): { out: NodeJS.WriteStream; text: () => string } {
  const pass = new PassThrough();
  let text = '';
  pass.on('data', (d) => (text += String(d)));
  return { out: Object.assign(pass, { isTTY, columns: 100 }) as unknown as NodeJS.WriteStream, text: () => text };
}

describe('progressBar', () => {
  it('draws bytes and items on a terminal and erases the line at the end', async () => {
    const { out, text } = stream(true);
    const bar = progressBar(out);
    bar.update({ archive: 'a', phase: 'reading', bytesRead: 512 * 1024, bytesTotal: 1024 * 1024, items: 1234 });
    bar.clear();
    await new Promise((r) => setImmediate(r));
    expect(text()).toBe('\r\x1b[Kreading  [############............] 0.5/1.0 MB  1,234 items\r\x1b[K');
  });

  it('writes nothing when the stream is not a terminal', async () => {
    const { out, text } = stream(false);
    const bar = progressBar(out);
    bar.update({ archive: 'a', phase: 'reading', bytesRead: 1, bytesTotal: 2, items: 3 });
    bar.update({ archive: 'a', phase: 'done', bytesRead: 2, bytesTotal: 2, items: 3 });
    bar.clear();
    await new Promise((r) => setImmediate(r));
    expect(text()).toBe('');
  });
});
