// The export writers' door: the site, Markdown, SQLite, edges, pseudonyms and the manifest. Apart from index.ts so
// that what loads them is only `outbox export` (the CLI loads it on demand): `stats`, `search` and `summary` start
// without compiling them.
export { writeMarkdown } from '../export/markdown.js';
export { writeSite } from '../export/site.js';
export type { ExportOptions, ExportResult } from '../export/export-options.js';
export { writeManifest, makeManifest, type Manifest } from '../export/manifest.js';
export { writePostFiles } from '../export/post-files.js';
export { mediaOf } from '../export/media-copy.js';
export { Pseudonymizer, randomSalt } from '../export/pseudonymize.js';
export { EDGE_CSV_HEADER, edgeCsvRow, edgesOf, pseudonymousEdge } from '../export/edges.js';
export { writeSqlite, type SqliteAccount } from '../export/sqlite.js';
export { SITE_LANGUAGES } from '../export/site-words.js';
