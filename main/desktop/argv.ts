// Which archive a command line asks the app to open: the last argument that is not a switch, made absolute.
import { resolve } from 'node:path';

/**
 * argv is process.argv (or a second instance's argv). Unpackaged (`electron <app folder> <archive>`), the first two
 * are the binary and the app folder; packaged, only the binary. Chromium may add --switches anywhere.
 */
export function archiveFromArgv(argv: readonly string[], cwd: string, defaultApp: boolean): string | null {
  const args = argv.slice(defaultApp ? 2 : 1).filter((a) => a.length > 0 && !a.startsWith('-'));
  const last = args.at(-1);
  return last === undefined ? null : resolve(cwd, last);
}
