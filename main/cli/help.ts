// What `outbox --help` and `outbox <command> --help` print.
import type { CommandName } from './args.js';

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
  outbox summary <archive> [--json]                   counts, dates, languages, hashtags
  outbox export <archive> --format jsonl|csv [--out FILE]
                                                      every post, one line (JSONL) or row (CSV)
  outbox search <archive> <query> [--json] [--limit N]
  outbox serve [archive] [--port N] [--no-open]       browser mode on 127.0.0.1 (the demo without an archive)

<archive> is a Mastodon export: a .zip, a .tar.gz, or an unpacked folder.
Run \`outbox <command> --help\` for one command.

${COMMON}

${EXIT}`,

  summary: `Usage: outbox summary <archive> [--json]

Reads the archive and prints what it holds: posts, boosts, replies, media, visibility, languages, hashtags, dates.
  --json         print the Summary as JSON (fixed keys: format, profile, counts, media, visibility, languages,
                 hashtags, dates, skippedItems)

${COMMON}`,

  export: `Usage: outbox export <archive> --format jsonl|csv [--out FILE]

Writes every post and boost, oldest first, in one stable schema (see README: "Export schema").
  --format F     jsonl: one JSON object per line; csv: RFC 4180, header row, CRLF, UTF-8 without BOM,
                 arrays and objects (media, hashtags, mentions, poll) as JSON inside the cell, null as an empty cell
  -o, --out FILE write to FILE instead of standard output

${COMMON}`,

  search: `Usage: outbox search <archive> <query> [--json] [--limit N]

Full-text search with the viewer's query language (words, "phrases", has:media, is:reply, lang:en, before:2023…).
  --json         print {query, total, tookMs, results:[{id, url, published, snippet}]}
  -n, --limit N  at most N results (default 20)
Without --json: one result per line, "date  snippet  url"; the count goes to stderr.

${COMMON}`,

  serve: `Usage: outbox serve [archive] [--port N] [--no-open]

Browser mode: serves the viewer on http://127.0.0.1 and prints its address (with a secret token) as the first
line on stdout. Only that address answers, and only with the token. Without an archive: the demo archive.
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
