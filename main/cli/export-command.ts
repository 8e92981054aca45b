// `outbox export <archive|csv>… --format F [--out PATH] [filters] [format and research flags]`: every flag checked
// before the read, then the posts handed to the format's writer. Loaded by outbox.ts only for `export`, so the
// other commands never load the writers.
import type { Library } from '../engine/service/index.js';
import { needArchive, UsageError, type Invocation } from './args.js';
import { exportPosts } from './export.js';
import { exportFormat, exportFormatOptions } from './export-formats.js';
import {
  EXPORT_FORMATS, exportEdges, exportManifest, exportSqlite, pseudonymousSource, researchOptions, siteLanguageFromLang, type AnyExportFormat,
} from './export-research.js';
import { filterFromFlags } from './command-flags.js';
import { libraryExport, libraryNotices, openLibraryForCli } from './library-args.js';
import { outConflict } from './out-guard.js';

export async function runExport(inv: Invocation, noCache: boolean): Promise<void> {
  const { command, flags } = inv;
  const format = flags.format;
  const usage = (message: string) => new UsageError(message, command);
  if (format === undefined) throw usage('missing --format jsonl|csv|sqlite|edges|md|html');
  if (!EXPORT_FORMATS.includes(format as AnyExportFormat)) throw usage(`--format must be jsonl, csv, sqlite, edges, md or html, not "${format}"`);
  const out = typeof flags.out === 'string' ? flags.out : undefined;
  if (format === 'md' || format === 'html') siteLanguageFromLang(format, flags);
  const filter = filterFromFlags(flags, usage);
  if (format === 'md' || format === 'html') exportFormatOptions(null, format, flags, usage); // bad flags fail before the read
  const { pseudonymizer } = researchOptions(format as AnyExportFormat, flags, usage);
  const conflict = out === undefined ? null : outConflict(out, inv.paths);
  if (conflict !== null) throw usage(conflict);
  // JSONL and CSV stream rows as the posts are read: the saved index is checked part by part, and a damaged part
  // found midway resumes the rows from the archive read again (exportPosts). The other formats check it at open.
  const rows = format === 'jsonl' || format === 'csv';
  // The formats written from the whole library hold much while they render: their cold open streams no records
  // (see OpenOptions.streamRecords). The row formats stream rows from the first post and hold little.
  const library = await openLibraryForCli(inv.paths, { noCache, checkWhenRead: rows, streamRecords: rows });
  let reopened: Library | null = null;
  try {
    needArchive(library, command);
    process.stderr.write(libraryNotices(library));
    const posts = libraryExport(library, filter);
    if (format === 'md' || format === 'html') await exportFormat(library, format, flags, usage, {
      pseudonymizer, paths: inv.paths, manifest: (counts) => exportManifest(library, inv.paths, format, filter, flags, counts, pseudonymizer),
    });
    else if (format === 'sqlite') await exportSqlite(library, posts, { out: out!, paths: inv.paths, filter, flags, pseudonymizer });
    else if (format === 'edges') await exportEdges(posts, out, pseudonymizer);
    else {
      await exportPosts(pseudonymousSource(posts, pseudonymizer), format as 'jsonl' | 'csv', out, async () => {
        reopened = await openLibraryForCli(inv.paths, { noCache });
        return pseudonymousSource(libraryExport(reopened, filter), pseudonymizer);
      });
    }
  } finally {
    await library.close();
    await (reopened as Library | null)?.close();
  }
}
