// Refuses an --out that would overwrite an input or write inside an unpacked archive: the archive is read-only.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

/** The real path of `path`, or of its nearest existing parent with the rest appended (for files not made yet). */
function realish(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : `${realish(parent)}${sep}${absolute.slice(parent.length + (parent.endsWith(sep) ? 0 : 1))}`;
  }
}

const inside = (child: string, folder: string) => child === folder || child.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/**
 * A sentence saying why `out` must not be written, or null when it is safe: it is a symbolic link, it is one of the
 * inputs (the same file, hardlinks included), or it lies inside an input that is a folder (an unpacked archive).
 */
export function outConflict(out: string, inputs: readonly string[]): string | null {
  // A link there would send the export (or its overwrites) wherever it points, perhaps over a file of the user's.
  if (lstatSync(out, { throwIfNoEntry: false })?.isSymbolicLink()) {
    return `--out ${out} is a symbolic link: Outbox never writes through one. Remove the link or choose another path.`;
  }
  const target = realish(out);
  let targetId: string | null = null;
  try {
    const s = statSync(target);
    targetId = `${s.dev}:${s.ino}`;
  } catch {
    // not there yet: only the folder checks apply
  }
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      continue; // a missing input is reported when it is opened
    }
    const source = realish(input);
    if (targetId !== null && `${stat.dev}:${stat.ino}` === targetId) {
      return `--out ${out} is ${input} itself: Outbox never writes over an archive. Choose another file.`;
    }
    if (stat.isDirectory() && inside(target, source)) {
      return `--out ${out} is inside the unpacked archive ${input}: Outbox never writes into an archive. Choose a folder outside it.`;
    }
  }
  return null;
}
