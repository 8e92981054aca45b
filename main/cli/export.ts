// `outbox export`: every post, oldest first, streamed as JSONL lines or CSV rows (schema in export-schema.ts).
import type { ArchiveInfo, Post } from '../../preload/contract.js';
import { accountLabel, rowLine, rowsHeader } from '../engine/service/index.js';
import { openOutput } from './output.js';

export type ExportFormat = 'jsonl' | 'csv';

/** What an export reads: posts oldest first, each with the account (see accountOf) whose export holds it. */
export interface ExportSource {
  posts(): Iterable<{ post: Post; account: string }>;
}

/** "@user@server" of an archive's account; the file name when the archive has no actor.json. */
export const accountOf = (info: ArchiveInfo): string => accountLabel(info);

/** Writes the posts to FILE or stdout; returns how many were written. */
export async function exportPosts(source: ExportSource, format: ExportFormat, file: string | undefined): Promise<number> {
  const out = await openOutput(file);
  let count = 0;
  // The same lines GET /api/export streams (engine/rows/post-rows.ts).
  if (format === 'csv') await out.write(rowsHeader(format));
  for (const { post, account } of source.posts()) {
    await out.write(rowLine(format, post, account));
    count++;
  }
  await out.end();
  return count;
}
