// `outbox export`: every post, oldest first, streamed as JSONL lines or CSV rows (schema in export-schema.ts).
import type { Post } from '../../preload/contract.js';
import { rowLine, rowsHeader } from '../engine/service/index.js';
import { isDamagedCache } from './damaged-cache.js';
import { openOutput } from './output.js';

export type ExportFormat = 'jsonl' | 'csv';

/** What an export reads: posts oldest first, each with the account (see accountLabel) whose export holds it. */
export interface ExportSource {
  posts(): Iterable<{ post: Post; account: string }>;
}

/**
 * Writes the posts to FILE or stdout; returns how many were written. `again`: when reading the posts fails with a
 * damaged saved index (isDamagedCache; it was removed), the same posts read from the archive again: the rows go on
 * from where they stopped (the same posts in the same order), so the output is what an intact index gives.
 */
export async function exportPosts(
  source: ExportSource, format: ExportFormat, file: string | undefined, again?: () => Promise<ExportSource>,
): Promise<number> {
  const out = await openOutput(file);
  let count = 0;
  // The same lines GET /api/export streams (engine/rows/post-rows.ts).
  if (format === 'csv') await out.write(rowsHeader(format));
  const write = async (from: ExportSource) => {
    let skip = count;
    for (const { post, account } of from.posts()) {
      if (skip > 0) {
        skip--;
        continue;
      }
      await out.write(rowLine(format, post, account));
      count++;
    }
  };
  try {
    await write(source);
  } catch (error) {
    if (!again || !isDamagedCache(error)) throw error;
    await write(await again());
  }
  await out.end();
  return count;
}
