// The command line's grammar: which subcommand, which flags it takes (node:util parseArgs), and usage errors.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXPORT_FORMAT_OPTIONS, FILTER_OPTIONS, RESEARCH_OPTIONS, STATS_OPTIONS } from './command-flags.js';

export type CommandName = 'summary' | 'export' | 'search' | 'serve' | 'stats' | 'launch';

type OptionSpec = { type: 'boolean' | 'string'; short?: string };

const COMMON: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
};

interface CommandSpec {
  options: Record<string, OptionSpec>;
  /**
   * names of the positionals, in order; a trailing '?' marks an optional one. One name may end in '...' (one or
   * more paths) or '...?' (zero or more): it takes every positional the names after it leave over.
   */
  positionals: string[];
}

export const COMMANDS: Record<CommandName, CommandSpec> = {
  summary: { options: { json: { type: 'boolean' } }, positionals: ['paths...'] },
  export: { options: { format: { type: 'string' }, out: { type: 'string', short: 'o' }, ...FILTER_OPTIONS, ...EXPORT_FORMAT_OPTIONS, ...RESEARCH_OPTIONS }, positionals: ['paths...'] },
  stats: { options: { ...STATS_OPTIONS, ...FILTER_OPTIONS }, positionals: ['paths...'] },
  search: { options: { json: { type: 'boolean' }, limit: { type: 'string', short: 'n' } }, positionals: ['paths...', 'query'] },
  serve: { options: { port: { type: 'string', short: 'p' }, 'no-open': { type: 'boolean' } }, positionals: ['paths...?'] },
  // `outbox [archive]`: the desktop app, or browser mode when it cannot start (so serve's flags apply too).
  launch: { options: { port: { type: 'string', short: 'p' }, 'no-open': { type: 'boolean' } }, positionals: ['archive?'] },
};

/** A mistake in the command line: exit 1, one line on stderr with a pointer to --help. */
export class UsageError extends Error {
  readonly command: CommandName | null;
  constructor(message: string, command: CommandName | null) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** export and search read posts: CSV files alone have none. */
export function needArchive(library: { archives: readonly unknown[] }, command: CommandName): void {
  if (library.archives.length === 0) throw new UsageError('no archive among the paths (CSV files hold no posts): give an archive too', command);
}

export interface Invocation {
  command: CommandName;
  /** positionals by name (absent optional ones are undefined) */
  args: Record<string, string | undefined>;
  flags: Record<string, string | boolean | undefined>;
  /** every archive and CSV path given (the variadic positional; [] for commands without one) */
  paths: string[];
}

const isCommand = (word: string): word is Exclude<CommandName, 'launch'> =>
  word === 'summary' || word === 'export' || word === 'search' || word === 'serve' || word === 'stats';

/** A bare word that is no subcommand is an archive if it looks like a path or exists; else it is a typo'd command. */
const looksLikePath = (word: string): boolean => /[/\\.]/.test(word) || existsSync(word);

function reword(error: unknown, command: CommandName): UsageError {
  const e = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(e.message ?? '')?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option ${quoted ?? ''}`.trim(), command);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(`${quoted ?? 'an option'} needs a value`, command);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`unexpected argument ${quoted ?? ''}`.trim(), command);
    default:
      return new UsageError(String(e.message ?? error).split('\n', 1)[0]!, command);
  }
}

/** Flags that take a value, so that in `outbox --port 0` the 0 is that value and not a command or archive. */
const VALUED = new Set(
  Object.values(COMMANDS).flatMap((c) =>
    Object.entries({ ...COMMON, ...c.options } as Record<string, OptionSpec>)
      .filter(([, o]) => o.type === 'string')
      .flatMap(([name, o]) => (o.short ? [`--${name}`, `-${o.short}`] : [`--${name}`])),
  ),
);

/** Index of the first argument that is neither a flag nor a flag's value; -1 when none. */
function firstWord(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return -1; // everything after -- is an archive path, never a command
    if (!a.startsWith('-')) return i;
    if (VALUED.has(a)) i++;
  }
  return -1;
}

/** Reads argv (without node and the script). Throws UsageError. */
export function parseInvocation(argv: string[]): Invocation {
  const at = firstWord(argv);
  const word = at >= 0 && !argv.slice(0, at).includes('--') ? argv[at]! : undefined;
  let command: CommandName = 'launch';
  let rest = argv;
  if (word !== undefined && isCommand(word)) {
    command = word;
    rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
  } else if (word !== undefined && !looksLikePath(word)) {
    throw new UsageError(`unknown command "${word}" (commands: summary, export, search, stats, serve; or give an archive path)`, null);
  }

  const spec = COMMANDS[command];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON, ...spec.options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw reword(error, command);
  }
  const flags = parsed.values as Record<string, string | boolean | undefined>;
  const args: Record<string, string | undefined> = {};
  if (flags.help || flags.version) return { command, args, flags, paths: [] };

  const given = parsed.positionals;
  const names = spec.positionals;
  const v = names.findIndex((n) => n.includes('...'));
  if (v >= 0) {
    // The names after the variadic one take the last positionals; the variadic one takes the rest.
    const optional = names[v]!.endsWith('?');
    const after = names.length - v - 1;
    const take = given.length - v - after;
    if (take < (optional ? 0 : 1)) {
      const missing = given.length <= v ? 'missing <archive>' : `missing <${names.at(-1)!.replace(/\?$/, '')}>`;
      throw new UsageError(missing, command);
    }
    const paths = given.slice(v, v + take);
    names.slice(0, v).forEach((n, k) => (args[n] = given[k]));
    args.archive = paths[0];
    names.slice(v + 1).forEach((n, k) => (args[n] = given[v + take + k]));
    return { command, args, flags, paths };
  }
  if (given.length > names.length) throw new UsageError(`unexpected argument "${given[names.length]}"`, command);
  names.forEach((name, i) => {
    const optional = name.endsWith('?');
    const key = optional ? name.slice(0, -1) : name;
    if (given[i] === undefined && !optional) throw new UsageError(`missing <${key}>`, command);
    args[key] = given[i];
  });
  return { command, args, flags, paths: args.archive === undefined ? [] : [args.archive] };
}
