// What `outbox --help` and `outbox <command> --help` print.
import type { CommandName } from './args.js';
import { EXPORT_FORMATS_HELP } from './export-formats.js';
import { RESEARCH_HELP } from './export-research.js';
import { STATS_HELP } from './stats-command.js';

const COMMON = `Options for every command:
  --no-cache     do not read or write the index cache (the archive is read from scratch)
  -h, --help     show this help
  --version      print the version`;

const EXIT = `Exit codes: 0 ok; 1 usage error; 2 the archive (or a file or port) is unusable: one line on stderr;
70 an internal error (a bug in Outbox: one line on stderr; set OUTBOX_DEBUG=1 for the stack).`;

const TEXT: Record<CommandName | 'main', string> = {
  main: `Outbox: view a fediverse (Mastodon, Pleroma, Akkoma) account archive, offline.

Usage:
  outbox [archive]                                    open the desktop app (browser mode without Electron)
  outbox summary <archive|csv>... [--json]            counts, dates, languages, hashtags, people, moves
  outbox export <archive|csv>... --format jsonl|csv|sqlite|edges|md|html [--out FILE|DIR] [filters]
                                                      posts as JSONL, CSV, Markdown or a static site
  outbox stats <archive|csv>... [--json] [filters]    per month, hour × weekday, top hashtags, streaks…
  outbox search <archive|csv>... <query> [--json] [--limit N]
  outbox serve [archive|csv]... [--port N] [--no-open]
                                                      browser mode on 127.0.0.1 (the demo without an archive)

<archive> is a Mastodon export: a .zip, a .tar.gz, or an unpacked folder. Several may be given (exports of one
account taken at different times, or of the old and new account after a move): they are read as one history,
each post once. <csv> is a Mastodon CSV export (follows, followers, lists, blocks, mutes, domain blocks,
bookmarks); archives and CSV files are told apart by their content.
Run \`outbox <command> --help\` for one command.

${COMMON}

${EXIT}`,

  summary: `Usage: outbox summary <archive|csv>... [--json]

Reads the archives and CSV exports and prints what they hold: posts, boosts, replies, media, visibility,
languages, hashtags, dates; with several archives, the merged set (each post once) and moves between the
accounts; with CSV files, the follows, followers, lists, blocks, mutes, domain blocks and bookmarks.
  --json         print the summary as JSON (fixed keys: format, profile, counts, media, visibility, languages,
                 hashtags, dates, skippedItems over the merged set; accounts: one summary per archive;
                 relationships: {following, followers, lists, blocks, mutes, domainBlocks, bookmarks};
                 moves: [{from, to}])
CSV rows that could not be read are named on stderr ("file:line: reason").

${COMMON}`,

  export: `Usage: outbox export <archive|csv>... --format jsonl|csv|sqlite|edges|md|html [--out FILE|DIR] [filters]

Writes every post and boost, oldest first, in one stable schema (see README: "Export schema"). Several archives
are written as one history: a post in two exports once (the newer export's copy); the archive column names the
account ("@user@server") whose export it comes from.
  --format F     jsonl: one JSON object per line; csv: RFC 4180, header row, CRLF, UTF-8 without BOM,
                 arrays and objects (media, hashtags, mentions, poll) as JSON inside the cell, null as an empty cell
  -o, --out FILE write to FILE instead of standard output (md and html: the folder DIR to write)
${RESEARCH_HELP}
${EXPORT_FORMATS_HELP}

${COMMON}`,

  stats: `${STATS_HELP}

${COMMON}`,

  search: `Usage: outbox search <archive|csv>... <query> [--json] [--limit N]

Full-text search with the viewer's query language (words, "phrases", has:media, is:reply, lang:en, before:2023…).
The last argument is the query; every one before it is an archive (or CSV). Several archives are searched as one.
  --json         print {query, total, tookMs, results:[{id, url, published, snippet}]} (with several archives,
                 each result also has "archive": the id of the archive whose copy matched)
  -n, --limit N  at most N results (default 20)
Without --json: one result per line, "date  snippet  url" ("date  @user@server  snippet  url" with several
archives); the count goes to stderr.

${COMMON}`,

  serve: `Usage: outbox serve [archive|csv]... [--port N] [--no-open]

Browser mode: serves the viewer on http://127.0.0.1 and prints its address (with a secret token) as the first
line on stdout. Only that address answers, and only with the token. Without an archive: the demo archive.
Several archives are shown as one timeline; CSV exports (given, or named as Mastodon names them and lying in
an archive's folder: said on stderr) fill the People section.
  -p, --port N   listen on port N (default 0: any free port)
  --no-open      do not open the system browser
Stop it with Ctrl+C.

${COMMON}`,

  launch: `Usage: outbox [archive] [--no-open] [--port N]

Opens the desktop app (with the archive, when given). When the Electron binary is not installed, starts browser
mode instead (see \`outbox serve --help\`; --port and --no-open apply to it).

${COMMON}`,
};

export function helpText(command: CommandName | null): string {
  return TEXT[command ?? 'main'];
}
