// Test helper: open a path as the app would (a container, or one exported file a reader recognises) and read it
// with one reader through the seam: detect, then read.
import type { ExportRead, Reader } from '../../../main/engine/readers/reader.js';
import { openSource } from '../../../main/engine/source/open-source.js';
import type { Source } from '../../../main/engine/source/source.js';

export async function openAny(path: string, reader: Reader): Promise<Source> {
  return openSource(path, undefined, { acceptFile: async (file) => (await reader.detect(file)) !== null });
}

/** detect then read; null when the reader does not recognise the source. */
export async function readWith(reader: Reader, path: string): Promise<ExportRead | null> {
  const source = await openAny(path, reader);
  try {
    const plan = await reader.detect(source);
    if (!plan) return null;
    return await plan.read(() => undefined);
  } finally {
    await source.close();
  }
}
