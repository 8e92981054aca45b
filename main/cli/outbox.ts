// The `outbox` command: reads the command line, runs one command, and turns every failure into one line + exit code.
import { ArchiveError, toErrorInfo, validateInteger, validateSearchLimit, DEFAULT_SEARCH_LIMIT } from '../engine/service/index.js';
import { needArchive, parseInvocation, UsageError, type Invocation } from './args.js';
import { accountsById, libraryNotices, librarySummaryText, overLibrary, searchLibrary } from './library-args.js';
import { ClosedPipe } from './output.js';
import { packageVersion } from './paths.js';
import { searchFooter, searchJson, searchLines } from './search.js';
import { guardStream } from './terminal.js';
import { runStats } from './stats-command.js';

/** Exit codes (documented in `outbox --help` and README). */
export const EXIT = { ok: 0, usage: 1, archive: 2, internal: 70 } as const;

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

function port(inv: Invocation): number {
  const r = validateInteger(inv.flags.port ?? '0', '--port', 0, 65535);
  if (!r.ok) throw new UsageError(r.message, inv.command);
  return r.value;
}


async function run(argv: string[]): Promise<number> {
  // stderr is always text for a person; stdout too, unless it carries data (an export, --json) that must stay exact.
  guardStream(process.stderr);
  const inv = parseInvocation(argv);
  const { command, args, flags } = inv;
  if (command !== 'export' && flags.json !== true) guardStream(process.stdout);
  if (flags.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (flags.help) {
    const { helpText } = await import('./help.js');
    process.stdout.write(`${helpText(command === 'launch' && !args.archive ? null : command)}\n`);
    return EXIT.ok;
  }
  const noCache = flags['no-cache'] === true;

  switch (command) {
    case 'summary': {
      // One archive and no CSV: the Summary keys exactly as that archive's, then accounts, relationships, moves.
      await overLibrary(inv.paths, { noCache }, (library) =>
        [libraryNotices(library), flags.json ? `${JSON.stringify(library.summary(), null, 2)}\n` : librarySummaryText(library)] as const,
      ([notices, text]) => {
        process.stderr.write(notices);
        process.stdout.write(text);
      });
      return EXIT.ok;
    }
    // The export writers (site, Markdown, SQLite, edges) load only for `export` (a chunk of their own: test/build.mjs).
    case 'export': {
      const { runExport } = await import('./export-command.js');
      await runExport(inv, noCache);
      return EXIT.ok;
    }
    case 'search': {
      const limit = validateSearchLimit(flags.limit ?? DEFAULT_SEARCH_LIMIT);
      if (!limit.ok) throw new UsageError(limit.message.replace(/^limit/, '--limit'), command);
      await overLibrary(inv.paths, { noCache }, async (library) => {
        needArchive(library, command);
        // One archive: that archive's own response (byte-equal to GET /api/search); several: merged, each result naming its archive.
        const answer = await searchLibrary(library, args.query!, limit.value);
        if (!answer.ok) {
          if (answer.code === 'bad-request') throw new UsageError(answer.message, command);
          throw new ArchiveError(answer.code, answer.message);
        }
        return [libraryNotices(library), answer.value, accountsById(library)] as const;
      }, ([notices, response, accounts]) => {
        process.stderr.write(notices);
        if (flags.json) process.stdout.write(searchJson(response));
        else {
          process.stdout.write(searchLines(response, accounts));
          process.stderr.write(searchFooter(response));
        }
      });
      return EXIT.ok;
    }
    case 'stats':
      return runStats(inv.paths, flags, { noCache, usage: (message) => new UsageError(message, command) });
    // The server and the desktop launcher load only for their commands (a separate chunk: see test/build.mjs).
    case 'serve': {
      const { serve } = await import('./serve.js');
      return serve(inv.paths, { port: port(inv), open: flags['no-open'] !== true, noCache });
    }
    case 'launch': {
      const { desktopUnavailable, launchDesktop } = await import('./desktop.js');
      const { serve } = await import('./serve.js');
      const why = desktopUnavailable();
      if (why === null) return launchDesktop(args.archive ?? null, noCache);
      process.stderr.write(`${why}\n`);
      return serve(args.archive === undefined ? [] : [args.archive], { port: port(inv), open: flags['no-open'] !== true, noCache });
    }
  }
}

/** One line on stderr for any failure; never a stack trace unless OUTBOX_DEBUG asks for it. */
function report(error: unknown): number {
  if (error instanceof ClosedPipe) return EXIT.ok;
  if (error instanceof UsageError) {
    const help = error.command && error.command !== 'launch' ? `outbox ${error.command} --help` : 'outbox --help';
    process.stderr.write(`outbox: ${oneLine(error.message)} (see \`${help}\`)\n`);
    return EXIT.usage;
  }
  if (process.env.OUTBOX_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  const info = toErrorInfo(error);
  if (info.code !== 'internal') {
    process.stderr.write(`outbox: ${oneLine(info.message)}\n`);
    return EXIT.archive;
  }
  process.stderr.write(`outbox: internal error: ${oneLine(info.message)} (a bug in Outbox; OUTBOX_DEBUG=1 shows where)\n`);
  return EXIT.internal;
}

/** Exits once stdout and stderr have flushed (a piped export must not lose its tail). */
function exit(code: number): void {
  process.exitCode = code;
  // A destroyed stream may never call back: do not hang on it.
  setTimeout(() => process.exit(code), 2000);
  let waiting = 2;
  const done = () => {
    if (--waiting === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

let finished = false;
const fail = (error: unknown) => {
  if (finished) return;
  finished = true;
  exit(report(error));
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
});

run(process.argv.slice(2)).then(
  (code) => {
    finished = true;
    exit(code);
  },
  fail,
);

