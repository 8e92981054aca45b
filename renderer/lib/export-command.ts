// The `outbox export` command line that writes what the viewer shows (sites are folders: the CLI writes them).
import type { PostFilter } from '../../preload/contract.js';

/** POSIX shell quoting: bare when safe, else single quotes ('\'' for a quote inside). */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

const FLAGS: Array<[keyof PostFilter, string]> = [['hasMedia', '--has-media'], ['hasPoll', '--has-poll'], ['hasCw', '--has-cw'], ['edited', '--edited'], ['noAlt', '--no-alt']];

/** The filter as `outbox export` flags, in the order its help lists them. */
export function filterFlags(filter: PostFilter): string[] {
  const out: string[] = [];
  const add = (flag: string, value: string | undefined) => value && out.push(flag, shellQuote(value));
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

export type ExportFormat = 'jsonl' | 'csv' | 'md' | 'html';

/** `outbox export ARCHIVE --format F [filters] [--include-private] --out|--output …` for the archive file names given. */
export function exportCommand(archives: string[], format: ExportFormat, filter: PostFilter, includePrivate: boolean): string {
  const site = format === 'md' || format === 'html';
  const parts = ['outbox', 'export', ...archives.map(shellQuote), '--format', format, ...filterFlags(filter)];
  if (site && includePrivate) parts.push('--include-private');
  parts.push('--out', site ? `outbox-${format}` : `posts.${format}`);
  return parts.join(' ');
}
