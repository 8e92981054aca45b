// The `outbox export` command line that writes what the viewer shows (sites are folders: the CLI writes them).
import type { PostFilter } from '../../preload/contract.js';

/**
 * Quoting that means the same in a POSIX shell, Windows cmd.exe and PowerShell: bare when safe, else in double
 * quotes when nothing inside is special to any of them; null when no portable quoting exists. Filter values can
 * come from archive data (a hashtag's text, a mention's href), so a value like `a&calc&` must never reach a
 * command line someone pastes.
 */
export function shellQuote(arg: string): string | null {
  if (/^[A-Za-z0-9_@+=:,./-]+$/.test(arg)) return arg;
  if (/^[^"$`\\!%^&|<>;()\u0000-\u001f\u007f]*$/.test(arg)) return `"${arg}"`;
  return null;
}

const FLAGS: Array<[keyof PostFilter, string]> = [['hasMedia', '--has-media'], ['hasPoll', '--has-poll'], ['hasCw', '--has-cw'], ['edited', '--edited'], ['noAlt', '--no-alt']];

/** The filter as `outbox export` flags, in the order its help lists them. */
export function filterFlags(filter: PostFilter): string[] {
  const out: string[] = [];
  const add = (flag: string, value: string | undefined) => {
    const quoted = value ? shellQuote(value) : null;
    if (quoted !== null) out.push(flag, quoted);
  };
  add('--query', filter.q);
  add('--from', filter.from);
  add('--to', filter.to);
  add('--kinds', filter.kinds?.join(','));
  add('--visibility', filter.visibility?.join(','));
  add('--lang', filter.language);
  add('--hashtag', filter.hashtag);
  add('--mention', filter.mention);
  for (const [field, flag] of FLAGS) if (filter[field]) out.push(flag);
  return out;
}

/** The filter flags whose values cannot be written safely on a command line (left out of filterFlags). */
export function unquotableFilters(filter: PostFilter): string[] {
  const fields: Array<[string, string | undefined]> = [
    ['--query', filter.q], ['--from', filter.from], ['--to', filter.to], ['--lang', filter.language],
    ['--hashtag', filter.hashtag], ['--mention', filter.mention],
  ];
  return fields.filter(([, v]) => v && shellQuote(v) === null).map(([flag]) => flag);
}

export type ExportFormat = 'jsonl' | 'csv' | 'md' | 'html';

/**
 * The words of `outbox export ARCHIVE --format F [filters] [--include-private] --out …`, each already quoted: the
 * export menu shows them as unbreakable pieces, so a line wraps between words and never inside `--out` or a path.
 * `archives` are paths (or file names when the path is unknown).
 */
export function exportCommandArgs(archives: string[], format: ExportFormat, filter: PostFilter, includePrivate: boolean): string[] {
  const site = format === 'md' || format === 'html';
  // A file name that cannot be quoted portably is shown as a placeholder to replace, never half-quoted.
  const parts = ['outbox', 'export', ...archives.map((a) => shellQuote(a) ?? 'ARCHIVE'), '--format', format, ...filterFlags(filter)];
  if (site && includePrivate) parts.push('--include-private');
  parts.push('--out', site ? `outbox-${format}` : `posts.${format}`);
  return parts;
}

/** The command line exportCommandArgs spells, as one string (what Copy puts on the clipboard). */
export function exportCommand(archives: string[], format: ExportFormat, filter: PostFilter, includePrivate: boolean): string {
  return exportCommandArgs(archives, format, filter, includePrivate).join(' ');
}

/**
 * Where each archive file is, from the recent list (newest first, so the archive just opened wins over an older one
 * of the same name): the command then runs from any folder. A path no shell can take as it is, or a file the list
 * does not know, stays its bare name.
 */
export function archivePaths(files: readonly string[], recent: ReadonlyArray<{ name: string; path: string }>): string[] {
  return files.map((file) => {
    const path = recent.find((r) => r.name === file)?.path;
    return path && shellQuote(path) !== null ? path : file;
  });
}
