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

/** `outbox export ARCHIVE --format F [filters] [--include-private] --out|--output …` for the archive file names given. */
export function exportCommand(archives: string[], format: ExportFormat, filter: PostFilter, includePrivate: boolean): string {
  const site = format === 'md' || format === 'html';
  // A file name that cannot be quoted portably is shown as a placeholder to replace, never half-quoted.
  const parts = ['outbox', 'export', ...archives.map((a) => shellQuote(a) ?? 'ARCHIVE'), '--format', format, ...filterFlags(filter)];
  if (site && includePrivate) parts.push('--include-private');
  parts.push('--out', site ? `outbox-${format}` : `posts.${format}`);
  return parts.join(' ');
}
