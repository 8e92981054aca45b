// `outbox export`: every post, oldest first, streamed as JSONL lines or CSV rows (schema in export-schema.ts).
import type { Archive } from '../engine/archive.js';
import { csvHeader, csvRow } from './csv.js';
import { exportRow } from './export-schema.js';
import { openOutput } from './output.js';

export type ExportFormat = 'jsonl' | 'csv';

/** Writes the archive's posts to FILE or stdout; returns how many were written. */
export async function exportPosts(archive: Archive, format: ExportFormat, file: string | undefined): Promise<number> {
  const out = await openOutput(file);
  let count = 0;
  if (format === 'csv') await out.write(csvHeader());
  for (const post of archive.posts()) {
    const row = exportRow(post);
    await out.write(format === 'csv' ? csvRow(row) : `${JSON.stringify(row)}\n`);
    count++;
  }
  await out.end();
  return count;
}
